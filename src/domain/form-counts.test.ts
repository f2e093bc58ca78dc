import { describe, expect, it } from "vitest";
import { formCounts } from "./form-counts.js";

const bound = { subject: "applicant", path: "fullName" };
const FORM = [
  { key: "a.name", prefill: bound },
  { key: "a.birth", prefill: bound },
  { key: "a.address", prefill: bound },
  { key: "stay.address" },
  { key: "stay.until" },
];

describe("formCounts", () => {
  it.each([
    [
      "the procedure's promise: every binding prefilled",
      undefined,
      { total: 5, prefilled: 3, typed: 2, unfilled: 0 },
    ],
    [
      "a person with every bound value",
      new Set(["a.name", "a.birth", "a.address"]),
      { total: 5, prefilled: 3, typed: 2, unfilled: 0 },
    ],
    [
      "a registry without an address: typed instead",
      new Set(["a.name", "a.birth"]),
      { total: 5, prefilled: 2, typed: 3, unfilled: 1 },
    ],
    [
      "a typed field's key never counts as prefilled",
      new Set(["a.name", "stay.address"]),
      { total: 5, prefilled: 1, typed: 4, unfilled: 2 },
    ],
    ["nothing known", new Set<string>(), { total: 5, prefilled: 0, typed: 5, unfilled: 3 }],
  ])("%s", (_name, filled, expected) => {
    const c = formCounts(FORM, filled);
    expect(c).toEqual(expected);
    expect(c.prefilled + c.typed).toBe(c.total);
  });
});
