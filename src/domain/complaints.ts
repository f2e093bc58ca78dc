/**
 * A citizen's feedback or complaint on a dossier ("phản ánh, kiến nghị"), and the officer's answer:
 * when it is due, whether a text is acceptable, and what the Decision 766 index measures of it.
 * Pure; the dossiers module records them (table `dossier_complaints` and the actions `complain` and
 * `answer_complaint` of the dossier's log), the metrics module sums them.
 *
 * Due: 15 working days from the receipt of the complaint, counted with the platform's one calendar
 * (`addWorkingDays`: the 15:00 intake rule, the first day not counted, 17:00 of the last day). The
 * 15 working days are the Decision 766 index's operational description ("complaints handled on
 * time, ≤ 15 working days", shared/DOMAIN.md); the handling of feedback and petitions is governed
 * by Decree 20/2008/NĐ-CP (receiving and handling feedback and petitions of individuals and
 * organisations on administrative regulations) and complaints proper by the Law on Complaints
 * 2011 (02/2011/QH13, whose Art. 28 gives up to 30 days for a first decision): neither text's own
 * limit is read here, so the 15 days are marked unconfirmed (`COMPLAINT_DUE.confirmed`).
 */
import { addWorkingDays, END_OF_DAY, localDate, localInstant, nextWorkingDay } from "./calendar/index.js";
import { TEXT_LIMITS } from "./inputs.js";
import { parseInstant } from "./instant.js";
import type { KpiSums } from "./kpis.js";
import type { DossierAction } from "./lifecycle.js";

export const COMPLAINT_DUE = {
  workingDays: 15,
  confirmed: false,
  source:
    "Decision 766 index, operational description (shared/DOMAIN.md): handled within 15 working days; Decree 20/2008/NĐ-CP and the Law on Complaints 2011 not read for this limit",
} as const;

/** The due instant of a complaint received at `at`: 17:00 of the 15th working day after it. */
export function complaintDueAt(at: Date): Date {
  return addWorkingDays(at, COMPLAINT_DUE.workingDays);
}

/** A count of characters as each language writes it, whatever the machine's locale ("2.000", "2,000"). */
const grouped = (n: number, separator: string) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, separator);

/**
 * The words of a complaint's (and an answer's) text refusals, one wording for the server's errors
 * (COMPLAINT_TOO_LONG, COMPLAINT_ANSWER_TOO_LONG) and the web form's own check before sending.
 * The platform's one term is "phản ánh, kiến nghị" (Decision 766's), "feedback or complaint" in English.
 */
export const COMPLAINT_WORDS = {
  COMPLAINT_TOO_LONG: {
    vi: `Nội dung phản ánh, kiến nghị dài quá ${grouped(TEXT_LIMITS.complaintText, ".")} ký tự.`,
    en: `The feedback or complaint is longer than ${grouped(TEXT_LIMITS.complaintText, ",")} characters.`,
  },
  COMPLAINT_ANSWER_TOO_LONG: {
    vi: `Nội dung trả lời phản ánh, kiến nghị dài quá ${grouped(TEXT_LIMITS.complaintAnswer, ".")} ký tự.`,
    en: `The answer is longer than ${grouped(TEXT_LIMITS.complaintAnswer, ",")} characters.`,
  },
} as const;

/** Why a complaint's (or an answer's) text is refused, or null: required once trimmed, at most the limit. */
export function complaintTextProblem(
  text: string | undefined | null,
  limit: number = TEXT_LIMITS.complaintText,
): "required" | "too_long" | null {
  const t = (text ?? "").trim();
  if (t === "") return "required";
  if (t.length > limit) return "too_long";
  return null;
}

/**
 * One complaint as the Decision 766 measure counts it: on one local day, the day its outcome is
 * known: the day of an answer given by the due instant (on time), else the due day (late, answered
 * after it or not at all). `open`: not answered (yet); an open complaint whose due instant has not
 * passed is not counted yet (`lastPassedDueDay`).
 */
export type ComplaintCell = { day: string; onTime: boolean; open: boolean };

type LoggedAction = Pick<DossierAction, "type" | "at" | "payload">;

/** The complaints of a dossier's log (`complain` and `answer_complaint` actions), as the measure counts them. */
export function complaintCells(log: readonly LoggedAction[]): ComplaintCell[] {
  const answers = new Map<string, Date>();
  for (const a of log)
    if (a.type === "answer_complaint" && typeof a.payload?.complaintId === "string")
      if (!answers.has(a.payload.complaintId)) answers.set(a.payload.complaintId, a.at);
  return log
    .filter((a) => a.type === "complain")
    .map((a) => {
      const id = typeof a.payload?.complaintId === "string" ? a.payload.complaintId : "";
      const given =
        typeof a.payload?.complaintDueAt === "string" ? parseInstant(a.payload.complaintDueAt) : null;
      const due = given ?? complaintDueAt(a.at);
      const answered = answers.get(id);
      const onTime = answered !== undefined && answered.getTime() <= due.getTime();
      return { day: localDate(onTime && answered ? answered : due), onTime, open: answered === undefined };
    });
}

/**
 * The last local day whose due instant (17:00, `END_OF_DAY`) has passed at `now`: an open complaint
 * due on it or before is late; one due after it is still in time and not counted.
 */
export function lastPassedDueDay(now: Date): string {
  const today = localDate(now);
  if (now.getTime() >= localInstant(today, END_OF_DAY).getTime()) return today;
  return localDate(new Date(localInstant(today, "00:00").getTime() - 1));
}

/**
 * Working days left to a complaint's due day at `now`: the working days after today up to its due
 * day (15 on the day it is filed before 15:00; 0 on the due day itself); past its due instant,
 * minus the working days since its due day (−1 the next working day).
 */
export function complaintWorkingDaysLeft(dueAt: Date, now: Date): number {
  const today = localDate(now);
  const dueDay = localDate(dueAt);
  const between = (from: string, to: string) => {
    let n = 0;
    for (let day = nextWorkingDay(from); day <= to; day = nextWorkingDay(day)) n++;
    return n;
  };
  if (now.getTime() <= dueAt.getTime()) return between(today, dueDay);
  return -Math.max(1, between(dueDay, today));
}

/**
 * The sums with the open complaints whose due instant has not passed taken out (`pending`: their
 * count on the period's days after `lastPassedDueDay`): a complaint still in time is not counted,
 * neither for nor against the on-time share.
 */
export function withoutPendingComplaints(s: KpiSums, pending: number): KpiSums {
  return { ...s, complaintsDue: s.complaintsDue - pending, complaintsOpen: s.complaintsOpen - pending };
}
