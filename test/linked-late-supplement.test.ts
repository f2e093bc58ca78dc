import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refuseLateSupplement } from "../src/modules/dossiers/index.js";
import { refuseLateSupplements } from "../src/modules/linked/index.js";
import { engine } from "./helpers/db.js";
import { BIRTH_GROUP_APPLICATION, people } from "./helpers/fixtures.js";
import { registerBirth } from "./helpers/linked.js";
import { Browser, clockFrom, startTestServer, TEST_START, type TestServer } from "./helpers/server.js";

/**
 * Issue 12 review point 1: a linked step's supplement request unanswered past the group's
 * `supplementWithin` (birth group: 7 working days, Decree 63/2024) refuses the step's file on its
 * own, through the dispatcher's timed work on the injected clock; a supplement given in time is
 * never refused.
 */
type Step = {
  key: string;
  state: string;
  dossierId: string | null;
  status: string | null;
  reason: { vi: string; en: string } | null;
};
type Dossier = {
  status: string;
  log: Array<{ type: string; role: string; reason: string | null; payload?: Record<string, unknown> }>;
  supplementRequest: { at: string; reason: string | null; dueAt: string | null } | null;
  error?: { code: string };
};

/** The test's clock: the usual start (Wed 4 Nov 2026, 09:00), moved on by `to`. */
let shift = 0;
const base = clockFrom(TEST_START);
const now = () => new Date(base().getTime() + shift);
/** Moves the clock to `iso` (Vietnam time written in the string). */
const to = (iso: string) => {
  shift += new Date(iso).getTime() - now().getTime();
};

let s: TestServer;
let mother: Browser;
let receiver: Browser;
beforeAll(async () => {
  s = await startTestServer({}, { now, delivery: "manual" });
  mother = new Browser(s.baseUrl);
  await mother.signIn(people.mother.pn);
  receiver = new Browser(s.baseUrl);
  await receiver.signIn("motcua.20194");
});
afterAll(async () => s?.close());

const group = async (id: string) =>
  (await mother.send<{ state: string; steps: Step[] }>("GET", `/api/linked-applications/${id}`)).body;
const act = (b: Browser, id: string, action: string, reason?: string) =>
  b.send<Dossier>("POST", `/api/dossiers/${id}/actions`, { action, ...(reason ? { reason } : {}) });

describe(`a linked step's unanswered supplement request (${engine})`, () => {
  let id = "";
  let birthId = "";
  it("a supplement given before the deadline is never refused", async () => {
    const filed = await mother.send<{ id: string }>(
      "POST",
      "/api/linked-applications",
      BIRTH_GROUP_APPLICATION,
    );
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    id = filed.body.id;
    birthId = (await group(id)).steps.find((x) => x.key === "birth")?.dossierId as string;
    expect((await act(receiver, birthId, "receive")).status).toBe(200);
    expect((await act(receiver, birthId, "request_supplement", "Ảnh giấy chứng sinh bị mờ.")).status).toBe(
      200,
    );
    // Asked Wed 4 Nov: due Fri 13 Nov 17:00, 7 working days; the officer's page shows it too.
    const seen = (await receiver.send<Dossier>("GET", `/api/dossiers/${birthId}`)).body;
    expect(seen.supplementRequest?.dueAt).toBe("2026-11-13T10:00:00.000Z");
    to("2026-11-13T16:59:00+07:00");
    await s.drain();
    expect((await act(mother, birthId, "supplement")).status).toBe(200);
    // Past the first deadline, answered: nothing to refuse, however often the sweep runs.
    to("2026-11-16T09:00:00+07:00");
    await s.drain();
    expect(await refuseLateSupplements(s, now())).toBe(0);
    const d = (await mother.send<Dossier>("GET", `/api/dossiers/${birthId}`)).body;
    expect(d.status).toBe("supplemented");
    expect(d.log.some((a) => a.type === "refuse")).toBe(false);
  });

  it("one minute before the deadline nothing happens; once past it the file is refused by the platform", async () => {
    // A second request on Mon 16 Nov: due Wed 25 Nov 17:00.
    expect(
      (await act(receiver, birthId, "request_supplement", "Thiếu trang 2 của giấy chứng sinh.")).status,
    ).toBe(200);
    to("2026-11-25T16:59:00+07:00");
    await s.drain();
    expect((await mother.send<Dossier>("GET", `/api/dossiers/${birthId}`)).body.status).toBe(
      "supplement_requested",
    );
    to("2026-11-25T17:01:00+07:00");
    await s.drain();
    await s.drain();
    const d = (await mother.send<Dossier>("GET", `/api/dossiers/${birthId}`)).body;
    expect(d.status).toBe("refused");
    const refusal = d.log.at(-1);
    expect(refusal?.type).toBe("refuse");
    expect(refusal?.role).toBe("system");
    expect(refusal?.reason).toContain("7 ngày làm việc");
    expect(refusal?.reason).toContain("Nghị định 63/2024/NĐ-CP");
    expect(refusal?.reason).toContain("17:00 ngày 25/11/2026");
    // The group treats it as any refusal: the step failed with the reason, its dependants cancelled.
    const g = await group(id);
    const byKey = Object.fromEntries(g.steps.map((x) => [x.key, x]));
    expect(byKey.birth?.state).toBe("failed");
    expect(byKey.birth?.reason?.vi).toContain("quá hạn bổ sung");
    expect(byKey.residence?.state).toBe("cancelled");
    expect(byKey.insurance?.state).toBe("cancelled");
    expect(g.state).toBe("failed");
    // The citizen is told, as of an officer's refusal.
    const mine = await mother.send<{ items: Array<{ dossierId: string; textVi: string }> }>(
      "GET",
      "/api/me/notifications",
    );
    const told = mine.body.items.filter((n) => n.dossierId === birthId).map((n) => n.textVi);
    expect(told.some((t) => /bị từ chối: Hệ thống tự động từ chối hồ sơ/.test(t))).toBe(true);
  });

  it("is idempotent, and a supplement too late finds the file refused", async () => {
    expect(await refuseLateSupplements(s, now())).toBe(0);
    expect(await refuseLateSupplement(s.db, birthId, { actorId: "linked-group", at: now() })).toBe(false);
    const late = await act(mother, birthId, "supplement");
    expect(late.status).toBe(409);
    expect(late.body.error?.code).toBe("ILLEGAL_TRANSITION");
    const refusals = await s.db.query<{ n: number }>(
      "select count(*)::int as n from dossier_actions where dossier_id = $1 and action = 'refuse'",
      [birthId],
    );
    expect(refusals.rows[0]?.n).toBe(1);
  });
});

