import { describe, expect, it } from "vitest";
import { BANK_REF_PATTERN, COMMUNE_CODE_PATTERN, OTP_PATTERN, PROVINCE_CODE_PATTERN } from "./inputs.js";
import { PERSONAL_NUMBER_PATTERN } from "./personal-number.js";

describe("the shapes of typed codes", () => {
  it.each<[string, RegExp, string, boolean]>([
    ["personal number", PERSONAL_NUMBER_PATTERN, "048090000123", true],
    ["personal number", PERSONAL_NUMBER_PATTERN, "04809000012", false],
    ["personal number", PERSONAL_NUMBER_PATTERN, "0480900001234", false],
    ["personal number", PERSONAL_NUMBER_PATTERN, "04809000012٣", false], // an Arabic-Indic digit
    ["commune code", COMMUNE_CODE_PATTERN, "20194", true],
    ["commune code", COMMUNE_CODE_PATTERN, "2019", false],
    ["commune code", COMMUNE_CODE_PATTERN, "20194\n", false],
    ["province code", PROVINCE_CODE_PATTERN, "48", true],
    ["province code", PROVINCE_CODE_PATTERN, "048", false],
    ["one-time code", OTP_PATTERN, "004512", true],
    ["one-time code", OTP_PATTERN, "04512", false],
    ["one-time code", OTP_PATTERN, "0045120", false],
    ["bank reference", BANK_REF_PATTERN, "FT25001/abc-9.x_1", true],
    ["bank reference", BANK_REF_PATTERN, "a".repeat(64), true],
    ["bank reference", BANK_REF_PATTERN, "a".repeat(65), false],
    ["bank reference", BANK_REF_PATTERN, "", false],
    ["bank reference", BANK_REF_PATTERN, "FT 1", false],
  ])("%s %s: %j → %s", (_name, pattern, value, ok) => {
    expect(pattern.test(value)).toBe(ok);
  });
});
