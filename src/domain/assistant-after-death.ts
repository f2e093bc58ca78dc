import type { AssistantReply } from "./api/assistant.js";
import type { AfterDeath, AfterDeathStep } from "./assistant-facts.js";
import type { CatalogueEntry } from "./assistant-replies.js";

/**
 * Issue 12: what follows a death the records show registered, once something was done after it.
 * The procedure asked for (the funeral allowance, the residence deregistration) is not offered as a
 * bare form when the citizen's own linked group of that death holds it, or when it was already filed
 * for that death (a second one is refused: one per event): the answer says where each step stands
 * (paid, done, being decided, ended without a result and continued by "Nộp riêng" on the group's
 * page), links the group's page, and opens no form. Undefined when nothing was done after the death
 * for this procedure and the citizen has no group of it: the single form is opened (prefilled from
 * the death registration's result).
 */
export function afterDeathReply(
  intent: string,
  asked: CatalogueEntry,
  deceased: { fullName: string; after?: AfterDeath | undefined },
  catalogue: readonly CatalogueEntry[],
  facts: { fact: "deathRegistered"; vi: string; en: string }[],
): AssistantReply | undefined {
  const after = deceased.after;
  if (!after) return undefined;
  const own = after.steps.find((s) => s.code === asked.code);
  if (!own || (!own.inGroup && !after.group && own.state === "ended")) return undefined;
  const name = (code: string) => catalogue.find((c) => c.code === code) ?? { nameVi: code, nameEn: code };
  const who = deceased.fullName;
  const said = askedWords(asked, own, who, after.group !== null);
  const vi = [said.vi];
  const en = [said.en];
  const steps = after.group ? after.steps.filter((s) => s.inGroup) : [];
  if (steps.length > 0) {
    const list = steps.map((s) => ({ n: name(s.code), w: STATE_WORDS[stateOf(s)] }));
    vi.push(
      `Nhóm thủ tục liên thông khai tử của ${who}: ${list.map((x) => `“${x.n.nameVi}” ${x.w[0]}`).join("; ")}.`,
    );
    en.push(`The linked death group for ${who}: ${list.map((x) => `“${x.n.nameEn}” ${x.w[1]}`).join("; ")}.`);
    if (steps.some((s) => s.state === "ended") && own.state !== "ended") {
      vi.push(
        `Bước chưa có kết quả có thể tiếp tục bằng nút “Nộp riêng thủ tục này” trên trang nhóm thủ tục.`,
      );
      en.push(
        `A step without a result can be continued with “File this procedure on its own” on the group's page.`,
      );
    }
  }
  return {
    kind: "guidance",
    intent,
    procedure: { code: asked.code, nameVi: asked.nameVi, nameEn: asked.nameEn },
    refusal: null,
    message: { vi: vi.join(" "), en: en.join(" ") },
    facts,
    offer: null,
    page: after.group
      ? { url: `/lien-thong/${after.group}`, vi: "Xem nhóm thủ tục liên thông", en: "Open the linked group" }
      : null,
  };
}

type Shown = "paid" | "done" | "open" | "ended";
const stateOf = (s: AfterDeathStep): Shown => (s.state === "done" && s.payout ? "paid" : s.state);

/** A step's standing in words: Vietnamese, then English. */
const STATE_WORDS: Record<Shown, readonly [string, string]> = {
  paid: ["đã được chi trả", "paid"],
  done: ["đã xong", "done"],
  open: ["đang được giải quyết", "being decided"],
  ended: ["chưa có kết quả (bị từ chối hoặc đã hủy)", "ended without a result (refused or cancelled)"],
};

/** The words about the procedure asked for: paid, done, being decided, or to be continued. */
function askedWords(
  p: CatalogueEntry,
  s: AfterDeathStep,
  who: string,
  group: boolean,
): { vi: string; en: string } {
  const en = lowerFirst(p.nameEn);
  switch (stateOf(s)) {
    case "paid":
      return {
        vi: `${p.nameVi} cho ${who} đã được chi trả: bạn không cần nộp lại.`,
        en: `The ${en} for ${who} has already been paid: you need not apply again.`,
      };
    case "done":
      return {
        vi: `“${p.nameVi}” cho ${who} đã xong: bạn không cần nộp lại.`,
        en: `“${p.nameEn}” for ${who} is done: you need not apply again.`,
      };
    case "open":
      return group
        ? {
            vi: `“${p.nameVi}” cho ${who} đang được giải quyết trong nhóm thủ tục liên thông: bạn không cần nộp lại.`,
            en: `“${p.nameEn}” for ${who} is being decided in the linked group: you need not apply again.`,
          }
        : {
            vi: `“${p.nameVi}” cho ${who} đã được nộp và đang được giải quyết: bạn không cần nộp lại.`,
            en: `“${p.nameEn}” for ${who} has been filed and is being decided: you need not apply again.`,
          };
    case "ended":
      return {
        vi: `“${p.nameVi}” cho ${who} đã kết thúc trong nhóm thủ tục liên thông mà chưa có kết quả (bị từ chối hoặc đã hủy): bạn có thể tiếp tục bằng nút “Nộp riêng thủ tục này” trên trang nhóm thủ tục.`,
        en: `“${p.nameEn}” for ${who} ended in the linked group without a result (refused or cancelled): you can continue it with “File this procedure on its own” on the group's page.`,
      };
  }
}

const lowerFirst = (text: string) => text.charAt(0).toLocaleLowerCase("en") + text.slice(1);
