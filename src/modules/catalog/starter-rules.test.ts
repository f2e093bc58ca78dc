import { describe, expect, it } from "vitest";
import { checkForm, type FormValues } from "../../domain/form.js";
import { isVietnameseNationality, normaliseNationality } from "../../domain/nationality.js";
import { ProcedureDefinition } from "../../domain/procedure.js";
import { STARTER_CATALOGUE } from "./starter/index.js";

/**
 * Plausibility per field and one person, one number, judged with the starter procedures' own
 * definitions (the rules the server builds from them and the web form runs): each row gives the
 * answers, the field judged and the stable code its issue must carry (undefined: no issue on that
 * field). Today is 30/11/2026 in Vietnam.
 */
const NOW = new Date("2026-11-30T05:00:00Z");
const def = (code: string) => {
  const input = STARTER_CATALOGUE.find((d) => d.code === code);
  if (!input) throw new Error(code);
  return ProcedureDefinition.parse(input);
};
const APPLICANT = "048085000101"; // a man born 1985 (the father of the fixtures)
const codeOn = (code: string, values: FormValues, key: string, complete = true) => {
  const r = checkForm(def(code), values, { complete, context: { now: NOW, applicantNumber: APPLICANT } });
  return r.ok ? undefined : r.issues.find((i) => i.field === `form.${key}`)?.code;
};

const MARRIAGE = "LOCAL.KET-HON";
const TEMP = "LOCAL.DK-TAM-TRU";
const DEATH = "LOCAL.KHAI-TU";
const FUNERAL = "LOCAL.MAI-TANG-PHI";
const PERMANENT = "1.004222";
const BIRTH = "1.001193";
const DEREG = "LOCAL.XOA-DKTT";
const CHILD_BHYT = "LOCAL.BHYT-TE";
const me = {
  "applicant.personalNumber": APPLICANT,
  "applicant.sex": "M",
  "applicant.birthDate": "1985-03-02",
};
const foreigner = { "partner.nationality": "Pháp" };

