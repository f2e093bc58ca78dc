import { afterEach, describe, expect, it } from "vitest";
import { parseInstant } from "./instant.js";
import { formatInstant, formatInstantShort } from "./vietnamese-dates.js";

const savedTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = savedTz;
});

// The machine's zone must never matter: run every case under UTC (the servers), a zone west of
// UTC and one east of Vietnam, where `new Date("2026-11-29T10:00")` would give three instants.
const ZONES = ["UTC", "America/New_York", "Asia/Tokyo", "Asia/Ho_Chi_Minh"];

const CASES: [input: string, iso: string, document: string][] = [
  ["2026-11-29T10:00", "2026-11-29T03:00:00.000Z", "10 giờ 00 phút, ngày 29/11/2026"],
  ["2026-11-29T23:30", "2026-11-29T16:30:00.000Z", "23 giờ 30 phút, ngày 29/11/2026"],
  ["2026-11-29T17:00", "2026-11-29T10:00:00.000Z", "17 giờ 00 phút, ngày 29/11/2026"],
  ["2026-01-01T00:15:30", "2025-12-31T17:15:30.000Z", "00 giờ 15 phút, ngày 01/01/2026"],
  ["2026-11-29T03:00:00.000Z", "2026-11-29T03:00:00.000Z", "10 giờ 00 phút, ngày 29/11/2026"],
  ["2026-11-29T10:00+07:00", "2026-11-29T03:00:00.000Z", "10 giờ 00 phút, ngày 29/11/2026"],
  ["2026-11-29T23:30-05:00", "2026-11-30T04:30:00.000Z", "11 giờ 30 phút, ngày 30/11/2026"],
];

describe("parseInstant reads a zone-less date-time as Vietnam's local time", () => {
  for (const tz of ZONES) {
    for (const [input, iso, document] of CASES) {
      it(`TZ=${tz}: ${input} → ${document}`, () => {
        process.env.TZ = tz;
        expect(parseInstant(input)?.toISOString()).toBe(iso);
        expect(formatInstant(input)).toBe(document);
      });
    }
  }

  it("the short screen form shows the typed wall-clock time too, under UTC", () => {
    process.env.TZ = "UTC";
    expect(formatInstantShort("2026-11-29T23:30")).toBe("23:30 ngày 29/11/2026");
    expect(formatInstantShort("2026-11-29T23:30", "en")).toBe("23:30, 29/11/2026");
  });

  it.each(["2026-02-30T10:00", "2026-11-29", "29/11/2026 10:00", "2026-11-29T24:00", "", "x"])(
    "refuses %j",
    (text) => {
      expect(parseInstant(text)).toBeUndefined();
    },
  );
});
