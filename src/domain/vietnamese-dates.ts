/**
 * Dates, times and numbers as a person in Vietnam reads them, for documents, notifications and the
 * web app alike (issue 9.6). Pure and deterministic: no locale data, never the machine's time zone.
 *
 * - Instants are shown in Vietnam's local time, UTC+07:00 (Asia/Ho_Chi_Minh, no daylight saving
 *   since 1975; the same offset as `UTC_OFFSET_MINUTES` of the working-day calendar).
 * - Calendar dates are written day/month/year, "14/07/2026"; a date known only to the month or the
 *   year (registries often know just the birth year) is written "07/1950" or "1950".
 * - An instant on a document: "19 giờ 08 phút, ngày 04/11/2026" (Circular 04/2020/TT-BTP forms).
 * - A date in words, as civil-status extracts print beside the figures: "Ngày mười bốn tháng bảy
 *   năm hai nghìn không trăm hai mươi sáu".
 * - The place and date line of an administrative document (Decree 30/2020/NĐ-CP, Appendix I,
 *   II.5): "Hải Vân, ngày 04 tháng 11 năm 2026": days below 10 and the months 1 and 2 take a
 *   leading zero, other months do not.
 */

import { parseInstant } from "./instant.js";
import { parsePartialDate } from "./partial-date.js";

/** Vietnam's offset from UTC in minutes (Asia/Ho_Chi_Minh). */
export const VIETNAM_UTC_OFFSET_MINUTES = 7 * 60;

const two = (n: number) => String(n).padStart(2, "0");

/** The local (UTC+07:00) wall-clock parts of an instant. */
export function localParts(at: Date): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
} {
  const t = new Date(at.getTime() + VIETNAM_UTC_OFFSET_MINUTES * 60_000);
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hour: t.getUTCHours(),
    minute: t.getUTCMinutes(),
  };
}

/** A zone-less date-time string is Vietnam's local time (see `parseInstant`). */
const toInstant = parseInstant;

/** "14/07/2026", "07/1950" or "1950" (the same shapes as `formatPartialDate`). */
function formatCalendarDate(d: { year: number; month?: number; day?: number }): string {
  if (d.month === undefined) return String(d.year);
  if (d.day === undefined) return `${two(d.month)}/${d.year}`;
  return `${two(d.day)}/${two(d.month)}/${d.year}`;
}

/**
 * A date as people write it: a calendar date ("2026-07-14", "1950-07", "1950") or an instant
 * (a `Date` or an ISO string with a time), the latter taken on Vietnam's local day. Anything else
 * is returned unchanged (a document never hides what was recorded).
 */
export function formatDate(value: Date | string): string {
  if (typeof value === "string") {
    const d = parsePartialDate(value.trim());
    if (d) return formatCalendarDate(d);
  }
  const at = toInstant(value);
  if (!at) return String(value);
  const p = localParts(at);
  return formatCalendarDate(p);
}

/** An instant on a document or in a message: "19 giờ 08 phút, ngày 04/11/2026" (local time). */
export function formatInstant(value: Date | string): string {
  const at = toInstant(value);
  if (!at) return String(value);
  const p = localParts(at);
  return `${two(p.hour)} giờ ${two(p.minute)} phút, ngày ${formatCalendarDate(p)}`;
}

/** An instant in a compact screen line: "19:08 ngày 04/11/2026" / "19:08, 04/11/2026" (local time). */
export function formatInstantShort(value: Date | string, lang: "vi" | "en" = "vi"): string {
  const at = toInstant(value);
  if (!at) return String(value);
  const p = localParts(at);
  return `${two(p.hour)}:${two(p.minute)}${lang === "en" ? "," : " ngày"} ${formatCalendarDate(p)}`;
}

const DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];

/** 0–999 in words; `full` reads the hundreds even when zero ("không trăm linh năm"). */
function threeDigits(n: number, full: boolean): string[] {
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  const out: string[] = [];
  if (full || h > 0) out.push(DIGITS[h] as string, "trăm");
  if (t === 0) {
    if (u > 0) {
      if (full || h > 0) out.push("linh");
      out.push(DIGITS[u] as string);
    }
  } else if (t === 1) {
    out.push("mười");
    if (u > 0) out.push(u === 5 ? "lăm" : (DIGITS[u] as string));
  } else {
    out.push(DIGITS[t] as string, "mươi");
    if (u > 0) out.push(u === 1 ? "mốt" : u === 4 ? "tư" : u === 5 ? "lăm" : (DIGITS[u] as string));
  }
  return out;
}

const GROUPS = ["", "nghìn", "triệu", "tỷ"];

/**
 * A whole number 0 ≤ n < 10¹² in Vietnamese words: 2026 → "hai nghìn không trăm hai mươi sáu",
 * 15 → "mười lăm", 21 → "hai mươi mốt", 1005 → "một nghìn không trăm linh năm". Throws RangeError
 * outside that range or for a fraction.
 */
