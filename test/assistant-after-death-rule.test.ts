import { describe, expect, it } from "vitest";
import { assist } from "../src/domain/assistant.js";
import { afterDeathReply } from "../src/domain/assistant-after-death.js";
import type { AfterDeath, AfterDeathStep } from "../src/domain/assistant-facts.js";

/** Issue 12 (M1), the pure rule: what follows a registered death, said instead of a bare form. */
const CAT = [
  { code: "LOCAL.KHAI-TU", nameVi: "Đăng ký khai tử", nameEn: "Death registration", linkedGroup: "death" },
  {
    code: "LOCAL.XOA-DKTT",
    nameVi: "Xóa đăng ký thường trú",
    nameEn: "Permanent residence deregistration",
    linkedGroup: "death",
  },
  {
    code: "LOCAL.MAI-TANG-PHI",
    nameVi: "Hỗ trợ chi phí mai táng",
    nameEn: "Funeral allowance",
    linkedGroup: "death",
  },
];
const [DEATH, DEREG, FUNERAL] = CAT as [(typeof CAT)[0], (typeof CAT)[0], (typeof CAT)[0]];
const s = (code: string, state: AfterDeathStep["state"], inGroup = true): AfterDeathStep => ({
  code,
  state,
  inGroup,
  payout: code === FUNERAL.code,
});
const WHO = "Nguyễn Văn Cường";
const reply = (asked: (typeof CAT)[0], after: AfterDeath | undefined) =>
  afterDeathReply("death", asked, { fullName: WHO, after }, CAT, []);

describe("what the assistant says after a registered death", () => {
  it.each([
    ["nothing read after the death", FUNERAL, undefined, undefined, undefined],
    ["no group, nothing filed: the single form", FUNERAL, { group: null, steps: [] }, undefined, undefined],
    [
      "a group without the step asked: the single form",
      FUNERAL,
      { group: "g1", steps: [s(DEATH.code, "done"), s(DEREG.code, "done")] },
      undefined,
      undefined,
    ],
    [
      "paid in the group",
      FUNERAL,
      { group: "g1", steps: [s(DEATH.code, "done"), s(FUNERAL.code, "done")] },
      `Hỗ trợ chi phí mai táng cho ${WHO} đã được chi trả: bạn không cần nộp lại. Nhóm thủ tục liên thông khai tử của ${WHO}: “Đăng ký khai tử” đã xong; “Hỗ trợ chi phí mai táng” đã được chi trả.`,
      "/lien-thong/g1",
    ],
    [
      "paid on its own, no group: said, no page",
      FUNERAL,
      { group: null, steps: [s(FUNERAL.code, "done", false)] },
      `Hỗ trợ chi phí mai táng cho ${WHO} đã được chi trả: bạn không cần nộp lại.`,
      null,
    ],
    [
      "deregistration done in the group",
      DEREG,
      { group: "g2", steps: [s(DEREG.code, "done")] },
      `“Xóa đăng ký thường trú” cho ${WHO} đã xong: bạn không cần nộp lại. Nhóm thủ tục liên thông khai tử của ${WHO}: “Xóa đăng ký thường trú” đã xong.`,
      "/lien-thong/g2",
    ],
    [
      "being decided on its own",
      DEREG,
      { group: null, steps: [s(DEREG.code, "open", false)] },
      `“Xóa đăng ký thường trú” cho ${WHO} đã được nộp và đang được giải quyết: bạn không cần nộp lại.`,
      null,
    ],
    [
      "refused in the group: continued with “Nộp riêng”",
      DEREG,
      { group: "g3", steps: [s(DEREG.code, "ended"), s(FUNERAL.code, "open")] },
      `“Xóa đăng ký thường trú” cho ${WHO} đã kết thúc trong nhóm thủ tục liên thông mà chưa có kết quả (bị từ chối hoặc đã hủy): bạn có thể tiếp tục bằng nút “Nộp riêng thủ tục này” trên trang nhóm thủ tục. Nhóm thủ tục liên thông khai tử của ${WHO}: “Xóa đăng ký thường trú” chưa có kết quả (bị từ chối hoặc đã hủy); “Hỗ trợ chi phí mai táng” đang được giải quyết.`,
      "/lien-thong/g3",
    ],
    [
      "another step refused: the hint to continue it",
      FUNERAL,
      { group: "g4", steps: [s(DEREG.code, "ended"), s(FUNERAL.code, "done")] },
      `Hỗ trợ chi phí mai táng cho ${WHO} đã được chi trả: bạn không cần nộp lại. Nhóm thủ tục liên thông khai tử của ${WHO}: “Xóa đăng ký thường trú” chưa có kết quả (bị từ chối hoặc đã hủy); “Hỗ trợ chi phí mai táng” đã được chi trả. Bước chưa có kết quả có thể tiếp tục bằng nút “Nộp riêng thủ tục này” trên trang nhóm thủ tục.`,
      "/lien-thong/g4",
    ],
  ] as const)("%s", (_name, asked, after, vi, url) => {
    const r = reply(asked, after as AfterDeath | undefined);
    if (vi === undefined) {
      expect(r).toBeUndefined();
      return;
    }
    expect(r?.kind).toBe("guidance");
    if (r?.kind !== "guidance") return;
    expect(r.message.vi).toBe(vi);
    expect(r.message.en).toMatch(/\S/);
    expect(r.message.en).not.toBe(r.message.vi);
    expect(r.page?.url ?? null).toBe(url);
    expect(r.procedure?.code).toBe(asked.code);
  });

  it("in a conversation: the records answer 'registered', the answer is the group's, not the form", () => {
    const after: AfterDeath = { group: "g9", steps: [s(DEATH.code, "done"), s(FUNERAL.code, "done")] };
    const ctx = {
      catalogue: CAT,
      find: () => [],
      facts: {
        deathNotice: null,
        deathRegistered: { fullName: WHO, diedOn: "2026-11-04", kin: "father" as const, after },
      },
    };
    const { reply: r, factsUsed } = assist(
      { text: "bố tôi mất rồi làm gì", answers: { afterDeath: "funeral" } },
      ctx,
    );
    expect(r.kind).toBe("guidance");
    expect(r.kind === "guidance" && r.page?.url).toBe("/lien-thong/g9");
    expect(r.kind === "guidance" && r.facts.map((f) => f.fact)).toEqual(["deathRegistered"]);
    expect(factsUsed).toEqual(["deathRegistered"]);
    // Nothing done after it: the single form, as before.
    const none = assist(
      { text: "bố tôi mất rồi làm gì", answers: { afterDeath: "funeral" } },
      {
        ...ctx,
        facts: {
          ...ctx.facts,
          deathRegistered: { ...ctx.facts.deathRegistered, after: { group: null, steps: [] } },
        },
      },
    );
    expect(none.reply.kind === "procedure" && none.reply.procedure.code).toBe("LOCAL.MAI-TANG-PHI");
  });
});
