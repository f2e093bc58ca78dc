import { describe, expect, it } from "vitest";
import type { OfficerAgencyId } from "./agencies.js";
import { correctionAttribute, correctionOwner, mayHandleCorrection } from "./corrections.js";
import type { OfficerPrincipal } from "./principal.js";

const officer = (
  role: OfficerPrincipal["role"],
  level: "commune" | "province",
  code: string,
  agency?: OfficerAgencyId,
): OfficerPrincipal => ({
  kind: "officer",
  id: "x",
  username: "x",
  name: "x",
  role,
  jurisdiction: { level, code, provinceCode: "48" },
  ...(agency ? { agency } : {}),
});

describe("corrections: owner, attribute and who decides", () => {
  it.each([
    ["population", { agency: "cong-an", unit: "20194", provinceCode: "48" }],
    ["civil_status", { agency: "ubnd", unit: "20194", provinceCode: "48" }],
    ["allowances", { agency: "van-hoa-xa-hoi", unit: "20194", provinceCode: "48" }],
    ["health_insurance", { agency: "bhxh", unit: "48", provinceCode: "48" }],
    ["health_facility", undefined],
  ])("%s → %o", (registry, owner) => {
    expect(correctionOwner(registry, { communeCode: "20194", provinceCode: "48" })).toEqual(owner);
  });

  it.each([
    [{ subject: "applicant", path: "ethnicity" }, "ethnicity"],
    [{ subject: "birthNotice", path: "motherEthnicity" }, "ethnicity"],
    [{ subject: "birthNotice", path: "fatherName" }, "fullName"],
    [{ subject: "deathNotice", path: "deceasedNumber" }, "personalNumber"],
  ])("%o shows %s", (binding, attribute) => {
    expect(correctionAttribute(binding)).toBe(attribute);
  });

  it.each([
    [officer("agency_officer", "commune", "20194", "cong-an"), { agency: "cong-an", unit: "20194" }, true],
    [officer("specialist", "commune", "20194", "cong-an"), { agency: "cong-an", unit: "20194" }, true],
    [officer("approver", "commune", "20194", "ubnd"), { agency: "ubnd", unit: "20194" }, true],
    // Another agency of the same commune, or the commune's officers attached to none: no.
    [officer("agency_officer", "commune", "20194", "ubnd"), { agency: "cong-an", unit: "20194" }, false],
    [officer("specialist", "commune", "20194"), { agency: "cong-an", unit: "20194" }, false],
    [officer("approver", "commune", "20194"), { agency: "ubnd", unit: "20194" }, false],
    [officer("agency_officer", "commune", "20197", "cong-an"), { agency: "cong-an", unit: "20194" }, false],
    [officer("receiver", "commune", "20194", "cong-an"), { agency: "cong-an", unit: "20194" }, false],
    [officer("province_leader", "province", "48"), { agency: "cong-an", unit: "20194" }, false],
    [officer("agency_officer", "province", "48", "bhxh"), { agency: "bhxh", unit: "48" }, true],
    [officer("agency_officer", "province", "48"), { agency: "bhxh", unit: "48" }, false],
    [officer("agency_officer", "province", "01", "bhxh"), { agency: "bhxh", unit: "48" }, false],
    [officer("agency_officer", "commune", "20194", "bhxh"), { agency: "bhxh", unit: "48" }, false],
  ] as const)("%#: %o decides for %o → %s", (p, owner, ok) => {
    expect(mayHandleCorrection(p, owner)).toBe(ok);
  });
});
