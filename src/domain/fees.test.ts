import { describe, expect, it } from "vitest";
import { feeFor, perUnitAmount, tariffAmount } from "./fees.js";
import { checkDefinition, Fee, type FormField, ProcedureDefinition } from "./procedure.js";

// Circular 226/2016/TT-BTC, Art. 4(1): 2,000 đồng a page, from the third page 1,000, at most 200,000 a copy.
const PAGES = { tiers: [{ upTo: 2, amount: 2_000 }, { amount: 1_000 }], max: 200_000, field: "pages" };
const certified = Fee.parse({ amount: 0, perUnit: PAGES, copiesField: "copies" });

describe("a tariff by pages and copies (certified copy, Circular 226/2016/TT-BTC)", () => {
  it.each([
    // pages, copies, đồng
    [1, 1, 2_000],
    [2, 1, 4_000],
    [3, 1, 5_000],
    [10, 1, 12_000],
    [3, 2, 10_000],
    [10, 3, 36_000],
    [198, 1, 200_000], // 4,000 + 196 × 1,000: exactly the cap
    [199, 1, 200_000], // 201,000 held at 200,000 a copy
    [500, 3, 600_000],
  ])("%i page(s) × %i cop(ies) = %i đồng", (pages, copies, amount) => {
    expect(tariffAmount(certified, { pages, copies })).toBe(amount);
    expect(feeFor(certified, { pages, copies }, "online")).toBe(amount);
    expect(feeFor(certified, { pages, copies }, "counter")).toBe(amount);
  });

  it("a draft without quantities estimates 0 pages and 1 copy; a fractional quantity counts as unanswered", () => {
    expect(tariffAmount(certified, {})).toBe(0);
    expect(tariffAmount(certified, { pages: 3 })).toBe(5_000);
    expect(tariffAmount(certified, { pages: 3, copies: 1.5 })).toBe(5_000);
  });

  it("a minimum holds the per-unit part up; the base is charged per copy", () => {
    expect(perUnitAmount({ ...PAGES, min: 3_000 }, 1)).toBe(3_000);
    expect(tariffAmount(Fee.parse({ amount: 5_000, copiesField: "copies" }), { copies: 3 })).toBe(15_000);
  });

  it("the online discount and the exemption apply to the whole tariff", () => {
    const fee = Fee.parse({
      amount: 1_000,
      perUnit: { field: "pages", tiers: [{ amount: 500 }] },
      onlineDiscountPercent: 50,
      exemptWhen: { field: "poor", equals: true },
    });
    expect(feeFor(fee, { pages: 3 }, "online")).toBe(1_250);
    expect(feeFor(fee, { pages: 3 }, "counter")).toBe(2_500);
    expect(feeFor(fee, { pages: 3, poor: true }, "online")).toBe(0);
  });
});

describe("a tariff's definition", () => {
  const number = (key: string, extra: Partial<FormField> = {}) => ({
    key,
    labelVi: key,
    labelEn: key,
    type: "number",
    required: true,
    min: 1,
    integer: true,
    ...extra,
  });
  const def = (form: unknown[], fee: unknown) =>
    ProcedureDefinition.parse({
      code: "LOCAL.TEST",
      codeVerified: false,
      nameVi: "Thử",
      nameEn: "Test",
      summaryVi: "Thử",
      summaryEn: "Test",
      field: "certification",
      level: "commune",
      agency: { sector: "peoples_committee", nameVi: "UBND", nameEn: "Committee" },
      timeLimit: { workingDays: 1 },
      paperFieldCount: 2,
      form,
      components: [],
      steps: [
        {
          key: "receive",
          nameVi: "Tiếp nhận",
          nameEn: "Receive",
          role: "receiver",
          limit: { workingDays: 1 },
        },
      ],
      fee,
      result: { kind: "x", nameVi: "KQ", nameEn: "Result", electronic: true },
      fullyOnline: true,
    });

  it("accepts quantities that are required whole-number fields", () => {
    expect(
      checkDefinition(
        def([number("pages"), number("copies")], { amount: 0, perUnit: PAGES, copiesField: "copies" }),
      ),
    ).toEqual([]);
  });

  it.each([
    [
      "a field that is not whole",
      [number("pages", { integer: false }), number("copies")],
      "fee.perUnit.field",
    ],
    ["an optional field", [number("pages", { required: false }), number("copies")], "fee.perUnit.field"],
    ["a negative minimum", [number("pages"), number("copies", { min: -1 })], "fee.copiesField"],
    ["a missing field", [number("pages")], "fee.copiesField"],
  ])("refuses %s as a quantity", (_name, form, path) => {
    expect(
      checkDefinition(def(form, { amount: 0, perUnit: PAGES, copiesField: "copies" })).map((p) => p.path),
    ).toEqual([path]);
  });

  it("refuses tiers out of order or open before the last", () => {
    const tiers = [{ amount: 1_000 }, { upTo: 2, amount: 2_000 }];
    expect(
      checkDefinition(def([number("pages")], { amount: 0, perUnit: { ...PAGES, tiers } })).map((p) => p.path),
    ).toEqual(["fee.perUnit.tiers"]);
  });
});
