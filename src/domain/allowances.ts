import type { AgencyId } from "./agencies.js";
import { foldVietnamese } from "./text.js";
import { formatInstant, formatInstantShort, formatMoney } from "./vietnamese-dates.js";

/**
 * Allowances the platform pays to a bank account (issue 12 point 6), as data: the procedure that
 * grants each, the agency that decides and pays it, and the amount.
 *
 * - Funeral allowance (hỗ trợ chi phí mai táng): 20 × the standard social-assistance level
 *   (Decree 20/2021/NĐ-CP, Art. 11(1)); the level is 500,000 đ since 1 January 2025 (Decree
 *   76/2024/NĐ-CP), so 10,000,000 đ. Confirmed.
 * - Survivor benefit (trợ cấp tuất, Law on Social Insurance 2024, Art. 86–90): the monthly benefit
 *   is 50% of the reference level per dependant (Art. 87; reference level 2,340,000 đ, the base
 *   salary of Decree 73/2024/NĐ-CP, so 1,170,000 đ), its first month paid now; the one-time
 *   benefit depends on the deceased's contribution years and average insured salary (Art. 90:
 *   months of the average salary per year of contribution, at least 3 months), which the social
 *   security agency holds and the platform does not: its officer enters the amount decided
 *   (`decided: true`, no figure here), and the decision, the transfer and the registry carry it.
 */
export const ALLOWANCE_KINDS = ["funeral_allowance", "survivor_benefit"] as const;
export type AllowanceKind = (typeof ALLOWANCE_KINDS)[number];

export type AllowanceRule = {
  kind: AllowanceKind;
  procedureCode: string;
  /** The agency that decides and pays (its officers decide the dossier; it signs the write-back). */
  payer: AgencyId;
  nameVi: string;
  nameEn: string;
  /**
   * Whole đồng paid once and monthly, by the choice on the form (`benefit.kind`; "default"
   * otherwise): a figure set by law, or `decided` when the paying agency's officer enters it from
   * records the platform does not hold (the one-time survivor benefit).
   */
  amounts: Readonly<Record<string, { amount: number; monthly: number } | { decided: true; monthly: number }>>;
};

export const ALLOWANCE_RULES: readonly AllowanceRule[] = [
  {
    kind: "funeral_allowance",
    procedureCode: "LOCAL.MAI-TANG-PHI",
    payer: "van-hoa-xa-hoi",
    nameVi: "Hỗ trợ chi phí mai táng",
    nameEn: "Funeral allowance",
    amounts: { default: { amount: 10_000_000, monthly: 0 } },
  },
  {
    kind: "survivor_benefit",
    procedureCode: "LOCAL.TRO-CAP-TUAT",
    payer: "bhxh",
    nameVi: "Trợ cấp tuất",
    nameEn: "Survivor benefit",
    amounts: {
      monthly: { amount: 1_170_000, monthly: 1_170_000 },
      one_time: { decided: true, monthly: 0 },
    },
  },
];

/** The allowance a procedure grants, if any. */
export function allowanceOf(procedureCode: string): AllowanceRule | undefined {
  return ALLOWANCE_RULES.find((r) => r.procedureCode === procedureCode);
}

/** The largest amount an officer may enter, in đồng (the amount columns are 32-bit integers). */
export const DECIDED_AMOUNT_MAX = 2_000_000_000;

type AmountRule = AllowanceRule["amounts"][string];

function amountRule(rule: AllowanceRule, choice: unknown): AmountRule {
  const key = typeof choice === "string" && rule.amounts[choice] ? choice : "default";
  const found = rule.amounts[key] ?? Object.values(rule.amounts)[0];
  if (!found) throw new Error(`allowance ${rule.kind} has no amount`);
  return found;
}

/** Pure: whether the deciding officer enters the amount for the form's choice (`benefit.kind`). */
export const amountIsDecided = (rule: AllowanceRule, choice: unknown): boolean =>
  "decided" in amountRule(rule, choice);

/** Why an officer's amount is refused: a stable code, the field, bilingual words. */
export type AmountProblem = {
  ok: false;
  code: "AMOUNT_REQUIRED" | "AMOUNT_SET_BY_LAW";
  vi: string;
  en: string;
};

