/**
 * The one definition of "late" (issue 8). Everything that says whether a dossier is on time, near
 * due or overdue — the dossier's clock, the officer queue's `due=` filter, the leader's overdue list
 * and on-time share, the badges of the web app — derives from the functions of this file:
 *
 * - at receipt the LEGAL due instant is fixed from the procedure's time limit (`dueAt`);
 * - supplement waits move it by the working time they paused (`dueInstants` → `dueAt`), and the
 *   NEAR-DUE instant is where the remaining working time falls within `NEAR_DUE` (`nearDueAt`);
 *   the dossiers projection stores both, so SQL compares `now` with two indexed instants;
 * - `dueStateAt` compares an instant with the two instants; `dueStateOf` is the badge / queue rule
 *   (only while the clock runs); `clockOf` is the dossier's own clock; `decidedOnTime` is the
 *   on-time rule of KPIS.md.
 *
 * Pure: instants in and out as `Date` (or ISO strings from the API), the working-day calendar
 * (`./calendar`, with holidays as data) and nothing else, so the browser runs the same code.
 */
import {
  addWorkingDays,
  addWorkingHours,
  effectiveReceiptDay,
  isWorkingDay,
  localDate,
  localInstant,
  nextWorkingDay,
  type Pause,
  UTC_OFFSET_MINUTES,
  WORKING_DAY_MILLIS,
  WORKING_PERIODS,
  workingMillisBetween,
} from "./calendar/index.js";
import { parseInstant } from "./instant.js";
import { AWAITING_SUPPLEMENT, CLOCK_RUNNING, type Status, TERMINAL } from "./lifecycle.js";
import type { TimeLimit } from "./procedure.js";

export const DUE_STATES = ["on_time", "near_due", "overdue"] as const;
export type DueState = (typeof DUE_STATES)[number];

/**
 * The near-due threshold, in one place: a dossier is near due once its remaining working time is
 * within the last working day (8 office hours), or within the last quarter of a time limit of one
 * working day or less. Changing it changes the clock, the queue filter, the badges and the leader's
 * view at once: the dossiers store `near_due_at` computed with it, and each start compares this
 * threshold with the one recorded beside them (`rule_fingerprints`) and recomputes the instants of
 * the dossiers still open when they differ (`backfillDueInstants` in the dossiers module).
 */
export const NEAR_DUE = { workingMillis: WORKING_DAY_MILLIS, shortLimitFraction: 1 / 4 } as const;

/** Working millis before the due instant from which a dossier allowed `allowed` working millis is near due. */
export function nearDueThreshold(allowed: number): number {
  return allowed <= NEAR_DUE.workingMillis ? allowed * NEAR_DUE.shortLimitFraction : NEAR_DUE.workingMillis;
}

/**
 * KPIS.md "on time": a dossier decided after more than this many supplement requests is not on
 * time, whatever the instant (Decree 61/2018 Art. 19: the officer asks for everything missing at
 * once; a second request is the administration's fault, and its wait still moves the due instant).
 */
export const MAX_SUPPLEMENT_REQUESTS_ON_TIME = 1;

/** The legal due instant of a dossier received at `receivedAt` (15:00 rule inside the calendar). */
export function dueAt(receivedAt: Date, limit: TimeLimit): Date {
  return "workingDays" in limit
    ? addWorkingDays(receivedAt, limit.workingDays)
    : addWorkingHours(receivedAt, limit.workingHours);
}

/** Counting starts on the effective receipt day (a dossier received after 15:00 starts tomorrow). */
function countingStart(receivedAt: Date): Date {
  const day = effectiveReceiptDay(receivedAt);
  return day === localDate(receivedAt) ? receivedAt : localInstant(day, "07:30");
}

type Interval = { start: number; end: number };

/** Closed pauses as sorted, merged epoch-millis intervals (an open pause is not known to end). */
function closedPauses(pauses: readonly Pause[]): Interval[] {
  const sorted = pauses
    .flatMap((p) => (p.to === null ? [] : [{ start: p.from.getTime(), end: p.to.getTime() }]))
    .filter((p) => p.end > p.start)
    .sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const p of sorted) {
    const last = merged.at(-1);
    if (last && p.start <= last.end) last.end = Math.max(last.end, p.end);
    else merged.push({ ...p });
  }
  return merged;
}