export function numberInWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1e12) throw new RangeError(`Cannot write ${n} in words`);
  if (n === 0) return DIGITS[0] as string;
  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 1000)) groups.push(rest % 1000);
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i] as number;
    if (g === 0) continue;
    words.push(...threeDigits(g, i < groups.length - 1), ...(GROUPS[i] ? [GROUPS[i] as string] : []));
  }
  return words.join(" ");
}

const MONTHS = ["một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "mười một", "mười hai"];

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * A date in words, as the birth extract prints it beside the figures (Circular 04/2020/TT-BTP):
 * "2026-07-14" → "Ngày mười bốn tháng bảy năm hai nghìn không trăm hai mươi sáu"; "1950-07" →
 * "Tháng bảy năm một nghìn chín trăm năm mươi"; "1950" → "Năm một nghìn chín trăm năm mươi".
 * Undefined when the value is not a calendar date.
 */
export function dateInWords(value: string): string | undefined {
  const d = parsePartialDate(value.trim());
  if (!d) return undefined;
  const parts: string[] = [];
  if (d.day !== undefined) parts.push(`ngày ${numberInWords(d.day)}`);
  if (d.month !== undefined) parts.push(`tháng ${MONTHS[d.month - 1]}`);
  parts.push(`năm ${numberInWords(d.year)}`);
  return capitalise(parts.join(" "));
}

/**
 * The place and date line of an administrative document (Decree 30/2020/NĐ-CP, Appendix I, II.5):
 * "Hải Vân, ngày 04 tháng 11 năm 2026", "Hải Vân, ngày 14 tháng 7 năm 2026", "…ngày 05 tháng 02…".
 * `place` is the proper name of the unit where the issuer sits ("Hải Vân", "Phường 15").
 */
export function placeAndDate(place: string, at: Date): string {
  const p = localParts(at);
  const month = p.month < 3 ? two(p.month) : String(p.month);
  return `${place}, ngày ${two(p.day)} tháng ${month} năm ${p.year}`;
}

/** An amount of money: "1.250.000 đồng" (dot as the thousands separator). */
export function formatMoney(amount: number): string {
  const sign = amount < 0 ? "-" : "";
  const digits = String(Math.abs(Math.round(amount)));
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ".")} đồng`;
}

/** An amount in words, as receipts print it: 10000 → "Mười nghìn đồng". */
export function moneyInWords(amount: number): string {
  return `${capitalise(numberInWords(Math.round(amount)))} đồng`;
}

/**
 * A date typed the Vietnamese way, day/month/year ("30/06/2027", "3/6/2027", "30-06-2027",
 * "30.06.2027", or eight digits "30062027" as a phone's number pad, which has no "/", types it;
 * spaces as separators too), or year first "2027-06-30", as ISO "YYYY-MM-DD"; null when it is not one (the text is then kept
 * as typed and the form's schema names the problem). No calendar check here: "31/02/2027" gives
 * "2027-02-31", which the schema refuses.
 */
export function parseTypedDate(text: string): string | null {
  // The international form, year first ("2027-12-31", as a copied value or another system writes
  // it): unambiguous, taken and then shown back day/month/year (issue 14 review D13).
  const iso = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/.exec(text);
  if (iso) return `${iso[1]}-${(iso[2] ?? "").padStart(2, "0")}-${(iso[3] ?? "").padStart(2, "0")}`;
  const m =
    /^\s*(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{4})\s*$/.exec(text) ??
    /^\s*(\d{2})(\d{2})((?:19|20)\d{2})\s*$/.exec(text);
  if (!m) return null;
  const [, d = "", mo = "", y = ""] = m;
  return `${y}-${mo.padStart(2, "0")}-${d.padStart(2, "0")}`;
}

/**
 * A time of day typed "19:08", "19h08", "19.08" or "1908" (24-hour, as Vietnamese forms write it)
 * as "HH:mm"; null when it is not one ("25:00", "7 giờ").
 */
export function parseTypedTime(text: string): string | null {
  const m = /^\s*(\d{1,2})\s*[:hH.]?\s*(\d{2})\s*$/.exec(text);
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  return h < 24 && min < 60 ? `${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}` : null;
}

/**
 * A calendar day typed day/month/year (the shapes of `parseTypedDate`) as ISO "YYYY-MM-DD"; null
 * when the text is not one or names no day of the calendar ("31/02/2026", "00/01/2026", a year
 * before MIN_YEAR). The period filters of the statistics and the dashboard use it, so that a day
 * is typed and shown dd/mm/yyyy whatever the browser's locale (`formatDate` shows it back).
 */
export function parseTypedDay(text: string): string | null {
  const iso = parseTypedDate(text);
  return iso !== null && parsePartialDate(iso)?.precision === "day" ? iso : null;
}
