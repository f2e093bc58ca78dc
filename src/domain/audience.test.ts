import { describe, expect, it } from "vitest";
import { forOfficer } from "./audience.js";

describe("forOfficer: the citizen's words as an officer reads them", () => {
  it.each([
    ["vi", "Họ, chữ đệm và tên của bạn", "Họ, chữ đệm và tên của người nộp hồ sơ"],
    ["vi", "Bạn là gì của chủ hộ", "Người nộp hồ sơ là gì của chủ hộ"],
    ["vi", "Số lần kết hôn của bạn", "Số lần kết hôn của người nộp hồ sơ"],
    ["vi", "Họ và tên người mất", "Họ và tên người mất"],
    ["en", "Your full name", "The applicant's full name"],
    [
      "en",
      "Your relationship to the head of household",
      "The applicant's relationship to the head of household",
    ],
    ["en", "Number of marriages (yours)", "Number of marriages (the applicant's)"],
    ["en", "Chosen from your permanent residence.", "Chosen from the applicant's permanent residence."],
    ["en", "Name of the deceased", "Name of the deceased"],
  ] as const)("%s: %j → %j", (lang, text, expected) => {
    expect(forOfficer(text, lang)).toBe(expected);
  });
});
