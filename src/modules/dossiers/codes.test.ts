import { describe, expect, it } from "vitest";
import { agencyCode, formatDossierCode } from "./codes.js";

describe("dossier codes", () => {
  it.each([
    ["peoples_committee", "48", "20194", "2026-11-22", 7, "UB.20194.H48-261122-0007"],
    ["police", "01", "00004", "2025-01-02", 1234, "CA.00004.H01-250102-1234"],
    ["social_security", "79", null, "2027-12-31", 1, "BH.00000.H79-271231-0001"],
    ["peoples_committee", "48", "20194", "2026-11-22", 9999, "UB.20194.H48-261122-9999"],
    // A busy day never runs out: the 10,000th dossier gets a fifth digit.
    ["peoples_committee", "48", "20194", "2026-11-22", 10000, "UB.20194.H48-261122-10000"],
    ["peoples_committee", "79", "26734", "2026-11-22", 123456, "UB.26734.H79-261122-123456"],
  ] as const)("%s %s %s %s #%i → %s", (sector, prov, commune, day, seq, code) => {
    expect(formatDossierCode(agencyCode(sector, prov, commune), day, seq)).toBe(code);
  });
  it.each([0, -1, 1.5, Number.NaN])("a sequence of %s is a programming error", (seq) => {
    expect(() => formatDossierCode("UB.20194.H48", "2026-11-22", seq)).toThrow(RangeError);
  });
});
