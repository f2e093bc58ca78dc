import { describe, expect, it } from "vitest";
import {
  COUNTER_FILERS,
  FILES_FOR_CITIZENS,
  type Jurisdiction,
  jurisdictionCovers,
  OFFICER_ROLES,
  type OfficerPrincipal,
  type OfficerRole,
  ON_BEHALF_FILERS,
  opensDossier,
  type Place,
} from "./principal.js";

const commune: Jurisdiction = { level: "commune", code: "20194", provinceCode: "48" };
const province: Jurisdiction = { level: "province", code: "48", provinceCode: "48" };
const country: Jurisdiction = { level: "country" };

describe("jurisdictionCovers", () => {
  it.each<[string, Jurisdiction, Place, boolean]>([
    ["commune covers its own commune", commune, { communeCode: "20194", provinceCode: "48" }, true],
    ["commune does not cover a neighbour", commune, { communeCode: "20197", provinceCode: "48" }, false],
    ["commune does not cover a province-level record", commune, { provinceCode: "48" }, false],
    ["province covers its communes", province, { communeCode: "20197", provinceCode: "48" }, true],
    [
      "province does not cover another province",
      province,
      { communeCode: "00004", provinceCode: "01" },
      false,
    ],
    ["country covers everything", country, { communeCode: "00004", provinceCode: "01" }, true],
  ])("%s", (_name, j, place, expected) => {
    expect(jurisdictionCovers(j, place)).toBe(expected);
  });
});

describe("who files for citizens (one table for server and web)", () => {
  // role → [files on the citizen's behalf, works at the counter]
  const table: Record<OfficerRole, [boolean, boolean]> = {
    agent: [true, false],
    receiver: [false, true],
    specialist: [false, false],
    approver: [false, false],
    agency_officer: [false, false],
    province_leader: [false, false],
    national_viewer: [false, false],
    admin: [false, false],
  };
  it.each(OFFICER_ROLES.map((r) => [r, ...table[r]] as const))(
    "%s: on behalf %s, counter %s",
    (role, b, c) => {
      expect(ON_BEHALF_FILERS.has(role)).toBe(b);
      expect(COUNTER_FILERS.has(role)).toBe(c);
      expect(FILES_FOR_CITIZENS.has(role)).toBe(b || c);
    },
  );
});

describe("opensDossier: which dossiers a leader's list links an officer to", () => {
  const officer = (role: OfficerRole, agency?: OfficerPrincipal["agency"]): OfficerPrincipal => ({
    kind: "officer",
    id: "x",
    username: "x",
    name: "x",
    role,
    jurisdiction: commune,
    ...(agency ? { agency } : {}),
  });
  it.each<[string, OfficerPrincipal, string, boolean]>([
    ["a leader of no agency: any agency's", officer("approver"), "LD.20194.H48", true],
    ["a province leader of no agency: any agency's", officer("province_leader"), "BH.48.H48", true],
    ["the national viewer: none (aggregates only)", officer("national_viewer"), "UB.20194.H48", false],
    ["the administrator: none", officer("admin"), "UB.20194.H48", false],
    ["an agency's officer: its own agency's", officer("agency_officer", "ubnd"), "UB.20194.H48", true],
    ["an agency's officer: not a sibling step's", officer("agency_officer", "ubnd"), "LD.20194.H48", false],
    ["social security: not the death registration", officer("agency_officer", "bhxh"), "UB.20194.H48", false],
  ])("%s", (_name, p, agencyCode, expected) => {
    expect(opensDossier(p, agencyCode)).toBe(expected);
  });
});
