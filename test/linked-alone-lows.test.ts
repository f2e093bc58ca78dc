import { describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { people } from "./helpers/fixtures.js";
import { registerBirth, WHOLE_BIRTH_GROUP } from "./helpers/linked.js";
import { type AloneStep, aloneSuite } from "./helpers/linked-alone.js";
import * as split from "./helpers/split-parents.js";

/**
 * Issue 12, low defects of "Nộp riêng" (review h12 lows):
 * - L1: a birth refused in the group, filed on its own and registered there: the group page no
 *   longer gives its refusal's advice (the refusal stays as history, worded as past), and the
 *   later steps say they wait for it, then that they can be filed on their own, never "the earlier
 *   step has no result";
 * - L2: "Nộp riêng" on a step that has its result: 409 STEP_ALREADY_DONE, not "still handled";
 * - L3: the officers' group panel shows no due date on a refused step (as the citizen's page);
 * - L7: the residence step waits (409 EARLIER_STEP_PENDING) while the child's personal number has
 *   not reached the population registry, though the birth's result is issued.
 */
type Reason = { vi: string; en: string; whatToDoVi?: string; whatToDoEn?: string };
type Step = AloneStep & { reason: Reason | null; pastReason: { vi: string; en: string } | null };
type Group = { steps: Step[] };
type ApiError = { error: { code: string; status: number; messageVi: string; messageEn: string } };
type Panel = { steps: Array<{ key: string; state: string; dueAt: string | null; dueState: string | null }> };

const { server, b, view, step, fileAlone, drain, act } = aloneSuite<Group, ApiError>();
/** Everything a step's reason says, both languages. */
const said = (r: Reason | null) => (r ? [r.vi, r.en, r.whatToDoVi ?? "", r.whatToDoEn ?? ""].join(" ") : "");

describe(`a birth refused in the group, then registered on its own (${engine})`, () => {
  const mother = people.mother.pn;
  let id = "";
  let birthInGroup = "";
  let aloneBirth = "";

  it("L3: the officers' group panel shows no due date on the refused step, as the citizen's page", async () => {
    const filed = await b(mother).send<{ id: string }>("POST", "/api/linked-applications", WHOLE_BIRTH_GROUP);
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    id = filed.body.id;
    birthInGroup = step(await view(mother, id), "birth").dossierId as string;
    const panel = async () =>
      (await b("lanhdao.20194").send<Panel>("GET", `/api/dossiers/${birthInGroup}/linked-group`)).body;
    expect((await act("motcua.20194", birthInGroup, "receive")).status).toBe(200);
    // Being handled: its due date is shown.
    expect((await panel()).steps.find((x) => x.key === "birth")?.dueAt).toBeTruthy();
    expect((await act("chuyenvien.20194", birthInGroup, "forward")).status).toBe(200);
    const refused = await act("lanhdao.20194", birthInGroup, "refuse", "Giấy chứng sinh không khớp.");
    expect(refused.body.status).toBe("refused");
    await drain();
    const birth = (await panel()).steps.find((x) => x.key === "birth");
    expect(birth).toMatchObject({ state: "failed", dueAt: null, dueState: null });
  });

  it("L1: filed on its own and submitted, the later steps say they wait for it, not 'no result'", async () => {
    const a = await fileAlone(mother, id, "birth");
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    aloneBirth = a.body.id;
    expect((await b(mother).send("POST", `/api/dossiers/${aloneBirth}/submit`, {})).status).toBe(200);
    const g = await view(mother, id);
    const name = step(g, "birth").procedureVi;
    for (const key of ["residence", "insurance"]) {
      const r = step(g, key);
      expect(r.mayFileAlone, key).toBe(false);
      expect(r.reason?.vi, key).toBe(`Bước này chờ kết quả của bước trước “${name}”.`);
      expect(r.reason?.whatToDoVi).toBe(
        `Khi bước “${name}” đã có kết quả, bạn có thể nộp riêng thủ tục này.`,
      );
      expect(said(r.reason), key).not.toMatch(/không có kết quả|has no result/);
      expect(r.pastReason?.vi).toBe(
        `Trước đó, bước này đã bị hủy trong nhóm hồ sơ liên thông vì khi đó bước trước (“${name}”) chưa có kết quả.`,
      );
    }
    // The birth's own refusal advice still stands while its dossier filed alone is not decided.
    expect(step(g, "birth").reason?.whatToDoVi).toContain("rồi nộp riêng thủ tục này");
  });

  it("L1: registered on its own, the birth gives no refusal advice and the later steps can be filed", async () => {
    expect(await registerBirth(b, aloneBirth)).toEqual([200, 200, 200, 200]);
    await drain();
    const g = await view(mother, id);
    const birth = step(g, "birth");
    expect(birth.words.vi).toBe("Đã có kết quả (nộp riêng)");
    expect(birth.reason).toBeNull();
    expect(birth.pastReason?.vi).toMatch(
      /^Trước đó, trong nhóm hồ sơ liên thông: .*từ chối hồ sơ .*: Giấy chứng sinh không khớp\.$/,
    );
    expect(birth.pastReason?.en).toMatch(/^Earlier, in the linked application: .*refused dossier/);
    for (const key of ["residence", "insurance"]) {
      const r = step(g, key);
      expect(r, key).toMatchObject({ state: "cancelled", mayFileAlone: true });
      expect(r.reason?.vi).toBe(`Bước trước “${birth.procedureVi}” đã có kết quả.`);
      expect(r.reason?.whatToDoVi).toBe(
        "Bạn có thể nộp riêng thủ tục này (“Nộp riêng thủ tục này” bên dưới).",
      );
      expect(r.reason?.whatToDoEn).toBe(
        "You can file this procedure on its own (“File this procedure on its own” below).",
      );
      expect(said(r.reason), key).not.toMatch(/không có kết quả|has no result/);
    }
  });
});

describe(`the residence step waiting for the head, the birth registered in the group (${engine})`, () => {
  const mother = split.splitMother.pn;
  let id = "";

  it("L7: while the child's number has not reached the registry: not offered, 409 EARLIER_STEP_PENDING; nothing created", async () => {
    id = await split.fileIntoFathersHousehold(b(mother), "Đỗ Minh Tâm");
    const birth = step(await view(mother, id), "birth");
    expect(await registerBirth(b, birth.dossierId as string)).toEqual([200, 200, 200, 200]);
    // The population registry's write-back of the child lags (its endpoint refused every attempt).
    const lagging = await server().db.query(
      `update outbox set state = 'dead', attempts = 8, last_error = 'registry endpoint refused: 502 Bad Gateway'
       where key = $1 and topic like 'civil_status.%' and state = 'pending' returning id`,
      [birth.dossierId],
    );
    expect(lagging.rows).toHaveLength(1);
    await drain();
    const g = await view(mother, id);
    expect(step(g, "birth").state).toBe("done");
    expect(step(g, "residence")).toMatchObject({ state: "waiting", mayFileAlone: false });
    const r = await fileAlone(mother, id, "residence");
    expect(r.status, JSON.stringify(r.body)).toBe(409);
    expect(r.body.error.code).toBe("EARLIER_STEP_PENDING");
    expect(r.body.error.messageVi).toContain(
      `bước trước “${birth.procedureVi}” đã có kết quả nhưng thông tin bước này cần (như số định danh cá nhân của trẻ) chưa được cập nhật`,
    );
    expect(r.body.error.messageEn).toContain("has not reached the national population database yet");
    expect(step(await view(mother, id), "residence").alone).toBeNull();
  });

  it("L2: 'Nộp riêng' on the birth step, which has its result: 409 STEP_ALREADY_DONE, in both languages", async () => {
    const r = await fileAlone(mother, id, "birth");
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({
      code: "STEP_ALREADY_DONE",
      status: 409,
      messageVi: expect.stringMatching(/^Bước này đã có kết quả/),
      messageEn: expect.stringMatching(/^This step already has its result/),
    });
    expect(r.body.error.messageVi).not.toContain("vẫn đang được giải quyết");
  });
});
