/**
 * Working-day arithmetic for administrative deadlines. Pure functions: instants in and out as
 * `Date`, calendar days as local (UTC+07:00) "YYYY-MM-DD" strings. The machine's time zone is
 * never consulted; Vietnam has a fixed offset and no daylight saving time.
 */
import {
  CALENDAR_DAYS,
  type CalendarDay,
  COVERED_YEARS,
  END_OF_DAY,
  INTAKE_CUTOFF,
  UTC_OFFSET_MINUTES,
  WORKING_PERIODS,
} from "./holidays.js";

/** A paused interval (e.g. waiting for the applicant); `to: null` means still paused. */
export type Pause = { readonly from: Date; readonly to: Date | null };

const MINUTE_MILLIS = 60_000;
/** An hour in milliseconds: working hours (`addWorkingHours`) and time limits in hours count in it. */
export const HOUR_MILLIS = 60 * MINUTE_MILLIS;
const DAY_MILLIS = 24 * HOUR_MILLIS;
const OFFSET_MILLIS = UTC_OFFSET_MINUTES * MINUTE_MILLIS;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

const ENTRY_BY_DATE: ReadonlyMap<string, CalendarDay> = new Map(CALENDAR_DAYS.map((d) => [d.date, d]));

const MINUTES = new Map<string, number>();

/** Minutes after local midnight of an "HH:MM" string (valid ones remembered: at most 1,440). */
function minutesOf(hhmm: string): number {
  const known = MINUTES.get(hhmm);
  if (known !== undefined) return known;
  const match = TIME_PATTERN.exec(hhmm);
  if (!match) throw new RangeError(`Invalid local time "${hhmm}", expected HH:MM`);
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  MINUTES.set(hhmm, minutes);
  return minutes;
}

/** Length of one full working day (8 hours with the configured office hours). */
export const WORKING_DAY_MILLIS = WORKING_PERIODS.reduce(
  (sum, p) => sum + (minutesOf(p.end) - minutesOf(p.start)) * MINUTE_MILLIS,
  0,
);

/**
 * Days already computed (valid dates only, at most `MEMO_DAYS` of them: a few thousand days cover
 * every deadline of the covered years). The deadline and KPI arithmetic reads the same days again
 * and again: the generated history spent a fifth of its CPU validating date strings before.
 */
const MEMO_DAYS = 20_000;
const MIDNIGHTS = new Map<string, number>();

/** UTC epoch millis of 00:00 UTC on the given calendar day; validates the string. */
function utcMidnight(date: string): number {
  const known = MIDNIGHTS.get(date);
  if (known !== undefined) return known;
  const match = DATE_PATTERN.exec(date);
  const millis = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (Number.isNaN(millis) || new Date(millis).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`Invalid date "${date}", expected YYYY-MM-DD`);
  }
  if (MIDNIGHTS.size < MEMO_DAYS) MIDNIGHTS.set(date, millis);
  return millis;
}

function millisOf(instant: Date): number {
  const millis = instant.getTime();
  if (Number.isNaN(millis)) throw new RangeError("Invalid Date");
  return millis;
}

const DAYS = new Map<number, string>();

/** The YYYY-MM-DD of the UTC day that holds `millis` (remembered by day, as `MIDNIGHTS`). */
function dayOf(millis: number): string {
  const n = Math.floor(millis / DAY_MILLIS);
  const known = DAYS.get(n);
  if (known !== undefined) return known;
  const day = new Date(n * DAY_MILLIS).toISOString().slice(0, 10);
  if (DAYS.size < MEMO_DAYS) DAYS.set(n, day);
  return day;
}

function addDays(date: string, days: number): string {
  return dayOf(utcMidnight(date) + days * DAY_MILLIS);
}

/**
 * A computation needed a year that data/calendar/holidays.json does not cover (yet). Not a
 * RangeError: the input is fine, the data is missing; the API answers 503 CALENDAR_YEAR_MISSING.
 */
export class CalendarYearMissingError extends Error {
  readonly code = "CALENDAR_YEAR_MISSING";
  constructor(readonly year: number) {
    super(`Working-day calendar has no data for year ${year} (covered years: ${COVERED_YEARS.join(", ")})`);
    this.name = "CalendarYearMissingError";
  }
}

function assertCovered(date: string): void {
  const year = Number(date.slice(0, 4));
  if (!COVERED_YEARS.includes(year)) throw new CalendarYearMissingError(year);
}

