import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { A, addDeceased, B, deathGroupApplication, people } from "./helpers/fixtures.js";
import { Browser, clockFrom, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * The death group served by its agencies (issue 12 points 6 and 7, issue 11 point 3): the father
 * links 3 of the 4 procedures of death group version 2 (the survivor benefit left out); the
 * commune's civil-status officer registers the death, the police officer refuses the residence
 * deregistration with a reason, the social-affairs officer grants the funeral allowance, which is
 * paid to the father's bank account (demo bank, signed confirmation) and written back to the
 * allowance registry with provenance. Each agency's officer acts on its own step only and sees
 * the others read-only. A second family's allowance to a closed account is retried, then flagged;
 * the social-affairs officer corrects the account and sends it again (audited), and it is paid.
 */
type Disbursement = {
  state: string;
  amount: number;
  account: string;
  bankRef: string | null;
  lastError: string | null;
  attempts: number;
};
type Step = {
  key: string;
  state: string;
  dossierId: string | null;
  status: string | null;
  reason: { vi: string; whatToDoVi?: string } | null;
  disbursement: Disbursement | null;
};
type Group = { state: string; steps: Step[]; group: { version: number } };
type Context = {
  groupId: string;
  dueState: string | null;
  steps: Array<{
    key: string;
    agency: string | null;
    state: string;
    status: string | null;
    current: boolean;
    dueState: string | null;
  }>;
};
type ErrorBody = { error?: { code: string; messageVi: string; messageEn: string } };

const grandfather = { pn: "048040000104", name: "Nguyễn Văn Cường", birth: "1940-02-10" };
const greatUncle = { pn: "048041000105", name: "Nguyễn Văn Nghĩa", birth: "1941-05-01" };
let secondId = "";
let s: TestServer;
const as: Record<string, Browser> = {};

beforeAll(async () => {
  s = await startTestServer(
    { OUTBOX_RETRY_BASE_SECONDS: "0.001", OUTBOX_RETRY_MAX_SECONDS: "0.001" },
    { now: clockFrom(new Date("2026-11-05T09:00:00+07:00")), delivery: "manual" },
  );
  await addDeceased(s.db, grandfather, { household: "HA-1", notice: "GBT-TEST-0001", commune: A.commune });
  for (const login of [
    people.father.pn,
    people.neighbour.pn,
    "motcua.20197",
    "hotich.20197",
    "xahoi.20197",
    "motcua.20194",
    "hotich.20194",
    "congan.20194",
    "xahoi.20194",
    "lanhdao.20194",
    "lanhdao.tinh.48",
  ]) {
    as[login] = new Browser(s.baseUrl);
    await as[login].signIn(login);
  }
}, 120_000);
afterAll(async () => s?.close());

const b = (who: string) => as[who] as Browser;
const act = (who: string, id: string, action: string, reason?: string) =>
  b(who).send<{ status: string } & ErrorBody>("POST", `/api/dossiers/${id}/actions`, {
    action,
    ...(reason ? { reason } : {}),
  });
const view = async (id: string, who: string = people.father.pn) =>
  (await b(who).send<Group>("GET", `/api/linked-applications/${id}`)).body;
const step = (g: Group, key: string) => g.steps.find((x) => x.key === key) as Step;
async function drainAll() {
  for (let i = 0; i < 6; i++) await s.drain();
}
async function file(account: string, who: string = people.father.pn) {
  const filed = await b(who).send<{ id: string }>(
    "POST",
    "/api/linked-applications",
    deathGroupApplication(account),
  );
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  return filed.body.id;
}

describe(`the death group, each agency on its own step (${engine})`, () => {
  let id = "";
  let g: Group;
  it("version 3 (2 on) has the survivor benefit as an optional fourth member; the father links 3 of 4", async () => {
    const def = await b(people.father.pn).send<{
      version: number;
      members: Array<{ key: string; optional: boolean }>;
      choose: { max: number };
    }>("GET", "/api/linked-groups/death");
    expect(def.body.version).toBe(3);
    expect(def.body.members.map((m) => [m.key, m.optional])).toEqual([
      ["death", false],
      ["deregistration", true],
      ["funeral", true],
      ["survivor", true],
    ]);
    expect(def.body.choose.max).toBe(4);
    id = await file("0123456789");
    g = await view(id);
    expect(g.group.version).toBe(3);
    expect(g.steps.map((x) => x.key)).toEqual(["death", "deregistration", "funeral"]);
  });

  it("the civil-status officer registers the death; the police officer may not act on it", async () => {
    const death = step(g, "death").dossierId as string;
    expect((await act("motcua.20194", death, "receive")).status).toBe(200);
    const police = await act("congan.20194", death, "forward");
    expect(police.status).toBe(403);
    expect(police.body.error).toMatchObject({
      code: "OTHER_AGENCY",
      messageVi: expect.stringContaining("cơ quan khác"),
    });
    // The civil-status officer's queue lists it; the police officer's does not.
    const queue = async (who: string) =>
      (await b(who).send<{ items: Array<{ id: string }> }>("GET", "/api/officer/dossiers")).body.items.map(
        (i) => i.id,
      );
    expect(await queue("hotich.20194")).toContain(death);
    expect(await queue("congan.20194")).not.toContain(death);
    for (const action of ["forward", "approve", "issue_result"])
      expect((await act("hotich.20194", death, action)).status).toBe(200);
    await drainAll();
    g = await view(id);
    expect(step(g, "death").state).toBe("done");
    expect(step(g, "deregistration").state).toBe("started");
    expect(step(g, "funeral").state).toBe("started");
  });

  it("the police officer sees the group's other steps read-only, then refuses the deregistration with a reason", async () => {
    const dereg = step(g, "deregistration").dossierId as string;
    const ctx = await b("congan.20194").send<Context>("GET", `/api/dossiers/${dereg}/linked-group`);
    expect(ctx.status).toBe(200);
    expect(ctx.body.steps.map((x) => [x.key, x.agency, x.state, x.current])).toEqual([
      ["death", "ubnd", "done", false],
      ["deregistration", "cong-an", "started", true],
      ["funeral", "van-hoa-xa-hoi", "started", false],
    ]);
    expect(ctx.body.dueState).toBe("on_time");
    // A dossier that is no group's step has no context (null, not an error).
    const { rows } = await s.db.query<{ id: string }>(
      "select id from dossiers where procedure_code = 'LOCAL.DK-TAM-TRU' limit 1",
    );
    if (rows[0])
      expect(
        (await b("congan.20194").send("GET", `/api/dossiers/${rows[0].id}/linked-group`)).body,
      ).toBeNull();
    expect((await act("hotich.20194", dereg, "forward")).body.error?.code).toBe("OTHER_AGENCY");
    await act("congan.20194", dereg, "forward");
    const refused = await act("congan.20194", dereg, "refuse", "Hộ khẩu đã được xóa theo hồ sơ khác.");
    expect(refused.body.status).toBe("refused");
  });

  it("the social-affairs officer grants the funeral allowance: paid to the bank account, written back with provenance", async () => {
    const funeral = step(g, "funeral").dossierId as string;
    for (const action of ["forward", "approve"])
      expect((await act("xahoi.20194", funeral, action)).status).toBe(200);
    // The law sets the funeral allowance: an amount typed by the officer is refused, not ignored.
    const typed = await b("xahoi.20194").send<{ status: string } & ErrorBody>(
      "POST",
      `/api/dossiers/${funeral}/actions`,
      { action: "issue_result", amount: 5_000_000 },
    );
    expect([typed.status, typed.body.error?.code]).toEqual([400, "AMOUNT_SET_BY_LAW"]);
    expect(typed.body.error?.messageVi).toContain("do pháp luật quy định (10.000.000 đồng)");
    expect(typed.body.error?.messageEn).toContain("set by law");
    const unchanged = await b("xahoi.20194").send<{ status: string }>("GET", `/api/dossiers/${funeral}`);
    expect(unchanged.body.status).toBe("approved");
    expect((await s.db.query("select 1 from disbursements where dossier_id = $1", [funeral])).rows).toEqual(
      [],
    );
    expect((await act("xahoi.20194", funeral, "issue_result")).status).toBe(200);
    await drainAll();
    g = await view(id);
    // The death extract stands, the refusal is explained in plain words, the allowance is paid.
    expect(step(g, "death").state).toBe("done");
    expect(step(g, "deregistration").state).toBe("failed");
    expect(step(g, "deregistration").reason?.vi).toContain("Hộ khẩu đã được xóa");
    expect(step(g, "funeral").state).toBe("done");
    expect(g.state).toBe("partly_done");
    expect(step(g, "funeral").disbursement).toMatchObject({
      state: "paid",
      amount: 10_000_000,
      account: "****6789",
      bankRef: expect.stringMatching(/^FT[0-9A-F]{12}$/),
    });
    const officer = await b("xahoi.20194").send<Disbursement>("GET", `/api/dossiers/${funeral}/disbursement`);
    expect(officer.body.state).toBe("paid");
    // The allowance registry holds the record and its payment, with provenance, once.
    const { rows } = await s.db.query<{
      kind: string;
      one_time_amount: number;
      payment: { bankRef: string; account: string };
      provenance: { dossierCode: string; resultNumber: string; deceasedNumber: string };
    }>("select kind, one_time_amount, payment, provenance from allowances where personal_number = $1", [
      people.father.pn,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: "funeral_allowance",
      one_time_amount: 10_000_000,
      payment: { bankRef: officer.body.bankRef, account: "****6789" },
      provenance: { resultNumber: expect.stringMatching(/^KQ-/), deceasedNumber: grandfather.pn },
    });
    const log = await s.db.query<{ sender: string; receiver: string; outcome: string }>(
      "select sender, receiver, outcome from message_log where type = 'allowances.paid@1'",
    );
    expect(log.rows.map((r) => r.outcome)).toContain("accepted");
    await drainAll();
    expect(
      (await s.db.query("select 1 from allowances where personal_number = $1", [people.father.pn])).rows,
    ).toHaveLength(1);
  });

  it("the leader view lists a group whose overall clock is near due or late, not one on time", async () => {
    const risk = async () =>
      (await b("lanhdao.tinh.48").send<{ items: Context[] }>("GET", "/api/leader/linked-groups")).body.items;
    // The neighbour's father died (household HB-1, commune B): his allowance goes to a closed account.
    await addDeceased(s.db, greatUncle, { household: "HB-1", notice: "GBT-TEST-0002", commune: B.commune });
    const second = await file("0123456000", people.neighbour.pn);
    secondId = second;
    expect((await risk()).map((x) => x.groupId)).not.toContain(second);
    await s.db.query("update linked_groups set due_at = '2026-11-05T08:00:00+07:00' where id = $1", [second]);
    const late = (await risk()).find((x) => x.groupId === second);
    expect(late?.dueState).toBe("overdue");
    // A finished (partly done) group is no longer at risk.
    expect((await risk()).map((x) => x.groupId)).not.toContain(id);
    expect((await b("congan.20194").fetch("/api/leader/linked-groups")).status).toBe(403);
  });
});

describe(`an allowance to a closed account (${engine})`, () => {
  it("is retried (3 attempts), then flagged with the bank's error; the citizen reads why", async () => {
    const id = secondId;
    const me = people.neighbour.pn;
    await s.db.query("update linked_groups set due_at = '2026-11-20T17:00:00+07:00' where id = $1", [id]);
    let g = await view(id, me);
    const death = step(g, "death").dossierId as string;
    await act("motcua.20197", death, "receive");
    for (const action of ["forward", "approve", "issue_result"]) await act("hotich.20197", death, action);
    await drainAll();
    g = await view(id, me);
    const funeral = step(g, "funeral").dossierId as string;
    for (const action of ["forward", "approve", "issue_result"])
      expect((await act("xahoi.20197", funeral, action)).status).toBe(200);
    for (let i = 0; i < 6; i++) {
      await new Promise((r) => setTimeout(r, 20));
      await s.drain();
    }
    g = await view(id, me);
    expect(step(g, "funeral").disbursement).toMatchObject({
      state: "flagged",
      lastError: "ACCOUNT_CLOSED",
      attempts: 3,
    });
    expect(step(g, "funeral").disbursement?.bankRef).toBeNull();
    // Nothing written back for money not paid.
    const { rows: records } = await s.db.query(
      "select 1 from allowances where personal_number = $1 and kind = 'funeral_allowance'",
      [me],
    );
    expect(records).toHaveLength(0);
  });

  it("the social-affairs officer corrects the account and sends it again (audited): paid; others may not", async () => {
    const me = people.neighbour.pn;
    const funeral = step(await view(secondId, me), "funeral").dossierId as string;
    const resend = (who: string, body: unknown) =>
      b(who).send<Disbursement & ErrorBody>("POST", `/api/dossiers/${funeral}/disbursement/resend`, body);
    const fix = { accountNumber: "0123456789", reason: "Công dân cung cấp tài khoản khác còn hoạt động." };
    // Another agency's officer of the same commune: refused, audited, nothing changed.
    const other = await resend("hotich.20197", fix);
    expect([other.status, other.body.error?.code]).toEqual([403, "OTHER_AGENCY"]);
    const bad = await resend("xahoi.20197", { ...fix, accountNumber: "12ab" });
    expect([bad.status, bad.body.error?.code]).toEqual([400, "ACCOUNT_NUMBER_INVALID"]);
    expect(bad.body.error?.messageVi).toBeTruthy();
    const noReason = await resend("xahoi.20197", { accountNumber: "0123456789" });
    expect([noReason.status, noReason.body.error?.code]).toEqual([400, "DISBURSEMENT_REASON_REQUIRED"]);
    expect(step(await view(secondId, me), "funeral").disbursement).toMatchObject({
      state: "flagged",
      account: "****6000",
    });
    const ok = await resend("xahoi.20197", fix);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ state: "pending", account: "****6789", attempts: 0, lastError: null });
    const again = await resend("xahoi.20197", fix);
    expect([again.status, again.body.error?.code]).toEqual([409, "DISBURSEMENT_NOT_FLAGGED"]);
    await drainAll();
    const paid = step(await view(secondId, me), "funeral").disbursement;
    expect(paid).toMatchObject({ state: "paid", account: "****6789", amount: 10_000_000 });
    expect(paid?.bankRef).toBeTruthy();
    const { rows: records } = await s.db.query(
      "select 1 from allowances where personal_number = $1 and kind = 'funeral_allowance'",
      [me],
    );
    expect(records).toHaveLength(1);
    const { rows: trail } = await s.db.query<{
      actor: string;
      outcome: string;
      detail: Record<string, unknown>;
    }>(
      `select actor_id as actor, outcome, detail from audit_log where action = 'disbursement.resend'
       and resource = $1 order by at, id`,
      [`dossier:${funeral}`],
    );
    // Bad input is refused before anything is read (400, not audited); refusals after are.
    expect(trail.map((r) => [r.actor, r.outcome])).toEqual([
      ["hotich.20197", "denied"],
      ["xahoi.20197", "allowed"],
      ["xahoi.20197", "denied"],
    ]);
    expect(trail[1]?.detail).toMatchObject({
      previousError: "ACCOUNT_CLOSED",
      accountChanged: true,
      account: "****6789",
    });
  });
});
