/**
 * What a prefill reads: the registry records a procedure needs (`prefillNeeds`) and, per record,
 * the fields its form binds as the access log names them (`prefillFields`). Pure; the values
 * themselves are resolved in prefill.ts.
 */
import type { AccessField } from "../../domain/access-fields.js";
import type { ProcedureDefinition } from "../../domain/procedure.js";
import type { PrefillFields, PrefillNeed } from "../exchange/index.js";

/** motherName → fullName, fatherResidence → permanentAddress, deceasedBirthDate → birthDate. */
export function relatedPath(attr: string): string {
  if (attr === "Name") return "fullName";
  if (attr === "Number") return "personalNumber";
  if (attr === "Residence") return "permanentAddress";
  return attr.charAt(0).toLowerCase() + attr.slice(1);
}

/**
 * Pure: what the registries must be asked for this procedure beyond the applicant's own record,
 * from its form's prefill bindings and the registry facts that replace its components. Prefill
 * reads (and logs) nothing else: a form that reuses no spouse reads no spouse.
 */
export function prefillNeeds(def: ProcedureDefinition): PrefillNeed[] {
  const needs = new Set<PrefillNeed>();
  for (const f of def.form) {
    const b = f.prefill;
    if (!b) continue;
    if (b.subject === "applicant" && b.path === "healthInsuranceNumber") needs.add("healthInsurance");
    if (b.subject === "applicant" && b.path === "maritalStatus") needs.add("marriageRecord");
    if (b.subject === "spouse") needs.add("spouse");
    if (b.subject === "householdHead") needs.add("householdHead");
    if (b.subject === "child") needs.add("child");
    if (b.subject === "child" && b.path === "healthInsuranceNumber") needs.add("childHealthInsurance");
    if (b.subject === "birthNotice") {
      needs.add("birthNotice");
      if (/^(mother|father|child)[A-Z]/.test(b.path)) needs.add("birthParents");
      if (b.path === "parentsMarried") needs.add("marriageRecord");
    }
    if (b.subject === "deathNotice") {
      needs.add("deathNotice");
      if (/^(deceased|applicant)[A-Z]/.test(b.path)) needs.add("deceased");
      if (b.path === "applicantRelationship") needs.add("marriageRecord");
      if (b.path === "monthlyBeneficiary") needs.add("deceased").add("deceasedAllowances");
    }
  }
  for (const c of def.components) {
    const fact = c.replacedBy;
    if (fact?.kind !== "registry") continue;
    if (fact.ref === "birthNotice") needs.add("birthNotice");
    if (fact.ref === "deathNotice") needs.add("deathNotice");
    if (fact.ref === "marriageRecord") needs.add("marriageRecord");
    if (fact.ref === "healthInsurance") needs.add("healthInsurance");
  }
  return [...needs].sort();
}

/** A person attribute path as the access log names the data read (PERSON_FIELDS and records). */
const LOG_FIELD: Readonly<Record<string, AccessField>> = {
  fullName: "fullName",
  personalNumber: "personalNumber",
  birthDate: "birthDate",
  birthYear: "birthDate",
  sex: "sex",
  ethnicity: "ethnicity",
  nationality: "nationality",
  nationalityCode: "nationality",
  birthRegistrationCommune: "birthRegistration",
  permanentAddress: "permanentResidence",
  permanentCommuneCode: "permanentResidence",
  temporaryAddress: "temporaryResidence",
  phone: "contact",
  email: "contact",
  relationshipToHead: "household",
  healthInsuranceNumber: "healthInsurance",
  maritalStatus: "civilStatus",
};

/** What the derived birth facts read (`birthFact`), per record. */
const BIRTH_FACT_FIELDS: Readonly<Record<string, ReadonlyArray<[string, AccessField]>>> = {
  childEthnicity: [
    ["mother", "ethnicity"],
    ["father", "ethnicity"],
  ],
  childNationality: [
    ["mother", "nationality"],
    ["father", "nationality"],
  ],
  applicantRelationship: [["applicant", "birthNotice"]],
  parentsMarried: [
    ["applicant", "birthNotice"],
    ["applicant", "civilStatus"],
  ],
};
/** What `relationshipToDeceased` reads, per record. */
const RELATIONSHIP_FIELDS: ReadonlyArray<[string, AccessField]> = [
  ["applicant", "parents"],
  ["applicant", "household"],
  ["applicant", "civilStatus"],
  ["deceased", "parents"],
  ["deceased", "household"],
];

/**
 * Pure: the fields a prefill of this procedure reads, per record, as the access log names them:
 * exactly what its form binds (a temporary residence reads no religion, no health insurance) and
 * the registry facts that replace its components (a birth notice, a marriage record...). The same
 * list goes to the database, which returns nothing else (`registry_prefill`, migration 270), and
 * to the access log.
 */
export function prefillFields(def: ProcedureDefinition): PrefillFields {
  const out: Record<string, Set<AccessField>> = {};
  const add = (who: string, field: AccessField | undefined) => {
    if (!field) return;
    const set = out[who] ?? new Set<AccessField>();
    set.add(field);
    out[who] = set;
  };
  for (const f of def.form) {
    const b = f.prefill;
    if (!b) continue;
    if (b.subject === "birthNotice") {
      const parent = /^(mother|father)([A-Z]\w*)$/.exec(b.path);
      const derived = BIRTH_FACT_FIELDS[b.path];
      if (parent) {
        // The parent's record, and the applicant's own for the same field (`suggestOwnParent`,
        // whose sex decides whether they fill the mother's block or the father's).
        add(parent[1] ?? "", LOG_FIELD[relatedPath(parent[2] ?? "")]);
        add("applicant", LOG_FIELD[relatedPath(parent[2] ?? "")]);
        add("applicant", "sex");
      } else if (derived) for (const [who, field] of derived) add(who, field);
      else add("applicant", "birthNotice");
    } else if (b.subject === "deathNotice") {
      const deceased = /^deceased([A-Z]\w*)$/.exec(b.path);
      if (b.path === "applicantRelationship") for (const [who, field] of RELATIONSHIP_FIELDS) add(who, field);
      else if (b.path === "monthlyBeneficiary") add("deceased", "allowances");
      else add("deceased", deceased ? LOG_FIELD[relatedPath(deceased[1] ?? "")] : "deathNotice");
    } else add(b.subject, LOG_FIELD[b.path]);
    // The spouse is found by the applicant's relationship to the head when no marriage names one.
    if (b.subject === "spouse") add("applicant", "household");
  }
  add("applicant", "fullName"); // the dossier names its applicant (the officer's queue)
  const FACT_FIELD: Record<string, [string, AccessField]> = {
    birthNotice: ["applicant", "birthNotice"],
    deathNotice: ["deceased", "deathNotice"],
    marriageRecord: ["applicant", "civilStatus"],
    healthInsurance: ["applicant", "healthInsurance"],
    residence: ["applicant", "permanentResidence"],
    identity: ["applicant", "personalNumber"],
  };
  for (const c of def.components) {
    const fact = c.replacedBy?.kind === "registry" ? FACT_FIELD[c.replacedBy.ref] : undefined;
    if (fact) add(...fact);
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...v].sort()]));
}

/** Pure: whether a component of this procedure may be replaced by an earlier result (`priorResults`). */
export const reusesResults = (def: ProcedureDefinition): boolean =>
  def.components.some((c) => c.replacedBy?.kind === "result");
