import { describe, expect, it } from "vitest";
import { type Jurisdiction, jurisdictionCovers, type Place } from "./principal.js";

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
