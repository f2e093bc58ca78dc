import { formatPartialDate, parsePartialDate } from "@domain/partial-date.js";
import type { TimeLimit } from "../api/types";

const locale = (lang: string) => (lang === "en" ? "en-GB" : "vi-VN");
const TZ = "Asia/Ho_Chi_Minh";

export function formatDate(iso: string | null | undefined, lang: string): string {
  if (!iso) return "";
  // Calendar dates, also those known only by year or month ("1950", "1950-07"), are not instants:
  // printed as the documents print them, "1950", "07/1950", "14/07/1950" (the same in English).
  if (parsePartialDate(iso)) return formatPartialDate(iso);
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(locale(lang), {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    timeZone: TZ,
  });
}

export function formatDateTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(locale(lang), {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: TZ,
  });
}

export function formatMoney(amount: number, lang: string): string {
  return `${amount.toLocaleString(locale(lang))} ₫`;
}

export function formatBytes(n: number, lang: string): string {
  if (n >= 1024 * 1024)
    return `${(n / 1024 / 1024).toLocaleString(locale(lang), { maximumFractionDigits: 1 })} MB`;
  return `${Math.max(1, Math.round(n / 1024)).toLocaleString(locale(lang))} KB`;
}

export const WORKING_DAY_MILLIS = 8 * 3600_000;
export const HOUR_MILLIS = 3600_000;

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

export function discounted(amount: number, percent: number): number {
  return Math.round((amount * (100 - percent)) / 100);
}