/**
 * Pure: what the decision grants for the form's choice (`benefit.kind`), in whole đồng: the amount
 * set by law, or the amount the officer entered (`entered`) where the paying agency decides it
 * (`amountIsDecided`): a whole number from 1 to `DECIDED_AMOUNT_MAX`. AMOUNT_REQUIRED when that
 * amount is missing or out of range; AMOUNT_SET_BY_LAW when a figure is entered where the law sets
 * the amount (refused, never silently replaced: the officer must not believe their figure is paid).
 */
export function grantedAmount(
  rule: AllowanceRule,
  choice: unknown,
  entered?: unknown,
): { ok: true; amount: number; monthly: number } | AmountProblem {
  const r = amountRule(rule, choice);
  if (!("decided" in r)) {
    if (entered === undefined || entered === null) return { ok: true, amount: r.amount, monthly: r.monthly };
    return {
      ok: false,
      code: "AMOUNT_SET_BY_LAW",
      vi: `Số tiền ${rule.nameVi.toLowerCase()} do pháp luật quy định (${r.amount.toLocaleString("vi-VN")} đồng): không nhập số tiền khi ban hành kết quả.`,
      en: `The ${rule.nameEn.toLowerCase()} amount is set by law (${r.amount.toLocaleString("en-US")} đồng): do not enter an amount when issuing the result.`,
    };
  }
  if (
    typeof entered !== "number" ||
    !Number.isInteger(entered) ||
    entered < 1 ||
    entered > DECIDED_AMOUNT_MAX
  )
    return {
      ok: false,
      code: "AMOUNT_REQUIRED",
      vi: `Cần ghi số tiền ${rule.nameVi.toLowerCase()} đã xác định (số nguyên đồng, từ 1 đến ${DECIDED_AMOUNT_MAX.toLocaleString("vi-VN")}), tính theo quá trình đóng bảo hiểm xã hội của người đã mất.`,
      en: `Enter the ${rule.nameEn.toLowerCase()} amount decided (whole đồng, 1 to ${DECIDED_AMOUNT_MAX.toLocaleString("en-US")}), from the deceased's social-insurance record.`,
    };
  return { ok: true, amount: entered, monthly: r.monthly };
}

/**
 * Pure: the amount granted as the decision logged it (`amount` of the `issue_result` payload),
 * read back by whoever pays it: the logged figure is the one to pay only where the officer decided
 * it; elsewhere the law's amount (a figure logged there is the law's own, set by `grantedAmount`).
 */
export function loggedGrant(rule: AllowanceRule, choice: unknown, logged: unknown) {
  return grantedAmount(rule, choice, amountIsDecided(rule, choice) ? logged : undefined);
}

/** Why an account is refused before any transfer (a stable code, bilingual words). */
export type AccountProblem = { code: "ACCOUNT_FORMAT" | "ACCOUNT_HOLDER_MISMATCH"; vi: string; en: string };

/** A bank account number as the banks issue them: 6 to 20 digits. */
export const ACCOUNT_NUMBER_PATTERN = /^[0-9]{6,20}$/;

/**
 * Pure check of a beneficiary's account before a transfer: 6 to 20 digits (the banks' account
 * numbers), and the holder's name as the bank reports it (name inquiry) equal to the beneficiary's
 * name in the population registry once folded (no diacritics, case or spacing: banks print
 * "NGUYEN VAN AN" for "Nguyễn Văn An"). Null when the transfer may go.
 */
export function accountProblem(
  account: string,
  holderName: string | null,
  registryName: string,
): AccountProblem | null {
  if (!ACCOUNT_NUMBER_PATTERN.test(account))
    return {
      code: "ACCOUNT_FORMAT",
      vi: "Số tài khoản không hợp lệ (phải gồm 6 đến 20 chữ số).",
      en: "The account number is invalid (6 to 20 digits).",
    };
  if (holderName === null || foldVietnamese(holderName) !== foldVietnamese(registryName))
    return {
      code: "ACCOUNT_HOLDER_MISMATCH",
      vi: "Tên chủ tài khoản không trùng với tên người thụ hưởng trong Cơ sở dữ liệu quốc gia về dân cư.",
      en: "The account holder's name does not match the beneficiary's name in the population registry.",
    };
  return null;
}

/** An allowance record of the registry, as far as `monthlyAllowanceOn` reads it. */
export type AllowanceRecord = {
  id: string;
  kind: string;
  monthlyAmount: number;
  since: string;
  until: string | null;
};

