// Over 400 lines: one table of cases per rule of the definitions (marriage, marital status, deceased, allowance), read together.
import { describe, expect, it } from "vitest";
import {
  type Audience,
  audienceOf,
  checkEligibility,
  type EligibilityRule,
  eligibilityNumbers,
  identityMatches,
  marriageHeld,
  type PersonFacts,
} from "./eligibility.js";
import { INCOMPLETE_BIRTH_WORDS, MISMATCH_WORDS } from "./eligibility-words.js";

/** The rules of the marriage registration as its definition declares them (starter/marriage-registration.ts). */
const MARRIAGE: EligibilityRule[] = [
  { person: "applicant", unmarried: true },
  {
    person: { field: "partner.personalNumber" },
    registered: true,
    living: true,
    unmarried: true,
    minAge: { M: 20, F: 18, basisVi: "Luật Hôn nhân và gia đình 2014, Điều 8", basisEn: "Art. 8" },
  },
];
const def = (eligibility: EligibilityRule[] = MARRIAGE) => ({
  form: [
    { key: "applicant.personalNumber", prefill: { subject: "applicant", path: "personalNumber" } },
    { key: "partner.personalNumber" },
  ],
  eligibility,
});

const SHE = "048190000101";
const HE = "048092000202";
const single = (o: Partial<PersonFacts> = {}): PersonFacts => ({
  birthDate: "1992-05-05",
  sex: "M",
  deceased: false,
  marriage: null,
  ...o,
});
const married = { registrationNumber: "KH-20194-2012-0001" };
const TODAY = "2026-12-01";

type Row = [
  string,
  Record<string, PersonFacts>,
  Record<string, unknown>,
  Array<[code: string, field: string]>,
  EligibilityRule[]?,
];

