// Over 400 lines: table-driven cases for the one working-day calendar (every public function of calendar/ and its holiday data), read together.
import { getLunarDate, getSolarDate } from "@dqcai/vn-lunar";
import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  addWorkingHours,
  CALENDAR_DAYS,
  CalendarYearMissingError,
  COVERED_YEARS,
  calendarCoverage,
  calendarWarning,
  effectiveReceiptDay,
  isWorkingDay,
  localDate,
  localInstant,
  nextWorkingDay,
  type Pause,
  WORKING_DAY_MILLIS,
  workingDaysBetween,
  workingMillisBetween,
} from "./index.js";

// Inputs are written as local wall-clock times with an explicit +07:00 offset, expected due
// instants in UTC ("17:00 local" = "10:00Z"), so no expectation is derived from the code under test.
const vn = (localIso: string): Date => new Date(`${localIso}:00+07:00`);
const HOUR = 3_600_000;

const iso = (y: number, m: number, d: number): string =>
  `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

const weekdayOf = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

describe("isWorkingDay", () => {
  it.each([
    // ordinary week
    ["2025-01-06", true, "Monday"],
    ["2025-01-10", true, "Friday"],
    ["2025-01-04", false, "Saturday"],
    ["2025-01-05", false, "Sunday"],
    // 2025
    ["2025-01-01", false, "New Year's Day"],
    ["2025-01-24", true, "Friday before Tết 2025"],
    ["2025-01-27", false, "Tết 2025: 28 Chạp"],
    ["2025-01-28", false, "Tết 2025: 29 Chạp (last day of the lunar year)"],
    ["2025-01-29", false, "Tết 2025: mùng 1"],
    ["2025-01-31", false, "Tết 2025: mùng 3"],
    ["2025-02-01", false, "Saturday inside the Tết 2025 break"],
    ["2025-02-03", true, "first day back after Tết 2025"],
    ["2025-02-08", false, "Saturday after Tết 2025 is an ordinary Saturday (no swap that year)"],
    ["2025-04-07", false, "Hùng Kings 2025"],
    ["2025-04-08", true, "day after Hùng Kings 2025"],
    ["2025-04-26", true, "make-up Saturday for Fri 2 May 2025"],
    ["2025-04-30", false, "Reunification Day 2025"],
    ["2025-05-01", false, "Labour Day 2025"],
    ["2025-05-02", false, "bridge Friday 2 May 2025"],
    ["2025-05-05", true, "Monday after the 30/4–1/5 break"],
    ["2025-09-01", false, "National Day 2025 (adjacent day)"],
    ["2025-09-02", false, "National Day 2025"],
    ["2025-09-03", true, "day after National Day 2025"],
    // 2026
    ["2026-01-01", false, "New Year's Day 2026"],
    ["2026-01-02", false, "bridge Friday 2 Jan 2026"],
    ["2026-01-10", true, "make-up Saturday 10 Jan 2026"],
    ["2026-02-13", true, "Friday before Tết 2026"],
    ["2026-02-16", false, "Tết 2026: last day of the lunar year"],
    ["2026-02-17", false, "Tết 2026: mùng 1"],
    ["2026-02-20", false, "Tết 2026: mùng 4"],
    ["2026-02-23", true, "first day back after Tết 2026"],
    ["2026-04-26", false, "Hùng Kings 2026 on a Sunday"],
    ["2026-04-27", false, "compensatory Monday for Hùng Kings 2026"],
    ["2026-04-28", true, "Tuesday after Hùng Kings 2026"],
    ["2026-09-01", false, "National Day 2026 (adjacent day)"],
    // 2027
    ["2027-01-01", false, "New Year's Day 2027"],
    ["2027-02-04", true, "Thursday before Tết 2027"],
    ["2027-02-05", false, "Tết 2027: last day of the lunar year"],
    ["2027-02-08", false, "Tết 2027: mùng 3"],
    ["2027-02-10", false, "compensatory day for Tết 2027 (mùng 1 on Saturday)"],
    ["2027-02-11", false, "compensatory day for Tết 2027 (mùng 2 on Sunday)"],
    ["2027-02-12", true, "first day back after Tết 2027"],
    ["2027-04-16", false, "Hùng Kings 2027"],
    ["2027-05-03", false, "compensatory Monday for Labour Day 2027 (Saturday)"],
    ["2027-09-03", false, "National Day 2027 (adjacent day)"],
    // 2028 (projection)
    ["2028-01-01", false, "New Year's Day 2028 on a Saturday"],
    ["2028-01-03", false, "compensatory Monday for New Year's Day 2028"],
    ["2028-01-04", true, "Tuesday after New Year 2028"],
    ["2028-01-21", true, "Friday before Tết 2028"],
    ["2028-01-24", false, "Tết 2028: 28 Chạp"],
    ["2028-01-26", false, "Tết 2028: mùng 1"],
    ["2028-01-28", false, "Tết 2028: mùng 3"],
    ["2028-01-31", true, "first day back after Tết 2028"],
    ["2028-04-04", false, "Hùng Kings 2028"],
    ["2028-05-01", false, "Labour Day 2028"],
    ["2028-05-02", false, "compensatory Tuesday for Reunification Day 2028 (Sunday)"],
    ["2028-05-03", true, "Wednesday after the 30/4–1/5 break 2028"],
    ["2028-09-01", false, "National Day 2028 (adjacent day)"],
    ["2028-09-04", false, "compensatory Monday for National Day 2028 (Saturday)"],
    // 2029 (projection)
    ["2029-01-01", false, "New Year's Day 2029"],
    ["2029-02-12", false, "Tết 2029: last day of the lunar year"],
    ["2029-02-16", false, "Tết 2029: mùng 4"],
    ["2029-02-19", true, "first day back after Tết 2029"],
    ["2029-04-23", false, "Hùng Kings 2029"],
    ["2029-09-03", false, "National Day 2029 (adjacent day)"],
    ["2029-09-04", false, "compensatory Tuesday for National Day 2029 (Sunday)"],
    ["2029-09-05", true, "Wednesday after National Day 2029"],
    // 2030 (projection)
    ["2030-01-31", false, "Tết 2030: 28 Chạp"],
    ["2030-02-06", false, "compensatory day for Tết 2030 (mùng 2 on Sunday)"],
    ["2030-02-07", true, "first day back after Tết 2030"],
    ["2030-04-12", false, "Hùng Kings 2030"],
    ["2030-09-03", false, "National Day 2030 (adjacent day)"],
    ["2030-12-31", true, "last covered day"],
  ])("%s → %s (%s)", (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });
});

describe("nextWorkingDay", () => {
  it.each([
    ["2025-01-06", "2025-01-07", "ordinary weekday"],
    ["2025-01-10", "2025-01-13", "over a weekend"],
    ["2025-01-24", "2025-02-03", "over Tết 2025"],
    ["2025-04-04", "2025-04-08", "over Hùng Kings 2025"],
    ["2025-04-25", "2025-04-26", "onto the make-up Saturday"],
    ["2025-04-26", "2025-04-28", "from the make-up Saturday"],
    ["2025-04-29", "2025-05-05", "over 30/4–1/5 and the bridge Friday"],
    ["2025-12-31", "2026-01-05", "year boundary: New Year 2026 and bridge Friday"],
    ["2026-01-09", "2026-01-10", "onto the make-up Saturday 10 Jan 2026"],
    ["2026-02-13", "2026-02-23", "over Tết 2026"],
    ["2026-04-24", "2026-04-28", "over Hùng Kings 2026 and its compensatory day"],
    ["2026-12-31", "2027-01-04", "year boundary: New Year 2027 on a Friday"],
    ["2027-02-04", "2027-02-12", "over Tết 2027 and its compensatory days"],
    ["2027-12-31", "2028-01-04", "year boundary: New Year 2028 on Saturday, compensated on Monday"],
    ["2028-01-21", "2028-01-31", "over Tết 2028"],
    ["2028-04-28", "2028-05-03", "over 30/4 (Sunday), 1/5 and the compensatory Tuesday 2028"],
    ["2029-02-09", "2029-02-19", "over Tết 2029"],
    ["2030-01-30", "2030-02-07", "over Tết 2030 and its compensatory days"],
  ])("%s → %s (%s)", (date, expected) => {
    expect(nextWorkingDay(date)).toBe(expected);
  });
});

describe("localDate and localInstant use a fixed UTC+07:00 offset", () => {
  it.each([
    ["2025-01-23T16:59:59Z", "2025-01-23"],
    ["2025-01-23T17:00:00Z", "2025-01-24"],
    ["2024-12-31T17:00:00Z", "2025-01-01"],
  ])("localDate(%s) = %s", (instant, expected) => {
    expect(localDate(new Date(instant))).toBe(expected);
  });

  it.each([
    ["2025-01-24", "17:00", "2025-01-24T10:00:00.000Z"],
    ["2025-01-24", "07:30", "2025-01-24T00:30:00.000Z"],
    ["2025-01-01", "00:00", "2024-12-31T17:00:00.000Z"],
  ])("localInstant(%s, %s) = %s", (date, hhmm, expected) => {
    expect(localInstant(date, hhmm).toISOString()).toBe(expected);
  });

  it.each([
    ["2025-02-30", "10:00"],
    ["2025-1-5", "10:00"],
    ["2025-01-05", "24:00"],
    ["2025-01-05", "7:30"],
  ])("rejects malformed input %s %s", (date, hhmm) => {
    expect(() => localInstant(date, hhmm)).toThrow(RangeError);
  });
});

describe("effectiveReceiptDay (15:00 rule)", () => {
  it.each([
    [vn("2025-01-23T14:59"), "2025-01-23", "Thursday 14:59: counts from today"],
    [vn("2025-01-23T15:00"), "2025-01-24", "Thursday 15:00: counts from the next working day"],
    [new Date("2025-01-23T14:59:59.999+07:00"), "2025-01-23", "last millisecond before the cutoff"],
    [vn("2025-01-23T06:00"), "2025-01-23", "before opening hours still counts from today"],
    [new Date("2025-01-23T07:59:00Z"), "2025-01-23", "14:59 local written in UTC"],
    [new Date("2025-01-23T08:00:00Z"), "2025-01-24", "15:00 local written in UTC"],
    [new Date("2025-01-23T17:30:00Z"), "2025-01-24", "00:30 local Friday is already Friday"],
    [vn("2025-01-24T14:59"), "2025-01-24", "Friday before Tết, before the cutoff"],
    [vn("2025-01-24T15:00"), "2025-02-03", "Friday before Tết, at the cutoff"],
    [vn("2025-01-24T16:00"), "2025-02-03", "Friday before Tết, after the cutoff"],
    [vn("2025-01-25T09:00"), "2025-02-03", "Saturday during the Tết break"],
    [vn("2025-04-26T10:00"), "2025-04-26", "make-up Saturday morning"],
    [vn("2025-04-26T15:00"), "2025-04-28", "make-up Saturday at the cutoff"],
    [new Date("2024-12-31T17:30:00Z"), "2025-01-02", "New Year's Day 00:30 local"],
  ])("%o → %s (%s)", (receivedAt, expected) => {
    expect(effectiveReceiptDay(receivedAt)).toBe(expected);
  });
});

describe("addWorkingDays", () => {
  it.each([
    // Tết 2025: effective day Mon 3 Feb; 1 working day later is Tue 4 Feb.
    [vn("2025-01-24T16:00"), 1, "2025-02-04T10:00:00.000Z", "Tết 2025, received Friday 16:00"],
    [vn("2025-01-24T16:00"), 0, "2025-02-03T10:00:00.000Z", "days=0 after Tết 2025"],
    [vn("2025-01-24T14:59"), 1, "2025-02-03T10:00:00.000Z", "Tết 2025, received Friday 14:59"],
    [vn("2025-01-24T15:00"), 1, "2025-02-04T10:00:00.000Z", "Tết 2025, received Friday 15:00"],
    [vn("2025-01-24T14:59"), 0, "2025-01-24T10:00:00.000Z", "days=0 before the cutoff: same day"],
    [vn("2025-01-23T14:59"), 1, "2025-01-24T10:00:00.000Z", "Thursday 14:59, 1 day"],
    [vn("2025-01-23T15:00"), 1, "2025-02-03T10:00:00.000Z", "Thursday 15:00, 1 day"],
    // Mon 20 Jan + 10: 21,22,23,24 Jan, 3,4,5,6,7,10 Feb (Sat 8 Feb is not worked).
    [vn("2025-01-20T09:00"), 10, "2025-02-10T10:00:00.000Z", "10 days across Tết 2025"],
    [vn("2025-01-10T16:00"), 0, "2025-01-13T10:00:00.000Z", "days=0 on Friday after the cutoff"],
    [vn("2025-01-11T09:00"), 1, "2025-01-14T10:00:00.000Z", "received on Saturday"],
    [vn("2025-04-04T09:00"), 1, "2025-04-08T10:00:00.000Z", "over Hùng Kings 2025"],
    [vn("2025-04-25T10:00"), 1, "2025-04-26T10:00:00.000Z", "make-up Saturday 26 Apr 2025 counts"],
    [vn("2025-04-25T10:00"), 2, "2025-04-28T10:00:00.000Z", "Mon 28 Apr 2025"],
    [vn("2025-04-25T10:00"), 3, "2025-04-29T10:00:00.000Z", "Tue 29 Apr 2025"],
    [vn("2025-04-25T10:00"), 4, "2025-05-05T10:00:00.000Z", "over 30/4, 1/5 and bridge 2/5"],
    [vn("2025-08-29T10:00"), 1, "2025-09-03T10:00:00.000Z", "over National Day 2025"],
    [vn("2025-12-31T10:00"), 1, "2026-01-05T10:00:00.000Z", "year boundary 2025→2026"],
    [vn("2025-12-31T16:00"), 0, "2026-01-05T10:00:00.000Z", "year boundary, days=0"],
    [vn("2025-12-31T16:00"), 1, "2026-01-06T10:00:00.000Z", "year boundary, after the cutoff"],
    [vn("2026-01-09T10:00"), 1, "2026-01-10T10:00:00.000Z", "make-up Saturday 10 Jan 2026 counts"],
    [vn("2026-02-12T10:00"), 2, "2026-02-23T10:00:00.000Z", "Tết 2026: Fri 13, then Mon 23 Feb"],
    [vn("2026-02-13T15:30"), 1, "2026-02-24T10:00:00.000Z", "Tết 2026, received Friday 15:30"],
    [vn("2026-04-24T09:00"), 1, "2026-04-28T10:00:00.000Z", "Hùng Kings 2026 on Sunday + compensatory"],
    [vn("2026-12-31T10:00"), 1, "2027-01-04T10:00:00.000Z", "year boundary 2026→2027"],
    [vn("2027-02-04T10:00"), 1, "2027-02-12T10:00:00.000Z", "over Tết 2027"],
    // Received Wed 29 Dec 2027 (the example of issue 9): Thu 30, Fri 31, then Sat 1 Jan 2028 is
    // New Year's Day compensated on Mon 3 Jan, so Tue 4, Wed 5, Thu 6, Fri 7, Mon 10.
    [vn("2027-12-29T10:00"), 0, "2027-12-29T10:00:00.000Z", "received 29/12/2027, same day"],
    [vn("2027-12-29T10:00"), 2, "2027-12-31T10:00:00.000Z", "received 29/12/2027, 2 days"],
    [vn("2027-12-29T10:00"), 3, "2028-01-04T10:00:00.000Z", "received 29/12/2027, 3 days into 2028"],
    [vn("2027-12-29T10:00"), 5, "2028-01-06T10:00:00.000Z", "received 29/12/2027, 5 days"],
    [vn("2027-12-29T10:00"), 7, "2028-01-10T10:00:00.000Z", "received 29/12/2027, 7 days"],
    [vn("2027-12-29T15:30"), 3, "2028-01-05T10:00:00.000Z", "received 29/12/2027 after 15:00"],
    [vn("2030-12-27T10:00"), 2, "2030-12-31T10:00:00.000Z", "up to the last covered day"],
  ])("%o + %i days → %s (%s)", (receivedAt, days, expected) => {
    expect(addWorkingDays(receivedAt, days).toISOString()).toBe(expected);
  });

  it.each([[-1], [1.5], [Number.NaN], [Number.POSITIVE_INFINITY]])("rejects days = %s", (days) => {
    expect(() => addWorkingDays(vn("2025-01-06T09:00"), days)).toThrow(RangeError);
  });
});

describe("addWorkingHours", () => {
  it.each([
    [vn("2025-01-23T09:00"), 2, "2025-01-23T04:00:00.000Z", "inside the morning: 11:00"],
    [vn("2025-01-23T10:30"), 2, "2025-01-23T07:00:00.000Z", "across lunch: 14:00"],
    [vn("2025-01-23T06:00"), 1, "2025-01-23T01:30:00.000Z", "before opening: from 07:30 → 08:30"],
    [vn("2025-01-23T12:00"), 1, "2025-01-23T07:00:00.000Z", "during lunch: from 13:00 → 14:00"],
    [vn("2025-01-23T12:00"), 0, "2025-01-23T06:00:00.000Z", "0 hours during lunch: 13:00"],
    [vn("2025-01-23T09:00"), 2.5, "2025-01-23T04:30:00.000Z", "fractional hours: 11:30"],
    [vn("2025-01-23T14:59"), 8, "2025-01-24T07:59:00.000Z", "14:59 + 8h: 2h01 today, 5h59 Friday → 14:59"],
    [vn("2025-01-23T15:00"), 8, "2025-01-24T10:00:00.000Z", "15:00: whole of Friday → 17:00"],
    [vn("2025-01-24T16:00"), 4, "2025-02-03T04:30:00.000Z", "after cutoff before Tết: Mon 3 Feb 11:30"],
    [vn("2025-01-24T14:00"), 4, "2025-02-03T01:30:00.000Z", "3h Friday, 1h Mon 3 Feb → 08:30"],
    [vn("2025-04-25T16:00"), 8, "2025-04-26T10:00:00.000Z", "make-up Saturday 26 Apr 2025 counts"],
    [vn("2025-12-31T16:00"), 2, "2026-01-05T02:30:00.000Z", "year boundary → Mon 5 Jan 09:30"],
  ])("%o + %s h → %s (%s)", (receivedAt, hours, expected) => {
    expect(addWorkingHours(receivedAt, hours).toISOString()).toBe(expected);
  });

  it.each([[-1], [Number.NaN], [Number.POSITIVE_INFINITY]])("rejects hours = %s", (hours) => {
    expect(() => addWorkingHours(vn("2025-01-06T09:00"), hours)).toThrow(RangeError);
  });
});

describe("workingMillisBetween", () => {
  it("a working day is 8 hours", () => {
    expect(WORKING_DAY_MILLIS).toBe(8 * HOUR);
  });

  it.each([
    [vn("2025-01-23T11:00"), vn("2025-01-23T14:00"), 1.5, "across the lunch break"],
    [vn("2025-01-23T07:30"), vn("2025-01-23T17:00"), 8, "one full working day"],
    [vn("2025-01-23T00:00"), vn("2025-01-24T00:00"), 8, "midnight to midnight"],
    [vn("2025-01-10T16:00"), vn("2025-01-13T09:00"), 2.5, "across a weekend"],
    [vn("2025-01-24T16:00"), vn("2025-02-03T08:30"), 2, "across Tết 2025"],
    [vn("2025-04-04T16:00"), vn("2025-04-08T08:30"), 2, "across Hùng Kings 2025"],
    [vn("2025-04-25T16:00"), vn("2025-04-28T07:30"), 9, "make-up Saturday counts in full"],
    [vn("2025-12-31T16:00"), vn("2026-01-05T08:30"), 2, "across the year boundary"],
    [vn("2025-01-23T14:00"), vn("2025-01-23T10:00"), 0, "reversed interval"],
  ])("%o → %o = %s h (%s)", (from, to, hours) => {
    expect(workingMillisBetween(from, to)).toBe(hours * HOUR);
  });

  // Thu 23 Jan 08:00 → Fri 24 Jan 17:00 = 7.5h + 8h = 15.5h without pauses.
  const from = vn("2025-01-23T08:00");
  const to = vn("2025-01-24T17:00");
  const pause = (a: string, b: string | null): Pause => ({ from: vn(a), to: b === null ? null : vn(b) });

  it.each<[string, Pause[], number]>([
    ["no pause", [], 15.5],
    // Thu 13:00–17:00 (4h) + Fri 07:30–09:00 (1.5h) removed.
    ["one pause overnight", [pause("2025-01-23T13:00", "2025-01-24T09:00")], 10],
    [
      "overlapping pauses counted once",
      [pause("2025-01-23T13:00", "2025-01-23T16:00"), pause("2025-01-23T15:00", "2025-01-24T09:00")],
      10,
    ],
    [
      "identical pauses counted once",
      [pause("2025-01-23T13:00", "2025-01-24T09:00"), pause("2025-01-23T13:00", "2025-01-24T09:00")],
      10,
    ],
    // Union Thu 09:00–16:00 removes 09:00–11:30 (2.5h) + 13:00–16:00 (3h).
    [
      "nested pause counted once",
      [pause("2025-01-23T10:00", "2025-01-23T11:00"), pause("2025-01-23T09:00", "2025-01-23T16:00")],
      10,
    ],
    ["pause starting before the interval", [pause("2025-01-22T10:00", "2025-01-23T10:00")], 13.5],
    ["pause after the interval", [pause("2025-01-27T08:00", "2025-01-28T08:00")], 15.5],
    // Open pause from Fri 12:00 removes Fri 13:00–17:00.
    ["open pause", [pause("2025-01-24T12:00", null)], 11.5],
    [
      "open pause overlapping a closed one",
      [pause("2025-01-24T12:00", null), pause("2025-01-24T08:00", "2025-01-24T14:00")],
      7.5 + 0.5,
    ],
  ])("%s", (_label, paused, hours) => {
    expect(workingMillisBetween(from, to, paused)).toBe(hours * HOUR);
  });
});

describe("workingDaysBetween", () => {
  it.each([
    [vn("2025-01-20T07:30"), vn("2025-01-24T17:00"), 5, "a full week"],
    [vn("2025-01-24T07:30"), vn("2025-02-03T17:00"), 2, "across Tết 2025: Fri 24 Jan + Mon 3 Feb"],
    [vn("2025-01-23T13:00"), vn("2025-01-23T17:00"), 0.5, "an afternoon"],
  ])("%o → %o = %s days (%s)", (from, to, days) => {
    expect(workingDaysBetween(from, to)).toBe(days);
  });
});

describe("holiday data", () => {
  it.each(COVERED_YEARS.map((year) => [year]))("Tết and Hùng Kings %i match the lunar calendar", (year) => {
    const tet = getSolarDate(1, 1, year);
    const hung = getSolarDate(10, 3, year);
    const tetDay = CALENDAR_DAYS.find(
      (d) => d.nameEn === "Lunar New Year (day 1)" && d.date.startsWith(`${year}`),
    );
    const hungDay = CALENDAR_DAYS.find(
      (d) => d.nameEn.startsWith("Hùng Kings'") && d.date.startsWith(`${year}`),
    );
    expect(tetDay?.date).toBe(iso(tet.year, tet.month, tet.day));
    expect(hungDay?.date).toBe(iso(hung.year, hung.month, hung.day));
  });

  it.each(COVERED_YEARS.map((year) => [year]))(
    "Tết %i is 5 consecutive days including the last day of the lunar year",
    (year) => {
      const tetDates = CALENDAR_DAYS.filter(
        (d) => d.nameEn.startsWith("Lunar New Year") && d.date.startsWith(`${year}`),
      ).map((d) => d.date);
      const newYear = getSolarDate(1, 1, year);
      const eve = new Date(Date.UTC(newYear.year, newYear.month - 1, newYear.day) - 86_400_000);
      expect(tetDates).toHaveLength(5);
      expect(tetDates).toContain(eve.toISOString().slice(0, 10));
      const first = Date.parse(`${tetDates[0]}T00:00:00Z`);
      const last = Date.parse(`${tetDates.at(-1)}T00:00:00Z`);
      expect(last - first).toBe(4 * 86_400_000);
    },
  );

  it("covers 2025 through 2030 at least", () => {
    expect(COVERED_YEARS.slice(0, 6)).toEqual([2025, 2026, 2027, 2028, 2029, 2030]);
  });

  it.each(COVERED_YEARS.map((year) => [year]))("Tết %i: each day's name matches its lunar date", (year) => {
    const tetDays = CALENDAR_DAYS.filter(
      (d) => d.nameVi.startsWith("Tết Âm lịch") && d.date.startsWith(`${year}`),
    );
    for (const d of tetDays) {
      const [y, m, day] = d.date.split("-").map(Number) as [number, number, number];
      const lunar = getLunarDate(day, m, y);
      const named = /\((\d+) tháng Chạp\)$/.exec(d.nameVi) ?? /\(mùng (\d+)\)$/.exec(d.nameVi);
      expect(named, d.nameVi).not.toBeNull();
      expect([lunar.day, lunar.month]).toEqual([Number(named?.[1]), d.nameVi.includes("Chạp") ? 12 : 1]);
    }
  });

  it.each(COVERED_YEARS.map((year) => [year]))(
    "%i: every holiday on a Saturday or Sunday has a compensatory day (Art. 111(3))",
    (year) => {
      const inYear = CALENDAR_DAYS.filter((d) => d.date.startsWith(`${year}`));
      const onRestDays = inYear.filter((d) => d.kind === "holiday" && [0, 6].includes(weekdayOf(d.date)));
      expect(inYear.filter((d) => d.kind === "compensatory")).toHaveLength(onRestDays.length);
    },
  );

  it.each(COVERED_YEARS.map((year) => [year]))("%i has the 11 Labour Code holidays", (year) => {
    const holidays = CALENDAR_DAYS.filter((d) => d.kind === "holiday" && d.date.startsWith(`${year}`));
    expect(holidays).toHaveLength(11);
  });

  it("dates are unique, sorted and inside the covered years", () => {
    const dates = CALENDAR_DAYS.map((d) => d.date);
    expect(new Set(dates).size).toBe(dates.length);
    expect([...dates].sort()).toEqual(dates);
    for (const date of dates) expect(COVERED_YEARS).toContain(Number(date.slice(0, 4)));
  });

  it("make-up days are Saturdays; bridge and compensatory days are weekdays", () => {
    for (const d of CALENDAR_DAYS) {
      if (d.kind === "makeup") expect(weekdayOf(d.date)).toBe(6);
      if (d.kind === "bridge" || d.kind === "compensatory")
        expect([1, 2, 3, 4, 5]).toContain(weekdayOf(d.date));
    }
  });

  it("every bridge day is balanced by a make-up Saturday in the same year", () => {
    for (const year of COVERED_YEARS) {
      const count = (kind: string) =>
        CALENDAR_DAYS.filter((d) => d.kind === kind && d.date.startsWith(`${year}`)).length;
      expect(count("bridge")).toBe(count("makeup"));
    }
  });
});

describe("years without calendar data are refused with CalendarYearMissingError", () => {
  it.each<[string, () => unknown, number]>([
    ["isWorkingDay 2024", () => isWorkingDay("2024-12-31"), 2024],
    ["isWorkingDay 2031", () => isWorkingDay("2031-01-02"), 2031],
    ["nextWorkingDay crossing into 2031", () => nextWorkingDay("2030-12-31"), 2031],
    ["nextWorkingDay from 2024", () => nextWorkingDay("2024-12-30"), 2024],
    ["effectiveReceiptDay 2024", () => effectiveReceiptDay(vn("2024-12-31T10:00")), 2024],
    ["addWorkingDays into 2031", () => addWorkingDays(vn("2030-12-31T16:00"), 0), 2031],
    ["addWorkingDays from 30/12/2030 + 5", () => addWorkingDays(vn("2030-12-30T10:00"), 5), 2031],
    ["addWorkingHours into 2031", () => addWorkingHours(vn("2030-12-31T16:00"), 1), 2031],
    [
      "workingMillisBetween from 2024",
      () => workingMillisBetween(vn("2024-12-30T09:00"), vn("2025-01-02T09:00")),
      2024,
    ],
  ])("%s", (_label, call, year) => {
    let thrown: unknown;
    try {
      call();
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(CalendarYearMissingError);
    expect(thrown).not.toBeInstanceOf(RangeError);
    expect((thrown as CalendarYearMissingError).year).toBe(year);
    expect((thrown as Error).message).toContain(`year ${year}`);
  });
});

describe("calendar coverage and the operator's advance warning", () => {
  it("coverage ends at local midnight after 31/12/2030", () => {
    const c = calendarCoverage(vn("2030-10-02T09:00"));
    expect(c.lastCoveredDay).toBe("2030-12-31");
    expect(c.coveredUntil.toISOString()).toBe("2030-12-31T17:00:00.000Z");
    expect(c.daysLeft).toBe(90);
  });

  it.each<[string, Date, number, number | null]>([
    ["mid-2030, 90-day window", vn("2030-06-01T09:00"), 90, null],
    ["91 days before the end", vn("2030-10-01T09:00"), 90, null],
    ["exactly 90 days before", vn("2030-10-02T09:00"), 90, 90],
    ["90 days before, late evening local (still 2 Oct)", vn("2030-10-02T23:59"), 90, 90],
    ["17:00Z on 1 Oct is already 2 Oct in Vietnam", new Date("2030-10-01T17:00:00Z"), 90, 90],
    ["the last covered day", vn("2030-12-31T12:00"), 90, 0],
    ["after the end", vn("2031-01-05T08:00"), 90, -5],
    ["a 30-day window, 45 days before", vn("2030-11-16T09:00"), 30, null],
    ["a 30-day window, 30 days before", vn("2030-12-01T09:00"), 30, 30],
  ])("%s", (_label, now, withinDays, daysLeft) => {
    const warning = calendarWarning(now, withinDays);
    expect(warning?.daysLeft ?? null).toBe(daysLeft);
  });

  it("says in both languages until when the data reaches and which year to add", () => {
    expect(calendarWarning(vn("2030-11-01T09:00"), 90)).toEqual({
      code: "CALENDAR_ENDING",
      messageVi:
        "Lịch ngày làm việc chỉ có dữ liệu đến hết ngày 31/12/2030 (còn 60 ngày). " +
        "Cần cập nhật ngày nghỉ lễ, Tết năm 2031 vào data/calendar/holidays.json.",
      messageEn:
        "The working-day calendar has data only until 31/12/2030 (60 days left). " +
        "Add the holidays of 2031 to data/calendar/holidays.json.",
      lastCoveredDay: "2030-12-31",
      daysLeft: 60,
    });
    expect(calendarWarning(vn("2031-01-02T09:00"), 90)?.messageEn).toContain("(ended 2 days ago)");
  });
});
