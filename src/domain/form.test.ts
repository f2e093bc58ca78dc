import { describe, expect, it } from "vitest";
import { checkForm, type FormValues, formSchema, isEmptyValue } from "./form.js";
import { type FormField as Field, FormField } from "./procedure.js";

// 2026-11-04 12:00 in Vietnam (05:00 UTC); 2026-11-05 begins at 17:00 UTC.
const NOW = new Date("2026-11-04T05:00:00Z");
const SEX = [
  { value: "M", labelVi: "Nam", labelEn: "Male" },
  { value: "F", labelVi: "Nữ", labelEn: "Female" },
];
const f = (key: string, type: Field["type"], extra: Partial<Field> = {}): Field =>
  FormField.parse({ key, labelVi: `Nhãn ${key}`, labelEn: `Label ${key}`, type, ...extra });

/** One field of every type, with limits, a condition on visibility and one on requirement. */
const def = {
  form: [
    f("text", "text", { minLength: 2, maxLength: 10 }),
    f("code", "text", { pattern: "^[A-Z]{2}$" }),
    f("note", "textarea", { maxLength: 20 }),
    f("name", "text", { format: "personName" }),
    f("day", "date"),
    f("birth", "date", { partial: true, plausible: { when: "past" } }),
    f("until", "date", { plausible: { when: "future" } }),
    f("at", "datetime", { plausible: { when: "past" } }),
    f("count", "number", { min: 1, max: 5 }),
    f("copies", "number", { min: 1, max: 10, integer: true }),
    f("choice", "select", { options: SEX }),
    f("tick", "checkbox"),
    f("pn", "personalNumber"),
    f("commune", "commune"),
    f("phone", "phone"),
    f("email", "email"),
    f("req", "text", { required: true }),
    f("reqWhen", "text", { required: { field: "tick", equals: true } }),
    f("hidden", "text", { visibleWhen: { field: "choice", equals: "F" }, required: true }),
  ],
};
const draft = (values: FormValues) => checkForm(def, values, { complete: false, context: { now: NOW } });
const submitted = (values: FormValues) => checkForm(def, values, { complete: true, context: { now: NOW } });
const issuesOf = (r: ReturnType<typeof draft>) => (r.ok ? [] : r.issues);

describe("one field of each type (draft: only what is given is judged)", () => {
  it.each<[string, FormValues[string], FormValues[string] | undefined]>([
    // key, value, stored value (undefined = refused)
    ["text", "Ab", "Ab"],
    ["text", "  Ab  ", "Ab"],
    ["text", "A", undefined],
    ["text", "Abcdefghijk", undefined],
    ["text", "Nguyễn Văn", "Nguyễn Văn"], // 10 characters a person sees
    ["text", "Nguye\u0302\u0303n Va\u0306n", "Nguyễn Văn"], // NFD: 13 code units, stored NFC, 10 characters
    ["text", 5, undefined],
    ["code", "AB", "AB"],
    ["code", "ab", undefined],
    ["note", "hai\ndòng", "hai\ndòng"],
    ["note", "x".repeat(21), undefined],
    ["day", "2026-02-28", "2026-02-28"],
    ["day", "2026-02-29", undefined],
    ["day", "2026-02", undefined],
    ["day", "28/02/2026", undefined],
    ["birth", "1950", "1950"],
    ["birth", "1950-07", "1950-07"],
    ["birth", "1950-07-14", "1950-07-14"],
    ["birth", "1950-13", undefined],
    ["birth", "1799", undefined],
    ["birth", "2026-11-04", "2026-11-04"], // born today
    ["birth", "2026-11-05", undefined], // tomorrow
    ["birth", "2026", "2026"], // this year: possibly already
    ["birth", "2027", undefined],
    ["until", "2026-11-05", "2026-11-05"],
    ["until", "2026-11-04", undefined], // today is not in the future
    ["until", "2025-01-01", undefined],
    ["at", "2026-11-04T11:59", "2026-11-04T11:59"], // local time in Vietnam, before noon
    ["at", "2026-11-04T12:01", undefined],
    ["at", "2026-11-04T04:00:00.000Z", "2026-11-04T04:00:00.000Z"],
    ["at", "1", undefined],
    ["count", 1, 1],
    ["count", 5, 5],
    ["count", 0, undefined],
    ["count", 6, undefined],
    ["count", "3", undefined],
    ["count", Number.NaN, undefined],
    ["count", 1.5, 1.5],
    ["copies", 2, 2],
    ["copies", 1.5, undefined],
    ["choice", "F", "F"],
    ["choice", "X", undefined],
    ["tick", true, true],
    ["tick", "true", undefined],
    ["pn", "048085000101", "048085000101"],
    ["pn", "0480 8500 0101", "048085000101"],
    ["pn", "04808500010", undefined],
    ["pn", "003085000101", undefined],
    ["commune", "20194", "20194"],
    ["commune", "2019", undefined],
    ["commune", "hai chau", undefined],
    ["phone", "0905 123 456", "0905123456"],
    ["phone", "905123456", undefined],
    ["email", " an@example.vn ", "an@example.vn"],
    ["email", "an@example", undefined],
  ])("%s = %j → %j", (key, value, stored) => {
    const r = draft({ [key]: value });
    if (stored === undefined) {
      expect(r.ok).toBe(false);
      expect(issuesOf(r).map((i) => i.field)).toEqual([`form.${key}`]);
    } else expect(r).toEqual({ ok: true, values: { [key]: stored } });
  });

  it("messages are Vietnamese and English, prefixed with the field's label", () => {
    expect(issuesOf(draft({ count: 9 }))).toEqual([
      {
        field: "form.count",
        messageVi: "Nhãn count: không lớn hơn 5.",
        messageEn: "Label count: must be at most 5.",
      },
    ]);
    expect(issuesOf(draft({ until: "2026-11-04" }))[0]?.messageVi).toBe(
      "Nhãn until: phải là một ngày sau hôm nay.",
    );
  });

  it("an unknown key is refused, as draft and at submission", () => {
    // Said in words, the key only in `field` (issue 14 review D11).
    const [issue, ...more] = issuesOf(draft({ nope: "x" }));
    expect([issue?.field, issue?.code, more]).toEqual(["form.nope", "UNKNOWN_FIELD", []]);
    expect(issue?.messageVi).toBe("Một trường không có trong biểu mẫu này; giá trị đó không được nhận.");
  });

  it("a value of the wrong kind (an object) is refused with the same shape, not thrown", () => {
    const r = checkForm(def, { text: { a: 1 } }, { complete: false, context: { now: NOW } });
    expect(issuesOf(r).map((i) => i.field)).toEqual(["form.text"]);
  });
});

