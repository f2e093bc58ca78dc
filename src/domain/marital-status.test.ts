import { describe, expect, it } from "vitest";
import {
  type MaritalStatus,
  maritalStatusOf,
  maritalStatusWords,
  type RegisteredMarriage,
} from "./marital-status.js";

const SPOUSE = "048188000102";
const marriage = (
  over: Partial<RegisteredMarriage> & { registrationNumber: string },
): RegisteredMarriage => ({
  registeredOn: "2012-05-20",
  spouseNumber: SPOUSE,
  end: null,
  spouseDied: false,
  ...over,
});
const divorce = (on: string, judgementNumber = "15/2020/HNGĐ-ST") => ({
  on,
  cause: "divorce" as const,
  judgementNumber,
});
const death = (on: string) => ({ on, cause: "spouse_death" as const, judgementNumber: null });

describe("the marital status the civil-status register makes (one decision for every reader)", () => {
  it.each<[string, RegisteredMarriage[], MaritalStatus, string | null]>([
    ["no marriage registered", [], "single", null],
    ["a marriage that stands", [marriage({ registrationNumber: "KH-1" })], "married", "KH-1"],
    // A marriage registered is a marriage whether or not the spouse has a personal number.
    [
      "a spouse recorded without a personal number",
      [marriage({ registrationNumber: "KH-1", spouseNumber: null })],
      "married",
      "KH-1",
    ],
    [
      "a spouse without a personal number, after a divorce noted",
      [
        marriage({ registrationNumber: "KH-2", registeredOn: "2018-01-01", spouseNumber: null }),
        marriage({ registrationNumber: "KH-1", end: divorce("2016-03-01") }),
      ],
      "married",
      "KH-2",
    ],
    [
      "a spouse without a personal number, divorce noted",
      [marriage({ registrationNumber: "KH-1", spouseNumber: null, end: divorce("2016-03-01") })],
      "divorced",
      "KH-1",
    ],
    [
      "a divorce noted from a court judgement",
      [marriage({ registrationNumber: "KH-1", end: divorce("2020-06-30") })],
      "divorced",
      "KH-1",
    ],
    [
      "the spouse's death noted",
      [marriage({ registrationNumber: "KH-1", end: death("2021-02-02") })],
      "widowed",
      "KH-1",
    ],
    [
      "the spouse's death known from the registries, not noted on the marriage",
      [marriage({ registrationNumber: "KH-1", spouseDied: true })],
      "widowed",
      "KH-1",
    ],
    [
      "widowed, then divorced from a second spouse: the newest decides",
      [
        marriage({ registrationNumber: "KH-1", registeredOn: "1995-01-01", end: death("2001-01-01") }),
        marriage({ registrationNumber: "KH-2", registeredOn: "2005-01-01", end: divorce("2015-01-01") }),
      ],
      "divorced",
      "KH-2",
    ],
    [
      "divorced, then married again",
      [
        marriage({ registrationNumber: "KH-1", registeredOn: "1995-01-01", end: divorce("2001-01-01") }),
        marriage({ registrationNumber: "KH-2", registeredOn: "2005-01-01" }),
      ],
      "married",
      "KH-2",
    ],
    [
      "an older marriage still standing outweighs a newer one ended",
      [
        marriage({ registrationNumber: "KH-1", registeredOn: "1995-01-01" }),
        marriage({ registrationNumber: "KH-2", registeredOn: "2005-01-01", end: divorce("2015-01-01") }),
      ],
      "married",
      "KH-1",
    ],
  ])("%s → %s", (_name, marriages, status, registrationNumber) => {
    const s = maritalStatusOf(marriages);
    expect(s.status).toBe(status);
    expect(s.marriage?.registrationNumber ?? null).toBe(registrationNumber);
  });

  it.each<[string, RegisteredMarriage[], string, string]>([
    ["single", [], "Sổ hộ tịch chưa ghi việc kết hôn nào của bạn.", "holds no marriage of yours"],
    [
      "married",
      [marriage({ registrationNumber: "KH-1" })],
      "Đang có vợ hoặc chồng (đăng ký kết hôn số KH-1, ngày 20/05/2012).",
      "Married (marriage registration KH-1 of 20/05/2012).",
    ],
    [
      "divorced",
      [marriage({ registrationNumber: "KH-1", end: divorce("2020-06-30") })],
      "Đã ly hôn từ ngày 30/06/2020: Sổ hộ tịch đã ghi việc ly hôn theo bản án, quyết định số 15/2020/HNGĐ-ST của Tòa án",
      "Divorced on 30/06/2020",
    ],
    [
      "widowed",
      [marriage({ registrationNumber: "KH-1", end: death("2021-02-02") })],
      "Vợ hoặc chồng đã chết; hôn nhân đã chấm dứt từ ngày 02/02/2021",
      "Widowed",
    ],
  ])("in plain words: %s", (_name, marriages, vi, en) => {
    const w = maritalStatusWords(maritalStatusOf(marriages));
    expect(w.vi).toContain(vi);
    expect(w.en).toContain(en);
  });
});
