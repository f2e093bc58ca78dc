import { describe, expect, it } from "vitest";
import {
  bornKey,
  certainAge,
  dateRange,
  formatPartialDate,
  fullYearsBetween,
  parsePartialDate,
  shiftYears,
} from "./partial-date.js";

describe("partial dates of birth", () => {
  it.each([
    ["1950", "1950", { first: "1950-01-01", last: "1950-12-31" }],
    ["1950-07", "07/1950", { first: "1950-07-01", last: "1950-07-31" }],
    ["2024-02", "02/2024", { first: "2024-02-01", last: "2024-02-29" }],
    ["1950-07-14", "14/07/1950", { first: "1950-07-14", last: "1950-07-14" }],
  ])("%s prints %s and stands for %j", (text, printed, range) => {
    const p = parsePartialDate(text);
    expect(p).toBeDefined();
    expect(formatPartialDate(text)).toBe(printed);
    if (p) expect(dateRange(p)).toEqual(range);
  });

  it.each([
    "195",
    "1950-7",
    "1950-00",
    "1950-13",
    "1950-02-29",
    "1950-07-14T00:00",
    "14/07/1950",
    "1799",
    "",
  ])("%j is not a date", (text) => {
    expect(parsePartialDate(text)).toBeUndefined();
    expect(formatPartialDate(text)).toBe(text);
  });

  it("full years: birthdays count on the day; 29 February on 1 March", () => {
    expect(fullYearsBetween("2008-11-04", "2026-11-04")).toBe(18);
    expect(fullYearsBetween("2008-11-05", "2026-11-04")).toBe(17);
    expect(fullYearsBetween("2008-02-29", "2026-02-28")).toBe(17);
    expect(fullYearsBetween("2008-02-29", "2026-03-01")).toBe(18);
  });

  it("an age is certain only from the last day a partial date may stand for", () => {
    const y = parsePartialDate("2008");
    const m = parsePartialDate("2008-06");
    if (!y || !m) throw new Error("unparsed");
    expect(certainAge(y, "2026-12-30")).toBe(17);
    expect(certainAge(y, "2026-12-31")).toBe(18);
    expect(certainAge(m, "2026-06-29")).toBe(17);
    expect(certainAge(m, "2026-06-30")).toBe(18);
  });
});

describe("shiftYears", () => {
  it.each([
    ["2026-11-30", 2, "2028-11-30"],
    ["2026-11-30", -120, "1906-11-30"],
    ["2028-02-29", 1, "2029-02-28"],
    ["2028-02-29", 4, "2032-02-29"],
    ["2027-03-01", -1, "2026-03-01"],
  ])("%s %+d years → %s", (date, years, expected) => {
    expect(shiftYears(date, years)).toBe(expected);
  });
});

describe("bornKey", () => {
  it.each([
    ["1947-03-14", "me.born"],
    ["1947-03", "me.bornMonth"],
    ["1947", "me.bornYear"],
    ["not a date", "me.born"],
  ])("%s → %s", (text, key) => {
    expect(bornKey(text)).toBe(key);
  });
});