describe("plausibility per field, with the starter procedures' definitions", () => {
  it.each<[string, string, FormValues, string, string | undefined]>([
    // A living person's date of birth at most 120 years ago (the last day it may stand for).
    [
      "a partner born in 1900",
      MARRIAGE,
      { ...foreigner, "partner.birthDate": "1900-05-01" },
      "partner.birthDate",
      "DATE_TOO_LONG_AGO",
    ],
    [
      "a partner born 120 years ago today",
      MARRIAGE,
      { ...foreigner, "partner.birthDate": "1906-11-30" },
      "partner.birthDate",
      undefined,
    ],
    [
      "a partner born 120 years and a day ago",
      MARRIAGE,
      { ...foreigner, "partner.birthDate": "1906-11-29" },
      "partner.birthDate",
      "DATE_TOO_LONG_AGO",
    ],
    [
      "a year-only 1906 may still be 120",
      MARRIAGE,
      { ...foreigner, "partner.birthDate": "1906" },
      "partner.birthDate",
      undefined,
    ],
    [
      "a year-only 1905 cannot",
      MARRIAGE,
      { ...foreigner, "partner.birthDate": "1905" },
      "partner.birthDate",
      "DATE_TOO_LONG_AGO",
    ],
    [
      "a household member born 1899",
      PERMANENT,
      { "member.fullName": "Nguyễn An", "member.birthDate": "1899" },
      "member.birthDate",
      "DATE_TOO_LONG_AGO",
    ],
    [
      "the registry's applicant born 1890 (marital status)",
      "LOCAL.XAC-NHAN-TTHN",
      { "person.birthDate": "1890" },
      "person.birthDate",
      "DATE_TOO_LONG_AGO",
    ],
    [
      "a child born 1890 (late birth registration)",
      BIRTH,
      { "child.birthDate": "1890-01-01" },
      "child.birthDate",
      "DATE_TOO_LONG_AGO",
    ],
    [
      "a deceased born 1890 is possible",
      DEATH,
      { "deceased.birthDate": "1890" },
      "deceased.birthDate",
      undefined,
    ],
    // Temporary stay: in the future, at most 2 years (Law on Residence 2020, Art. 27).
    ["a stay until today", TEMP, { "stay.until": "2026-11-30" }, "stay.until", "DATE_NOT_IN_FUTURE"],
    ["a stay until yesterday", TEMP, { "stay.until": "2026-11-29" }, "stay.until", "DATE_NOT_IN_FUTURE"],
    ["a stay until tomorrow", TEMP, { "stay.until": "2026-12-01" }, "stay.until", undefined],
    ["a stay of exactly 2 years", TEMP, { "stay.until": "2028-11-30" }, "stay.until", undefined],
    ["a stay of 2 years and a day", TEMP, { "stay.until": "2028-12-01" }, "stay.until", "DATE_TOO_FAR_AHEAD"],
    ["a stay of 5 years", TEMP, { "stay.until": "2031-06-01" }, "stay.until", "DATE_TOO_FAR_AHEAD"],
    // Marriage: two persons of different sexes (Law 52/2014/QH13, Art. 8(2)).
    ["a man marrying a man", MARRIAGE, { ...me, "partner.sex": "M" }, "partner.sex", "SAME_SEX_MARRIAGE"],
    [
      "a woman marrying a woman",
      MARRIAGE,
      { ...me, "applicant.sex": "F", "partner.sex": "F" },
      "partner.sex",
      "SAME_SEX_MARRIAGE",
    ],
    ["a man marrying a woman", MARRIAGE, { ...me, "partner.sex": "F" }, "partner.sex", undefined],
    // A death not before the birth (partial dates: only when certainly before).
    [
      "died before being born",
      DEATH,
      { "deceased.birthDate": "1950-03-02", "death.at": "1949-12-31T10:00" },
      "death.at",
      "DATE_BEFORE_RELATED",
    ],
    [
      "died on the day of birth",
      DEATH,
      { "deceased.birthDate": "1950-03-02", "death.at": "1950-03-02T23:00" },
      "death.at",
      undefined,
    ],
    [
      "born 1950 (year only), died 05/01/1950",
      DEATH,
      { "deceased.birthDate": "1950", "death.at": "1950-01-05T10:00" },
      "death.at",
      undefined,
    ],
    [
      "died 1949, born in 1950 (year only)",
      DEATH,
      { "deceased.birthDate": "1950", "death.at": "1949-12-31T23:00" },
      "death.at",
      "DATE_BEFORE_RELATED",
    ],
    [
      "funeral: died before born",
      FUNERAL,
      { "deceased.birthDate": "1950-03", "deceased.diedDate": "1950-02-28" },
      "deceased.diedDate",
      "DATE_BEFORE_RELATED",
    ],
    // A child is not born before a parent.
    [
      "a child born before the mother",
      BIRTH,
      { "child.birthDate": "1990-01-01", "mother.birthYear": 1995 },
      "child.birthDate",
      "DATE_BEFORE_RELATED",
    ],
    [
      "a child born before the father",
      BIRTH,
      { "child.birthDate": "1990-01-01", "mother.birthYear": 1970, "father.birthYear": 1991 },
      "child.birthDate",
      "DATE_BEFORE_RELATED",
    ],
    [
      "a child born after both parents",
      BIRTH,
      { "child.birthDate": "2026-11-01", "mother.birthYear": 1995, "father.birthYear": 1990 },
      "child.birthDate",
      undefined,
    ],
  ])("%s (%s) → %s: %s", (_name, code, values, key, expected) => {
    expect(codeOn(code, values, key)).toBe(expected);
  });
});

