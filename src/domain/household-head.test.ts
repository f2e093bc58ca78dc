import { describe, expect, it } from "vitest";
import { chooseHouseholdHead, type HeadCandidate, isAdultOn } from "./household-head.js";

const m = (personalNumber: string, birthDate: string, more: Partial<HeadCandidate> = {}): HeadCandidate => ({
  personalNumber,
  birthDate,
  ...more,
});

const HEAD = m("048060000001", "1960-01-01");
const WIFE = m("048165000002", "1965-06-30");
const SON = m("048205000003", "2005-03-10"); // 21 on the day
const GIRL = m("048212000004", "2012-09-09"); // a minor
const BOY = m("048214000005", "2014-09-09"); // a minor
const TWIN_A = m("048290000010", "1990-05-05");
const TWIN_B = m("048290000009", "1990-05-05");
const ASOF = "2026-11-05";

describe("the new head of household when the head leaves (Luật Cư trú 2020 Điều 10; our interim rule)", () => {
  it.each([
    [
      "the oldest adult: the wife",
      [HEAD, WIFE, SON, GIRL],
      HEAD.personalNumber,
      WIFE.personalNumber,
      "oldest_adult",
    ],
    [
      "the leaving head is never chosen",
      [HEAD, SON],
      HEAD.personalNumber,
      SON.personalNumber,
      "oldest_adult",
    ],
    [
      "an older member without full civil capacity is passed over",
      [HEAD, { ...WIFE, fullCivilCapacity: false }, SON],
      HEAD.personalNumber,
      SON.personalNumber,
      "oldest_adult",
    ],
    [
      "a member who died before the day is passed over",
      [HEAD, { ...WIFE, deceasedOn: "2026-10-01" }, SON],
      HEAD.personalNumber,
      SON.personalNumber,
      "oldest_adult",
    ],
    [
      "only minors: the oldest minor",
      [HEAD, BOY, GIRL],
      HEAD.personalNumber,
      GIRL.personalNumber,
      "oldest_member",
    ],
    [
      "only members without full capacity: the oldest of them",
      [HEAD, { ...WIFE, fullCivilCapacity: false }, GIRL],
      HEAD.personalNumber,
      WIFE.personalNumber,
      "oldest_member",
    ],
    [
      "same birth date: the smaller personal number",
      [HEAD, TWIN_A, TWIN_B],
      HEAD.personalNumber,
      TWIN_B.personalNumber,
      "oldest_adult",
    ],
    ["nobody left", [HEAD], HEAD.personalNumber, null, "no_member"],
    ["no member at all", [], undefined, null, "no_member"],
  ] as const)("%s", (_name, members, leaving, head, basis) => {
    expect(chooseHouseholdHead(members, ASOF, leaving)).toEqual({ head, basis });
  });

  it.each([
    ["2008-11-05", true], // 18 on the day
    ["2008-11-06", false], // 18 tomorrow
    ["2008-02-29", true],
    ["1960-01-01", true],
  ])("born %s: an adult on 2026-11-05 is %s", (birth, adult) => {
    expect(isAdultOn(birth, ASOF)).toBe(adult);
  });
});
