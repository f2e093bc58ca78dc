import { describe, expect, it } from "vitest";
import { UTC_OFFSET_MINUTES } from "./calendar/index.js";
import { fieldText } from "./display.js";
import {
  dateInWords,
  formatDate,
  formatInstant,
  formatInstantShort,
  formatMoney,
  moneyInWords,
  numberInWords,
  parseTypedDate,
  parseTypedDay,
  parseTypedTime,
  placeAndDate,
  VIETNAM_UTC_OFFSET_MINUTES,
} from "./vietnamese-dates.js";

describe("local time, the Vietnamese way", () => {
  it("uses the same offset as the working-day calendar", () => {
    expect(VIETNAM_UTC_OFFSET_MINUTES).toBe(UTC_OFFSET_MINUTES);
  });

  it("a death at 12:08 UTC is printed as 19 giờ 08 phút on the local day", () => {
    expect(formatInstant("2026-11-04T12:08:00.000Z")).toBe("19 giờ 08 phút, ngày 04/11/2026");
    expect(formatInstant(new Date("2026-11-04T12:08:00Z"))).toBe("19 giờ 08 phút, ngày 04/11/2026");
  });

  it("an instant after 17:00 UTC falls on the next local day (and year)", () => {
    expect(formatInstant("2026-12-31T17:30:00Z")).toBe("00 giờ 30 phút, ngày 01/01/2027");
    expect(formatDate("2026-12-31T17:30:00Z")).toBe("01/01/2027");
    expect(formatDate(new Date("2026-12-31T16:59:59Z"))).toBe("31/12/2026");
  });

  it("short form for screens, both languages", () => {
    expect(formatInstantShort("2026-11-04T12:08:00Z")).toBe("19:08 ngày 04/11/2026");
    expect(formatInstantShort("2026-11-04T12:08:00Z", "en")).toBe("19:08, 04/11/2026");
  });

  it.each([
    ["2026-07-14", "14/07/2026"],
    ["1950-07", "07/1950"],
    ["1950", "1950"],
    ["2024-02-29", "29/02/2024"],
  ])("calendar date %s → %s (partial dates printed as such)", (value, shown) => {
    expect(formatDate(value)).toBe(shown);
  });

  it("an impossible date is not a date, and is shown as recorded", () => {
    expect(formatDate("2025-02-29")).toBe("2025-02-29");
    expect(formatDate("1950-13")).toBe("1950-13");
    expect(formatDate("không rõ")).toBe("không rõ");
    expect(formatInstant("không rõ")).toBe("không rõ");
  });
});

describe("numbers and dates in words", () => {
  it.each([
    [0, "không"],
    [5, "năm"],
    [10, "mười"],
    [14, "mười bốn"],
    [15, "mười lăm"],
    [21, "hai mươi mốt"],
    [24, "hai mươi tư"],
    [25, "hai mươi lăm"],
    [30, "ba mươi"],
    [105, "một trăm linh năm"],
    [1950, "một nghìn chín trăm năm mươi"],
    [2000, "hai nghìn"],
    [2005, "hai nghìn không trăm linh năm"],
    [2015, "hai nghìn không trăm mười lăm"],
    [2026, "hai nghìn không trăm hai mươi sáu"],
    [10_000, "mười nghìn"],
    [1_250_000, "một triệu hai trăm năm mươi nghìn"],
    [1_000_005, "một triệu không trăm linh năm"],
  ])("%i → %s", (n, words) => {
    expect(numberInWords(n)).toBe(words);
  });

  it("refuses what it cannot write", () => {
    expect(() => numberInWords(-1)).toThrow(RangeError);
    expect(() => numberInWords(1.5)).toThrow(RangeError);
  });

  it("the birth extract's date in words", () => {
    expect(dateInWords("2026-07-14")).toBe("Ngày mười bốn tháng bảy năm hai nghìn không trăm hai mươi sáu");
    expect(dateInWords("2025-04-01")).toBe("Ngày một tháng tư năm hai nghìn không trăm hai mươi lăm");
    expect(dateInWords("2021-12-31")).toBe(
      "Ngày ba mươi mốt tháng mười hai năm hai nghìn không trăm hai mươi mốt",
    );
    expect(dateInWords("1950-07")).toBe("Tháng bảy năm một nghìn chín trăm năm mươi");
    expect(dateInWords("1950")).toBe("Năm một nghìn chín trăm năm mươi");
    expect(dateInWords("14/07/2026")).toBeUndefined();
  });

  it("money in figures and in words, as receipts print it", () => {
    expect(formatMoney(10_000)).toBe("10.000 đồng");
    expect(formatMoney(1_250_000)).toBe("1.250.000 đồng");
    expect(moneyInWords(10_000)).toBe("Mười nghìn đồng");
  });
});

