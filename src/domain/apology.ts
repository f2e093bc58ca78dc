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