describe("a Vietnamese marriage partner gives a personal number, a foreign one a passport number", () => {
  it.each([
    "Việt Nam",
    "Viet Nam",
    "viet nam",
    "VIỆT NAM",
    "Việt  Nam ",
    "VN",
    "vn",
    "VNM",
    "Vietnam",
    "Vietnamese",
    "Quốc tịch Việt Nam",
    "Việt\u00A0Nam",
    "Vie\u0323\u0302t Nam",
  ])("%j is Vietnamese: the number is required, no passport asked, stored as Việt Nam", (nationality) => {
    expect(isVietnameseNationality(nationality)).toBe(true);
    const values = { "partner.nationality": nationality };
    expect(codeOn(MARRIAGE, values, "partner.personalNumber")).toBe("REQUIRED");
    expect(codeOn(MARRIAGE, values, "partner.passportNumber")).toBeUndefined();
    const saved = checkForm(def(MARRIAGE), values, { complete: false, context: { now: NOW } });
    expect(saved.ok && saved.values["partner.nationality"]).toBe("Việt Nam");
  });
  it.each(["Pháp", "France", "Hàn Quốc", "Lào", "Vietnam Airlines", "Việt kiều Mỹ"])(
    "%j is foreign: a passport number is required, no personal number asked",
    (nationality) => {
      expect(normaliseNationality(nationality)).toBe(nationality);
      const values = { "partner.nationality": nationality };
      expect(codeOn(MARRIAGE, values, "partner.passportNumber")).toBe("REQUIRED");
      expect(codeOn(MARRIAGE, values, "partner.personalNumber")).toBeUndefined();
      expect(
        codeOn(MARRIAGE, { ...values, "partner.passportNumber": "B1234567" }, "partner.passportNumber"),
      ).toBeUndefined();
    },
  );
  it("a foreign partner's personal number is not kept (the field is hidden)", () => {
    const r = checkForm(
      def(MARRIAGE),
      { ...foreigner, "partner.personalNumber": "049190000201" },
      { complete: false, context: { now: NOW } },
    );
    expect(r.ok && "partner.personalNumber" in r.values).toBe(false);
  });
});

describe("one person, one number, on prefilled and typed fields, in every procedure", () => {
  const her = "049190000201"; // a woman born 1990
  it.each<[string, string, FormValues, string, string | undefined]>([
    [
      "registering one's own death",
      DEATH,
      { "deceased.personalNumber": APPLICANT },
      "deceased.personalNumber",
      "NUMBER_IS_APPLICANT",
    ],
    [
      "the funeral allowance of oneself",
      FUNERAL,
      { "deceased.personalNumber": APPLICANT },
      "deceased.personalNumber",
      "NUMBER_IS_APPLICANT",
    ],
    [
      "deregistering oneself as deceased",
      DEREG,
      { "deceased.personalNumber": APPLICANT },
      "deceased.personalNumber",
      "NUMBER_IS_APPLICANT",
    ],
    [
      "marrying oneself",
      MARRIAGE,
      { "partner.personalNumber": APPLICANT },
      "partner.personalNumber",
      "NUMBER_IS_APPLICANT",
    ],
    [
      "one's own number for the child",
      CHILD_BHYT,
      { "child.personalNumber": APPLICANT },
      "child.personalNumber",
      "NUMBER_IS_APPLICANT",
    ],
    [
      "the deceased's number against a typed sex",
      DEATH,
      { "deceased.personalNumber": her, "deceased.sex": "M" },
      "deceased.personalNumber",
      "NUMBER_SEX_MISMATCH",
    ],
    [
      "the deceased's number against a typed birth date",
      DEATH,
      { "deceased.personalNumber": her, "deceased.birthDate": "1991-01-20" },
      "deceased.personalNumber",
      "NUMBER_BIRTH_YEAR_MISMATCH",
    ],
    [
      "the deceased's number in agreement",
      DEATH,
      { "deceased.personalNumber": her, "deceased.sex": "F", "deceased.birthDate": "1990" },
      "deceased.personalNumber",
      undefined,
    ],
    [
      "a funeral deceased's number against the sex",
      FUNERAL,
      { "deceased.personalNumber": her, "deceased.sex": "M" },
      "deceased.personalNumber",
      "NUMBER_SEX_MISMATCH",
    ],
    [
      "host and member share one number",
      TEMP,
      {
        "host.fullName": "Lê Dung",
        "host.personalNumber": her,
        "member.fullName": "Lê Em",
        "member.personalNumber": her,
      },
      "member.personalNumber",
      "NUMBER_SHARED",
    ],
    [
      "a member typed with the head's number",
      PERMANENT,
      { "household.headNumber": her, "member.fullName": "Lê Em", "member.personalNumber": her },
      "member.personalNumber",
      "NUMBER_SHARED",
    ],
    [
      "a deceased head of household may be the deceased",
      DEREG,
      { "household.headNumber": her, "deceased.personalNumber": her },
      "deceased.personalNumber",
      undefined,
    ],
    [
      "the applicant as head of household",
      PERMANENT,
      { "household.headNumber": APPLICANT },
      "household.headNumber",
      undefined,
    ],
  ])("%s (%s) → %s: %s", (_name, code, values, key, expected) => {
    expect(codeOn(code, values, key)).toBe(expected);
  });
});
