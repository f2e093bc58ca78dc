import { describe, expect, it } from "vitest";
import { type Kin, kinOfRelation } from "./assistant-kin.js";
import {
  headRelation,
  type Relation,
  relationInHousehold,
  requesterRelationship,
  spouseJoinsAs,
} from "./household-kin.js";

/**
 * Issue 14 review: the relationship to a deceased member of one's household, from each one's
 * relationship to the head as the residence registry writes it. Each row: the applicant's code,
 * the deceased's code, the sexes (applicant, deceased); what the deceased is to the applicant, the
 * assistant's word for it and the form's "relationship to the deceased".
 */
type Row = [
  string,
  string,
  string,
  ["M" | "F", "M" | "F"],
  Relation | undefined,
  Kin | undefined,
  ReturnType<typeof requesterRelationship> | undefined,
];

describe("relationships computed from household relations", () => {
  it.each<Row>([
    // The head and a member.
    ["the head's wife", "chủ hộ", "vợ", ["M", "F"], "spouse", "spouse", "spouse"],
    ["the head, to his wife", "vợ", "chủ hộ", ["F", "M"], "spouse", "spouse", "spouse"],
    ["the head's son", "chủ hộ", "con", ["F", "M"], "child", "child", "parent"],
    ["the head's daughter", "chủ hộ", "con gái", ["M", "F"], "child", "child", "parent"],
    ["the head, to his son: the father", "con", "chủ hộ", ["M", "M"], "parent", "father", "child"],
    ["the head, to her daughter: the mother", "con", "chủ hộ", ["F", "F"], "parent", "mother", "child"],
    ["the head's father", "chủ hộ", "bố", ["M", "M"], "parent", "father", "child"],
    [
      "the head's daughter-in-law",
      "chủ hộ",
      "con dâu",
      ["M", "F"],
      "childInLaw",
      "daughterInLaw",
      "relative",
    ],
    ["the head's son-in-law", "chủ hộ", "con rể", ["F", "M"], "childInLaw", "sonInLaw", "relative"],
    ["the head's grandchild", "chủ hộ", "cháu", ["M", "F"], "grandchild", "grandchild", "relative"],
    [
      "the head, to the daughter-in-law: bố chồng",
      "con dâu",
      "chủ hộ",
      ["F", "M"],
      "parentInLaw",
      "fatherOfHusband",
      "relative",
    ],
    [
      "the head, to the son-in-law: mẹ vợ",
      "Con rể",
      "chủ hộ",
      ["M", "F"],
      "parentInLaw",
      "motherOfWife",
      "relative",
    ],
    [
      "the head, to a grandchild: the grandfather",
      "cháu nội",
      "chủ hộ",
      ["M", "M"],
      "grandparent",
      "grandfather",
      "relative",
    ],
    // Two members, through the head.
    [
      "the head's father, to the head's wife: bố chồng",
      "vợ",
      "bố",
      ["F", "M"],
      "parentInLaw",
      "fatherOfHusband",
      "relative",
    ],
    [
      "the head's mother, to the head's wife: mẹ chồng",
      "vợ",
      "mẹ",
      ["F", "F"],
      "parentInLaw",
      "motherOfHusband",
      "relative",
    ],
    [
      "the head's mother, to the head's husband: mẹ vợ",
      "chồng",
      "mẹ",
      ["M", "F"],
      "parentInLaw",
      "motherOfWife",
      "relative",
    ],
    ["the head's wife, to the head's son: the mother", "con", "vợ", ["M", "F"], "parent", "mother", "child"],
    ["the head's son, to the head's wife", "vợ", "con", ["F", "M"], "child", "child", "parent"],
    [
      "the head's daughter-in-law, to the head's wife",
      "vợ",
      "con dâu",
      ["F", "F"],
      "childInLaw",
      "daughterInLaw",
      "relative",
    ],
    [
      "the head's wife, to the daughter-in-law: mẹ chồng",
      "con dâu",
      "vợ",
      ["F", "F"],
      "parentInLaw",
      "motherOfHusband",
      "relative",
    ],
    [
      "the head's grandchild, to the head's wife",
      "vợ",
      "cháu",
      ["F", "M"],
      "grandchild",
      "grandchild",
      "relative",
    ],
    [
      "the head's father, to the head's son: the grandfather",
      "con",
      "bố",
      ["M", "M"],
      "grandparent",
      "grandfather",
      "relative",
    ],
    [
      "the head's son, to the head's father: the grandchild",
      "bố",
      "con",
      ["M", "M"],
      "grandchild",
      "grandchild",
      "relative",
    ],
    [
      "the head's mother, to the head's father: his wife",
      "bố",
      "mẹ",
      ["M", "F"],
      "spouse",
      "spouse",
      "spouse",
    ],
    ["two children of the head: siblings", "con", "con", ["F", "M"], "sibling", "sibling", "relative"],
    [
      "the head's wife, to the head's father: his daughter-in-law",
      "bố",
      "vợ",
      ["M", "F"],
      "childInLaw",
      "daughterInLaw",
      "relative",
    ],
    // The household does not say.
    [
      "the head's son-in-law, to the head's son (a brother-in-law)",
      "con",
      "con rể",
      ["M", "M"],
      undefined,
      undefined,
      undefined,
    ],
    [
      "the head's grandchild, to the head's son (a child or a nephew)",
      "con",
      "cháu",
      ["M", "M"],
      undefined,
      undefined,
      undefined,
    ],
    [
      "a code the registry does not define",
      "chủ hộ",
      "người thân",
      ["M", "M"],
      undefined,
      undefined,
      undefined,
    ],
    ["no code", "vợ", null as unknown as string, ["F", "M"], undefined, undefined, undefined],
  ])("%s (%s → %s)", (_what, mine, theirs, [selfSex, otherSex], relation, kin, requester) => {
    const r = relationInHousehold(mine, theirs);
    expect(r).toBe(relation);
    expect(r && kinOfRelation(r, selfSex, otherSex)).toBe(kin);
    expect(r && requesterRelationship(r)).toBe(requester);
  });

  it("reads a code however the registry cased or spaced it", () => {
    expect(["Con dâu", " con  dâu ", "CON DÂU"].map(headRelation)).toEqual([
      "childInLaw",
      "childInLaw",
      "childInLaw",
    ]);
    expect(headRelation("Chủ hộ")).toBe("head");
  });
});

/** Issue 14: what a spouse joining the other spouse's household is to its head. */
describe("a spouse joining the other spouse's household", () => {
  it.each<[string, string | null, "M" | "F" | null, string | undefined]>([
    ["the husband heads it: his wife", "chủ hộ", "F", "vợ"],
    ["the wife heads it: her husband", "Chủ hộ", "M", "chồng"],
    ["the husband is the head's son: a daughter-in-law", "con", "F", "con dâu"],
    ["the husband is the head's son (con trai)", "con trai", "F", "con dâu"],
    ["the wife is the head's daughter: a son-in-law", "con gái", "M", "con rể"],
    ["the husband is the head's grandson", "cháu nội", "F", "cháu dâu"],
    ["the husband is the head's brother: the registry does not say", "em", "F", undefined],
    ["an unknown relation", "bạn", "F", undefined],
    ["no relation recorded", null, "F", undefined],
    ["no sex recorded", "chủ hộ", null, undefined],
  ])("%s", (_, spouseToHead, sex, expected) => {
    expect(spouseJoinsAs(spouseToHead, sex)).toBe(expected);
  });
});
