/**
 * Working-day calendar data for Vietnamese civil servants (cán bộ, công chức, viên chức).
 *
 * Legal frame: Labour Code 2019 Art. 112 grants 11 paid holidays a year (1/1; Tết 5 days;
 * Hùng Kings 10/3 lunar; 30/4; 1/5; 2/9 plus one adjacent day). Art. 111(3): a holiday that
 * falls on a weekly rest day is compensated on the next working day. Each year the Prime
 * Minister (via a Government Office letter, VPCP) fixes the Tết days and may swap a weekday
 * ("bridge") with a Saturday worked instead ("makeup"); those swaps bind civil servants only.
 *
 * The days themselves are data: data/calendar/holidays.json (format, rules for projected years
 * and sources in data/calendar/README.md), imported statically so that this module stays pure,
 * synchronous and usable in the browser. Entries marked `confirmed: false` are projections that
 * must be checked against the yearly notice; update the file when the notice is published.
 */
import data from "../../../data/calendar/holidays.json" with { type: "json" };

export type CalendarDayKind = "holiday" | "compensatory" | "bridge" | "makeup";

export type CalendarDay = {
  /** Local calendar date (Asia/Ho_Chi_Minh), YYYY-MM-DD. */
  readonly date: string;
  readonly kind: CalendarDayKind;
  readonly nameVi: string;
  readonly nameEn: string;
  /** Short legal or notice reference. */
  readonly basis: string;
  readonly confirmed: boolean;
};

const KINDS: readonly CalendarDayKind[] = ["holiday", "compensatory", "bridge", "makeup"];

/**
 * Checks the shape and order of the data file so that a bad edit stops the server at start
 * instead of silently moving deadlines. Throws Error naming the first offending entry.
 */
function checkedYears(raw: unknown): { year: number; days: CalendarDay[] }[] {
  const fail = (what: string): never => {
    throw new Error(`data/calendar/holidays.json: ${what}`);
  };
  const years = (raw as { years?: unknown }).years;
  if (!Array.isArray(years) || years.length === 0) fail("`years` must be a non-empty array");
  let previousYear: number | undefined;
  return (years as { year?: unknown; days?: unknown }[]).map(({ year, days }) => {
    if (!Number.isInteger(year)) fail(`year ${String(year)} is not an integer`);
    if (previousYear !== undefined && year !== previousYear + 1)
      fail(`year ${year} does not follow ${previousYear}`);
    previousYear = year as number;
    if (!Array.isArray(days)) fail(`year ${year}: \`days\` must be an array`);
    let previousDate = "";
    for (const d of days as Record<string, unknown>[]) {
      const date = String(d.date);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !date.startsWith(`${year}-`))
        fail(`${date} is not a date of ${year}`);
      if (date <= previousDate)
        fail(`${date} is not after ${previousDate} (dates must be sorted and unique)`);
      previousDate = date;
      if (!KINDS.includes(d.kind as CalendarDayKind)) fail(`${date}: unknown kind ${String(d.kind)}`);
      for (const key of ["nameVi", "nameEn", "basis"]) {
        if (typeof d[key] !== "string" || d[key] === "") fail(`${date}: ${key} must be a non-empty string`);
      }
      if (typeof d.confirmed !== "boolean") fail(`${date}: confirmed must be true or false`);
    }
    return { year: year as number, days: days as CalendarDay[] };
  });
}

const YEARS = checkedYears(data);

/** Years for which the data is complete, ascending and without gaps; every other year is refused. */
export const COVERED_YEARS: readonly number[] = YEARS.map((y) => y.year);

/** Every day off or make-up day of the covered years, sorted by date. */
export const CALENDAR_DAYS: readonly CalendarDay[] = YEARS.flatMap((y) => y.days);

/** IANA zone of all local times below; Vietnam has used a fixed UTC+07:00 with no DST since 1975. */
export const TIME_ZONE = "Asia/Ho_Chi_Minh";
export const UTC_OFFSET_MINUTES = 7 * 60;

export type WorkingPeriod = { readonly start: string; readonly end: string };

/** Office hours of a working day, local time HH:MM: 8 working hours with a lunch break. */
export const WORKING_PERIODS: readonly WorkingPeriod[] = [
  { start: "07:30", end: "11:30" },
  { start: "13:00", end: "17:00" },
];

/** End of the working day: a "working day" deadline expires at this local time. */
export const END_OF_DAY = "17:00";

/** Dossiers received at or after this local time count from the next working day (Decree 63/2024). */
export const INTAKE_CUTOFF = "15:00";
