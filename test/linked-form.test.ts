import { describe, expect, it } from "vitest";
import {
  birthSuggestions,
  childHome,
  declarantRelationship,
  otherHouseholdValues,
} from "../src/domain/linked-form.js";

/** The birth group's combined form: what it suggests from what the registries and the notice know. */
describe("birth group suggestions", () => {
  const mother = {
    "requester.fullName": "Trần Thị Bình",
    "mother.fullName": "Trần Thị Bình",
    "mother.ethnicity": "Tày",
    "mother.nationality": "Việt Nam",
    "mother.residence": "12 Nguyễn Văn Cừ, Phường Hải Vân, Thành phố Đà Nẵng",
    "father.fullName": "Nguyễn Văn An",
    "father.ethnicity": "Kinh",
    "father.nationality": "Việt Nam",
  };
  it.each([
    {
      what: "the mother applies; the marriage record was found",
      known: mother,
      marriage: true,
      expected: {
        "requester.relationship": "mother",
        "child.ethnicity": "Tày",
        "child.nationality": "VN",
        "child.homeTown": "Phường Hải Vân, Thành phố Đà Nẵng",
        "parents.married": true,
      },
    },
    {
      what: "the father applies: he is the requester; the child follows the mother's block",
      known: { ...mother, "requester.fullName": "Nguyễn Văn An" },
      marriage: false,
      expected: {
        "requester.relationship": "father",
        "child.ethnicity": "Tày",
        "child.nationality": "VN",
        "child.homeTown": "Phường Hải Vân, Thành phố Đà Nẵng",
      },
    },
    {
      what: "a grandparent applies, mother unknown: the father's block; no relationship guessed",
      known: {
        "requester.fullName": "Nguyễn Văn Ba",
        "father.fullName": "Nguyễn Văn An",
        "father.ethnicity": "Kinh",
        "father.nationality": "Việt Nam",
        "father.residence": "Xã Hòa Vang, Thành phố Đà Nẵng",
      },
      marriage: false,
      expected: {
        "child.ethnicity": "Kinh",
        "child.nationality": "VN",
        "child.homeTown": "Xã Hòa Vang, Thành phố Đà Nẵng",
      },
    },
    {
      what: "nothing known: nothing suggested",
      known: {},
      marriage: false,
      expected: {},
    },
    {
      what: "both parents foreign: no nationality suggested",
      known: { ...mother, "mother.nationality": "Lào", "father.nationality": "Lào" },
      marriage: false,
      expected: {
        "requester.relationship": "mother",
        "child.ethnicity": "Tày",
        "child.homeTown": "Phường Hải Vân, Thành phố Đà Nẵng",
      },
    },
  ])("$what", ({ known, marriage, expected }) => {
    expect(birthSuggestions(known, marriage)).toEqual(expected);
  });
});

/** Where the child will live: the applicant's household, the one the residence step registers the child in. */
describe("childHome: where the birth group's residence step registers the child", () => {
  const HOME = "12 Nguyễn Văn Cừ, Phường Hải Vân, Thành phố Đà Nẵng";
  const AWAY = "5 Lê Lợi, Phường Thạch Thang, Thành phố Đà Nẵng";
  it.each([
    [
      "parents share one home: the prefilled answer, no question",
      { m: HOME, f: HOME },
      "mother",
      { address: HOME, of: "parents" },
    ],
    [
      "same home written with other spacing or case",
      { m: HOME, f: `  ${HOME.toUpperCase()}` },
      "father",
      { address: `${HOME.toUpperCase()}`, of: "parents" },
    ],
    [
      "parents apart, the mother files: her home",
      { m: HOME, f: AWAY },
      "mother",
      { address: HOME, of: "mother" },
    ],
    [
      "parents apart, the father files: his home",
      { m: HOME, f: AWAY },
      "father",
      { address: AWAY, of: "father" },
    ],
    [
      "no father on record: the mother's home",
      { m: HOME, f: undefined },
      "mother",
      { address: HOME, of: "mother" },
    ],
    ["the applicant's home unknown: nothing said", { m: undefined, f: AWAY }, "mother", null],
    ["the applicant is neither parent: nothing said", { m: HOME, f: HOME }, undefined, null],
  ] as const)("%s", (_what, r, relationship, expected) => {
    expect(childHome({ "mother.residence": r.m, "father.residence": r.f }, relationship)).toEqual(expected);
  });
});

describe("the child joins the other parent's household: the declarant's relationship to its head (CT01)", () => {
  it.each([
    ["the mother, to the father heading it, married", "mother", true, true, "vợ"],
    ["the mother, to the father heading it, not married", "mother", true, false, "mẹ của con chủ hộ"],
    ["the father, to the mother heading it, married", "father", true, true, "chồng"],
    ["the father, to the mother heading it, not married", "father", true, false, "cha của con chủ hộ"],
    ["the mother, to the father's parent heading it, married", "mother", false, true, "con dâu"],
    [
      "the mother, to the father's parent heading it, not married",
      "mother",
      false,
      false,
      "mẹ của cháu chủ hộ",
    ],
    ["the father, to the mother's parent heading it, married", "father", false, true, "con rể"],
    [
      "the father, to the mother's parent heading it, not married",
      "father",
      false,
      false,
      "cha của cháu chủ hộ",
    ],
  ] as const)("%s", (_what, applicant, headIsParent, married, expected) => {
    expect(declarantRelationship(applicant, headIsParent, married)).toBe(expected);
  });

  it("registers only the child (the declarant keeps their residence), as the head's child or grandchild", () => {
    expect(otherHouseholdValues({ relationshipToHead: "cháu" }, "con dâu")).toEqual({
      request: "child_joins_household",
      "member.relationshipToHead": "cháu",
      "household.relationshipToHead": "con dâu",
      "household.headConsent": true,
    });
  });
});
