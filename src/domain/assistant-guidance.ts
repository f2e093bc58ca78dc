import type { AssistantReply } from "./api/assistant.js";
import { KIN_WORDS, type Kin } from "./assistant-kin.js";

/**
 * The relatives the assistant tells apart, and its answers that open no form (the "guidance"
 * reply, src/domain/api/assistant.ts): a death of another relative than the one whose notice
 * waits, and a procedure whose rules refuse the citizen. Pure; shared by server and browser.
 */

/**
 * What to do for the relative named when the waiting death notice is another's: registration
 * rests on a death notice (the hospital's, or the commune's written confirmation for a death
 * elsewhere); with a paper one, the commune People's Committee's one-stop desk (Law 60/2014/QH13
 * on Civil Status, Art. 32-34: the commune of the last residence, within 15 days). Never a form
 * prefilled with the other relative.
 */
export function deathElsewhere(
  named: Kin,
  waiting: Kin,
  linkedGroup: string | null,
): {
  message: { vi: string; en: string };
  offer: { linkedGroup: string; vi: string; en: string } | null;
} {
  const n = KIN_WORDS[named];
  const w = KIN_WORDS[waiting];
  return {
    message: {
      vi: `Để đăng ký khai tử cho ${n.vi} bạn cần giấy báo tử: do bệnh viện nơi ${n.vi} bạn mất cấp, hoặc, nếu mất ở nhà hay nơi khác, văn bản xác nhận của Ủy ban nhân dân cấp xã nơi mất. Khi giấy báo tử điện tử được gửi đến, trợ lý sẽ đưa bạn tới hồ sơ đã điền sẵn. Nếu bạn chỉ có giấy báo tử bản giấy, hãy mang giấy đó cùng thẻ căn cước đến Bộ phận một cửa của Ủy ban nhân dân cấp xã nơi ${n.vi} bạn cư trú cuối cùng để đăng ký khai tử, trong 15 ngày kể từ ngày mất (Luật Hộ tịch 2014, Điều 32-34).`,
      en: `To register your ${n.en}'s death you need a death notice: the hospital where your ${n.en} died issues it or, for a death at home or elsewhere, the commune People's Committee where the death occurred confirms it in writing. Once an electronic death notice arrives, the assistant takes you to a prefilled application. If you only have a paper death notice, take it with your ID card to the one-stop desk of the commune People's Committee of your ${n.en}'s last residence to register the death, within 15 days of the death (Law on Civil Status 2014, Art. 32-34).`,
    },
    offer: linkedGroup
      ? {
          linkedGroup,
          vi: `Giấy báo tử của ${w.vi} bạn đang chờ: làm thủ tục liên thông cho ${w.vi} bạn`,
          en: `Your ${w.en}'s death notice is waiting: do the linked procedures for your ${w.en}`,
        }
      : null,
  };
}

/**
 * What to do when the person who died at home is not in the citizen's household (the residence
 * registry lists no such living member: `named`, the relative the citizen named, or anyone): the
 * death cannot be registered on this form, which fills the deceased from the household; the paper
 * death notice goes to the one-stop desk of the commune People's Committee where the person last
 * lived (Law 60/2014/QH13 on Civil Status, Art. 32-34, within 15 days). Said by the assistant and
 * by the death group's form ("Người đã mất không có trong hộ của tôi").
 */
export function deathOutsideHousehold(named: Kin | null): { vi: string; en: string } {
  const who = named
    ? { vi: `${KIN_WORDS[named].vi} bạn`, en: `your ${KIN_WORDS[named].en}` }
    : { vi: "người đã mất", en: "the person who died" };
  const none = named
    ? {
        vi: `Theo Cơ sở dữ liệu về cư trú, ${who.vi} không ở trong hộ của bạn`,
        en: `The residence database does not list ${who.en} in your household`,
      }
    : {
        vi: "Người đã mất không ở trong hộ của bạn",
        en: "The person who died is not in your household",
      };
  return {
    vi: `${none.vi}, nên bạn không khai tử trực tuyến cho người đó tại đây được. Hãy mang giấy báo tử bản giấy cùng thẻ căn cước đến Bộ phận một cửa của Ủy ban nhân dân cấp xã nơi ${who.vi} cư trú cuối cùng để đăng ký khai tử, trong 15 ngày kể từ ngày mất (Luật Hộ tịch 2014, Điều 32-34).`,
    en: `${none.en}, so the death cannot be registered online here. Take the paper death notice and your ID card to the one-stop desk of the commune People's Committee where ${who.en} last lived to register the death, within 15 days of the death (Law on Civil Status 2014, Art. 32-34).`,
  };
}

/**
 * The answer when the procedure's own rules refuse the signed-in citizen (src/domain/eligibility.ts,
 * e.g. ALREADY_MARRIED for a marriage registration): the refusal's words, and no form to start.
 * Any other reply is returned as it is.
 */
export function refusedReply(
  reply: AssistantReply,
  issue: { code: string; messageVi: string; messageEn: string } | undefined,
): AssistantReply {
  if (!issue || reply.kind !== "procedure") return reply;
  return {
    kind: "guidance",
    intent: reply.intent,
    procedure: reply.procedure,
    refusal: issue.code,
    message: {
      vi: `${issue.messageVi} Vì vậy bạn chưa thể làm thủ tục “${reply.procedure.nameVi}”.`,
      en: `${issue.messageEn} So you cannot file “${reply.procedure.nameEn}” yet.`,
    },
    facts: reply.facts,
    offer: null,
  };
}

/**
 * A death at home of the relative the citizen named ("bố"), whom the household holds only as an
 * in-law (her husband's father, "bố chồng", as a daughter-in-law calls him): choose that person on
 * the form; if the citizen meant their own parent, not in the household, the paper way
 * (deathOutsideHousehold's desk).
 */
export function inLawInHousehold(named: Kin, inLaw: Kin): { vi: string; en: string } {
  const n = KIN_WORDS[named];
  const w = KIN_WORDS[inLaw];
  return {
    vi: `Trong hộ của bạn có ${w.vi} của bạn: nếu người mất là ${w.vi} bạn, hãy chọn người đó trong biểu mẫu. Nếu người mất là ${n.vi} đẻ của bạn, không ở trong hộ, hãy mang giấy báo tử bản giấy cùng thẻ căn cước đến Bộ phận một cửa của Ủy ban nhân dân cấp xã nơi người đó cư trú cuối cùng.`,
    en: `Your household holds your ${w.en}: if it is your ${w.en} who died, choose them on the form. If it is your own ${n.en}, who is not in your household, take the paper death notice and your ID card to the one-stop desk of the commune People's Committee where they last lived.`,
  };
}
