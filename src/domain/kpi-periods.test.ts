import { describe, expect, it } from "vitest";
import { periodOf } from "./kpi-periods.js";

describe("periodOf (KPIS.md periods, local dates, both ends inclusive)", () => {
  it.each([
    ["day", "2026-02-14", "2026-02-14", "2026-02-14"],
    ["month", "2028-02-14", "2028-02-01", "2028-02-29"],
    ["quarter", "2026-08-30", "2026-07-01", "2026-09-30"],
    ["year", "2026-08-30", "2026-01-01", "2026-12-31"],
  ] as const)("the %s of %s is %s … %s", (kind, day, from, to) => {
    expect(periodOf(kind, day)).toEqual({ from, to });
  });
});
