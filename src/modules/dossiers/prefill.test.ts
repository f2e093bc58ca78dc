import { describe, expect, it } from "vitest";
import { birthNoticeRecord, FATHER, MOTHER, personRecord } from "../../../test/helpers/prefill-sources.js";
import { ProcedureDefinition } from "../../domain/procedure.js";
import { STARTER_CATALOGUE, temporaryResidence } from "../catalog/index.js";
import type { PersonRecord, PrefillSources } from "../exchange/index.js";
import { relationshipToDeceased, resolvePrefill } from "./prefill.js";
import { prefillFields } from "./prefill-reads.js";

/** Facts the registries hold are prefilled, not asked (issue 14 point 2); tables of the rules. */
const person = personRecord;
const birth = ProcedureDefinition.parse(STARTER_CATALOGUE.find((p) => p.code === "1.001193"));

function sources(o: {
  mother?: Partial<PersonRecord>;
  father?: Partial<PersonRecord> | null;
  marriedTo?: string;
}) {
  const mother = person(MOTHER, o.mother);
  const father = o.father === null ? undefined : person(FATHER, { sex: "M", ...o.father });
  const s: PrefillSources = {
    applicant: mother,
    birthNotice: {
      notice: birthNoticeRecord(new Date("2026-11-01T03:00:00Z"), father ? FATHER : null),
      mother,
      ...(father ? { father } : {}),
    },
    marriageRecord: o.marriedTo !== undefined,
    marriedTo: o.marriedTo,
  };
  return s;
}
const value = (s: PrefillSources, key: string) => resolvePrefill(birth, s)[key]?.value;

describe("birth facts from the parents' records", () => {
  it.each<[string, Parameters<typeof sources>[0], Record<string, unknown>]>([
    [
      "both Kinh, Vietnamese, married to each other",
      { marriedTo: FATHER },
      {
        "child.ethnicity": "Kinh",
        "child.nationality": "VN",
        "requester.relationship": "mother",
        "parents.married": true,
      },
    ],
    [
      "different ethnicities: the parents choose (asked)",
      { father: { ethnicity: "Tày" }, marriedTo: FATHER },
      { "child.ethnicity": undefined, "child.nationality": "VN", "parents.married": true },
    ],
    [
      "a foreign father: nationality asked",
      { father: { nationality: "KR" } },
      { "child.nationality": undefined, "parents.married": undefined },
    ],
    [
      "no father named: the mother's ethnicity and nationality",
      { father: null },
      { "child.ethnicity": "Kinh", "child.nationality": "VN", "parents.married": undefined },
    ],
    ["married to someone else: not ticked", { marriedTo: "048080000999" }, { "parents.married": undefined }],
  ])("%s", (_n, o, expected) => {
    const s = sources(o);
    for (const [key, v] of Object.entries(expected)) expect([key, value(s, key)]).toEqual([key, v]);
  });
});

describe("relationship to the deceased from the registries", () => {
  const me = "048085000101";
  const them = "048060000200";
  it.each<[string, Partial<PersonRecord>, Partial<PersonRecord>, string | undefined, string | undefined]>([
    ["the marriage record names them", {}, {}, them, "spouse"],
    ["my record names them as my father", { fatherNumber: them }, {}, undefined, "child"],
    ["their record names me as their mother", {}, { motherNumber: me }, undefined, "parent"],
    [
      "I am the head, they are the wife",
      { relationshipToHead: "chủ hộ" },
      { relationshipToHead: "vợ" },
      undefined,
      "spouse",
    ],
    [
      "they were the head, I am a child",
      { relationshipToHead: "con" },
      { relationshipToHead: "chủ hộ" },
      undefined,
      "child",
    ],
    [
      "I am the head, they were a child",
      { relationshipToHead: "chủ hộ" },
      { relationshipToHead: "con" },
      undefined,
      "parent",
    ],
    [
      "the head's father, to the head's wife (her bố chồng): another relative",
      { relationshipToHead: "vợ" },
      { relationshipToHead: "bố" },
      undefined,
      "relative",
    ],
    [
      "the head's wife, to the head's son: his mother",
      { relationshipToHead: "con" },
      { relationshipToHead: "vợ" },
      undefined,
      "child",
    ],
    [
      "a relative in the household: asked",
      { relationshipToHead: "chủ hộ" },
      { relationshipToHead: "người thân" },
      undefined,
      undefined,
    ],
    [
      "another household: asked",
      { relationshipToHead: "con" },
      { relationshipToHead: "chủ hộ", householdId: "H2" },
      undefined,
      undefined,
    ],
  ])("%s → %s", (_n, mine, theirs, marriedTo, expected) => {
    expect(relationshipToDeceased(person(me, mine), person(them, theirs), marriedTo)).toBe(expected);
  });
});

describe("the access log's fields are the form's bindings", () => {
  it("temporary residence: the declarant's name, number, birth date, sex and phone; nothing else", () => {
    expect(prefillFields(ProcedureDefinition.parse(temporaryResidence))).toEqual({
      applicant: ["birthDate", "contact", "fullName", "personalNumber", "sex"],
    });
  });
  it("birth: each parent's bound fields, the notice and the marriage record under the applicant", () => {
    const f = prefillFields(birth);
    // The applicant's own parent facts too: suggested for her block when no notice is waiting.
    expect(f.applicant).toEqual([
      "birthDate",
      "birthNotice",
      "civilStatus",
      "ethnicity",
      "fullName",
      "nationality",
      "permanentResidence",
      "personalNumber",
      "sex",
    ]);
    expect(f.father).toEqual(["birthDate", "ethnicity", "fullName", "nationality", "permanentResidence"]);
  });
});