describe(`a late supplement on a step the group started, not its first (${engine})`, () => {
  let id = "";
  let residenceId = "";
  it("the residence step, started from the birth result: the police ask for a supplement on it", async () => {
    const filed = await mother.send<{ id: string }>("POST", "/api/linked-applications", {
      ...BIRTH_GROUP_APPLICATION,
      shared: { ...BIRTH_GROUP_APPLICATION.shared, "child.fullName": "Nguyễn Ngọc Lan" },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    id = filed.body.id;
    const birthId = (await group(id)).steps.find((x) => x.key === "birth")?.dossierId as string;
    const officers = Object.fromEntries(
      await Promise.all(
        ["motcua.20194", "chuyenvien.20194", "lanhdao.20194", "congan.20194"].map(async (login) => {
          const b = new Browser(s.baseUrl);
          await b.signIn(login);
          return [login, b] as const;
        }),
      ),
    );
    expect(await registerBirth((login) => officers[login] as Browser, birthId)).toEqual([200, 200, 200, 200]);
    for (let i = 0; i < 3; i++) await s.drain();
    const started = (await group(id)).steps.find((x) => x.key === "residence") as Step;
    expect([started.state, started.status]).toEqual(["started", "received"]);
    residenceId = started.dossierId as string;
    const asked = await act(
      officers["congan.20194"] as Browser,
      residenceId,
      "request_supplement",
      "Thiếu ảnh sổ hộ khẩu.",
    );
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    // Asked Wed 25 Nov at 17:01 (after 15:00: counted from Thu 26): 7 working days, Mon 7 Dec 17:00.
    expect(asked.body.supplementRequest?.dueAt).toBe("2026-12-07T10:00:00.000Z");
  });

  it("past supplementWithin the sweep refuses it: the step failed, the birth result stands, the citizen told", async () => {
    to("2026-12-07T16:59:00+07:00");
    expect(await refuseLateSupplements(s, now())).toBe(0);
    to("2026-12-07T17:01:00+07:00");
    await s.drain();
    await s.drain();
    const d = (await mother.send<Dossier>("GET", `/api/dossiers/${residenceId}`)).body;
    expect(d.status).toBe("refused");
    expect(d.log.at(-1)).toMatchObject({ type: "refuse", role: "system" });
    expect(d.log.at(-1)?.reason).toContain("17:00 ngày 07/12/2026");
    const g = await group(id);
    const byKey = Object.fromEntries(g.steps.map((x) => [x.key, x]));
    expect(byKey.residence?.state).toBe("failed");
    expect(byKey.residence?.reason?.vi).toContain("quá hạn bổ sung");
    // No step depends on the residence step: the birth extract stands, nothing else is cancelled.
    expect(byKey.birth?.state).toBe("done");
    expect(byKey.insurance?.state).not.toBe("cancelled");
    const mine = await mother.send<{ items: Array<{ dossierId: string; textVi: string }> }>(
      "GET",
      "/api/me/notifications",
    );
    const told = mine.body.items.filter((n) => n.dossierId === residenceId).map((n) => n.textVi);
    expect(told.some((t) => /bị từ chối: Hệ thống tự động từ chối hồ sơ/.test(t))).toBe(true);
  });
});
