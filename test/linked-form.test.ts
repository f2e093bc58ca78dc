import { describe, expect, it } from "vitest";
import { birthSuggestions } from "../src/domain/linked-form.js";

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