describe("names", () => {
  const name = (v: string) => draft({ name: v });
  it.each([
    ["Ly", "Ly"],
    ["  Nguyễn   Thị\u00A0Ánh  ", "Nguyễn Thị Ánh"],
    ["H'Hen Niê", "H'Hen Niê"],
    ["Tôn Nữ Hoàng Hạnh-Dung", "Tôn Nữ Hoàng Hạnh-Dung"],
    ["Công Tằng Tôn Nữ Thị Huyền Trân Phương Thảo", "Công Tằng Tôn Nữ Thị Huyền Trân Phương Thảo"],
    ["Nguy\u200Bễn\u202E Văn", "Nguyễn Văn"], // zero-width space and a bidi override removed
  ])("%j is a name, stored as %j", (input, stored) => {
    expect(name(input)).toEqual({ ok: true, values: { name: stored } });
  });

  it.each([
    ["...", "phải có chữ cái"],
    ["- '", "phải có chữ cái"],
    ["12345", "phải có chữ cái"],
    ["Nguyễn Văn 2", "không có chữ số"],
    ["Lê@Văn", "chỉ gồm chữ cái"],
    ["A".repeat(101), "quá dài"],
  ])("%j is refused (%s)", (input, words) => {
    const issues = issuesOf(name(input));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.messageVi).toContain(words);
    expect(issues[0]?.messageEn.length).toBeGreaterThan(10);
  });

  it("blank or white space only counts as not given: required at submission", () => {
    for (const blank of ["", "   ", "\u200B", " \u00A0\t"]) {
      expect(isEmptyValue(blank)).toBe(true);
      const r = checkForm(
        { form: [f("child.fullName", "text", { format: "personName", required: true })] },
        { "child.fullName": blank },
        { complete: true, context: { now: NOW } },
      );
      expect(issuesOf(r)).toEqual([
        {
          field: "form.child.fullName",
          messageVi: "Nhãn child.fullName: bắt buộc.",
          messageEn: "Label child.fullName: is required.",
          code: "REQUIRED",
        },
      ]);
    }
  });
});

