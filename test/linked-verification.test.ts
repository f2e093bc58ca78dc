import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { BIRTH_GROUP_APPLICATION, MARITAL, people } from "./helpers/fixtures.js";
import { BIRTH_REGISTRATION_ACTIONS } from "./helpers/linked.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Issue 12 review point 2: the civil-status officer handling a linked group's birth step marks
 * "cần xác minh" with a reason (`require_verification`, logged and audited on the step's dossier);
 * the group's limit becomes the catalogue's verification limit (5 working days) and its due is
 * recomputed. Only that step's agency, only while the step is processed, once.
 */
type Err = { error?: { code: string; messageVi: string; messageEn: string } };
type Dossier = Err & { status: string; log: Array<{ type: string; role: string; reason: string | null }> };
type Group = {
  dueAt: string;
  limit: { workingDays: number } | null;
  verification: {
    reason: string | null;
    workingDays: number | null;
    words: { vi: string; en: string };
  } | null;
  steps: Array<{ key: string; dossierId: string }>;
};

let s: TestServer;
const as: Record<string, Browser> = {};
beforeAll(async () => {
  // Wednesday 4 November 2026, 09:00 (the test clock).
  s = await startTestServer({}, { delivery: "manual" });
  for (const login of ["motcua.20194", "hotich.20194", "chuyenvien.20194", "congan.20194", "lanhdao.20194"]) {
    as[login] = new Browser(s.baseUrl);
    await as[login].signIn(login);
  }
  as.mother = new Browser(s.baseUrl);
  await as.mother.signIn(people.mother.pn);
});
afterAll(async () => s?.close());
const b = (who: string) => as[who] as Browser;
const mark = (who: string, id: string, reason?: string) =>
  b(who).send<Dossier>("POST", `/api/dossiers/${id}/actions`, {
    action: "require_verification",
    ...(reason ? { reason } : {}),
  });
/** The actions the dossier's view offers `who` on it. */
const offered = async (who: string, id: string) =>
  (await b(who).send<{ availableActions: string[] }>("GET", `/api/dossiers/${id}`)).body.availableActions;
const REASON =
  "Giấy chứng sinh ghi tên mẹ khác với Cơ sở dữ liệu quốc gia về dân cư; cần xác minh với bệnh viện.";

describe(`"cần xác minh" on a linked group's birth step (${engine})`, () => {
  let groupId = "";
  let birthId = "";
  it("not before the step is received; not by another agency; not without a reason", async () => {
    const filed = await b("mother").send<{ id: string }>(
      "POST",
      "/api/linked-applications",
      BIRTH_GROUP_APPLICATION,
    );
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    groupId = filed.body.id;
    const g = (await b("mother").send<Group>("GET", `/api/linked-applications/${groupId}`)).body;
    expect([g.dueAt, g.limit, g.verification]).toEqual([
      "2026-11-09T10:00:00.000Z",
      { workingDays: 3 },
      null,
    ]);
    birthId = g.steps.find((x) => x.key === "birth")?.dossierId as string;
    // Submitted, not received yet: not being processed.
    const early = await mark("hotich.20194", birthId, REASON);
    expect([early.status, early.body.error?.code]).toEqual([409, "ILLEGAL_TRANSITION"]);
    expect(
      (await b("motcua.20194").send("POST", `/api/dossiers/${birthId}/actions`, { action: "receive" }))
        .status,
    ).toBe(200);
    // The commune police handle the residence step, not the birth registration.
    const other = await mark("congan.20194", birthId, REASON);
    expect([other.status, other.body.error?.code]).toEqual([403, "OTHER_AGENCY"]);
    expect(other.body.error?.messageVi).toBeTruthy();
    expect(other.body.error?.messageEn).toBeTruthy();
    const bare = await mark("hotich.20194", birthId);
    expect([bare.status, bare.body.error?.code]).toEqual([400, "VALIDATION_FAILED"]);
    // The citizen has no such action.
    const citizen = await mark("mother", birthId, REASON);
    expect(citizen.status).toBe(403);
    const g2 = (await b("mother").send<Group>("GET", `/api/linked-applications/${groupId}`)).body;
    expect(g2.dueAt).toBe("2026-11-09T10:00:00.000Z");
  });

  it("the civil-status officer marks it: logged, audited, the group's due recomputed with 5 working days", async () => {
    const ctx0 = await b("hotich.20194").send<{ verification: boolean; verifiableDays: number | null }>(
      "GET",
      `/api/dossiers/${birthId}/linked-group`,
    );
    expect([ctx0.body.verification, ctx0.body.verifiableDays]).toEqual([false, 5]);
    // The API offers it where it can succeed: the birth step, received, its group not marked.
    expect(await offered("hotich.20194", birthId)).toContain("require_verification");
    const r = await mark("hotich.20194", birthId, REASON);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.status).toBe("received");
    const logged = r.body.log.at(-1);
    expect([logged?.type, logged?.reason]).toEqual(["require_verification", REASON]);
    // Received Wed 4 Nov 09:00: 5 working days → Wed 11 Nov 17:00.
    const g = (await b("mother").send<Group>("GET", `/api/linked-applications/${groupId}`)).body;
    expect([g.dueAt, g.limit]).toEqual(["2026-11-11T10:00:00.000Z", { workingDays: 5 }]);
    // Why the limit is 5 working days, told to the citizen with the officer's reason (issue 12 low b).
    expect([g.verification?.reason, g.verification?.workingDays]).toEqual([REASON, 5]);
    expect(g.verification?.words.vi).toBe(
      `UBND xã, phường (hộ tịch) cần xác minh thêm hồ sơ của bạn, vì vậy thời hạn giải quyết cả nhóm là 5 ngày làm việc. Lý do: ${REASON}`,
    );
    expect(g.verification?.words.en).toContain("needs to verify your application further");
    const row = await s.db.query<{ verification: boolean }>(
      "select verification from linked_groups where id = $1",
      [groupId],
    );
    expect(row.rows[0]?.verification).toBe(true);
    const audit = await s.db.query<{ outcome: string }>(
      "select outcome from audit_log where action = 'dossier.require_verification' and resource = $1 order by id",
      [`dossier:${birthId}`],
    );
    // The refusals above are audited (denied); the action itself is the dossier's log entry.
    expect(audit.rows.map((x) => x.outcome)).toEqual(["denied", "denied", "denied", "denied"]);
    const who = await s.db.query<{ actor: string }>(
      "select actor_id as actor from dossier_actions where dossier_id = $1 and action = 'require_verification'",
      [birthId],
    );
    expect(who.rows.map((x) => x.actor)).toEqual(["hotich.20194"]);
    const ctx = await b("hotich.20194").send<{
      verification: boolean;
      verificationWords: { vi: string; en: string } | null;
      verifiableDays: number | null;
      dueAt: string;
    }>("GET", `/api/dossiers/${birthId}/linked-group`);
    expect([ctx.body.verification, ctx.body.verifiableDays, ctx.body.dueAt]).toEqual([
      true,
      null,
      "2026-11-11T10:00:00.000Z",
    ]);
    expect(ctx.body.verificationWords).toEqual({
      vi: "Cần xác minh: thời hạn của cả nhóm là 5 ngày làm việc",
      en: "Verification required: the group's time limit is 5 working days",
    });
  });

  it("once per group, in both languages; nothing changes the second time", async () => {
    const again = await mark("hotich.20194", birthId, REASON);
    expect([again.status, again.body.error?.code]).toEqual([409, "VERIFICATION_ALREADY_MARKED"]);
    expect(again.body.error?.messageVi).toMatch(/đã được ghi nhận cần xác minh/);
    expect(again.body.error?.messageEn).toMatch(/already marked/);
    const n = await s.db.query<{ n: number }>(
      "select count(*)::int as n from dossier_actions where dossier_id = $1 and action = 'require_verification'",
      [birthId],
    );
    expect(n.rows[0]?.n).toBe(1);
  });

  it("the API lists it only where it can succeed: not once marked, not on a later step nor a lone dossier", async () => {
    // The marked birth step, still received: the effect would answer VERIFICATION_ALREADY_MARKED.
    const marked = await offered("hotich.20194", birthId);
    expect(marked).toContain("forward");
    expect(marked).not.toContain("require_verification");
    // A dossier of no group, received at the same commune: VERIFICATION_NOT_GROUP_STEP.
    const { id } = (
      await b("mother").send<{ id: string }>("POST", "/api/dossiers", { procedureCode: MARITAL.code })
    ).body;
    expect(
      (await b("mother").send("POST", `/api/dossiers/${id}/submit`, { values: MARITAL.values })).status,
    ).toBe(200);
    // Its fee paid at the demo bank, then received.
    const pay = await b("mother").send<{ demoBankUrl: string }>("GET", `/api/dossiers/${id}/payment`);
    expect((await b("mother").fetch(pay.body.demoBankUrl, { method: "POST" })).status).toBe(303);
    expect(
      (await b("motcua.20194").send("POST", `/api/dossiers/${id}/actions`, { action: "receive" })).status,
    ).toBe(200);
    const lone = await offered("hotich.20194", id);
    expect(lone).toContain("forward");
    expect(lone).not.toContain("require_verification");
    const refused = await mark("hotich.20194", id, REASON);
    expect([refused.status, refused.body.error?.code]).toEqual([409, "VERIFICATION_NOT_GROUP_STEP"]);
    // The residence step, started (and received) once the birth is registered: a later step.
    for (const [who, action] of BIRTH_REGISTRATION_ACTIONS.slice(1))
      expect((await b(who).send("POST", `/api/dossiers/${birthId}/actions`, { action })).status).toBe(200);
    await s.drain();
    const g = (await b("mother").send<Group>("GET", `/api/linked-applications/${groupId}`)).body;
    const residenceId = g.steps.find((x) => x.key === "residence")?.dossierId as string;
    const step = (await b("congan.20194").send<{ status: string }>("GET", `/api/dossiers/${residenceId}`))
      .body;
    expect(step.status).toBe("received");
    const later = await offered("congan.20194", residenceId);
    expect(later).toContain("forward");
    expect(later).not.toContain("require_verification");
  });
});
