import { HOUR_MILLIS, WORKING_DAY_MILLIS } from "@domain/calendar/index.js";
import { formatDate as domainFormatDate, formatInstantShort } from "@domain/vietnamese-dates.js";
import type { TimeLimit } from "../api/types";

const locale = (lang: string) => (lang === "en" ? "en-GB" : "vi-VN");

/** A date as people write it, day/month/year (partial dates as such), on Vietnam's local day. */
export function formatDate(iso: string | null | undefined, _lang: string): string {
  return iso ? domainFormatDate(iso) : "";
}

/** An instant in Vietnam's local time: "19:08 ngày 04/11/2026" / "19:08, 04/11/2026". */
export function formatDateTime(iso: string | null | undefined, lang: string): string {
  return iso ? formatInstantShort(iso, lang === "en" ? "en" : "vi") : "";
}

export function formatMoney(amount: number, lang: string): string {
  return `${amount.toLocaleString(locale(lang))} ₫`;
}

export function formatBytes(n: number, lang: string): string {
  if (n >= 1024 * 1024)
    return `${(n / 1024 / 1024).toLocaleString(locale(lang), { maximumFractionDigits: 1 })} MB`;
  return `${Math.max(1, Math.round(n / 1024)).toLocaleString(locale(lang))} KB`;
}

/** A time limit as words' inputs: { key, count } for i18n. */
export function timeLimitParts(t: TimeLimit): { key: string; count: number } {
  if ("workingHours" in t) return { key: "time.limitHours", count: t.workingHours };
  return t.workingDays === 0
    ? { key: "time.limitSameDay", count: 0 }
    : { key: "time.limitDays", count: t.workingDays };
}

/** Remaining working time as { key, count } for i18n: days when a day or more, else hours. */
export function remainingParts(ms: number): { key: string; count: number } {
  const abs = Math.abs(ms);
  const over = ms < 0;
  if (abs >= WORKING_DAY_MILLIS) {
    const days = Math.floor(abs / WORKING_DAY_MILLIS);
    return { key: over ? "clock.overdueDays" : "clock.leftDays", count: days };
  }
  const hours = Math.max(1, Math.ceil(abs / HOUR_MILLIS));
  return { key: over ? "clock.overdueHours" : "clock.leftHours", count: hours };
}