/**
 * Pure: the monthly social allowance (Decree 20/2021/NĐ-CP: elderly_80, disability...) the registry
 * records the person drawing on `date` ("YYYY-MM-DD", their date of death for a deceased), if any;
 * the allowances the platform itself pays (funeral allowance, survivor benefit) are not one. Such a
 * beneficiary's funeral is supported by Decree 20/2021/NĐ-CP, Art. 11.
 */
export function monthlyAllowanceOn<T extends AllowanceRecord>(
  rows: readonly T[],
  date: string,
): T | undefined {
  const paidHere: readonly string[] = ALLOWANCE_KINDS;
  return rows.find(
    (r) =>
      r.monthlyAmount > 0 &&
      !paidHere.includes(r.kind) &&
      r.since <= date &&
      (r.until === null || r.until >= date),
  );
}

/** Why a transfer stopped, in the beneficiary's words (the flag's code; any other: the bank refused). */
const STOPPED_WHY: Record<string, { vi: string; en: string }> = {
  ACCOUNT_FORMAT: { vi: "số tài khoản không hợp lệ.", en: "the account number is invalid." },
  ACCOUNT_HOLDER_MISMATCH: {
    vi: "tài khoản không đứng tên bạn như trong Cơ sở dữ liệu quốc gia về dân cư.",
    en: "the account is not in your name as the population registry gives it.",
  },
  ACCOUNT_CLOSED: { vi: "ngân hàng báo tài khoản đã đóng.", en: "the bank says the account is closed." },
};
const STOPPED_OTHER = { vi: "ngân hàng không nhận giao dịch.", en: "the bank refused the transfer." };

/**
 * Pure: what the beneficiary is told (SMS, e-mail, in-app) when the transfer of an allowance is
 * stopped (`flagged`, with its code) or paid (with the bank's reference and time), vi then en: the
 * allowance in plain words, its amount in đồng, the account masked; for a stop, what to do (correct
 * the account on the group's page; no money has left).
 */
export function disbursementNotice(n: {
  kind: string;
  amount: number;
  account: string;
  bank: string;
  code: string | null;
  event: "flagged" | "paid";
  error?: string | null;
  bankRef?: string | null;
  paidAt?: Date | string | null;
}): { textVi: string; textEn: string } {
  const rule = ALLOWANCE_RULES.find((r) => r.kind === n.kind);
  const what = rule
    ? { vi: rule.nameVi.toLowerCase(), en: rule.nameEn.toLowerCase() }
    : { vi: "trợ cấp", en: "allowance" };
  const amount = { vi: formatMoney(n.amount), en: `${n.amount.toLocaleString("en-US")} VND` };
  const masked = `****${n.account.replace(/^\*+/, "").slice(-4)}`;
  const dossier = n.code ? { vi: ` (hồ sơ ${n.code})`, en: ` (dossier ${n.code})` } : { vi: "", en: "" };
  if (n.event === "paid") {
    const at = n.paidAt ?? null;
    const ref = n.bankRef
      ? { vi: ` Mã giao dịch: ${n.bankRef}.`, en: ` Bank reference: ${n.bankRef}.` }
      : null;
    return {
      textVi:
        `Đã chuyển ${amount.vi} tiền ${what.vi}${dossier.vi} vào tài khoản ${masked} tại ${n.bank}` +
        `${at ? ` lúc ${formatInstant(at)}` : ""}.${ref?.vi ?? ""}`,
      textEn:
        `${amount.en} of ${what.en}${dossier.en} was paid into account ${masked} at ${n.bank}` +
        `${at ? ` on ${formatInstantShort(at, "en")}` : ""}.${ref?.en ?? ""}`,
    };
  }
  const why = STOPPED_WHY[n.error ?? ""] ?? STOPPED_OTHER;
  return {
    textVi:
      `Chưa chuyển được ${amount.vi} tiền ${what.vi}${dossier.vi} vào tài khoản ${masked} tại ${n.bank}: ${why.vi}` +
      " Chưa có khoản tiền nào được chuyển đi. Bạn hãy mở trang nhóm hồ sơ trên Một Lần và nhập lại" +
      " tài khoản ngân hàng đứng tên mình; tiền sẽ được chuyển lại ngay sau khi tài khoản được kiểm tra.",
    textEn:
      `The ${amount.en} of ${what.en}${dossier.en} could not be paid into account ${masked} at ${n.bank}: ${why.en}` +
      " No money has left. Open the group's page on Một Lần and enter a bank account in your own name;" +
      " the money is sent again as soon as the account is checked.",
  };
}