describe("the place and date line (Decree 30/2020, Appendix I)", () => {
  it("pads days below 10 and the months January and February, not the others", () => {
    expect(placeAndDate("Hải Vân", new Date("2026-11-04T03:00:00Z"))).toBe(
      "Hải Vân, ngày 04 tháng 11 năm 2026",
    );
    expect(placeAndDate("Hải Vân", new Date("2026-07-14T03:00:00Z"))).toBe(
      "Hải Vân, ngày 14 tháng 7 năm 2026",
    );
    expect(placeAndDate("Ba Đình", new Date("2027-02-05T03:00:00Z"))).toBe(
      "Ba Đình, ngày 05 tháng 02 năm 2027",
    );
  });

  it("takes the local day: 23:30 in Vietnam on 31/12 is still that year", () => {
    expect(placeAndDate("Hải Vân", new Date("2026-12-31T16:30:00Z"))).toBe(
      "Hải Vân, ngày 31 tháng 12 năm 2026",
    );
  });
});

describe("form values as a person reads them", () => {
  const names: Record<string, string> = { "20194": "Phường Hải Vân" };
  const communeName = (code: string) => names[code];
  it.each([
    [{ type: "commune" as const }, "20194", "Phường Hải Vân"],
    [{ type: "commune" as const }, "99999", "99999"],
    [{ type: "date" as const }, "1950-07", "07/1950"],
    [{ type: "datetime" as const }, "2026-11-04T12:08:00.000Z", "19 giờ 08 phút, ngày 04/11/2026"],
    [{ type: "checkbox" as const }, true, "Có"],
    [{ type: "checkbox" as const }, false, "Không"],
    [{ type: "number" as const }, 1985, "1985"],
    [{ type: "text" as const }, "", ""],
    [{ type: "select" as const, options: [{ value: "F", labelVi: "Nữ", labelEn: "Female" }] }, "F", "Nữ"],
  ])("%o %s → %s", (field, value, shown) => {
    expect(fieldText(field, value, { communeName })).toBe(shown);
  });

  it("in English: option labels and yes/no", () => {
    const sex = { type: "select" as const, options: [{ value: "F", labelVi: "Nữ", labelEn: "Female" }] };
    expect(fieldText(sex, "F", { lang: "en" })).toBe("Female");
    expect(fieldText({ type: "checkbox" }, true, { lang: "en" })).toBe("Yes");
    expect(fieldText({ type: "datetime" }, "2026-11-04T12:08:00Z", { lang: "en" })).toBe("19:08, 04/11/2026");
  });
});

describe("parseTypedDate: a date typed day/month/year, whatever the browser's locale", () => {
  it.each([
    ["30/06/2027", "2027-06-30"],
    ["3/6/2027", "2027-06-03"],
    [" 30 - 06 - 2027 ", "2027-06-30"],
    ["30.06.2027", "2027-06-30"],
    ["31/02/2027", "2027-02-31"],
    // A phone's number pad has no "/": eight digits, or spaces between the parts.
    ["31122027", "2027-12-31"],
    ["30 06 2027", "2027-06-30"],
    ["3122027", null],
    ["20270630", null],
    // Year first, as ISO writes it: unambiguous, taken.
    ["2027-06-30", "2027-06-30"],
    [" 2027-6-3 ", "2027-06-03"],
    ["2027/06/30", null],
    ["06/2027", null],
    ["một", null],
    ["", null],
  ])("%j → %j", (typed, iso) => {
    expect(parseTypedDate(typed)).toBe(iso);
  });
});

describe("parseTypedDay: a real calendar day typed day/month/year, or null", () => {
  it.each([
    ["15/10/2026", "2026-10-15"],
    ["1/2/2026", "2026-02-01"],
    ["29/02/2028", "2028-02-29"],
    [" 31.12.2026 ", "2026-12-31"],
    ["31/02/2026", null],
    ["29/02/2026", null],
    ["00/01/2026", null],
    ["15/13/2026", null],
    // Year first, as ISO writes it (review D13): taken when it is a day of the calendar.
    ["2026-10-15", "2026-10-15"],
    ["2026-02-30", null],
    ["15/10/26", null],
    ["mười lăm", null],
    ["", null],
  ])("%s → %s", (typed, iso) => {
    expect(parseTypedDay(typed)).toBe(iso);
  });
});

describe("parseTypedTime: a time of day typed the Vietnamese way (24-hour)", () => {
  it.each([
    ["19:08", "19:08"],
    ["19h08", "19:08"],
    ["7.05", "07:05"],
    ["1908", "19:08"],
    [" 0:00 ", "00:00"],
    ["24:00", null],
    ["19:60", null],
    ["7 giờ", null],
    ["", null],
  ])("%j → %j", (typed, time) => {
    expect(parseTypedTime(typed)).toBe(time);
  });
});