describe("required, required when, visible when", () => {
  const base = { req: "có" };
  it.each<[string, FormValues, string[]]>([
    ["nothing given", {}, ["form.req"]],
    ["the required field given", base, []],
    ["white space is not an answer", { req: "  " }, ["form.req"]],
    ["required when ticked: ticked, missing", { ...base, tick: true }, ["form.reqWhen"]],
    ["required when ticked: ticked, given", { ...base, tick: true, reqWhen: "x" }, []],
    ["required when ticked: unticked", { ...base, tick: false }, []],
    ["hidden and required: not asked", { ...base, choice: "M" }, []],
    ["visible and required: missing", { ...base, choice: "F" }, ["form.hidden"]],
    ["visible and required: given", { ...base, choice: "F", hidden: "x" }, []],
    ["a hidden field's invalid answer is not judged", { ...base, choice: "M", hidden: 7 as never }, []],
  ])("%s → %j", (_name, values, fields) => {
    expect(issuesOf(submitted(values)).map((i) => i.field)).toEqual(fields);
  });

  it("white space does not make a field filled: the fields shown after a name stay hidden", () => {
    const member = {
      form: [
        f("member.fullName", "text", { format: "personName" }),
        f("member.birthDate", "date", {
          partial: true,
          required: { field: "member.fullName", filled: true },
          visibleWhen: { field: "member.fullName", filled: true },
        }),
      ],
    };
    const check = (values: FormValues) =>
      checkForm(member, values, { complete: true, context: { now: NOW } });
    expect(check({ "member.fullName": "  \u200B " })).toEqual({
      ok: true,
      values: { "member.fullName": null },
    });
    expect(issuesOf(check({ "member.fullName": "Ly" })).map((i) => i.field)).toEqual([
      "form.member.birthDate",
    ]);
  });

  it("a draft may leave required fields empty", () => {
    expect(draft({}).ok).toBe(true);
    expect(draft({ choice: "F" }).ok).toBe(true);
  });

  it("hidden answers are dropped from what is stored; empty answers are stored as null", () => {
    const r = submitted({ ...base, choice: "M", hidden: "bỏ", text: "  " });
    expect(r).toEqual({ ok: true, values: { req: "có", choice: "M", text: null } });
  });

  it("the schema is a zod schema: parse gives the stored values, safeParse the issues", () => {
    const schema = formSchema(def, { complete: true, context: { now: NOW } });
    expect(schema.parse({ req: " x " })).toEqual({ req: "x" });
    expect(schema.safeParse({}).success).toBe(false);
  });
});

describe("age by sex (Marriage and Family Law 2014, Art. 8: men from 20, women from 18 full years)", () => {
  const marriage = {
    form: [
      f("partner.sex", "select", { options: SEX, required: true }),
      f("partner.birthDate", "date", {
        partial: true,
        plausible: {
          when: "past",
          minAge: { M: 20, F: 18, sexField: "partner.sex", basisVi: "Luật HN&GĐ 2014, Điều 8" },
        },
      }),
      f("partner.personalNumber", "personalNumber", {
        person: { birthDate: "partner.birthDate", sex: "partner.sex" },
      }),
    ],
  };
  const check = (values: FormValues) =>
    checkForm(marriage, values, { complete: true, context: { now: NOW } });
  it.each<[string, string, boolean]>([
    ["F", "2008-11-04", true], // 18 today
    ["F", "2008-11-05", false], // 18 tomorrow
    ["M", "2006-11-04", true], // 20 today
    ["M", "2008-11-04", false], // 18: a man needs 20
    ["M", "2006-11-05", false],
    ["F", "2008", false], // may turn 18 only on 31/12/2026: not certain today
    ["F", "2007", true],
    ["F", "2008-10", true], // 18 by 31/10/2026
    ["F", "2008-11", false], // by 30/11/2026
    ["F", "2030-01-01", false], // the example: a birth in the future
  ])("%s born %s → accepted %s", (sex, birthDate, ok) => {
    const r = check({ "partner.sex": sex, "partner.birthDate": birthDate });
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.issues.map((i) => i.field)).toEqual(["form.partner.birthDate"]);
  });

  it("the refusal names the age, the sex and the law", () => {
    const r = check({ "partner.sex": "M", "partner.birthDate": "2008-01-01" });
    expect(issuesOf(r)[0]?.messageVi).toBe(
      "Nhãn partner.birthDate: chưa đủ 20 tuổi (nam phải từ đủ 20 tuổi) (Luật HN&GĐ 2014, Điều 8).",
    );
  });

  it("without a birth date, the birth year in the personal number must make the age", () => {
    // 048 2 10 …: a man born in 2010; 048 3 05 …: a woman born in 2005.
    expect(issuesOf(check({ "partner.sex": "M", "partner.personalNumber": "048210000001" }))[0]?.field).toBe(
      "form.partner.personalNumber",
    );
    expect(check({ "partner.sex": "F", "partner.personalNumber": "048305000001" }).ok).toBe(true);
  });

  it("a draft does not judge across fields", () => {
    const r = checkForm(
      marriage,
      { "partner.sex": "M", "partner.birthDate": "2010-01-01" },
      { complete: false, context: { now: NOW } },
    );
    expect(r.ok).toBe(true);
  });
});

