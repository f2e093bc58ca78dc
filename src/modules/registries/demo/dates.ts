/** Calendar dates as day numbers (days since 1970-01-01, UTC) and 'YYYY-MM-DD' strings. */

const DAY_MS = 86_400_000;
export const DAYS_PER_YEAR = 365.2425;

export function toDays(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  const days = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
  if (fromDays(days) !== date) throw new RangeError(`Not a calendar date: ${date}`);
  return days;
}

export function fromDays(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** Completed years from birth to on (both 'YYYY-MM-DD'). */
export function ageOn(birth: string, on: string): number {
  const years = yearOf(on) - yearOf(birth);
  return on.slice(5) < birth.slice(5) ? years - 1 : years;
}

/** The same month and day `years` later (29 February becomes 28 February). */
export function addYears(date: string, years: number): string {
  const y = String(yearOf(date) + years).padStart(4, "0");
  const md = date.slice(5) === "02-29" ? "02-28" : date.slice(5);
  return `${y}-${md}`;
}

/** Today's date in Vietnam (UTC+7), the default reference date of a demo population. */
export function todayInVietnam(now = new Date()): string {
  return fromDays(Math.floor((now.getTime() + 7 * 3_600_000) / DAY_MS));
}