/** Local calendar day (UTC+07:00) of an instant, as YYYY-MM-DD. */
export function localDate(instant: Date): string {
  return dayOf(millisOf(instant) + OFFSET_MILLIS);
}

/** The instant of local wall-clock time `hhmm` (HH:MM, UTC+07:00) on local day `date`. */
export function localInstant(date: string, hhmm: string): Date {
  return new Date(utcMidnight(date) + minutesOf(hhmm) * MINUTE_MILLIS - OFFSET_MILLIS);
}

/** Whether civil-service offices work on this local day. Throws CalendarYearMissingError. */
export function isWorkingDay(date: string): boolean {
  const weekday = new Date(utcMidnight(date)).getUTCDay();
  assertCovered(date);
  // Sunday is the statutory weekly rest day and is never swapped.
  if (weekday === 0) return false;
  const entry = ENTRY_BY_DATE.get(date);
  // A make-up Saturday is worked; holidays, compensatory and bridge days are not.
  if (entry) return entry.kind === "makeup";
  return weekday !== 6;
}

/** The first working day strictly after `date`. Throws CalendarYearMissingError. */
export function nextWorkingDay(date: string): string {
  assertCovered(date);
  let day = addDays(date, 1);
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/** The local working day from which a dossier received at `receivedAt` is counted. */
export function effectiveReceiptDay(receivedAt: Date): string {
  const day = localDate(receivedAt);
  // Decree 63/2024: received on a working day before 15:00 counts from that day; at or after
  // 15:00, or on a day off, it counts from the next working day.
  const beforeCutoff = millisOf(receivedAt) < localInstant(day, INTAKE_CUTOFF).getTime();
  return isWorkingDay(day) && beforeCutoff ? day : nextWorkingDay(day);
}

/**
 * Due instant of a time limit of `days` working days: 17:00 local of the Nth working day after
 * the effective receipt day; `days = 0` means the end of that day ("within the working day").
 */
export function addWorkingDays(receivedAt: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 0) {
    throw new RangeError(`days must be a non-negative integer, got ${days}`);
  }
  let day = effectiveReceiptDay(receivedAt);
  // Civil Code 2015 Art. 147: the first day of a period is not counted. Art. 148: a period for
  // work done in office hours ends when office hours end.
  for (let i = 0; i < days; i++) day = nextWorkingDay(day);
  return localInstant(day, END_OF_DAY);
}

type Interval = { start: number; end: number };

const INTERVALS = new Map<string, readonly Readonly<Interval>[]>();

/** Office hours of `date` as epoch-millis intervals (read only, shared); none on a day off. */
function workingIntervals(date: string): readonly Readonly<Interval>[] {
  const known = INTERVALS.get(date);
  if (known !== undefined) return known;
  const intervals = Object.freeze(
    isWorkingDay(date)
      ? WORKING_PERIODS.map((p) =>
          Object.freeze({
            start: localInstant(date, p.start).getTime(),
            end: localInstant(date, p.end).getTime(),
          }),
        )
      : [],
  );
  if (INTERVALS.size < MEMO_DAYS) INTERVALS.set(date, intervals);
  return intervals;
}

/** Due instant of a time limit of `hours` counted only inside office hours. */
export function addWorkingHours(receivedAt: Date, hours: number): Date {
  if (!Number.isFinite(hours) || hours < 0) {
    throw new RangeError(`hours must be a finite non-negative number, got ${hours}`);
  }
  const startDay = effectiveReceiptDay(receivedAt);
  // Same-day intake counts from the receipt time (clamped into office hours below);
  // otherwise counting starts when offices open on `startDay`.
  const sameDay = startDay === localDate(receivedAt);
  let cursor = sameDay ? millisOf(receivedAt) : localInstant(startDay, "00:00").getTime();
  let remaining = hours * HOUR_MILLIS;
  for (let day = startDay; ; day = nextWorkingDay(day)) {
    for (const period of workingIntervals(day)) {
      cursor = Math.max(cursor, period.start);
      if (cursor >= period.end) continue;
      if (remaining <= period.end - cursor) return new Date(cursor + remaining);
      remaining -= period.end - cursor;
    }
  }
}