describe("one person, one number", () => {
  const household = {
    form: [
      f("applicant.personalNumber", "personalNumber", {
        prefill: { subject: "applicant", path: "personalNumber" },
      }),
      f("head.personalNumber", "personalNumber", {
        prefill: { subject: "householdHead", path: "personalNumber" },
      }),
      f("member.birthDate", "date", { partial: true }),
      f("member.sex", "select", { options: SEX }),
      f("member.personalNumber", "personalNumber", {
        person: { birthDate: "member.birthDate", sex: "member.sex" },
      }),
      f("host.personalNumber", "personalNumber"),
    ],
  };
  const APPLICANT = "048188000102"; // a woman born 1988
  const check = (values: FormValues) =>
    checkForm(household, values, { complete: true, context: { now: NOW, applicantNumber: APPLICANT } });
  const fields = (values: FormValues) => issuesOf(check(values)).map((i) => i.field);

  it.each<[string, FormValues, string[]]>([
    [
      "the example: 048085000101 (a man born 1985) typed as a girl born 2020",
      { "member.personalNumber": "048085000101", "member.birthDate": "2020-03-01", "member.sex": "F" },
      ["form.member.personalNumber"],
    ],
    [
      "the right year, the wrong sex",
      { "member.personalNumber": "048085000101", "member.birthDate": "1985", "member.sex": "F" },
      ["form.member.personalNumber"],
    ],
    [
      "the right sex, the wrong century (digit 0 is the 1900s)",
      { "member.personalNumber": "048085000101", "member.birthDate": "2085", "member.sex": "M" },
      ["form.member.personalNumber"],
    ],
    [
      "agreeing number, year-only birth date and sex",
      { "member.personalNumber": "048085000101", "member.birthDate": "1985", "member.sex": "M" },
      [],
    ],
    [
      "a girl born 2020 with a matching number",
      { "member.personalNumber": "048320000104", "member.birthDate": "2020-03-01", "member.sex": "F" },
      [],
    ],
    [
      "the applicant's own number for someone else",
      { "host.personalNumber": APPLICANT },
      ["form.host.personalNumber"],
    ],
    [
      "another party's number (read from a registry) typed for someone else",
      { "head.personalNumber": "048085000101", "host.personalNumber": "048085000101" },
      ["form.host.personalNumber"],
    ],
    [
      "two people typed with one number: the second is refused",
      { "member.personalNumber": "048085000101", "host.personalNumber": "048085000101" },
      ["form.host.personalNumber"],
    ],
    [
      "the applicant is also the head of household (both read from registries): fine",
      { "applicant.personalNumber": APPLICANT, "head.personalNumber": APPLICANT },
      [],
    ],
    [
      "a number for someone born in the future (2030)",
      { "host.personalNumber": "048230000001" },
      ["form.host.personalNumber"],
    ],
  ])("%s → %j", (_name, values, expected) => {
    expect(fields(values)).toEqual(expected);
  });

  it("the refusals say why, in both languages", () => {
    const [mismatch] = issuesOf(
      check({ "member.personalNumber": "048085000101", "member.birthDate": "2020-03-01", "member.sex": "F" }),
    );
    expect(mismatch?.messageVi).toBe("Nhãn member.personalNumber: không khớp với năm sinh đã khai.");
    expect(mismatch?.messageEn).toBe("Label member.personalNumber: does not match the date of birth given.");
    const [own] = issuesOf(check({ "host.personalNumber": APPLICANT }));
    expect(own?.messageEn).toBe(
      "Label host.personalNumber: is the applicant's own personal number; it must be the number of the person declared here, not yours.",
    );
  });
});

describe("quantities are whole numbers", () => {
  it("1.5 copies is refused with a bilingual message naming the field", () => {
    expect(issuesOf(draft({ copies: 1.5 }))).toEqual([
      {
        field: "form.copies",
        messageVi: "Nhãn copies: phải là số nguyên, không có phần lẻ (ví dụ 2, không phải 1,5).",
        messageEn: "Label copies: must be a whole number (e.g. 2, not 1.5).",
      },
    ]);
  });
});
