import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { BIRTH_VALUES, people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

type Field = {
  key: string;
  value: unknown;
  readOnly: boolean;
  visible: boolean;
  provenance: { registry: string; sourceVi: string; ref?: string } | null;
};
type View = {
  id: string;
  code: string | null;
  status: string;
  fields: Field[];
  components: Array<{ key: string; state: string }>;
  reuse: { fieldsTotal: number; fieldsPrefilled: number; fieldsTyped: number; componentsReplaced: number };
  dueAt: string | null;
  receivedAt: string | null;
  clock: { state: string; pausedNow: boolean } | null;
  log: Array<{ seq: number; type: string; actorId: string; role: string; reason: string | null }>;
  availableActions: string[];
  error?: { code: string; details?: Array<{ field: string }> };
};

let s: TestServer;
const mother = () => new Browser(s.baseUrl);
let citizen: Browser;
let receiver: Browser;
let specialist: Browser;
let leader: Browser;
beforeAll(async () => {
  s = await startTestServer();
  citizen = mother();
  await citizen.signIn(people.mother.pn);
  receiver = new Browser(s.baseUrl);
  await receiver.signIn("motcua.20194");
  specialist = new Browser(s.baseUrl);
  await specialist.signIn("chuyenvien.20194");
  leader = new Browser(s.baseUrl);
  await leader.signIn("lanhdao.20194");
});
afterAll(async () => s?.close());

const send = (
  b: Browser,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) => b.send<View>(method, path, body, headers);

const TYPED = BIRTH_VALUES;

describe(`birth registration, the whole journey through the API (${engine})`, () => {
  let id = "";

  it("the mother starts the dossier and finds her, the father's and the baby's registry facts filled in", async () => {
    const r = await send(citizen, "POST", "/api/dossiers", { procedureCode: "1.001193" });
    expect(r.status).toBe(201);
    id = r.body.id;
    const f = Object.fromEntries(r.body.fields.map((x) => [x.key, x]));
    expect(f["mother.fullName"]?.value).toBe(people.mother.name);
    expect(f["mother.fullName"]?.readOnly).toBe(true);
    expect(f["mother.fullName"]?.provenance?.sourceVi).toBe("Cơ sở dữ liệu quốc gia về dân cư");
    expect(f["father.fullName"]?.value).toBe(people.father.name);
    expect(f["father.birthYear"]?.value).toBe(1985);
    expect(f["child.sex"]?.value).toBe("F");
    expect(f["child.placeOfBirth"]?.value).toBe("Bệnh viện Phụ sản - Nhi Đà Nẵng");
    expect(f["child.placeOfBirth"]?.provenance?.registry).toBe("health_facility");
    expect(f["requester.personalNumber"]?.value).toBe(people.mother.pn);
    expect(f["child.fullName"]?.value).toBeNull();
    expect(f["child.fullName"]?.readOnly).toBe(false);
    // The hospital's certificate and the identity document are replaced by data: nothing to upload.
    const c = Object.fromEntries(r.body.components.map((x) => [x.key, x.state]));
    expect(c.birthCertificate).toBe("replaced");
    expect(c.marriageCertificate).toBe("replaced");
    expect(c.requesterIdentity).toBe("replaced");
  });

  it("changing a registry value is refused, audited, and nothing is written", async () => {
    const before = await s.db.query("select count(*)::int as n from dossier_actions where dossier_id = $1", [
      id,
    ]);
    const r = await send(citizen, "PUT", `/api/dossiers/${id}/form`, {
      values: { "father.fullName": "Người Khác" },
    });
    expect(r.status).toBe(400);
    expect(r.body.error?.code).toBe("PREFILL_TAMPERED");
    expect(r.body.error?.details?.[0]?.field).toBe("form.father.fullName");
    const after = await s.db.query("select count(*)::int as n from dossier_actions where dossier_id = $1", [
      id,
    ]);
    expect(after.rows).toEqual(before.rows);
    const denied = await s.db.query(
      "select 1 from audit_log where outcome = 'denied' and action = 'dossier.save_draft' and resource = $1",
      [`dossier:${id}`],
    );
    expect(denied.rows.length).toBe(1);
  });

  it("the citizen files a correction request instead; the form keeps the registry value", async () => {
    const res = await citizen.fetch(`/api/dossiers/${id}/corrections`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": await citizen.csrf() },
      body: JSON.stringify({ fieldKey: "mother.ethnicity", claimedValue: "Tày", note: "Tôi là người Tày" }),
    });
    expect(res.status).toBe(201);
    const { rows } = await s.db.query<{ registry: string; registry_value: string; claimed_value: string }>(
      "select registry, registry_value, claimed_value from correction_requests where dossier_id = $1",
      [id],
    );
    expect(rows).toEqual([{ registry: "population", registry_value: "Kinh", claimed_value: "Tày" }]);
  });

  it("submitting with a missing required field names the field in both languages", async () => {
    const r = await send(citizen, "POST", `/api/dossiers/${id}/submit`, {
      values: { ...TYPED, "child.fullName": "" },
    });
    expect(r.status).toBe(400);
    expect(r.body.error?.code).toBe("FORM_INVALID");
    expect(r.body.error?.details?.map((d) => d.field)).toEqual(["form.child.fullName"]);
  });

  it("the citizen saves a draft, then submits with an Idempotency-Key; a replay returns the same dossier", async () => {
    const saved = await send(citizen, "PUT", `/api/dossiers/${id}/form`, {
      values: { "child.fullName": "Nguyễn Ngọc Diệp" },
    });
    expect(saved.status).toBe(200);
    const r = await send(
      citizen,
      "POST",
      `/api/dossiers/${id}/submit`,
      { values: TYPED },
      { "idempotency-key": "birth-submit-0001" },
    );
    expect(r.status).toBe(200);
    expect(r.body.status).toBe("submitted");
    expect(r.body.code).toMatch(/^UB\.20194\.H48-\d{6}-0001$/);
    const replay = await send(
      citizen,
      "POST",
      `/api/dossiers/${id}/submit`,
      { values: TYPED },
      { "idempotency-key": "birth-submit-0001" },
    );
    expect(replay.status).toBe(200);
    expect(replay.body.code).toBe(r.body.code);
    const again = await send(citizen, "POST", `/api/dossiers/${id}/submit`, { values: TYPED });
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe("ILLEGAL_TRANSITION");
    const { rows } = await s.db.query("select count(*)::int as n from dossiers where applicant_number = $1", [
      people.mother.pn,
    ]);
    expect(rows[0]).toEqual({ n: 1 });
  });

  it("records what was reused: fields total, prefilled, typed, components replaced", async () => {
    const r = await send(citizen, "GET", `/api/dossiers/${id}`);
    // 24 visible fields: 21 from registries (authority, requester ×3 and the relationship, child ×3,
    // ethnicity and nationality from the parents, mother ×5, father ×5, "parents are married" from
    // the civil-status record), 3 typed by the citizen; 3 components replaced by data.
    expect(r.body.reuse).toMatchObject({ fieldsTotal: 24, fieldsPrefilled: 21, fieldsTyped: 3 });
    expect(r.body.reuse.componentsReplaced).toBe(3);
  });

  it("an officer of another commune cannot see or act on it", async () => {
    const other = new Browser(s.baseUrl);
    await other.signIn("motcua.20197");
    expect((await other.fetch(`/api/dossiers/${id}`)).status).toBe(404);
    const r = await send(other, "POST", `/api/dossiers/${id}/actions`, { action: "receive" });
    expect(r.status).toBe(404);
  });

  it("the one-stop officer receives it: the legal due date is the end of the effective receipt day", async () => {
    const r = await send(receiver, "POST", `/api/dossiers/${id}/actions`, { action: "receive" });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe("received");
    // Received on Wednesday 4 November 2026 at 09:00 (the test clock): due at 17:00 that day. A
    // same-day procedure is near due only in the last quarter of its time, so it is on time now.
    expect(r.body.dueAt).toBe("2026-11-04T10:00:00.000Z");
    expect(r.body.clock?.state).toBe("on_time");
  });

  it("acting in the wrong status or role is refused", async () => {
    const approveEarly = await send(leader, "POST", `/api/dossiers/${id}/actions`, { action: "approve" });
    expect(approveEarly.status).toBe(409);
    const wrongRole = await send(receiver, "POST", `/api/dossiers/${id}/actions`, { action: "approve" });
    expect([403, 409]).toContain(wrongRole.status);
    const noReason = await send(specialist, "POST", `/api/dossiers/${id}/actions`, {
      action: "request_supplement",
    });
    expect(noReason.status).toBe(400);
  });

  it("the specialist requests a supplement; the clock pauses; the citizen supplements", async () => {
    const req = await send(specialist, "POST", `/api/dossiers/${id}/actions`, {
      action: "request_supplement",
      reason: "Xin ghi rõ quê quán của cháu theo quê của cha (xã, tỉnh).",
    });
    expect(req.body.status).toBe("supplement_requested");
    expect(req.body.clock?.pausedNow).toBe(true);
    const mine = await send(citizen, "GET", `/api/dossiers/${id}`);
    expect(mine.body.log.at(-1)?.reason).toContain("quê quán");
    expect(mine.body.availableActions).toContain("supplement");
    const sup = await send(citizen, "POST", `/api/dossiers/${id}/actions`, {
      action: "supplement",
      values: { "child.homeTown": "Xã Hải Vân, thành phố Đà Nẵng" },
    });
    expect(sup.status).toBe(200);
    expect(sup.body.status).toBe("supplemented");
    expect(sup.body.clock?.pausedNow).toBe(false);
  });

  it("the leader approves, issues the result, the receiver returns it; the log tells the story", async () => {
    expect(
      (await send(leader, "POST", `/api/dossiers/${id}/actions`, { action: "approve" })).body.status,
    ).toBe("approved");
    expect(
      (await send(leader, "POST", `/api/dossiers/${id}/actions`, { action: "issue_result" })).body.status,
    ).toBe("result_issued");
    const done = await send(receiver, "POST", `/api/dossiers/${id}/actions`, { action: "return_result" });
    expect(done.body.status).toBe("result_returned");
    expect(done.body.log.map((a) => [a.type, a.role])).toEqual([
      ["create", "citizen"],
      ["save_draft", "citizen"],
      ["submit", "citizen"],
      ["receive", "receiver"],
      ["request_supplement", "specialist"],
      ["supplement", "citizen"],
      ["approve", "approver"],
      ["issue_result", "approver"],
      ["return_result", "receiver"],
    ]);
    expect(done.body.log.map((a) => a.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const view = await send(citizen, "GET", `/api/dossiers/${id}`);
    expect(view.body.fields.find((f) => f.key === "child.homeTown")?.value).toBe(
      "Xã Hải Vân, thành phố Đà Nẵng",
    );
    // Every change left an outbox message in the same transaction, and the issued result one more:
    // the registered birth, signed for the population registry (issue 11 point 3).
    const { rows } = await s.db.query<{ n: number }>("select count(*)::int as n from outbox where key = $1", [
      id,
    ]);
    expect(rows[0]?.n).toBe(10);
  });

  it("the mother's access list shows the prefill reads", async () => {
    const log = (await (await citizen.fetch("/api/me/access-log")).json()) as {
      items: Array<{ purpose: string; fields: string[] }>;
    };
    expect(log.items.some((e) => e.purpose === "prefill" && e.fields.includes("birthNotice"))).toBe(true);
  });
});
