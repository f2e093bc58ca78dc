import { describe, expect, it } from "vitest";
import { resultHolder } from "./result-holder.js";

const mother = { number: "048190000001", name: "Nguyễn Thị Thu" };
const card = {
  result: { kind: "health_insurance_card", nameVi: "Thẻ", nameEn: "Card", electronic: true },
  form: [
    { key: "child.fullName", prefill: { subject: "child", path: "fullName" } },
    { key: "child.personalNumber", prefill: { subject: "child", path: "personalNumber" } },
    { key: "parent.fullName", prefill: { subject: "applicant", path: "fullName" } },
  ],
} as unknown as Parameters<typeof resultHolder>[0];

describe("resultHolder", () => {
  it("a child's card is held by the child its form names", () => {
    const form = { "child.fullName": "Trần Minh An", "child.personalNumber": "048326000123" };
    expect(resultHolder(card, form, mother)).toEqual({ number: "048326000123", name: "Trần Minh An" });
  });
  it("the requester when the form does not name the child, or for another result", () => {
    expect(resultHolder(card, { "child.fullName": "Trần Minh An" }, mother)).toEqual(mother);
    const extract = { ...card, result: { ...card.result, kind: "birth_extract" } };
    const form = { "child.fullName": "Trần Minh An", "child.personalNumber": "048326000123" };
    expect(resultHolder(extract, form, mother)).toEqual(mother);
  });
});