describe("eligibility from the registries (table)", () => {
  it.each<Row>([
    [
      "two single adults",
      { [SHE]: single({ sex: "F" }), [HE]: single() },
      { "partner.personalNumber": HE },
      [],
    ],
    [
      "a married applicant",
      { [SHE]: single({ sex: "F", marriage: married }), [HE]: single() },
      { "partner.personalNumber": HE },
      [["ALREADY_MARRIED", "form.applicant.personalNumber"]],
    ],
    [
      "a married partner",
      { [SHE]: single({ sex: "F" }), [HE]: single({ marriage: married }) },
      { "partner.personalNumber": HE },
      [["ALREADY_MARRIED", "form.partner.personalNumber"]],
    ],
    [
      "a partner number not in the registry",
      { [SHE]: single({ sex: "F" }) },
      { "partner.personalNumber": HE },
      [["PERSON_NOT_REGISTERED", "form.partner.personalNumber"]],
    ],
    [
      "a deceased partner (married or not: the death is what is said)",
      { [SHE]: single({ sex: "F" }), [HE]: single({ deceased: true, marriage: married }) },
      { "partner.personalNumber": HE },
      [["PERSON_DECEASED", "form.partner.personalNumber"]],
    ],
    [
      "a man of 19 (men marry from 20 full years)",
      { [SHE]: single({ sex: "F" }), [HE]: single({ birthDate: "2007-06-01" }) },
      { "partner.personalNumber": HE },
      [["PERSON_UNDER_AGE", "form.partner.personalNumber"]],
    ],
    [
      "a man of exactly 20 today",
      { [SHE]: single({ sex: "F" }), [HE]: single({ birthDate: "2006-12-01" }) },
      { "partner.personalNumber": HE },
      [],
    ],
    [
      "a woman of 18 (women marry from 18)",
      { [HE]: single(), [SHE]: single({ sex: "F", birthDate: "2008-11-30" }) },
      { "partner.personalNumber": SHE },
      [],
    ],
    [
      "a woman born in 2008, year only: 18 only certain on 31/12",
      { [HE]: single(), [SHE]: single({ sex: "F", birthDate: "2008" }) },
      { "partner.personalNumber": SHE },
      [["PERSON_UNDER_AGE", "form.partner.personalNumber"]],
    ],
    [
      "no partner number (a foreign partner): nothing to check about them",
      { [SHE]: single({ sex: "F" }) },
      { "partner.passportNumber": "M1234567" },
      [],
    ],
    [
      "a malformed number is the form's to refuse, not the registry's",
      { [SHE]: single({ sex: "F" }) },
      { "partner.personalNumber": "12345" },
      [],
    ],
    [
      "a deceased applicant, in any procedure",
      { [SHE]: single({ sex: "F", deceased: true }) },
      {},
      [["APPLICANT_DECEASED", "form.applicant.personalNumber"]],
      [],
    ],
    [
      "both married: each named on their own field",
      { [SHE]: single({ sex: "F", marriage: married }), [HE]: single({ marriage: married }) },
      { "partner.personalNumber": HE },
      [
        ["ALREADY_MARRIED", "form.applicant.personalNumber"],
        ["ALREADY_MARRIED", "form.partner.personalNumber"],
      ],
    ],
  ])("%s", (_name, persons, values, expected, rules) => {
    const issues = checkEligibility(def(rules), values, { applicantNumber: SHE, persons, today: TODAY });
    expect(issues.map((i) => [i.code, i.field])).toEqual(expected);
    for (const i of issues) {
      expect(i.messageVi.length).toBeGreaterThan(30);
      expect(i.messageEn.length).toBeGreaterThan(30);
      expect(i.severity).toBe("refusal");
    }
  });

  it("the applicant is told her own registration number; the other party's is never told", () => {
    const persons = { [SHE]: single({ sex: "F", marriage: married }), [HE]: single({ marriage: married }) };
    const [own, other] = checkEligibility(
      def(),
      { "partner.personalNumber": HE },
      { applicantNumber: SHE, persons, today: TODAY },
    );
    expect(own?.messageVi).toContain("Bạn đang được ghi nhận là đã kết hôn");
    expect(own?.messageVi).toContain("KH-20194-2012-0001 trong Sổ hộ tịch");
    expect(own?.messageVi).toContain("Điều 5 khoản 2 điểm c");
    expect(other?.messageVi).toContain("Người kia đang được ghi nhận là đã kết hôn");
    expect(`${other?.messageVi} ${other?.messageEn}`).not.toContain("KH-20194");
    expect(other?.messageEn).toContain("a divorce or the spouse's death must be recorded first");
  });

  const young = single({ birthDate: "2010-01-01" });
  it.each<[string, Record<string, PersonFacts>, Audience | undefined, string[], string[]]>([
    [
      "married applicant, to herself",
      { [SHE]: single({ sex: "F", marriage: married }), [HE]: single() },
      "applicant",
      ["Bạn đang được ghi nhận là đã kết hôn"],
      ["You are recorded as married"],
    ],
    [
      "married applicant, to the officer at the counter",
      { [SHE]: single({ sex: "F", marriage: married }), [HE]: single() },
      "officer",
      ["Người yêu cầu đang được ghi nhận là đã kết hôn"],
      ["The applicant is recorded as married"],
    ],
    [
      "married partner, to the officer",
      { [SHE]: single({ sex: "F" }), [HE]: single({ marriage: married }) },
      "officer",
      ["Người kết hôn cùng người yêu cầu đang được ghi nhận là đã kết hôn"],
      ["The applicant's partner is recorded as married"],
    ],
    [
      "under-age partner, to the applicant (no audience given)",
      { [SHE]: single({ sex: "F" }), [HE]: young },
      undefined,
      ["Người kia chưa đủ tuổi"],
      ["The other party has not reached"],
    ],
    [
      "under-age partner, to the officer",
      { [SHE]: single({ sex: "F" }), [HE]: young },
      "officer",
      ["Người kết hôn cùng người yêu cầu chưa đủ tuổi"],
      ["The applicant's partner has not reached"],
    ],
  ])("words by who reads them: %s", (_name, persons, audience, vi, en) => {
    const issues = checkEligibility(
      def(),
      { "partner.personalNumber": HE },
      { applicantNumber: SHE, persons, today: TODAY, audience },
    );
    expect(issues.map((i) => i.messageVi.slice(0, vi[0]?.length))).toEqual(vi);
    expect(issues.map((i) => i.messageEn.slice(0, en[0]?.length))).toEqual(en);
    // An officer is never addressed as the applicant.
    if (audience === "officer") for (const i of issues) expect(i.messageVi).not.toMatch(/^Bạn/);
  });

  it.each([
    [{ kind: "citizen" as const, personalNumber: SHE }, "applicant"],
    [{ kind: "citizen" as const, personalNumber: HE }, "officer"],
    [{ kind: "officer" as const }, "officer"],
    [undefined, "applicant"],
  ])("audienceOf(%j) = %s", (principal, expected) => {
    expect(audienceOf(principal, SHE)).toBe(expected);
  });

  describe("the other party's identity must match before anything about them is told", () => {
    const rules: EligibilityRule[] = [
      {
        ...(MARRIAGE[1] as EligibilityRule),
        identity: { fullName: "partner.fullName", birthDate: "partner.birthDate" },
      },
    ];
    const him = single({ fullName: "Nguyễn Văn An", birthDate: "1992-05-05", marriage: married });
    const typed = (fullName: string, birthDate: string, number = HE) => ({
      "partner.personalNumber": number,
      "partner.fullName": fullName,
      "partner.birthDate": birthDate,
    });
    it.each<[string, Record<string, unknown>, string[]]>([
      [
        "name and date match (case and diacritics aside)",
        typed("NGUYEN VAN  AN", "1992-05-05"),
        ["ALREADY_MARRIED"],
      ],
      ["another name", typed("Nguyễn Văn Anh", "1992-05-05"), ["PERSON_MISMATCH"]],
      ["another date", typed("Nguyễn Văn An", "1992-05-06"), ["PERSON_MISMATCH"]],
      ["a number nobody holds", typed("Nguyễn Văn An", "1992-05-05", "048094000997"), ["PERSON_MISMATCH"]],
      ["name or date not typed yet: nothing checked", typed("", "1992-05-05"), []],
      // Right as far as it goes: never "không khớp", and nothing of his status told yet.
      [
        "only the year of a full registry date",
        typed("Nguyễn Văn An", "1992"),
        ["PERSON_BIRTH_DATE_INCOMPLETE"],
      ],
      [
        "month and year of a full registry date",
        typed("Nguyễn Văn An", "1992-05"),
        ["PERSON_BIRTH_DATE_INCOMPLETE"],
      ],
      ["a year the registry's date is not in", typed("Nguyễn Văn An", "1990"), ["PERSON_MISMATCH"]],
      ["a year with another name", typed("Nguyễn Văn Anh", "1992"), ["PERSON_MISMATCH"]],
    ])("%s", (_n, values, codes) => {
      const issues = checkEligibility(def(rules), values, {
        applicantNumber: SHE,
        persons: { [SHE]: single({ sex: "F" }), [HE]: him },
        today: TODAY,
      });
      expect(issues.map((i) => i.code)).toEqual(codes);
      if (codes[0] === "PERSON_BIRTH_DATE_INCOMPLETE") {
        expect(issues[0]?.field).toBe("form.partner.birthDate");
        expect(issues[0]?.messageVi).toBe(INCOMPLETE_BIRTH_WORDS.messageVi);
      }
      if (codes[0] === "PERSON_MISMATCH") {
        expect(issues[0]?.messageVi).toBe(MISMATCH_WORDS.messageVi);
        expect(issues[0]?.messageEn).toBe(MISMATCH_WORDS.messageEn);
      }
    });
    it("a registry date of birth known only by its year matches a date in that year", () => {
      expect(
        identityMatches(rules[0] as EligibilityRule, typed("Nguyễn Văn An", "1992-07-01"), {
          fullName: "Nguyễn Văn An",
          birthDate: "1992",
        }),
      ).toBe(true);
    });
  });

  it("a warning rule reports without refusing", () => {
    const rules: EligibilityRule[] = [{ person: "applicant", unmarried: true, severity: "warning" }];
    const issues = checkEligibility(
      def(rules),
      {},
      {
        applicantNumber: SHE,
        persons: { [SHE]: single({ marriage: married }) },
        today: TODAY,
      },
    );
    expect(issues.map((i) => [i.code, i.severity])).toEqual([["ALREADY_MARRIED", "warning"]]);
  });

  it("the numbers to read: the applicant's and each rule's well-formed answer, nobody else's", () => {
    expect(
      eligibilityNumbers(
        MARRIAGE,
        { "partner.personalNumber": HE, "witness.personalNumber": "048000000999" },
        SHE,
      ),
    ).toEqual([HE, SHE].sort());
    expect(eligibilityNumbers(MARRIAGE, { "partner.personalNumber": "0480" }, SHE)).toEqual([SHE]);
  });

  it("one wording for a married party, whichever check finds it", () => {
    const w = marriageHeld(false, { registered: false });
    expect(w.messageVi).toContain("Người kia đang có hồ sơ đăng ký kết hôn khác đang được giải quyết");
    expect(w.messageEn).toContain("still in progress");
  });

  // Each distinct cause its own code and words; a sentence names a record's number or promises none.
  it.each<[string, Parameters<typeof marriageHeld>, string, string, string]>([
    [
      "married per the civil-status registry, told to a stranger (no number)",
      [false, { registered: true, inRegister: true }],
      "ALREADY_MARRIED",
      "Người kia đang được ghi nhận là đã kết hôn theo Sổ hộ tịch (Cơ sở dữ liệu hộ tịch điện tử).",
      "The other party is recorded as married in the civil-status register.",
    ],
    [
      "married per the civil-status registry, told to herself (its number)",
      [true, { code: "KH-20194-2012-0001", registered: true, inRegister: true }],
      "ALREADY_MARRIED",
      "Bạn đang được ghi nhận là đã kết hôn theo hồ sơ đăng ký kết hôn số KH-20194-2012-0001 trong Sổ hộ tịch.",
      "You are recorded as married by the marriage registration KH-20194-2012-0001 in the civil-status register.",
    ],
    [
      "married by a registration issued here, told to a stranger",
      [false, { registered: true }],
      "ALREADY_MARRIED",
      "Người kia đang được ghi nhận là đã kết hôn theo Sổ hộ tịch (Cơ sở dữ liệu hộ tịch điện tử).",
      "The other party is recorded as married in the civil-status register.",
    ],
    [
      "another marriage dossier pending, told to a stranger",
      [false, { registered: false }],
      "MARRIAGE_PENDING",
      "Người kia đang có hồ sơ đăng ký kết hôn khác đang được giải quyết.",
      "The other party is in another marriage registration, still in progress.",
    ],
    [
      "another marriage dossier pending, told to its party",
      [true, { code: "KH-48-0001", registered: false }],
      "MARRIAGE_PENDING",
      "Bạn đang có hồ sơ đăng ký kết hôn số KH-48-0001 đang được giải quyết.",
      "You are in another marriage registration KH-48-0001, still in progress.",
    ],
  ])("%s", (_n, args, code, vi, en) => {
    const w = marriageHeld(...args);
    expect(w.code).toBe(code);
    expect(w.messageVi.startsWith(vi)).toBe(true);
    expect(w.messageEn.startsWith(en)).toBe(true);
    expect(w.messageVi).toContain("Điều 5 khoản 2 điểm c; Điều 8");
    expect(w.messageEn).toContain("Art. 5(2)(c); Art. 8");
    // No sentence ends where a number was promised ("…theo hồ sơ đăng ký kết hôn.").
    expect(w.messageVi).not.toMatch(/hồ sơ đăng ký kết hôn\./);
  });
});