/** Office-hours millis inside [start, end). */
function workingMillisInside(start: number, end: number): number {
  if (end <= start) return 0;
  const lastDay = localDate(new Date(end));
  let total = 0;
  for (let day = localDate(new Date(start)); day <= lastDay; day = addDays(day, 1)) {
    for (const period of workingIntervals(day)) {
      total += Math.max(0, Math.min(end, period.end) - Math.max(start, period.start));
    }
  }
  return total;
}

/** Pauses clipped to [start, end], sorted and merged so that overlaps count once. */
function mergedPauses(paused: readonly Pause[], start: number, end: number): Interval[] {
  const clipped = paused
    .map((p) => ({
      start: Math.max(start, millisOf(p.from)),
      end: Math.min(end, p.to === null ? end : millisOf(p.to)),
    }))
    .filter((p) => p.end > p.start)
    .sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const pause of clipped) {
    const last = merged.at(-1);
    if (last && pause.start <= last.end) last.end = Math.max(last.end, pause.end);
    else merged.push({ ...pause });
  }
  return merged;
}

/** Office-hours millis between two instants, excluding paused intervals. */
export function workingMillisBetween(from: Date, to: Date, paused: readonly Pause[] = []): number {
  const start = millisOf(from);
  const end = millisOf(to);
  if (end <= start) return 0;
  let total = 0;
  let cursor = start;
  for (const pause of mergedPauses(paused, start, end)) {
    total += workingMillisInside(cursor, pause.start);
    cursor = pause.end;
  }
  return total + workingMillisInside(cursor, end);
}

/** Working days (fractional, 8 office hours each) between two instants, excluding pauses. */
export function workingDaysBetween(from: Date, to: Date, paused: readonly Pause[] = []): number {
  return workingMillisBetween(from, to, paused) / WORKING_DAY_MILLIS;
}

export type CalendarCoverage = {
  /** Last local day with calendar data (31 December of the last covered year), YYYY-MM-DD. */
  readonly lastCoveredDay: string;
  /** The instant that day ends (local midnight after it): due dates past it cannot be computed. */
  readonly coveredUntil: Date;
  /** Whole days from `now`'s local day to the last covered day: 0 on that day, negative after it. */
  readonly daysLeft: number;
};

/** How far ahead the calendar data reaches, seen from `now`. */
export function calendarCoverage(now: Date): CalendarCoverage {
  const lastCoveredDay = `${COVERED_YEARS.at(-1)}-12-31`;
  return {
    lastCoveredDay,
    coveredUntil: localInstant(addDays(lastCoveredDay, 1), "00:00"),
    daysLeft: (utcMidnight(lastCoveredDay) - utcMidnight(localDate(now))) / DAY_MILLIS,
  };
}

const daysOf = (n: number) => `${n} ${n === 1 ? "day" : "days"}`;

export type CalendarWarning = {
  readonly code: "CALENDAR_ENDING";
  readonly messageVi: string;
  readonly messageEn: string;
  readonly lastCoveredDay: string;
  readonly daysLeft: number;
};

/**
 * The operator's advance notice: a warning when the calendar data ends within `withinDays` days
 * of `now` (or has already ended), else null. Due dates reach weeks ahead, so the next year's
 * days must be added to data/calendar/holidays.json before the last covered year ends.
 */
export function calendarWarning(now: Date, withinDays: number): CalendarWarning | null {
  const { lastCoveredDay, daysLeft } = calendarCoverage(now);
  if (daysLeft > withinDays) return null;
  const nextYear = Number(lastCoveredDay.slice(0, 4)) + 1;
  const [y, m, d] = lastCoveredDay.split("-");
  const shown = `${d}/${m}/${y}`;
  const left =
    daysLeft >= 0
      ? { vi: `còn ${daysLeft} ngày`, en: `${daysOf(daysLeft)} left` }
      : { vi: `đã hết ${-daysLeft} ngày`, en: `ended ${daysOf(-daysLeft)} ago` };
  return {
    code: "CALENDAR_ENDING",
    messageVi:
      `Lịch ngày làm việc chỉ có dữ liệu đến hết ngày ${shown} (${left.vi}). ` +
      `Cần cập nhật ngày nghỉ lễ, Tết năm ${nextYear} vào data/calendar/holidays.json.`,
    messageEn:
      `The working-day calendar has data only until ${shown} (${left.en}). ` +
      `Add the holidays of ${nextYear} to data/calendar/holidays.json.`,
    lastCoveredDay,
    daysLeft,
  };
}
