import { NEAR_DUE, nearDueThreshold } from "./due.js";

/**
 * The rules of the apology slip for a late dossier ("Phiếu xin lỗi và hẹn lại ngày trả kết quả"),
 * as data. None of them is in the project's sources: shared/DOMAIN.md and the seeds do not
 * mention the slip at all. What follows is this platform's reading of Decree 61/2018/NĐ-CP
 * Art. 19(3)(c) as amended by Decree 107/2021/NĐ-CP (Art. 1(11)) and of Circular 01/2018/TT-VPCP
 * (form Mẫu số 05), not checked against the published texts: `confirmed: false`, to be corrected
 * here (and in README "Apology slip") when a source confirms or contradicts it.
 */
export const APOLOGY_SOURCE =
  "Not in the project's sources (shared/DOMAIN.md, seeds). Platform's reading, unconfirmed: Decree 61/2018/NĐ-CP Art. 19(3)(c), as amended by Decree 107/2021/NĐ-CP Art. 1(11): for a dossier that will be late, the agency competent to resolve it informs the one-stop desk in writing and sends the citizen a written apology stating the reason and the new date, at the latest 1 day before the due date, on the form of Circular 01/2018/TT-VPCP, Mẫu số 05 (Phiếu xin lỗi và hẹn lại ngày trả kết quả); the date may be rescheduled no more than once";

export const APOLOGY_RULES = {
  /** Slips (new dates) a dossier may get: "hẹn lại ngày trả kết quả … không quá một lần". Enforced (APOLOGY_ALREADY_SENT). */
  maxSlips: 1,
  /**
   * The text's deadline: at the latest this many days before the due date. Not a refusal: a slip
   * after it is still sent (refusing it would leave the citizen without the reason and new date
   * the form gives, and would not make the agency on time); the Decision 766 publicity figure
   * counts a slip as timely only when sent at or before the due instant (src/domain/kpis.ts).
   */
  sendByDaysBeforeDue: 1,
  confirmed: false,
  source: APOLOGY_SOURCE,
} as const;

/** Whether a dossier whose log has `sent` apology slips may get another (`APOLOGY_RULES.maxSlips`). */
export const mayApologizeAgain = (sent: number): boolean => sent < APOLOGY_RULES.maxSlips;

const MINUTE_MILLIS = 60_000;

/** Office time in words: "2 giờ làm việc" / "2 working hours", "1 giờ 37 phút làm việc" / "1 hour 37 minutes of working time". */
function workingSpan(millis: number): { vi: string; en: string } {
  const minutes = Math.round(millis / MINUTE_MILLIS);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const vi = [h > 0 ? `${h} giờ` : "", m > 0 ? `${m} phút` : ""].filter(Boolean).join(" ");
  const en = [
    h > 0 ? `${h} ${h === 1 ? "hour" : "hours"}` : "",
    m > 0 ? `${m} ${m === 1 ? "minute" : "minutes"}` : "",
  ]
    .filter(Boolean)
    .join(" ");
  return {
    vi: `${vi} làm việc`,
    en: m === 0 ? `${h} working ${h === 1 ? "hour" : "hours"}` : `${en} of working time`,
  };
}

/**
 * The APOLOGY_NOT_DUE message stating the window applied to this dossier: a slip may be sent once
 * the dossier is near due (`nearDueThreshold` of ./due.ts, the badge's and queue's rule) or late.
 * A time limit over one working day: the last working day before the due instant; one of at most
 * a working day (a same-day procedure): the last quarter of it (2 working hours of 8). `allowed`:
 * the dossier's time limit in office millis (`allowedWorkingMillis`).
 */
export function apologyNotDueMessage(allowed: number): { vi: string; en: string } {
  const window = nearDueThreshold(allowed);
  if (allowed > NEAR_DUE.workingMillis)
    return {
      vi: "Chỉ gửi phiếu xin lỗi khi hồ sơ chưa giải quyết xong và đã vào ngày làm việc cuối cùng trước hạn (còn không quá 1 ngày làm việc, tức 8 giờ làm việc) hoặc đã quá hạn.",
      en: "An apology is sent only for a dossier not yet decided that is in its last working day before the due time (1 working day, 8 working hours, or less left) or already late.",
    };
  const w = workingSpan(window);
  const limit = workingSpan(allowed);
  return {
    vi: `Chỉ gửi phiếu xin lỗi khi hồ sơ chưa giải quyết xong và còn không quá ${w.vi} trước hạn (một phần tư thời hạn ${limit.vi} của thủ tục giải quyết trong ngày) hoặc đã quá hạn.`,
    en: `An apology is sent only for a dossier not yet decided that has ${w.en} or less left before the due time (a quarter of the same-day procedure's time limit, ${limit.en}) or is already late.`,
  };
}

/**
 * Whom the slip addresses ("Kính gửi"). The dossier's applicant by name when it carries one; a
 * dossier without a name (imported history: the KPIS.md import format gives the personal number
 * only, and the number need not be in the registry; a filing on behalf) is addressed respectfully
 * as a citizen identified by the number, never by the bare number as if it were a name.
 */
export function apologyAddressee(name: string | null | undefined, personalNumber: string): string {
  const n = name?.trim();
  return n ? `Ông/Bà ${n}` : `Ông/Bà (công dân có số định danh cá nhân ${personalNumber})`;
}
