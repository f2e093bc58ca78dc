import { describe, expect, it } from "vitest";
import { checkForm, type FormValues } from "./form.js";
import { FormField } from "./procedure.js";
import { cleanName, cleanText, hasStackedMarks, isBlank, personNameProblem } from "./text.js";

// Invisible "letters", other scripts and stacked marks: what a printed document cannot show is
// refused as the browser and the server check it, one rule (src/domain/text.ts).
const NOW = new Date("2026-11-04T05:00:00Z");
const ZALGO = `A${"\u0301".repeat(1500)}b`;

describe("cleanText removes the Hangul fillers and every default-ignorable code point", () => {
  it.each([
    ["\u3164\u3164", ""],
    ["\u115F\u1160\uFFA0", ""],
    ["Lan\u3164", "Lan"],
    ["\u202E\u200b  ", "  "],
    ["A\u034Fn", "An"],
    ["Nguye\u0302\u0303n", "Nguyễn"],
  ])("%j → %j", (input, cleaned) => {
    expect(cleanText(input)).toBe(cleaned);
  });

  it.each([
    ["\u3164", true],
    ["\u202E\u200b  ", true],
    [" \u115F\t", true],
    ["Lý do", false],
  ])("isBlank(%j) is %s", (input, blank) => {
    expect(isBlank(input)).toBe(blank);
  });
});

describe("personNameProblem", () => {
  it.each<[string, ReturnType<typeof personNameProblem>]>([
    ["Nguyễn Thị Ánh", undefined],
    ["Nguye\u0302\u0303n", undefined], // NFD still prints: two marks on one letter
    ["H'Hen Niê", undefined],
    ["Trần Văn A.", undefined],
    ["Kpă Y-Lan", undefined],
    ["김민준", "script"],
    ["Nguyễn 明", "script"],
    ["Иван", "script"],
    ["123", "no_letter"],
    ["- . '", "no_letter"],
    ["Nguyễn Văn 2", "characters"],
    ["Lan 🌸", "characters"],
    [`x${"\u0301".repeat(3)}`, undefined],
    [`x${"\u0301".repeat(4)}`, "marks"],
  ])("%j → %s", (name, problem) => {
    expect(personNameProblem(cleanName(name))).toBe(problem);
  });

  it("a letter with 1,500 marks is stacked text", () => {
    expect(personNameProblem(cleanName(ZALGO))).toBe("marks");
    expect(hasStackedMarks(ZALGO)).toBe(true);
    expect(hasStackedMarks("Nguyễn Thị Ánh")).toBe(false);
  });
});

describe("the form refuses what a document cannot print", () => {
  const def = {
    form: [
      FormField.parse({
        key: "mother.fullName",
        labelVi: "Họ tên mẹ",
        labelEn: "Mother's name",
        type: "text",
        format: "personName",
        required: true,
      }),
      FormField.parse({ key: "note", labelVi: "Ghi chú", labelEn: "Note", type: "textarea" }),
    ],
  };
  const check = (values: FormValues) => checkForm(def, values, { complete: true, context: { now: NOW } });
  const messageOf = (values: FormValues, field: string) => {
    const r = check(values);
    return r.ok ? undefined : r.issues.find((i) => i.field === field)?.messageEn;
  };

  it.each<[string, string | undefined]>([
    ["\u3164\u3164", "Mother's name: is required."],
    ["\u115F\u1160", "Mother's name: is required."],
    ["\uFFA0", "Mother's name: is required."],
    ["김민준", "Mother's name: must be written in Vietnamese (Latin) letters, not in another script."],
    ["Nguyễn Thị\u3164 Lan", undefined],
  ])("mother's name %j: %s", (name, message) => {
    const got = messageOf({ "mother.fullName": name }, "form.mother.fullName");
    if (message === undefined) expect(check({ "mother.fullName": name }).ok).toBe(true);
    else expect(got).toBe(message);
  });

  it("A + 1,500 marks + b (2 characters long) is refused as a name and as a note; a stored name has no filler", () => {
    expect(messageOf({ "mother.fullName": ZALGO }, "form.mother.fullName")).toBe(
      "Mother's name: has a character with too many marks (at most 3 on one character).",
    );
    expect(messageOf({ "mother.fullName": "Lan", note: ZALGO }, "form.note")).toBe(
      "Note: has a character with too many marks (at most 3 on one character).",
    );
    const r = check({ "mother.fullName": "Nguyễn Thị\u3164 Lan" });
    expect(r.ok && r.values["mother.fullName"]).toBe("Nguyễn Thị Lan");
  });
});