describe("a declared marital status never contradicts the civil-status registry (Decree 123/2015, Art. 21-22)", () => {
  const OPTIONS = [
    { value: "single", labelVi: "Chưa đăng ký kết hôn với ai", labelEn: "Never married" },
    { value: "divorced", labelVi: "Đã ly hôn", labelEn: "Divorced" },
    { value: "widowed", labelVi: "Vợ hoặc chồng đã chết", labelEn: "Widowed" },
    { value: "married", labelVi: "Đang có vợ hoặc chồng", labelEn: "Married" },
  ];
  const confirmation = {
    form: [
      { key: "person.personalNumber", prefill: { subject: "applicant", path: "personalNumber" } },
      { key: "person.maritalStatus", options: OPTIONS },
    ],
    eligibility: [{ person: "applicant" as const, maritalStatus: { field: "person.maritalStatus" } }],
  };
  const ended = { registrationNumber: "KH-20194-1990-0007" };
  it.each<[string, Partial<PersonFacts>, string, boolean]>([
    ["married by the register, declares never married", { marriage: married }, "single", true],
    ["married by the register, declares divorced (not recorded)", { marriage: married }, "divorced", true],
    ["married by the register, declares widowed", { marriage: married }, "widowed", true],
    ["married by the register, declares married", { marriage: married }, "married", false],
    ["widowed by the register, declares never married", { endedMarriage: ended }, "single", true],
    ["widowed by the register, declares widowed", { endedMarriage: ended }, "widowed", false],
    [
      "widowed by the register, declares married again (elsewhere)",
      { endedMarriage: ended },
      "married",
      false,
    ],
    ["no marriage in the register, declares never married", {}, "single", false],
    ["no marriage in the register, declares married (abroad)", {}, "married", false],
    ["nothing declared yet", { marriage: married }, "", false],
  ])("%s", (_n, facts, declared, refused) => {
    const issues = checkEligibility(
      confirmation,
      { "person.maritalStatus": declared },
      { applicantNumber: HE, persons: { [HE]: single(facts) }, today: TODAY },
    );
    expect(issues.map((i) => [i.code, i.field, i.severity])).toEqual(
      refused ? [["MARITAL_STATUS_CONTRADICTS", "form.person.maritalStatus", "refusal"]] : [],
    );
  });

  it("says in plain words what the register holds and what was declared, to the applicant and to the officer", () => {
    const facts = { applicantNumber: HE, persons: { [HE]: single({ marriage: married }) }, today: TODAY };
    const values = { "person.maritalStatus": "single" };
    const [own] = checkEligibility(confirmation, values, facts);
    expect(own?.messageVi).toContain(
      "Bạn được Cơ sở dữ liệu hộ tịch điện tử ghi nhận là đang có vợ hoặc chồng",
    );
    expect(own?.messageVi).toContain("KH-20194-2012-0001");
    expect(own?.messageVi).toContain('không thể khai "Chưa đăng ký kết hôn với ai"');
    expect(own?.messageEn).toContain('"Never married" cannot be made');
    const [officer] = checkEligibility(confirmation, values, { ...facts, audience: "officer" });
    expect(officer?.messageVi).toMatch(/^Người yêu cầu được Cơ sở dữ liệu hộ tịch điện tử ghi nhận/);
    const widowed = { ...facts, persons: { [HE]: single({ endedMarriage: ended }) } };
    expect(checkEligibility(confirmation, values, widowed)[0]?.messageVi).toContain(
      'Hãy chọn "Vợ hoặc chồng đã chết".',
    );
  });
});

