/**
 * The words of eligibility findings (./eligibility.ts): how a finding names its person, a declared
 * marital status the civil-status register contradicts, an identity typed incompletely or not
 * matching, a funeral-allowance category the allowances register does not hold. Pure; Vietnamese
 * and English side by side, with the legal source each cites.
 */
import type { Audience, Form, PersonFacts } from "./eligibility.js";

/** How a finding names its person: the applicant to themself, the applicant to an officer, the other party. */
export function whoWords(you: boolean, audience: Audience) {
  if (!you)
    return audience === "applicant"
      ? { vi: "Người kia", en: "The other party", enIs: "The other party is", enHas: "The other party has" }
      : {
          vi: "Người kết hôn cùng người yêu cầu",
          en: "The applicant's partner",
          enIs: "The applicant's partner is",
          enHas: "The applicant's partner has",
        };
  return audience === "applicant"
    ? { vi: "Bạn", en: "You", enIs: "You are", enHas: "You have" }
    : { vi: "Người yêu cầu", en: "The applicant", enIs: "The applicant is", enHas: "The applicant has" };
}

/** MONTHLY_ALLOWANCE_NOT_RECORDED: the same words to the citizen and the officer (no one's number named). */
export const NO_MONTHLY_ALLOWANCE = {
  messageVi:
    "Cơ sở dữ liệu trợ cấp xã hội không ghi nhận người mất đang hưởng trợ cấp xã hội hằng tháng. Hỗ trợ chi phí mai táng cho đối tượng này cần người mất đang hưởng trợ cấp hằng tháng khi qua đời (Nghị định 20/2021/NĐ-CP, Điều 11). Nếu người mất thuộc đối tượng khác, hãy chọn đúng đối tượng; nếu thông tin sai, cán bộ sẽ kiểm tra lại.",
  messageEn:
    "The social-allowance database does not record the deceased as drawing a monthly social allowance. The funeral allowance for such a beneficiary requires a monthly allowance at the time of death (Decree 20/2021/ND-CP, Art. 11). If the deceased belonged to another category, choose it; if the record is wrong, the officer will check it.",
};

const CIVIL_STATUS_LAW = {
  vi: "Giấy xác nhận tình trạng hôn nhân ghi đúng tình trạng hôn nhân mà Sổ hộ tịch đã ghi (Nghị định 123/2015/NĐ-CP, Điều 21-22; Luật Hộ tịch số 60/2014/QH13)",
  en: "A confirmation of marital status states the marital status the civil-status register holds (Decree 123/2015/ND-CP, Art. 21-22; Law 60/2014/QH13 on Civil Status)",
};

/**
 * Pure: the words of MARITAL_STATUS_CONTRADICTS when the declared marital status (`field`'s value)
 * contradicts the civil-status registry, else undefined: a person with a living registered marriage
 * is "married" (a divorce must be recorded in the register first: the declaration is refused
 * whatever else it says); a person whose registered marriage ended (divorce, spouse's death) is never
 * "single". The register knowing nothing contradicts nothing. Named: the person's own registration
 * number (only to themself or the officer about the applicant).
 */
export function maritalContradiction(
  def: Form,
  field: string,
  values: Readonly<Record<string, unknown>>,
  p: Pick<PersonFacts, "marriage" | "endedMarriage">,
  audience: Audience,
  you: boolean,
): { messageVi: string; messageEn: string } | undefined {
  const declared = values[field];
  if (typeof declared !== "string" || !declared) return undefined;
  const held = p.marriage ? "married" : p.endedMarriage ? (p.endedMarriage.by ?? "widowed") : undefined;
  if (!held || declared === held || (held !== "married" && declared !== "single")) return undefined;
  const options = def.form.find((f) => f.key === field)?.options ?? [];
  const label = (v: string) => options.find((o) => o.value === v) ?? { labelVi: v, labelEn: v };
  const record = p.marriage ?? p.endedMarriage;
  const by =
    you && record
      ? {
          vi: ` (đăng ký kết hôn số ${record.registrationNumber} trong Sổ hộ tịch)`,
          en: ` (marriage registration ${record.registrationNumber} in the civil-status register)`,
        }
      : { vi: "", en: "" };
  const w = whoWords(you, audience);
  const state =
    held === "married"
      ? { vi: "đang có vợ hoặc chồng", en: "married" }
      : held === "divorced"
        ? {
            vi: "đã đăng ký kết hôn và đã ly hôn theo bản án, quyết định của Tòa án",
            en: "married before and divorced by a court's judgement or decision",
          }
        : {
            vi: "đã đăng ký kết hôn và người vợ hoặc chồng đã chết",
            en: "married before, the spouse having died",
          };
  const then =
    held === "married"
      ? {
          vi: 'Nếu đã ly hôn, việc ly hôn phải được ghi vào Sổ hộ tịch trước; nếu thông tin sai, hãy dùng "Thông tin này sai".',
          en: 'If divorced, the divorce must be recorded in the register first; if the record is wrong, use "this is wrong".',
        }
      : { vi: `Hãy chọn "${label(held).labelVi}".`, en: `Choose "${label(held).labelEn}".` };
  return {
    messageVi: `${w.vi} được Cơ sở dữ liệu hộ tịch điện tử ghi nhận là ${state.vi}${by.vi}, nên không thể khai "${label(declared).labelVi}". ${CIVIL_STATUS_LAW.vi}. ${then.vi}`,
    messageEn: `${w.enIs} recorded in the civil-status database as ${state.en}${by.en}, so the declaration "${label(declared).labelEn}" cannot be made. ${CIVIL_STATUS_LAW.en}. ${then.en}`,
  };
}

/** PERSON_BIRTH_DATE_INCOMPLETE: the other party's date of birth typed without its day or month. */
export const INCOMPLETE_BIRTH_WORDS = {
  messageVi:
    "Ngày sinh của người kia chưa đủ: hãy ghi đủ ngày, tháng và năm sinh, như trên thẻ căn cước hoặc trong ứng dụng VNeID của người kia.",
  messageEn:
    "The other party's date of birth is incomplete: give the day, month and year, as on their ID card or in their VNeID app.",
};

/** PERSON_MISMATCH: the one finding about a field person whose identity does not match. */
export const MISMATCH_WORDS = {
  messageVi:
    "Số định danh, họ tên và ngày sinh của người kia không khớp với Cơ sở dữ liệu quốc gia về dân cư. Hãy kiểm tra lại cả ba thông tin (in trên thẻ căn cước hoặc trong ứng dụng VNeID của người kia).",
  messageEn:
    "The other party's personal number, full name and date of birth do not match the national population database. Check all three (printed on their ID card or shown in their VNeID app).",
};
