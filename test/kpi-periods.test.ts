import { describe, expect, it } from "vitest";
import { splitPeriod } from "../src/modules/metrics/index.js";

/**
 * How a period of local days is read from the rollups (issue 13 "Measure"): its whole months from
 * the month rows, the days before and after them from the day rows, so a year reads 12 month rows
 * per place and procedure and the figures stay those of the day rows.
 */
describe("splitPeriod", () => {
  it.each([
    ["a year", "2025-12-01", "2026-11-30", { from: "2025-12-01", to: "2026-11-01" }, []],
    ["one month", "2026-02-01", "2026-02-28", { from: "2026-02-01", to: "2026-02-01" }, []],
    ["one day", "2026-02-14", "2026-02-14", null, [{ from: "2026-02-14", to: "2026-02-14" }]],
    [
      "a month but its last day",
      "2026-03-01",
      "2026-03-30",
      null,
      [{ from: "2026-03-01", to: "2026-03-30" }],
    ],
    [
      "cut on both sides",
      "2026-01-15",
      "2026-04-10",
      { from: "2026-02-01", to: "2026-03-01" },
      [
        { from: "2026-01-15", to: "2026-01-31" },
        { from: "2026-04-01", to: "2026-04-10" },
      ],
    ],
    [
      "across the new year, leap February",
      "2027-12-31",
      "2028-02-29",
      { from: "2028-01-01", to: "2028-02-01" },
      [{ from: "2027-12-31", to: "2027-12-31" }],
    ],
    ["a quarter", "2026-10-01", "2026-12-31", { from: "2026-10-01", to: "2026-12-01" }, []],
  ])("%s", (_, from, to, months, days) => {
    expect(splitPeriod({ from, to })).toEqual({ months, days });
  });
});
