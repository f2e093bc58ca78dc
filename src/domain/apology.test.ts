import { describe, expect, it } from "vitest";
import { apologyAddressee, apologyNotDueMessage } from "./apology.js";
import { WORKING_DAY_MILLIS } from "./calendar/index.js";
import { allowedWorkingMillis, nearDueThreshold } from "./due.js";

const HOUR = 3_600_000;

describe("APOLOGY_NOT_DUE states the near-due window applied (nearDueThreshold)", () => {
  it.each([
    // [case, allowed working millis, window in the Vietnamese text, in the English text]
    [
      "same day, a full working day (8 h)",
      8 * HOUR,
      "còn không quá 2 giờ làm việc trước hạn",
      "2 working hours or less left",
    ],
    ["same day, 4 h", 4 * HOUR, "còn không quá 1 giờ làm việc trước hạn", "1 working hour or less left"],
    [
      "same day, received 09:00 (6 h 30)",
      6.5 * HOUR,
      "còn không quá 1 giờ 38 phút làm việc",
      "1 hour 38 minutes of working time or less left",
    ],
    [
      "2 working days",
      2 * WORKING_DAY_MILLIS,
      "ngày làm việc cuối cùng trước hạn",
      "last working day before the due time",
    ],
    [
      "15 working days",
      15 * WORKING_DAY_MILLIS,
      "còn không quá 1 ngày làm việc, tức 8 giờ làm việc",
      "1 working day, 8 working hours, or less left",
    ],
  ] as const)("%s", (_case, allowed, vi, en) => {
    const m = apologyNotDueMessage(allowed);
    expect(m.vi).toContain(vi);
    expect(m.en).toContain(en);
    expect(m.vi).toMatch(/^Chỉ gửi phiếu xin lỗi/);
    expect(m.en).toMatch(/^An apology is sent only/);
  });

  it("the window in words is the one the rule applies", () => {
    expect(nearDueThreshold(8 * HOUR)).toBe(2 * HOUR);
    expect(nearDueThreshold(2 * WORKING_DAY_MILLIS)).toBe(WORKING_DAY_MILLIS);
    // Received at 09:00 on a Wednesday, due at 17:00 the same day: 6 h 30 of office time.
    expect(
      allowedWorkingMillis(new Date("2026-11-04T09:00:00+07:00"), new Date("2026-11-04T17:00:00+07:00")),
    ).toBe(6.5 * HOUR);
  });
});

describe("the slip's addressee (apologyAddressee)", () => {
  it.each([
    ["a dossier with the applicant's name", "Nguyễn Thị Lan", "Ông/Bà Nguyễn Thị Lan"],
    ["imported history: no name", null, "Ông/Bà (công dân có số định danh cá nhân 048094600294)"],
    ["a blank name", "  ", "Ông/Bà (công dân có số định danh cá nhân 048094600294)"],
  ] as const)("%s", (_case, name, addressee) => {
    expect(apologyAddressee(name, "048094600294")).toBe(addressee);
  });
});
