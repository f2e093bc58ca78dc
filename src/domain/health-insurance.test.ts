import { describe, expect, it } from "vitest";
import { benefitPercent, childCardNumber, childCardValidTo } from "./health-insurance.js";

describe("a child's health-insurance card (Luật Bảo hiểm y tế Điều 16)", () => {
  it.each([
    ["born in spring: until 30 September of the sixth birthday's year", "2026-03-15", "2032-09-30"],
    ["born on 30 September: that day", "2026-09-30", "2032-09-30"],
    ["born in November: the day they are 72 months old", "2026-11-01", "2032-11-01"],
    ["born on 29 February: 72 months on 28 February, so 30 September", "2024-02-29", "2030-09-30"],
    ["born on 1 October: the sixth birthday", "2020-10-01", "2026-10-01"],
  ])("%s", (_name, birth, validTo) => {
    expect(childCardValidTo(birth)).toBe(validTo);
  });

  it.each([
    ["48", "048326000001", "TE1488326000001"],
    ["01", "001226001234", "TE1011226001234"],
  ])("province %s, number %s → %s", (province, pn, card) => {
    expect(childCardNumber(province, pn)).toBe(card);
    expect(card).toMatch(/^[A-Z]{2}[0-9]{13}$/);
  });
});

describe("benefitPercent: the share a card's benefit level pays", () => {
  it.each([
    [1, 100],
    [2, 100],
    [3, 95],
    [4, 80],
    [5, 100],
    [6, undefined],
  ])("level %i → %s", (level, percent) => {
    expect(benefitPercent(level)).toBe(percent);
  });
});
