import type { AssistantReply } from "./api/assistant.js";
import type { FactName, NotOffered } from "./assistant-data.js";
import { foldVietnamese } from "./text.js";

/** The assistant's fixed replies and the words of a procedure or a service not offered. */

/** A published procedure, as the catalogue lists it. */
export type CatalogueEntry = { code: string; nameVi: string; nameEn: string; linkedGroup: string | null };

export const EXAMPLES = [
  "vừa sinh con",
  "bố mất rồi làm gì",
  "chuyển hộ khẩu về nhà chồng",
  "đăng ký kết hôn",
];

const unknown = (vi: string, en: string): AssistantReply => ({
  kind: "unknown",
  message: { vi, en },
  examples: EXAMPLES,
});
export const NOT_UNDERSTOOD = unknown(
  "Mình chưa hiểu rõ việc bạn cần. Bạn kể ngắn gọn giúp mình, ví dụ: “vừa sinh con”, “bố mất”, “đăng ký tạm trú”.",
  "I did not quite understand what you need. Tell me in a few words, e.g. “just had a baby”, “my father died”, “register temporary residence”.",
);

/**
 * What the citizen said they do not want, and nothing else ("tôi không muốn kết hôn nữa"): no form
 * is opened; they are asked what they need, and told where a draft they no longer want is deleted.
 */
export function deniedReply(name: { vi: string; en: string } | null): AssistantReply {
  return unknown(
    `Mình hiểu là bạn không cần ${name ? `“${name.vi}”` : "việc này"}. Vậy bạn cần làm việc gì? Bạn kể ngắn gọn giúp mình, ví dụ: “vừa sinh con”, “bố mất”, “đăng ký tạm trú”. Hồ sơ đang làm dở mà bạn không cần nữa thì xóa hoặc rút trong “Hồ sơ của tôi”.`,
    `I understand you do not need ${name ? `“${name.en}”` : "this"}. What do you need to do, then? Tell me in a few words, e.g. “just had a baby”, “my father died”, “register temporary residence”. A dossier you no longer need is deleted or withdrawn in “My applications”.`,
  );
}

/** Too little to go on (two letters or fewer, or only punctuation): the citizen is asked to say more. */
export const TOO_SHORT = unknown(
  "Bạn kể rõ hơn giúp mình việc bạn cần làm, bằng vài từ, ví dụ: “vừa sinh con”, “bố mất”, “đăng ký tạm trú”.",
  "Please tell me a little more about what you need to do, in a few words, e.g. “just had a baby”, “my father died”, “register temporary residence”.",
);

/** Whether the text is too short to mean anything: at most two letters or digits once folded. */
export function tooShort(text: string): boolean {
  return foldVietnamese(text).replace(/[^a-z0-9]/g, "").length <= 2;
}

/**
 * A service not offered, in words: the service, the agency, the basis, then what Một Lần does
 * (the agency's text starts as a name: "The immigration office" reads "the immigration office").
 * What is no administrative procedure at all (`notAProcedure`: a lost umbrella) is said to be
 * none, and the agency is where to go if needed.
 */
export function notOfferedMessage(s: NotOffered): { vi: string; en: string } {
  const agencyEn = s.agencyEn.replace(/^(The|A|An) /, (a) => a.toLowerCase());
  const end = {
    vi: `Căn cứ: ${s.basis}.${s.noteVi ? ` ${s.noteVi}` : ""}`,
    en: `Legal basis: ${s.basis}.${s.noteEn ? ` ${s.noteEn}` : ""}`,
  };
  return s.notAProcedure
    ? {
        vi: `“${s.nameVi}” không phải là thủ tục hành chính, nên Một Lần không có thủ tục cho việc này. Nếu cần, bạn trình báo tại: ${s.agencyVi}. ${end.vi}`,
        en: `“${s.nameEn}” is not an administrative procedure, so Một Lần has none for it. If needed, report it to ${agencyEn}. ${end.en}`,
      }
    : {
        vi: `Một Lần chưa làm thủ tục “${s.nameVi}”. Nơi giải quyết: ${s.agencyVi}. ${end.vi}`,
        en: `Một Lần does not offer “${s.nameEn}”. Where to go: ${agencyEn}. ${end.en}`,
      };
}

/** Opens `p`; with `group`, lists the other procedures of that linked group of the catalogue. */
export function procedureReply(
  p: CatalogueEntry,
  intent: string | null,
  facts: { fact: FactName; vi: string; en: string }[],
  catalogue: readonly CatalogueEntry[],
  group: string | null = null,
  linkedGroup: string | null = null,
): AssistantReply {
  const message = linkedGroup
    ? {
        vi: `Việc của bạn gồm nhiều thủ tục liên thông, bắt đầu từ “${p.nameVi}”. Bấm nút bên dưới để làm cả nhóm bằng một lần nộp; những gì cơ sở dữ liệu đã có sẽ được điền sẵn.`,
        en: `Your situation is a group of linked procedures, starting with “${p.nameEn}”. Press the button below to do the whole group in one application; what the registries already hold is filled in.`,
      }
    : {
        vi: `Thủ tục phù hợp với bạn: “${p.nameVi}”. Bấm nút bên dưới để mở; những gì cơ sở dữ liệu đã có sẽ được điền sẵn.`,
        en: `The procedure for you: “${p.nameEn}”. Press the button below to open it; what the registries already hold is filled in.`,
      };
  return {
    kind: "procedure",
    intent,
    procedure: { code: p.code, nameVi: p.nameVi, nameEn: p.nameEn },
    group: group
      ? catalogue
          .filter((c) => c.linkedGroup === group && c.code !== p.code)
          .map(({ code, nameVi, nameEn }) => ({ code, nameVi, nameEn }))
      : [],
    linkedGroup,
    message,
    facts,
  };
}
