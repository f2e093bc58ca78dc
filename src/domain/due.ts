import {
  addWorkingDays,
  addWorkingHours,
  effectiveReceiptDay,
  localDate,
  localInstant,
  type Pause,
  WORKING_DAY_MILLIS,
  workingMillisBetween,
} from "./calendar/index.js";
import type { TimeLimit } from "./procedure.js";

/** The legal due instant of a dossier received at `receivedAt` (15:00 rule inside the calendar). */
export function dueAt(receivedAt: Date, limit: TimeLimit): Date {
  return "workingDays" in limit
    ? addWorkingDays(receivedAt, limit.workingDays)
    : addWorkingHours(receivedAt, limit.workingHours);
}

export type DueState = "on_time" | "near_due" | "overdue";

export type Clock = {
  dueAt: string;
  /** Working time allowed by the limit, used so far (supplement waits excluded), and left. */
  allowedWorkingMillis: number;
  usedWorkingMillis: number;
  remainingWorkingMillis: number;
  pausedNow: boolean;
  state: DueState;
  /** Set once finished: whether the decision came within the limit. */
  finishedOnTime: boolean | null;
};

/** Counting starts on the effective receipt day (a dossier received after 15:00 starts tomorrow). */
function countingStart(receivedAt: Date): Date {
  const day = effectiveReceiptDay(receivedAt);
  return day === localDate(receivedAt) ? receivedAt : localInstant(day, "07:30");
}

/** Pure: where a dossier stands against its time limit at `now`. */
export function clockOf(input: {
  receivedAt: Date;
  due: Date;
  pauses: readonly Pause[];
  finishedAt: Date | null;
  now: Date;
}): Clock {
  const start = countingStart(input.receivedAt);
  const end = input.finishedAt ?? input.now;
  const allowed = workingMillisBetween(start, input.due);
  const used = end > start ? workingMillisBetween(start, end, input.pauses) : 0;
  const remaining = allowed - used;
  // Near due: within the last working day, or the last quarter of a limit shorter than a day.
  const nearThreshold = allowed <= WORKING_DAY_MILLIS ? allowed / 4 : WORKING_DAY_MILLIS;
  const state: DueState = remaining < 0 ? "overdue" : remaining <= nearThreshold ? "near_due" : "on_time";
  return {
    dueAt: input.due.toISOString(),
    allowedWorkingMillis: allowed,
    usedWorkingMillis: used,
    remainingWorkingMillis: remaining,
    pausedNow: input.pauses.some((p) => p.to === null),
    state: input.finishedAt ? (remaining < 0 ? "overdue" : "on_time") : state,
    finishedOnTime: input.finishedAt ? remaining >= 0 : null,
  };
}
