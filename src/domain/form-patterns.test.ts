import { describe, expect, it } from "vitest";
import { checkForm, type FormValues } from "./form.js";
import { type FormField as Field, FormField } from "./procedure.js";

const NOW = new Date("2026-11-05T09:00:00+07:00");
const f = (key: string, type: Field["type"], extra: Partial<Field> = {}): Field =>
  FormField.parse({ key, labelVi: `Nhãn ${key}`, labelEn: `Label ${key}`, type, ...extra });

describe("a text not matching a digits-only pattern says how many digits", () => {
  const account = {
    form: [f("account", "text", { pattern: "^[0-9]{6,20}$" }), f("pin", "text", { pattern: "^[0-9]{4}$" })],
  };
  const issues = (values: FormValues) => {
    const r = checkForm(account, values, { complete: false, context: { now: NOW } });
    return r.ok ? [] : r.issues.map((i) => [i.messageVi, i.messageEn]);
  };
  it("a range, or an exact count; another pattern keeps the general words", () => {
    expect(issues({ account: "12ab" })).toEqual([
      [expect.stringMatching(/gồm 6 đến 20 chữ số\.$/), expect.stringMatching(/must be 6 to 20 digits\.$/)],
    ]);
    expect(issues({ pin: "12" })).toEqual([
      [expect.stringMatching(/gồm 4 chữ số\.$/), expect.stringMatching(/must be 4 digits\.$/)],
    ]);
    const other = checkForm(
      { form: [f("code", "text", { pattern: "^[A-Z]{2}$" })] },
      { code: "ab" },
      {
        complete: false,
        context: { now: NOW },
      },
    );
    expect(other.ok ? [] : other.issues.map((i) => i.messageVi)).toEqual([
      expect.stringMatching(/sai định dạng\.$/),
    ]);
  });
});

describe("digits typed in groups, as banks print them, are kept as digits", () => {
  const form = {
    form: [
      f("account", "text", { pattern: "^[0-9]{6,20}$" }),
      f("code", "text", { pattern: "^[A-Z ]{2,5}$" }),
    ],
  };
  const stored = (values: FormValues) => {
    const r = checkForm(form, values, { complete: false, context: { now: NOW } });
    return r.ok ? r.values : r.issues.map((i) => i.messageVi);
  };
  it.each([
    ["spaces", "0123 4567 89", "0123456789"],
    ["hyphens and dots", "0123-4567.89", "0123456789"],
    ["spaces around", "  0123456789 ", "0123456789"],
    ["plain digits", "0123456789", "0123456789"],
  ])("%s: %j is stored as %j", (_what, typed, kept) => {
    expect(stored({ account: typed })).toMatchObject({ account: kept });
  });
  it("letters among the digits are still refused; another pattern's spaces are its own", () => {
    expect(stored({ account: "0123 45ab 89" })).toEqual([expect.stringMatching(/gồm 6 đến 20 chữ số\.$/)]);
    expect(stored({ code: "AB CD" })).toMatchObject({ code: "AB CD" });
  });
});
