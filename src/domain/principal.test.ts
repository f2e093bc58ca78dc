import { describe, expect, it } from "vitest";
import {
  COUNTER_FILERS,
  FILES_FOR_CITIZENS,
  type Jurisdiction,
  jurisdictionCovers,
  OFFICER_ROLES,
  type OfficerRole,
  ON_BEHALF_FILERS,
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
