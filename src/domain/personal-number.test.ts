import { describe, expect, it } from "vitest";
import {
  checkPersonalNumber,
  OLD_PROVINCES,
  oldProvincesOf,
  personalNumberPrefix,
} from "./personal-number.js";

describe("checkPersonalNumber", () => {
  it.each([
    // value, person, expected problem (undefined = valid)
    ["001090012345", undefined, undefined],
    ["048203123456", { birthYear: 2003, sex: "M" as const }, undefined],
    ["079185000001", { birthYear: 1985, sex: "F" as const }, undefined],
    ["001090012345", { birthYear: 1990, sex: "M" as const }, undefined],
    ["00109001234", undefined, "format"],
    ["0010900123456", undefined, "format"],
    ["00109001234a", undefined, "format"],
    [" 01090012345", undefined, "format"],
    ["003090012345", undefined, "province"], // 003 is not on the list
    ["099090012345", undefined, "province"],
    ["001090012345", { birthYear: 2090 }, "century"], // digit 0 means the 1900s
    ["001290012345", { birthYear: 1990 }, "century"], // digit 2 means the 2000s
    ["001091012345", { birthYear: 1990 }, "birth_year_mismatch"],
    ["001090012345", { sex: "F" as const }, "sex_mismatch"],
    ["001190012345", { birthYear: 1990, sex: "M" as const }, "sex_mismatch"],
  ])("%s %j → %s", (value, person, problem) => {
    const r = checkPersonalNumber(value, person);
    if (problem === undefined) expect(r.ok).toBe(true);
    else expect(r).toEqual({ ok: false, problem });
  });

  it("decodes century and sex", () => {
    expect(checkPersonalNumber("048325000001")).toMatchObject({
      ok: true,
      sex: "F",
      centuryStart: 2000,
      birthYear2: 25,
    });
  });
});

describe("personalNumberPrefix", () => {
  it.each([
    ["001", 1990, "M" as const, "001090"],
    ["001", 1990, "F" as const, "001190"],
    ["048", 2005, "M" as const, "048205"],
    ["079", 2025, "F" as const, "079325"],
  ])("%s %i %s → %s", (old, year, sex, prefix) => {
    expect(personalNumberPrefix(old, year, sex)).toBe(prefix);
  });
});

describe("old provinces", () => {
  it("lists the 63 pre-2025 provinces, each merged into one of the 34", () => {
    expect(Object.keys(OLD_PROVINCES)).toHaveLength(63);
    expect(new Set(Object.values(OLD_PROVINCES).map((p) => p.newProvince)).size).toBe(34);
    expect(oldProvincesOf("48")).toEqual(["048", "049"]);
  });
});