describe("a declared monthly social-allowance beneficiary against the allowances registry (funeral allowance)", () => {
  const RULE: EligibilityRule[] = [
    {
      person: { field: "partner.personalNumber" },
      monthlyAllowance: { field: "deceased.category", value: "social_assistance" },
      severity: "warning",
    },
  ];
  it.each<[string, boolean | undefined, string, string[], string[]]>([
    [
      "declared, none recorded: the warning",
      false,
      "social_assistance",
      ["MONTHLY_ALLOWANCE_NOT_RECORDED"],
      ["allowances"],
    ],
    ["declared, one recorded: nothing", true, "social_assistance", [], ["allowances"]],
    ["another category: the registry is not looked at", false, "elderly", [], []],
  ])("%s", (_, held, category, codes, used) => {
    const looked: string[] = [];
    const issues = checkEligibility(
      def(RULE),
      { "partner.personalNumber": HE, "deceased.category": category },
      {
        applicantNumber: SHE,
        persons: { [SHE]: single({ sex: "F" }), [HE]: single({ deceased: true, monthlyAllowance: held }) },
        today: TODAY,
        used: (n, fact) => (n === HE ? looked.push(fact) : undefined),
      },
    );
    expect(issues.map((i) => i.code)).toEqual(codes);
    expect(issues.every((i) => i.severity === "warning" && i.field === "form.deceased.category")).toBe(true);
    expect(looked).toEqual(used);
  });
});
