/**
 * The clocks of a linked group (Decree 63/2024/NĐ-CP): the due instants the law gives a group and
 * each of its steps, the supplement window, and what a citizen may be shown of a limit. Pure rules
 * shared by the server and the web app, on the working-day calendar (15:00 rule included).
 */
import { addWorkingDays } from "./calendar/index.js";
import { chainDays, type GroupLimit, type LinkedGroupDefinition, type StepState } from "./linked-group.js";

export type PlannedDue = { group: Date; steps: Record<string, Date> };

/**
 * The due instants the law gives a group received at `receivedAt` (before any step starts): each
 * step at the end of its chain of limits (a dependant's limit counts after its dependency's), the
 * group at its overall limit (the longer one when verification is needed). Files received after
 * 15:00, or on a day off, count from the next working day (calendar). Instants are 17:00 local.
 * Throws CalendarYearMissingError past the calendar's data.
 */
export function plannedDue(
  def: LinkedGroupDefinition,
  keys: readonly string[],
  receivedAt: Date,
  opts: { verification?: boolean } = {},
): PlannedDue {
  const seen = new Map<string, number>();
  const steps: Record<string, Date> = {};
  for (const k of keys) steps[k] = addWorkingDays(receivedAt, chainDays(def, k, seen));
  const limit = opts.verification && def.limitWithVerification ? def.limitWithVerification : def.limit;
  return { group: addWorkingDays(receivedAt, limit.workingDays), steps };
}

/**
 * The last instant to supply missing documents asked for at `requestedAt` (else the file is
 * refused): `within` working days later, 17:00 local, by the working-day calendar (Decree 63/2024:
 * 7 working days for the birth group). `within` is the group's `supplementWithin` (fixed in a
 * step's filing). Null when the law does not confirm that limit: never shown to citizens as law.
 * Throws CalendarYearMissingError past the calendar's data.
 */
export function supplementDeadline(within: GroupLimit, requestedAt: Date): Date | null {
  return within.confirmed ? addWorkingDays(requestedAt, within.workingDays) : null;
}

/**
 * Whether a supplement request asked at `requestedAt` went unanswered past its deadline at `now`
 * (Decree 63/2024: the file is then refused): the deadline when it has passed, else null. A limit
 * the law does not confirm never refuses a file (it has no deadline, `supplementDeadline`).
 * Throws CalendarYearMissingError past the calendar's data.
 */
export function supplementOverdue(within: GroupLimit, requestedAt: Date, now: Date): Date | null {
  const deadline = supplementDeadline(within, requestedAt);
  return deadline && now.getTime() > deadline.getTime() ? deadline : null;
}

/** What the citizen may be shown of a limit: its days when confirmed by law, else nothing. */
export function citizenLimit(limit: GroupLimit): { workingDays: number } | null {
  return limit.confirmed ? { workingDays: limit.workingDays } : null;
}

/**
 * Whether a step's clock (its due instant, "Hạn giải quyết", and its due state) is shown: not for a
 * step that ended in the group without its result (refused, withdrawn: "failed"; "cancelled"), which
 * has no deadline any more. The one rule of the citizen's group page and the officers' group panel.
 */
export const stepClockShown = (state: StepState): boolean => state !== "failed" && state !== "cancelled";
