import { describe, expect, it } from "vitest";
import { forOfficer, personalWords } from "./audience.js";

describe("forOfficer: the citizen's words as an officer reads them", () => {
  it.each([
    ["vi", "Họ, chữ đệm và tên của bạn", "Họ, chữ đệm và tên của người yêu cầu"],
    ["vi", "Bạn là gì của chủ hộ", "Người yêu cầu là gì của chủ hộ"],
    ["vi", "Số lần kết hôn của bạn", "Số lần kết hôn của người yêu cầu"],
    ["vi", "Họ và tên người mất", "Họ và tên người mất"],
    // The citizen speaking (issue 14 review D1): "tôi" is the applicant too.
    [
      "vi",
      "Chủ hộ hoặc chủ sở hữu chỗ ở đồng ý cho tôi đăng ký tạm trú",
      "Chủ hộ hoặc chủ sở hữu chỗ ở đồng ý cho người yêu cầu đăng ký tạm trú",
    ],
    [
      "vi",
      "Cơ sở dữ liệu về cư trú: quan hệ của vợ, chồng bạn với chủ hộ",
      "Cơ sở dữ liệu về cư trú: quan hệ của vợ, chồng người yêu cầu với chủ hộ",
    ],
    [
      "vi",
      "Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật về lời khai của mình.",
      "Người yêu cầu cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật về lời khai của mình.",
    ],
    ["vi", "Hồ sơ của tôi", "Hồ sơ của người yêu cầu"],
    ["vi", "Chúng tôi đã nhận hồ sơ", "Chúng tôi đã nhận hồ sơ"],
    // A quoted menu name is the head's own words: kept.
    [
      "vi",
      "xác nhận đồng ý trên Cổng Một Lần (mục “Đề nghị chờ tôi đồng ý” ở trang chủ).",
      "xác nhận đồng ý trên Cổng Một Lần (mục “Đề nghị chờ tôi đồng ý” ở trang chủ).",
    ],
    ["en", "Your full name", "The applicant's full name"],
    [
      "en",
      "Your relationship to the head of household",
      "The applicant's relationship to the head of household",
    ],
    ["en", "Number of marriages (yours)", "Number of marriages (the applicant's)"],
    ["en", "Chosen from your permanent residence.", "Chosen from the applicant's permanent residence."],
    ["en", "Name of the deceased", "Name of the deceased"],
    [
      "en",
      "The head of household or the owner agrees to my registration",
      "The head of household or the owner agrees to the applicant's registration",
    ],
    [
      "en",
      "I declare that the above is true and I am responsible before the law for this declaration.",
      "The applicant declares that the above is true and the applicant is responsible before the law for this declaration.",
    ],
    [
      "en",
      "Leave empty if you are the head of household there.",
      "Leave empty if the applicant is the head of household there.",
    ],
    ["en", "Member: relationship to you", "Member: relationship to the applicant"],
    [
      "en",
      "the marriage record is looked up for you.",
      "the marriage record is looked up for the applicant.",
    ],
    [
      "en",
      "Once registered, you head a new household.",
      "Once registered, the applicant heads a new household.",
    ],
    [
      "en",
      "(“Requests waiting for my consent” on the home page)",
      "(“Requests waiting for my consent” on the home page)",
    ],
  ] as const)("%s: %j → %j", (lang, text, expected) => {
    expect(forOfficer(text, lang)).toBe(expected);
    expect(personalWords(expected, lang)).toEqual([]);
  });

  it("personalWords names what is left, outside quotes", () => {
    expect(personalWords("đồng ý cho tôi, của bạn", "vi")).toEqual(["tôi", "bạn"]);
    expect(personalWords("Your name; I agree; “my consent”", "en")).toEqual(["Your", "I"]);
    expect(personalWords("Người yêu cầu", "vi")).toEqual([]);
  });
});