/**
 * The earliest instant at which `millis` of office time have been counted from `start`, time
 * inside `pauses` not counted. Throws CalendarYearMissingError past the calendar data.
 */
function afterWorkingMillis(start: Date, millis: number, pauses: readonly Interval[]): Date {
  if (millis <= 0) return start;
  let remaining = millis;
  const from = start.getTime();
  for (let day = localDate(start); ; day = nextWorkingDay(day)) {
    if (!isWorkingDay(day)) continue;
    for (const period of WORKING_PERIODS) {
      let cursor = Math.max(from, localInstant(day, period.start).getTime());
      const end = localInstant(day, period.end).getTime();
      // The free parts of [cursor, end): pauses cut holes in the office hours.
      for (const pause of [...pauses, { start: end, end }]) {
        if (cursor >= end) break;
        if (pause.end <= cursor) continue;
        const freeEnd = Math.min(pause.start, end);
        if (freeEnd > cursor) {
          if (remaining <= freeEnd - cursor) return new Date(cursor + remaining);
          remaining -= freeEnd - cursor;
        }
        cursor = Math.max(cursor, pause.end);
      }
    }
  }
}

export type DueInstants = {
  /** The due instant: the legal one moved by the working time the closed supplement waits paused. */
  dueAt: Date;
  /** From this instant the remaining working time is within the near-due threshold. */
  nearDueAt: Date;
};

/** The working time a dossier received at `receivedAt` is allowed until `legalDueAt` (its time limit as office millis). */
export function allowedWorkingMillis(receivedAt: Date, legalDueAt: Date): number {
  return workingMillisBetween(countingStart(receivedAt), legalDueAt);
}

/**
 * The due and near-due instants of a received dossier. `legalDueAt` is the instant fixed at
 * receipt (`dueAt` above); `pauses` are its supplement waits. A pause still open is not counted:
 * while it lasts the clock stands still (see `clockInstant`), and the instants move when it ends.
 */
export function dueInstants(input: {
  receivedAt: Date;
  legalDueAt: Date;
  pauses: readonly Pause[];
}): DueInstants {
  const start = countingStart(input.receivedAt);
  const allowed = allowedWorkingMillis(input.receivedAt, input.legalDueAt);
  const pauses = closedPauses(input.pauses);
  return {
    dueAt: pauses.length > 0 ? afterWorkingMillis(start, allowed, pauses) : input.legalDueAt,
    nearDueAt: afterWorkingMillis(start, allowed - nearDueThreshold(allowed), pauses),
  };
}

/** The instants of a dossier from its folded state (`lifecycle.ts`); null before receipt. */
export function dueInstantsOf(state: {
  receivedAt: Date | null;
  legalDueAt: Date | null;
  pauses: readonly Pause[];
}): DueInstants | null {
  if (!state.receivedAt || !state.legalDueAt) return null;
  return dueInstants({ receivedAt: state.receivedAt, legalDueAt: state.legalDueAt, pauses: state.pauses });
}

/**
 * THE rule: overdue after the due instant, near due from the near-due instant, else on time.
 * A decision at the due instant itself is on time (KPIS.md: "decision instant ≤ the due instant").
 */
export function dueStateAt(instants: DueInstants, at: Date): DueState {
  if (at.getTime() > instants.dueAt.getTime()) return "overdue";
  if (at.getTime() >= instants.nearDueAt.getTime()) return "near_due";
  return "on_time";
}

type Instant = Date | string;
const toDate = (i: Instant) => parseInstant(i) ?? new Date(Number.NaN);

/**
 * The due state the queue filters by and the badges show, from the instants the API sends:
 * null unless the clock runs (received, not decided, not waiting for the citizen) and the dossier
 * has its instants. The SQL of the queue and the leader's view says the same (dossiers module).
 */
export function dueStateOf(
  d: { status: Status; dueAt: Instant | null; nearDueAt: Instant | null },
  now: Date,
): DueState | null {
  if (!CLOCK_RUNNING.has(d.status) || d.dueAt === null || d.nearDueAt === null) return null;
  return dueStateAt({ dueAt: toDate(d.dueAt), nearDueAt: toDate(d.nearDueAt) }, now);
}

/** KPIS.md "on time": decided at or before the (moved) due instant, after at most one supplement request. */
export function decidedOnTime(d: { decidedAt: Date; dueAt: Date; supplementRequests: number }): boolean {
  return (
    d.decidedAt.getTime() <= d.dueAt.getTime() && d.supplementRequests <= MAX_SUPPLEMENT_REQUESTS_ON_TIME
  );
}

