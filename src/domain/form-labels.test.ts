import { describe, expect, it } from "vitest";
import { checkForm } from "./form.js";
import { FormField } from "./procedure.js";

describe("a label ending with punctuation", () => {
  it("heads its message without it: no stray '.:'", () => {
    const field = FormField.parse({
      key: "statement",
      type: "checkbox",
      required: true,
      labelVi: "Tôi cam đoan chịu trách nhiệm về lời khai của mình.",
      labelEn: "I am responsible for my statement.",
    });
    const r = checkForm(
      { form: [field] },
      { statement: false },
      { complete: true, context: { now: new Date("2026-11-04T05:00:00Z") } },
    );
    expect(r.ok ? [] : r.issues.map((i) => [i.messageVi, i.messageEn])).toEqual([
      [
        "Tôi cam đoan chịu trách nhiệm về lời khai của mình: bắt buộc.",
        "I am responsible for my statement: is required.",
      ],
    ]);
  });
});
