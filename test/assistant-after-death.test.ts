import { describe, expect, it } from "vitest";
import type { AssistantReply } from "../src/domain/api/assistant.js";
import { engine } from "./helpers/db.js";
import { deathGroupSuite, fileDeathGroupRegistered } from "./helpers/death-group.js";
import { people } from "./helpers/fixtures.js";
import { GRANDFATHER } from "./helpers/journey.js";

/**
 * Issue 12 (M1): after the father's death group for his father (the grandfather of household HA-1)
 * registered the death and paid the funeral allowance, the assistant points to that group (its
 * page) and says what is paid, done or to be continued there, instead of a bare form that a
 * submit would refuse as a second one; a single form of a procedure already held for that death
 * is refused at its start, naming the dossier; one not held is filled from the death's result.
 */
type Step = { key: string; state: string; dossierId: string | null; code?: string | null };
type Group = { steps: Step[] };
type Field = { key: string; value: unknown; provenance: { sourceVi: string } | null };
type Err = { error: { code: string; details: Array<{ dossier?: { code: string } }> } };

const suite = deathGroupSuite<Step, Group>();
const { b, act, view, step } = suite;
const ask = async (answer: string, text = "bố tôi mất rồi làm gì") => {
  const r = await b("father").send<AssistantReply>("POST", "/api/assistant", {
    text,
    answers: { afterDeath: answer },
  });
  expect(r.status).toBe(200);
  return r.body;
};
const guidance = (r: AssistantReply) => (r.kind === "guidance" ? r : undefined);
const codeOf = async (id: string) =>
  (await b("father").send<{ code: string }>("GET", `/api/dossiers/${id}`)).body.code;
const start = (procedureCode: string) =>
  b("father").send<Err & { id: string; fields: Field[] }>("POST", "/api/dossiers", { procedureCode });
const decide = async (id: string, steps: readonly (readonly [string, string])[]) => {
  for (const [who, action] of steps)
    expect((await act(who, id, action)).status, `${who} ${action}`).toBe(200);
  await suite.server().drain();
};
const PAY = [
  ["specialist", "forward"],
  ["leader", "approve"],
  ["leader", "issue_result"],
] as const;
const NAME = GRANDFATHER.name;

describe(`the assistant after a death group (${engine})`, () => {
  let group = "";
  it("the allowance paid in the group: said so, with the group's page, no form", async () => {
    group = await fileDeathGroupRegistered(suite);
    const g = await view(group);
    await decide(step(g, "funeral").dossierId as string, PAY);
    await decide(step(g, "deregistration").dossierId as string, [["specialist", "forward"]]);
    const refused = await act(
      "leader",
      step(g, "deregistration").dossierId as string,
      "refuse",
      "Thiếu giấy tờ.",
    );
    expect(refused.status).toBe(200);
    await suite.server().drain();

    const r = guidance(await ask("funeral"));
    expect(r?.procedure?.code).toBe("LOCAL.MAI-TANG-PHI");
    expect(r?.message.vi).toBe(
      `Hỗ trợ chi phí mai táng cho ${NAME} đã được chi trả: bạn không cần nộp lại. ` +
        `Nhóm thủ tục liên thông khai tử của ${NAME}: “Đăng ký khai tử” đã xong; ` +
        `“Xóa đăng ký thường trú” chưa có kết quả (bị từ chối hoặc đã hủy); ` +
        `“Hỗ trợ chi phí mai táng” đã được chi trả. ` +
        `Bước chưa có kết quả có thể tiếp tục bằng nút “Nộp riêng thủ tục này” trên trang nhóm thủ tục.`,
    );
    expect(r?.message.en).toMatch(
      /^The funeral allowance for .+ has already been paid: you need not apply again\./,
    );
    expect(r?.page).toEqual({
      url: `/lien-thong/${group}`,
      vi: "Xem nhóm thủ tục liên thông",
      en: "Open the linked group",
    });
    expect(r?.facts.map((f) => f.fact)).toEqual(["deathRegistered"]);
    // The read of what was filed after the death is in the access list, as the deceased's.
    const { rows } = await suite
      .server()
      .db.query<{ subject: string; fields: string[] }>(
        "select subject_number as subject, fields from access_log where purpose = 'assistant' order by id",
      );
    const own = rows.filter((x) => x.subject.trim() === people.father.pn).at(-1);
    expect(own?.fields).toEqual(["deathRegistered"]);
    const his = rows.filter((x) => x.subject.trim() === GRANDFATHER.pn).at(-1);
    expect(his?.fields).toContain("deathProcedures");
  });

  it("the allowance's single form is refused at its start, naming the group's dossier", async () => {
    const paid = await codeOf(step(await view(group), "funeral").dossierId as string);
    const r = await start("LOCAL.MAI-TANG-PHI");
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("DUPLICATE_LIFE_EVENT");
    expect(r.body.error.details[0]?.dossier?.code).toBe(paid);
  });

  it("the refused deregistration: to be continued on the group's page; its single form is filled from the death's result", async () => {
    const r = guidance(await ask("residence"));
    expect(r?.message.vi).toMatch(
      /^“Xóa đăng ký thường trú” cho .+ đã kết thúc trong nhóm thủ tục liên thông mà chưa có kết quả \(bị từ chối hoặc đã hủy\): bạn có thể tiếp tục bằng nút “Nộp riêng thủ tục này” trên trang nhóm thủ tục\./,
    );
    expect(r?.page?.url).toBe(`/lien-thong/${group}`);
    const death = step(await view(group), "death").dossierId as string;
    const result = (await b("father").send<{ resultNumber: string }>("GET", `/api/dossiers/${death}`)).body;
    const draft = await start("LOCAL.XOA-DKTT");
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const f = (k: string) => draft.body.fields.find((x) => x.key === k);
    expect(f("deceased.fullName")?.value).toBe(NAME);
    expect(f("deceased.personalNumber")?.value).toBe(GRANDFATHER.pn);
    expect(f("deceased.fullName")?.provenance?.sourceVi).toMatch(/^kết quả đăng ký khai tử KQ-/);
    expect(JSON.stringify(result)).toContain(f("deceased.fullName")?.provenance?.sourceVi.split(" ").at(-1));
  });

  it("the deregistration filed on its own and done: said done; a new single form refused at its start", async () => {
    const alone = await b("father").send<{ id: string }>(
      "POST",
      `/api/linked-applications/${group}/steps/deregistration/alone`,
    );
    expect(alone.status, JSON.stringify(alone.body)).toBe(201);
    const filed = await b("father").send("POST", `/api/dossiers/${alone.body.id}/submit`, { values: {} });
    expect(filed.status, JSON.stringify(filed.body)).toBe(200);
    await decide(alone.body.id, [["receiver", "receive"], ...PAY]);
    // Deregistered, the household no longer says who he was to the father: asked without naming him.
    const r = guidance(await ask("residence", "nhà có người mất thì làm gì"));
    expect(r?.message.vi).toMatch(/^“Xóa đăng ký thường trú” cho .+ đã xong: bạn không cần nộp lại\./);
    const again = await start("LOCAL.XOA-DKTT");
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("DUPLICATE_LIFE_EVENT");
    expect(again.body.error.details[0]?.dossier?.code).toBe(await codeOf(alone.body.id));
  });
});