/**
 * How late a decided dossier was (KPIS.md's clock, `decidedOnTime`): the working days (fractional,
 * office hours) from its due instant to its decision; 0 when decided by its due; null while undecided.
 */
export function workingDaysLate(d: { decidedAt: Date | null; dueAt: Date | null }): number | null {
  if (!d.decidedAt || !d.dueAt) return null;
  return d.decidedAt > d.dueAt ? workingMillisBetween(d.dueAt, d.decidedAt) / WORKING_DAY_MILLIS : 0;
}

/**
 * The instant a dossier's clock reads: the decision if decided; the instant it left processing
 * without one (withdrawn); the start of the supplement wait it stands still in; else `now`.
 */
export function clockInstant(
  d: { status: Status; decidedAt: Date | null; finishedAt: Date | null; pauses: readonly Pause[] },
  now: Date,
): Date {
  if (d.decidedAt) return d.decidedAt;
  if (TERMINAL.has(d.status)) return d.finishedAt ?? now;
  return d.pauses.find((p) => p.to === null)?.from ?? now;
}

export type Clock = {
  /** The due instant (moved by closed supplement waits) and the near-due instant. */
  dueAt: Date;
  nearDueAt: Date;
  /** Working time allowed by the limit, used so far (supplement waits excluded), and left. */
  allowedWorkingMillis: number;
  usedWorkingMillis: number;
  remainingWorkingMillis: number;
  pausedNow: boolean;
  /** `dueStateAt` at the clock's instant (`clockInstant`). */
  state: DueState;
  /** Set once decided: `decidedOnTime`. */
  finishedOnTime: boolean | null;
};

/**
 * Pure: where a dossier stands against its time limit at `now`. `instants` are the stored ones
 * (the projection's `due_at`, `near_due_at`), so the clock reads what the queue filters by.
 */
export function clockOf(input: {
  status: Status;
  receivedAt: Date;
  legalDueAt: Date;
  instants: DueInstants;
  pauses: readonly Pause[];
  supplementRequests: number;
  decidedAt: Date | null;
  finishedAt: Date | null;
  now: Date;
}): Clock {
  const start = countingStart(input.receivedAt);
  const at = clockInstant(input, input.now);
  const allowed = workingMillisBetween(start, input.legalDueAt);
  const used = at > start ? workingMillisBetween(start, at, input.pauses) : 0;
  const { decidedAt } = input;
  const onTime = decidedAt
    ? decidedOnTime({ decidedAt, dueAt: input.instants.dueAt, supplementRequests: input.supplementRequests })
    : null;
  const state = dueStateAt(input.instants, at);
  return {
    dueAt: input.instants.dueAt,
    nearDueAt: input.instants.nearDueAt,
    allowedWorkingMillis: allowed,
    usedWorkingMillis: used,
    remainingWorkingMillis: allowed - used,
    pausedNow: AWAITING_SUPPLEMENT.has(input.status),
    state: onTime === null ? state : onTime ? "on_time" : "overdue",
    finishedOnTime: onTime,
  };
}

/** What is left before a due instant that falls later on the same local day as `now`. */
export type LeftToday = { hours: number; minutes: number; dueTime: string };

/**
 * The time left when the due instant is later today (a same-day step received at 07:24, due 17:00):
 * wall-clock hours and minutes, and the due time "HH:MM" (local, UTC+07:00), so the officer reads
 * "9 giờ 36 phút, hạn 17:00 hôm nay" instead of "1 ngày làm việc". Null when the due instant is
 * past, or on another local day (then the working days and hours left say it).
 */
export function leftToday(dueAt: Date, now: Date): LeftToday | null {
  const left = dueAt.getTime() - now.getTime();
  if (left <= 0 || localDate(dueAt) !== localDate(now)) return null;
  const totalMinutes = Math.ceil(left / 60_000);
  const local = new Date(dueAt.getTime() + UTC_OFFSET_MINUTES * 60_000);
  const hhmm = `${String(local.getUTCHours()).padStart(2, "0")}:${String(local.getUTCMinutes()).padStart(2, "0")}`;
  return { hours: Math.floor(totalMinutes / 60), minutes: totalMinutes % 60, dueTime: hhmm };
}
