/**
 * Reading an instant from text, the one way the whole platform does it (server, documents and the
 * web app). A form's "datetime" field holds what the browser's datetime-local input sends,
 * "2026-11-29T10:00": a wall-clock time without a zone, which a person in Vietnam means in
 * Vietnam's time, Asia/Ho_Chi_Minh (UTC+07:00, no daylight saving since 1975). `new Date(text)`
 * would read it in the machine's zone instead (UTC on the servers), so nothing may parse form or
 * API date-times that way: use `parseInstant`.
 */

import { parseFullDate } from "./partial-date.js";

/** Offset of Vietnam's local time from UTC, "+07:00" (Asia/Ho_Chi_Minh). */
export const VIETNAM_OFFSET = "+07:00";

const ISO_DATETIME =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * The instant an ISO 8601 date-time names: "2026-11-29T10:00", "2026-11-29T10:00:05.123",
 * "2026-11-29T03:00:00.000Z", "2026-11-29T10:00+07:00". Without a zone it is Vietnam's local time
 * (UTC+07:00), whatever the machine's time zone. A `Date` is returned as it is. Returns undefined
 * for anything else (a date alone, an impossible day such as 2026-02-30, an invalid `Date`).
 */
export function parseInstant(value: Date | string): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  const m = ISO_DATETIME.exec(value.trim());
  if (!m?.[1] || !parseFullDate(m[1])) return undefined;
  const ms = Date.parse(m[3] ? value.trim() : `${value.trim()}${VIETNAM_OFFSET}`);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}
