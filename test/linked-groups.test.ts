import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { byLinkedGroup, reasonOf } from "../src/domain/timeline.js";
import { provideFact } from "../src/modules/linked/index.js";
import { engine } from "./helpers/db.js";
import { BIRTH_GROUP_APPLICATION, BIRTH_VALUES, people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

type Step = {
  key: string;
  state: string;
  words: { vi: string; en: string };
  dossierId: string | null;
  code: string | null;
  status: string | null;
  limit: { workingDays: number } | null;
  plannedDueAt: string;
  dueAt: string | null;
  feeAmount: number | null;
  resultNumber: string | null;
  reason: { vi: string; en: string; whatToDoVi?: string } | null;
  agencyVi: string;
  registryUpdateFailed: boolean;
  supplement: { reason: string | null; requestedAt: string; dueAt: string | null } | null;
};
type Group = {
  id: string;
  supplementWithin: { workingDays: number } | null;
  state: string;
  dueAt: string;
  limit: { workingDays: number } | null;
  steps: Step[];
  error?: { code: string; details?: Array<{ field: string; messageVi: string }> };
};
type Dossier = {
  id: string;
  status: string;
  fields: Array<{
    key: string;
    value: unknown;
    readOnly?: boolean;
    provenance?: { sourceVi: string; sourceEn: string } | null;
  }>;
  dueAt: string | null;
  log: Array<{
    seq: number;
    type: string;
    role: string;
    reason: string | null;
    actorId: string;
    actorKind: string;
    payload: Record<string, unknown>;
  }>;
  supplementRequest: { at: string; reason: string | null; dueAt: string | null } | null;
};

let s: TestServer;
let mother: Browser;
let receiver: Browser;
let specialist: Browser;
let leader: Browser;
let admin: Browser;
beforeAll(async () => {
  // Wednesday 4 November 2026, 09:00 (the test clock); the dispatcher is driven by the test.
  s = await startTestServer({}, { delivery: "manual" });
  // Filed under the birth group's version 1, before its card was decided automatically (version 2,
  // test/linked-birth-automatic.test.ts): a group keeps its version, and its card needs the officer.
  await s.db.query("update linked_group_versions set status = 'retired' where code = 'birth'");
  await s.db.query(
    "update linked_group_versions set status = 'published' where code = 'birth' and version = 1",
  );
  mother = new Browser(s.baseUrl);
  await mother.signIn(people.mother.pn);
  receiver = new Browser(s.baseUrl);
  await receiver.signIn("motcua.20194");
  specialist = new Browser(s.baseUrl);
  await specialist.signIn("chuyenvien.20194");
  leader = new Browser(s.baseUrl);
  await leader.signIn("lanhdao.20194");
  admin = new Browser(s.baseUrl);
  await admin.signIn("admin");
});
afterAll(async () => s?.close());

const group = async (id: string) => (await mother.send<Group>("GET", `/api/linked-applications/${id}`)).body;
const step = (g: Group, key: string) => {
  const found = g.steps.find((x) => x.key === key);
  if (!found) throw new Error(`no step ${key}`);
  return found;
};
const act = (b: Browser, id: string, action: string, reason?: string) =>
  b.send<Dossier>("POST", `/api/dossiers/${id}/actions`, { action, ...(reason ? { reason } : {}) });
/** The receiver receives (unless the platform did), the specialist forwards, the leader approves and issues the result. */
async function process(id: string, received = false) {
  if (!received) expect((await act(receiver, id, "receive")).status).toBe(200);
  expect((await act(specialist, id, "forward")).status).toBe(200);
  expect((await act(leader, id, "approve")).status).toBe(200);
  const issued = await act(leader, id, "issue_result");
  expect(issued.body.status).toBe("result_issued");
}

describe(`linked groups as catalogue data (${engine})`, () => {
  it("lists the birth and death groups; unconfirmed limits are not shown to citizens", async () => {
    const r = await mother.send<{
      items: Array<{ code: string; limit: unknown; members: Array<{ key: string; limit: unknown }> }>;
    }>("GET", "/api/linked-groups");
    const byCode = Object.fromEntries(r.body.items.map((g) => [g.code, g]));
    expect(byCode.birth?.limit).toEqual({ workingDays: 3 });
    expect(byCode.birth?.members.map((m) => [m.key, m.limit])).toEqual([
      ["birth", { workingDays: 0 }],
      ["residence", { workingDays: 2 }],
      ["insurance", { workingDays: 2 }],
    ]);
    expect(byCode.death?.limit).toBeNull();
    expect(byCode.death?.members.every((m) => m.limit === null)).toBe(true);
  });

  it("publishing a new version adds a member, without code; an invalid one lists its problems", async () => {
    const current = await admin.send<{ definition: Record<string, unknown> }>(
      "GET",
      "/api/linked-groups/death",
    );
    expect(current.status).toBe(200);
    const { rows } = await s.db.query<{ definition: { members: Array<Record<string, unknown>> } }>(
      "select definition from linked_group_versions where code = 'death' and status = 'published'",
    );
    const def = rows[0]?.definition as { members: Array<Record<string, unknown>>; choose: unknown };
    const copy = {
      ...def,
      members: [
        ...def.members,
        { ...def.members[2], key: "copy", procedureCode: "LOCAL.SAO-Y", dependsOn: ["death"], needs: [] },
      ],
      choose: { min: 2, max: 5 },
    };
    const bad = await admin.send<Group>("POST", "/api/admin/linked-groups", {
      definition: { ...copy, members: [...copy.members, { ...def.members[1], dependsOn: ["nobody"] }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe("GROUP_INVALID");
    const draft = await admin.send<{ version: number; status: string }>("POST", "/api/admin/linked-groups", {
      definition: {
        ...copy,
        members: [...copy.members.slice(0, 4), { ...copy.members[4], procedureCode: "LOCAL.BAN-SAO" }],
      },
    });
    // Only a published procedure may be a member: name one that exists.
    expect(draft.status).toBe(400);
    const codes = await s.db.query<{ code: string }>(
      "select code from procedure_versions where status = 'published' and code like 'LOCAL.%' and code not in ('LOCAL.KHAI-TU', 'LOCAL.XOA-DKTT', 'LOCAL.MAI-TANG-PHI', 'LOCAL.BHYT-TE', 'LOCAL.TRO-CAP-TUAT') order by code limit 1",
    );
    const other = codes.rows[0]?.code as string;
    const ok = await admin.send<{ version: number; status: string }>("POST", "/api/admin/linked-groups", {
      definition: {
        ...copy,
        members: [...copy.members.slice(0, 4), { ...copy.members[4], procedureCode: other }],
      },
    });
    expect(ok.status).toBe(201);
    // Versions 2 (the survivor benefit) and 3 (the date of death once) are the starter data's; this is the fourth.
    expect(ok.body).toMatchObject({ version: 4, status: "draft" });
    const pub = await admin.send<{ status: string }>(
      "POST",
      "/api/admin/linked-groups/death/versions/4/publish",
    );
    expect(pub.body.status).toBe("published");
    const after = await mother.send<{
      version: number;
      members: Array<{ key: string; procedureCode: string; procedureVi: string; procedureEn: string }>;
    }>("GET", "/api/linked-groups/death");
    expect(after.body.version).toBe(4);
    expect(after.body.members.map((m) => m.key)).toEqual([
      "death",
      "deregistration",
      "funeral",
      "survivor",
      "copy",
    ]);
    // Every member, the new one too, is named by its procedure's published name: data, not code.
    for (const m of after.body.members) {
      const p = await s.db.query<{ nameVi: string; nameEn: string }>(
        `select definition->>'nameVi' as "nameVi", definition->>'nameEn' as "nameEn"
         from procedure_versions where code = $1 and status = 'published'`,
        [m.procedureCode],
      );
      expect([m.procedureVi, m.procedureEn]).toEqual([p.rows[0]?.nameVi, p.rows[0]?.nameEn]);
    }
    expect(after.body.members.find((m) => m.key === "copy")?.procedureCode).toBe(other);
    const citizenTries = await mother.send<Group>("POST", "/api/admin/linked-groups", { definition: copy });
    expect(citizenTries.status).toBe(403);
  });
});

describe(`the birth group, one application (${engine})`, () => {
  let id = "";
  let birthId = "";

  it("refuses a member the group does not have, in both languages", async () => {
    const r = await mother.send<Group>("POST", "/api/linked-applications", {
      group: "birth",
      members: ["passport"],
    });
    expect(r.status).toBe(400);
    expect(r.body.error?.details?.[0]?.messageVi).toBe("Nhóm không có thủ tục passport.");
  });

  it("one submission creates the group and a dossier per agency; only birth registration starts", async () => {
    // A double tap: two requests with one Idempotency-Key at once, then a retry after both answered.
    const file = () =>
      mother.send<{ id: string }>("POST", "/api/linked-applications", application, {
        "idempotency-key": "birth-group-tap-0001",
      });
    const application = BIRTH_GROUP_APPLICATION;
    const [r, twin] = await Promise.all([file(), file()]);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(twin.status, JSON.stringify(twin.body)).toBe(201);
    expect(twin.body.id).toBe(r.body.id);
    expect((await file()).body.id).toBe(r.body.id);
    const filed = await s.db.query<{ groups: number; births: number }>(
      `select (select count(*)::int from linked_groups where applicant_number = $1) as groups,
              (select count(*)::int from dossiers where applicant_number = $1 and procedure_code = '1.001193') as births`,
      [people.mother.pn],
    );
    expect(filed.rows[0]).toEqual({ groups: 1, births: 1 });
    id = r.body.id;
    const g = await group(id);
    expect(g.state).toBe("in_progress");
    // Received Wed 4 Nov 2026 09:00: the group is due in 3 working days (Mon 9 Nov, 17:00).
    expect(g.dueAt).toBe("2026-11-09T10:00:00.000Z");
    expect(g.limit).toEqual({ workingDays: 3 });
    const birth = step(g, "birth");
    birthId = birth.dossierId as string;
    expect(birth).toMatchObject({ state: "started", status: "submitted", feeAmount: 0 });
    expect(birth.code).toMatch(/^UB\.20194\.H48-/);
    expect(birth.plannedDueAt).toBe("2026-11-04T10:00:00.000Z");
    for (const key of ["residence", "insurance"]) {
      expect(step(g, key)).toMatchObject({ state: "waiting", dossierId: null, code: null });
      expect(step(g, key).words.vi).toBe("Đang chờ bước trước có kết quả");
      expect(step(g, key).plannedDueAt).toBe("2026-11-06T10:00:00.000Z");
    }
  });

  it("the birth step is an ordinary dossier in the commune's queue with its own clock (same working day)", async () => {
    const received = await act(receiver, birthId, "receive");
    expect(received.body.dueAt).toBe("2026-11-04T10:00:00.000Z");
    // The receiver asks a supplement: the group page gives the reason, the deadline (7 working
    // days, Wed 4 Nov → Fri 13 Nov 17:00) and the step's clock paused; the step's page the same deadline.
    const reason = "Ảnh giấy chứng sinh bị mờ, xin chụp lại.";
    expect((await act(receiver, birthId, "request_supplement", reason)).status).toBe(200);
    const asked = step(await group(id), "birth");
    expect(asked.status).toBe("supplement_requested");
    expect(asked.supplement).toEqual({
      reason,
      requestedAt: expect.stringMatching(/^2026-11-04T02:0/),
      dueAt: "2026-11-13T10:00:00.000Z",
    });
    expect((await group(id)).supplementWithin).toEqual({ workingDays: 7 });
    const own = (await mother.send<Dossier>("GET", `/api/dossiers/${birthId}`)).body;
    expect(own.supplementRequest).toEqual({
      at: asked.supplement?.requestedAt,
      reason,
      dueAt: "2026-11-13T10:00:00.000Z",
    });
    expect((await act(mother, birthId, "supplement")).status).toBe(200);
    expect(step(await group(id), "birth").supplement).toBeNull();
    expect((await act(specialist, birthId, "forward")).status).toBe(200);
    expect((await act(leader, birthId, "approve")).status).toBe(200);
    expect((await act(leader, birthId, "issue_result")).body.status).toBe("result_issued");
  });

  it("the registry's birth_registered gives the child a number; the dependent steps start by themselves, prefilled, free", async () => {
    // The civil-status message and the result's message, then the group's advance.
    await s.drain();
    await s.drain();
    const g = await group(id);
    expect(step(g, "birth")).toMatchObject({ state: "done", status: "result_issued" });
    expect(step(g, "birth").resultNumber).toMatch(/^KQ-/);
    const { rows } = await s.db.query<{ pn: string }>(
      "select personal_number as pn from persons where mother_number = $1 and full_name = $2",
      [people.mother.pn, BIRTH_VALUES["child.fullName"]],
    );
    const number = rows[0]?.pn as string;
    expect(number).toMatch(/^\d{12}$/);
    const residence = step(g, "residence");
    // Started from the birth registration's result: received by the platform, its clock running.
    expect(residence).toMatchObject({ state: "started", status: "received", feeAmount: 0 });
    expect(residence.code).toMatch(/^CA\./);
    expect(step(g, "insurance")).toMatchObject({ state: "started", status: "received", feeAmount: 0 });
    // Version 1: received by the platform, decided by the social-security officer (nothing automatic).
    const card = (await mother.send<Dossier>("GET", `/api/dossiers/${step(g, "insurance").dossierId}`)).body;
    expect(card.log.filter((a) => a.role === "system").map((a) => a.type)).toEqual(["receive"]);
    const rd = (await mother.send<Dossier>("GET", `/api/dossiers/${residence.dossierId}`)).body;
    const f = Object.fromEntries(rd.fields.map((x) => [x.key, x.value]));
    expect(f["member.fullName"]).toBe(BIRTH_VALUES["child.fullName"]);
    expect(f["member.personalNumber"]).toBe(number);
    // Labelled with their source, the birth registration's result, never as typed by the applicant.
    const birthResult = step(g, "birth").resultNumber as string;
    for (const key of ["member.fullName", "member.personalNumber"])
      expect(rd.fields.find((x) => x.key === key)).toMatchObject({
        readOnly: true,
        provenance: {
          sourceVi: `kết quả đăng ký khai sinh ${birthResult}`,
          sourceEn: `the result of birth registration ${birthResult}`,
        },
      });
    const ins = (await mother.send<Dossier>("GET", `/api/dossiers/${step(g, "insurance").dossierId}`)).body;
    expect(ins.fields.find((x) => x.key === "child.personalNumber")?.value).toBe(number);
    // The first place of care defaults to the place of birth, and says so (not "the result of …").
    expect(ins.fields.find((x) => x.key === "healthcare.facility")?.provenance).toMatchObject({
      sourceVi: "nơi sinh của trẻ, theo giấy chứng sinh",
      sourceEn: "the child's place of birth, as on the birth certificate",
    });
    // The step's limit in the group (2 working days), not the standalone 7, from its start.
    expect(residence.dueAt).toBe("2026-11-06T10:00:00.000Z");
    expect(rd.log.find((a) => a.type === "receive")).toMatchObject({
      role: "system",
      reason: expect.stringMatching(/^Tiếp nhận tự động: bước liên thông bắt đầu từ kết quả KQ-/),
    });
    // Started by the group, not by the applicant: the timeline names the linked group as its actor,
    // and tells the receipt's note in one language.
    expect(
      rd.log.filter((a) => a.type !== "save_draft").map((a) => [a.type, byLinkedGroup(a, rd.log)]),
    ).toEqual([
      ["create", true],
      ["submit", true],
      ["receive", true],
    ]);
    const receipt = rd.log.find((a) => a.type === "receive") as Dossier["log"][number];
    expect(reasonOf(receipt, "en")).toMatch(/^Received automatically: linked step started from result KQ-/);
    // The step's own page names its group (the line "Thuộc nhóm hồ sơ liên thông …" links it).
    const ofStep = await mother.send<{ groupId: string; nameVi: string; nameEn: string }>(
      "GET",
      `/api/dossiers/${residence.dossierId}/linked-group`,
    );
    expect(ofStep.status).toBe(200);
    expect(ofStep.body).toMatchObject({ groupId: id, nameVi: expect.stringMatching(/khai sinh/i) });
    const bd = (await mother.send<Dossier>("GET", `/api/dossiers/${birthId}`)).body;
    expect(bd.log.some((a) => byLinkedGroup(a, bd.log))).toBe(false);
  });

  it("a fact that arrives again changes nothing (provideFact is idempotent for started steps)", async () => {
    expect(
      await provideFact(
        { db: s.db, now: s.now },
        { provinceCode: "48", dossierId: birthId },
        "childPersonalNumber",
        "048326000999",
      ),
    ).toBe(true);
    expect(step(await group(id), "residence").state).toBe("started");
  });

  it("a refused step is explained; results issued stand; the group is partly done", async () => {
    const g0 = await group(id);
    const residence = step(g0, "residence").dossierId as string;
    expect((await act(specialist, residence, "forward")).status).toBe(200);
    const refused = await act(leader, residence, "refuse", "Chủ hộ chưa xác nhận đồng ý trên VNeID.");
    expect(refused.body.status).toBe("refused");
    const insurance = step(g0, "insurance").dossierId as string;
    await process(insurance, true);
    // The card's write-back reaches the registry altered (its signature no longer matches): refused.
    const tampered = await s.db.query(
      `update outbox set payload = jsonb_set(payload, '{jws}', to_jsonb(regexp_replace(payload->>'jws', '\\.[^.]+$', '.AAAA')))
       where key = $1 and topic like 'health_insurance.%' and state = 'pending' returning id`,
      [insurance],
    );
    expect(tampered.rowCount).toBe(1);
    await s.drain();
    const g = await group(id);
    // The card stands, but the page says the registry has not taken it in; the other steps are unaffected.
    expect(step(g, "insurance").registryUpdateFailed).toBe(true);
    expect(step(g, "birth").registryUpdateFailed).toBe(false);
    expect(step(g, "birth").state).toBe("done");
    expect(step(g, "insurance").state).toBe("done");
    const r = step(g, "residence");
    expect(r.state).toBe("failed");
    expect(r.words.vi).toBe("Bị từ chối");
    expect(r.reason?.vi).toContain("Công an xã, phường từ chối");
    expect(r.reason?.vi).toContain("Chủ hộ chưa xác nhận");
    expect(r.reason?.whatToDoVi).toContain("Hãy sửa hoặc bổ sung theo lý do Công an xã, phường nêu ở trên");
    expect(r.reason?.whatToDoVi).not.toContain("Bạn đã rút");
    expect(g.state).toBe("partly_done");
  });

  it("nobody else sees the group", async () => {
    const other = new Browser(s.baseUrl);
    await other.signIn(people.father.pn);
    expect((await other.send<Group>("GET", `/api/linked-applications/${id}`)).status).toBe(404);
    expect((await receiver.send<Group>("GET", `/api/linked-applications/${id}`)).status).toBe(404);
  });
});
