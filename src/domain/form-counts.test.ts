import { describe, expect, it } from "vitest";
import { formCounts } from "./form-counts.js";

const bound = { subject: "applicant", path: "fullName" };
const FORM = [
  { key: "a.name", prefill: bound },
  { key: "a.birth", prefill: bound },
  { key: "a.address", prefill: bound },
  { key: "stay.address" },
  { key: "stay.until" },
  // Asked only for a stay with the owner's consent, prefilled then (a field some answers hide).
  { key: "owner.name", prefill: bound, visibleWhen: { field: "stay.kind", equals: "rented" } },
  { key: "stay.kind" },
];

describe("formCounts", () => {
  it.each([
    [
      "the whole form (the procedure page): every binding prefilled",
      undefined,
      undefined,
      { total: 7, prefilled: 4, typed: 3, unfilled: 0, answered: 4 },
    ],
    [
      "the whole form, a person with every bound value",
      new Set(["a.name", "a.birth", "a.address", "owner.name"]),
      undefined,
      { total: 7, prefilled: 4, typed: 3, unfilled: 0, answered: 4 },
    ],
    [
      "the whole form, a registry without an address: typed instead",
      new Set(["a.name", "a.birth", "owner.name"]),
      undefined,
      { total: 7, prefilled: 3, typed: 4, unfilled: 1, answered: 3 },
    ],
    [
      "a registry message's field (no binding) counts as prefilled",
      new Set(["a.name", "stay.address"]),
      undefined,
      { total: 7, prefilled: 2, typed: 5, unfilled: 3, answered: 2 },
    ],
    [
      "nothing known",
      new Set<string>(),
      undefined,
      { total: 7, prefilled: 0, typed: 7, unfilled: 4, answered: 0 },
    ],
    [
      "a draft (the fields shown): the hidden field counts nowhere, typed answers are counted",
      new Set(["a.name", "a.birth", "a.address", "owner.name"]),
      { "a.name": "X", "a.birth": "1990", "a.address": "Y", "owner.name": "Z", "stay.until": "2027-06-30" },
      { total: 6, prefilled: 3, typed: 3, unfilled: 0, answered: 4 },
    ],
    [
      "a draft whose answer shows the conditional field: it counts, prefilled",
      new Set(["a.name", "a.birth", "a.address", "owner.name"]),
      { "stay.kind": "rented", "stay.address": "  ", "stay.until": null },
      { total: 7, prefilled: 4, typed: 3, unfilled: 0, answered: 5 },
    ],
  ])("%s", (_name, filled, values, expected) => {
    const c = formCounts(FORM, filled, values);
    expect(c).toEqual(expected);
    expect(c.prefilled + c.typed).toBe(c.total);
  });
});
