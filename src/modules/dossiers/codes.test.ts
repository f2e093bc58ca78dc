import { describe, expect, it } from "vitest";
import { agencyCode, formatDossierCode } from "./codes.js";

describe("dossier codes", () => {
  it.each([
    ["peoples_committee", "48", "20194", "2026-11-22", 7, "UB.20194.H48-261122-0007"],
    ["police", "01", "00004", "2025-01-02", 1234, "CA.00004.H01-250102-1234"],
    ["social_security", "79", null, "2027-12-31", 1, "BH.00000.H79-271231-0001"],
  ] as const)("%s %s %s %s #%i → %s", (sector, prov, commune, day, seq, code) => {
    expect(formatDossierCode(agencyCode(sector, prov, commune), day, seq)).toBe(code);
  });
  it("refuses a sequence beyond four digits", () => {
    expect(() => formatDossierCode("UB.20194.H48", "2026-11-22", 10000)).toThrow(RangeError);
  });
});
