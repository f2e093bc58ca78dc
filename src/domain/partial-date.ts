/**
 * Dates of birth as Vietnamese records know them: a year ("1950"), a month ("1950-07") or a day
 * ("1950-07-14"). Old civil-status books and household registers often hold only the year; the
 * population database (Law on Identification 2023, Art. 9(1)(c): "ngày, tháng, năm sinh") keeps
 * what is known. Pure functions over these strings; no time zone is consulted.
 */

export type DatePrecision = "year" | "month" | "day";

/** A parsed partial date; `month` and `day` are 1-based and present as far as the precision goes. */
export type PartialDate = { year: number; month?: number; day?: number; precision: DatePrecision };

const PARTIAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Earliest year accepted for a date a person types or a registry holds. */
export const MIN_YEAR = 1800;

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * "1950" | "1950-07" | "1950-07-14" → its parts; undefined when it is not one of these shapes,
 * not a calendar date (e.g. "1950-02-30") or before MIN_YEAR.
 */
export function parsePartialDate(text: string): PartialDate | undefined {
  const m = PARTIAL.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (year < MIN_YEAR) return undefined;
  if (m[2] === undefined) return { year, precision: "year" };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return undefined;
  if (m[3] === undefined) return { year, month, precision: "month" };
  const day = Number(m[3]);
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day, precision: "day" };
}

/** A full calendar date "YYYY-MM-DD" (year from MIN_YEAR), or undefined. */
export function parseFullDate(text: string): PartialDate | undefined {
  const p = parsePartialDate(text);
  return p?.precision === "day" ? p : undefined;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The first and the last calendar day ("YYYY-MM-DD") a partial date may stand for. */
export function dateRange(p: PartialDate): { first: string; last: string } {
  const y = pad(p.year, 4);
  if (p.month === undefined) return { first: `${y}-01-01`, last: `${y}-12-31` };
  const m = pad(p.month);
  if (p.day === undefined)
    return { first: `${y}-${m}-01`, last: `${y}-${m}-${pad(daysInMonth(p.year, p.month))}` };
  const d = `${y}-${m}-${pad(p.day)}`;
  return { first: d, last: d };
}

/**
 * As printed on Vietnamese documents and shown in views: "1950", "07/1950", "14/07/1950".
 * Anything that is not a (partial) date is returned as is.
 */
export function formatPartialDate(text: string): string {
  const p = parsePartialDate(text);
  if (!p) return text;
  if (p.month === undefined) return pad(p.year, 4);
  if (p.day === undefined) return `${pad(p.month)}/${pad(p.year, 4)}`;
  return `${pad(p.day)}/${pad(p.month)}/${pad(p.year, 4)}`;
}

/**
 * The words' key for "born on/in" a (partial) birth date: "sinh ngày 14/07/1950", "sinh tháng
 * 07/1950", "sinh năm 1950" (a month-only date is never read as a day).
 */
export function bornKey(text: string): "me.born" | "me.bornMonth" | "me.bornYear" {
  const precision = parsePartialDate(text)?.precision;
  return precision === "year" ? "me.bornYear" : precision === "month" ? "me.bornMonth" : "me.born";
}

/** Completed years from a full birth date to a full date (both "YYYY-MM-DD"); 29 Feb ages on 1 Mar. */
export function fullYearsBetween(birth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) < birth.slice(5) ? years - 1 : years;
}

/**
 * Completed years a person with this (partial) birth date has certainly reached on `on`
 * ("YYYY-MM-DD"): counted from the last day the date may stand for. An age condition ("from 18
 * full years") is met only when it is certain; a year-only "2008" reaches 18 on 31/12/2026.
 */
export function certainAge(birth: PartialDate, on: string): number {
  return fullYearsBetween(dateRange(birth).last, on);
}

/**
 * The calendar day `years` years after (negative: before) a full date "YYYY-MM-DD", as
 * "YYYY-MM-DD"; 29 February becomes 28 February in a common year.
 */
export function shiftYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const m = Number(date.slice(5, 7));
  const d = Math.min(Number(date.slice(8, 10)), daysInMonth(y, m));
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}
