import { monthlyAllowanceOn } from "../../domain/allowances.js";
import { localDate } from "../../domain/calendar/index.js";
import type { FormValues } from "../../domain/form.js";
import { relationInHousehold, requesterRelationship } from "../../domain/household-kin.js";
import type { MaritalStanding } from "../../domain/marital-status.js";
import { registryOfPersonPath } from "../../domain/prefill-paths.js";
import type { DataFact, PrefillBinding, ProcedureDefinition } from "../../domain/procedure.js";
import type { PrefillPerson as PersonRecord, PrefillSources } from "../exchange/index.js";
import { relatedPath } from "./prefill-reads.js";

/**
 * What the registries returned, and the applicant's marital status as the civil-status registry
 * holds it (`registeredMaritalStatus`), read by the dossiers module when the form binds it.
 */
export type Sources = PrefillSources & { maritalStatus?: MaritalStanding | undefined };

/** Where a prefilled value came from, shown beside it ("Từ Cơ sở dữ liệu quốc gia về dân cư"). */
export type Provenance = {
  registry:
    | "population"
    | "residence"
    | "civil_status"
    | "health_facility"
    | "health_insurance"
    | "allowances";
  sourceVi: string;
  sourceEn: string;
  asOf: string;
  ref?: string | undefined;
};
export type PrefilledValue = { value: string | number | boolean; provenance: Provenance };

const SOURCES = {
  population: { sourceVi: "Cơ sở dữ liệu quốc gia về dân cư", sourceEn: "National population database" },
  residence: { sourceVi: "Cơ sở dữ liệu về cư trú", sourceEn: "Residence database" },
  civil_status: { sourceVi: "Cơ sở dữ liệu hộ tịch điện tử", sourceEn: "Electronic civil-status database" },
  health_facility: {
    sourceVi: "Giấy tờ điện tử của cơ sở y tế",
    sourceEn: "Health facility's electronic notice",
  },
  health_insurance: { sourceVi: "Cơ sở dữ liệu bảo hiểm y tế", sourceEn: "Health-insurance database" },
  allowances: { sourceVi: "Cơ sở dữ liệu trợ cấp xã hội", sourceEn: "Social-allowance database" },
} as const;

/** A person's attribute as its registry holds it: the residence registry's or the population registry's. */
const fromPerson = (p: PersonRecord, path: string): Provenance => {
  const registry = registryOfPersonPath(path);
  return { registry, ...SOURCES[registry], asOf: p.updatedAt.toISOString(), ref: p.personalNumber };
};

function residence(p: PersonRecord): string {
  return `${p.permanentAddress}, ${p.permanentCommuneName}, ${p.provinceName}`;
}

/** A person's attribute by path; undefined when the registry holds nothing for it. */
function personValue(p: PersonRecord, path: string, sources: PrefillSources): string | number | undefined {
  switch (path) {
    case "fullName":
      return p.fullName;
    case "personalNumber":
      return p.personalNumber;
    case "birthDate":
      return p.birthDate;
    case "birthYear":
      return p.birthDate && Number(p.birthDate.slice(0, 4));
    case "sex":
      return p.sex;
    case "ethnicity":
      return p.ethnicity;
    case "nationality":
      return p.nationality === "VN" ? "Việt Nam" : p.nationality;
    case "nationalityCode": // as a select's option holds it ("VN")
      return p.nationality;
    case "birthRegistrationCommune":
      return p.birthRegistrationCommune ?? undefined;
    case "permanentAddress":
      return residence(p);
    case "permanentCommuneCode":
      return p.permanentCommuneCode;
    case "temporaryAddress":
      return p.temporaryAddress ?? undefined;
    case "phone":
      return p.phone ?? undefined;
    case "email":
      return p.email ?? undefined;
    case "relationshipToHead":
      return p.relationshipToHead ?? undefined;
    case "healthInsuranceNumber":
      return p === sources.applicant
        ? sources.healthInsuranceCard?.cardNumber
        : p === sources.child
          ? sources.childHealthInsuranceCard?.cardNumber
          : undefined;
    default:
      return undefined;
  }
}

/**
 * The child's ethnicity or nationality, decided by the parents' (Civil Code 2015, Art. 29; Law on
 * Nationality 2008, Art. 15-16): told as following the parents, read from the parents' records
 * (their numbers as the reference), never as if the registry had read a record of the child.
 */
function fromParents(
  n: NonNullable<PrefillSources["birthNotice"]>,
  parents: readonly PersonRecord[],
  path: "ethnicity" | "nationality",
): Provenance {
  const registry = registryOfPersonPath(path);
  const both = parents.length > 1;
  const mother = parents[0]?.personalNumber === n.notice.motherNumber;
  const vi = both ? "cha và mẹ" : mother ? "mẹ" : "cha";
  const en = both
    ? ["the father's and the mother's", "the father and the mother"]
    : mother
      ? ["the mother's", "the mother"]
      : ["the father's", "the father"];
  const what =
    path === "ethnicity" ? { vi: "dân tộc", en: "ethnicity" } : { vi: "quốc tịch", en: "nationality" };
  const newest = Math.max(...parents.map((p) => p.updatedAt.getTime()));
  return {
    registry,
    sourceVi: `hồ sơ của ${vi} trong ${SOURCES[registry].sourceVi} (${what.vi} của con theo ${vi})`,
    sourceEn: `${en[0]} records in the ${SOURCES[registry].sourceEn} (the child's ${what.en} follows ${en[1]})`,
    asOf: new Date(newest).toISOString(),
    // One person's number (a correction of that record alerts this dossier: reused-values.ts).
    ref: parents[0]?.personalNumber,
  };
}

/**
 * Facts of a birth the registries decide, so the citizen is not asked (undefined when they do
 * not: the parents then choose, and the field stays typed):
 * - childEthnicity: the parents' ethnicity when both known parents share it (Civil Code 2015,
 *   Art. 29(2): by the parents' agreement when they differ; the known parent's when one is unknown);
 * - childNationality: "VN" when every known parent is a Vietnamese citizen (Law on Nationality
 *   2008, Art. 15-16);
 * - applicantRelationship: "mother" or "father", the applicant's place on the notice;
 * - parentsMarried: true when the applicant's marriage record names the other parent.
 */
function birthFact(
  path: string,
  n: NonNullable<PrefillSources["birthNotice"]>,
  s: PrefillSources,
): PrefilledValue | undefined {
  const parents = [n.mother, n.father].filter((p): p is PersonRecord => p !== undefined);
  const first = parents[0];
  const you = s.applicant.personalNumber;
  if ((path === "childEthnicity" || path === "childNationality") && first) {
    if (n.notice.fatherNumber && !n.father) return undefined; // a named father whose record was not read
    const same = (f: (p: PersonRecord) => string | undefined) => parents.every((p) => f(p) === f(first));
    if (path === "childEthnicity" && first.ethnicity && same((p) => p.ethnicity))
      return { value: first.ethnicity, provenance: fromParents(n, parents, "ethnicity") };
    if (path === "childNationality" && parents.every((p) => p.nationality === "VN"))
      return { value: "VN", provenance: fromParents(n, parents, "nationality") };
    return undefined;
  }
  const at = { asOf: n.notice.birthAt.toISOString(), ref: n.notice.id };
  const rel = n.notice.motherNumber === you ? "mother" : n.notice.fatherNumber === you ? "father" : undefined;
  if (path === "applicantRelationship" && rel)
    return { value: rel, provenance: { registry: "health_facility", ...SOURCES.health_facility, ...at } };
  const other = rel === "mother" ? n.notice.fatherNumber : n.notice.motherNumber;
  if (path === "parentsMarried" && other && s.marriedTo === other)
    return {
      value: true,
      provenance: { registry: "civil_status", ...SOURCES.civil_status, ...at, ref: other },
    };
  return undefined;
}

/**
 * The applicant's relationship to the deceased, from the population registry (whose parents a
 * record names), the marriage record and the household's relations to its head
 * (src/domain/household-kin.ts): "spouse", "child", "parent", or "relative" (an in-law, a
 * grandparent, a grandchild, a sibling); undefined when the registries do not say (the citizen
 * then chooses).
 */
export function relationshipToDeceased(
  applicant: PersonRecord,
  deceased: PersonRecord,
  marriedTo: string | undefined,
): string | undefined {
  const me = applicant.personalNumber;
  const them = deceased.personalNumber;
  if (marriedTo === them) return "spouse";
  if (applicant.fatherNumber === them || applicant.motherNumber === them) return "child";
  if (deceased.fatherNumber === me || deceased.motherNumber === me) return "parent";
  if (!applicant.householdId || applicant.householdId !== deceased.householdId) return undefined;
  // One household: what each is to its head says what the deceased is to the applicant (the
  // head's father is his wife's father-in-law: she files as another relative, not as his child).
  const deceasedIs = relationInHousehold(applicant.relationshipToHead, deceased.relationshipToHead);
  return deceasedIs && requesterRelationship(deceasedIs);
}

function resolveOne(b: PrefillBinding, s: Sources): PrefilledValue | undefined {
  const person = (p: PersonRecord | undefined, path: string): PrefilledValue | undefined => {
    if (!p) return undefined;
    const value = personValue(p, path, s);
    if (value === undefined) return undefined;
    const provenance: Provenance =
      path === "healthInsuranceNumber"
        ? {
            registry: "health_insurance",
            ...SOURCES.health_insurance,
            asOf: new Date().toISOString(),
            ref: p.personalNumber, // whose card: corrections and their alerts go by the person
          }
        : fromPerson(p, path);
    return { value, provenance };
  };
  switch (b.subject) {
    case "applicant":
      if (b.path === "maritalStatus")
        // Nothing when the register holds no marriage of theirs: it does not prove "single".
        return s.maritalStatus?.marriage
          ? {
              value: s.maritalStatus.status,
              provenance: {
                registry: "civil_status",
                ...SOURCES.civil_status,
                asOf: s.applicant.updatedAt.toISOString(),
                ref: s.maritalStatus.marriage.registrationNumber,
              },
            }
          : undefined;
      return person(s.applicant, b.path);
    case "spouse":
      return person(s.spouse, b.path);
    case "householdHead":
      return person(s.householdHead, b.path);
    case "child":
      return person(s.child, b.path);
    case "birthNotice": {
      const n = s.birthNotice;
      if (!n) return undefined;
      const parent = /^(mother|father)([A-Z]\w*)$/.exec(b.path);
      if (parent) {
        const who = parent[1] === "mother" ? n.mother : n.father;
        return person(who, relatedPath(parent[2] ?? ""));
      }
      const derived = birthFact(b.path, n, s);
      if (derived) return derived;
      const provenance: Provenance = {
        registry: "health_facility",
        ...SOURCES.health_facility,
        asOf: n.notice.birthAt.toISOString(),
        ref: n.notice.id,
      };
      const value =
        b.path === "birthDate"
          ? localDate(n.notice.birthAt)
          : b.path === "sex"
            ? n.notice.childSex
            : b.path === "facility"
              ? n.notice.facility
              : b.path === "weightGrams"
                ? (n.notice.weightGrams ?? undefined)
                : undefined;
      return value === undefined ? undefined : { value, provenance };
    }
    case "deathNotice": {
      const n = s.deathNotice;
      if (!n) return undefined;
      if (b.path === "monthlyBeneficiary") {
        const on = n.notice ? localDate(n.notice.diedAt) : n.deceased?.deceasedOn;
        const held = on ? monthlyAllowanceOn(n.allowances ?? [], on) : undefined;
        return held
          ? {
              value: "social_assistance",
              provenance: {
                registry: "allowances",
                ...SOURCES.allowances,
                asOf: `${held.since}T00:00:00.000Z`,
                ref: held.id,
              },
            }
          : undefined;
      }
      const deceased = /^deceased([A-Z]\w*)$/.exec(b.path);
      if (deceased) {
        return person(n.deceased, relatedPath(deceased[1] ?? ""));
      }
      if (b.path === "applicantRelationship") {
        const value = n.deceased && relationshipToDeceased(s.applicant, n.deceased, s.marriedTo);
        return value
          ? { value, provenance: fromPerson(n.deceased as PersonRecord, "relationshipToDeceased") }
          : undefined;
      }
      // Chosen from the household without a notice: the facts of the death are the citizen's to type.
      const notice = n.notice;
      if (!notice) return undefined;
      const provenance: Provenance = {
        registry: "health_facility",
        ...SOURCES.health_facility,
        asOf: notice.diedAt.toISOString(),
        ref: notice.id,
      };
      const value =
        b.path === "diedAt"
          ? notice.diedAt.toISOString()
          : b.path === "diedDate"
            ? localDate(notice.diedAt)
            : b.path === "place"
              ? notice.place
              : b.path === "cause"
                ? (notice.cause ?? undefined)
                : undefined;
      return value === undefined ? undefined : { value, provenance };
    }
  }
}

/** Pure: every bindable field of the form, filled from what the registries returned. */
export function resolvePrefill(def: ProcedureDefinition, sources: Sources): Record<string, PrefilledValue> {
  const out: Record<string, PrefilledValue> = {};
  for (const f of def.form) {
    if (!f.prefill) continue;
    const v = resolveOne(f.prefill, sources);
    if (v !== undefined) out[f.key] = v;
  }
  return out;
}

/**
 * Pure: the applicant parent's own facts, suggested (editable, not read-only) for the parent block
 * a birth notice would fill, when no unused notice is at hand (none was sent, or it is already
 * registered): a woman's own record fills the mother's fields, a man's the father's (name, birth
 * year, ethnicity, nationality, residence). The applicant is the signed-in person; a grandparent
 * filing overwrites them. Returns field key → value with its population-registry provenance.
 */
export function suggestOwnParent(
  def: ProcedureDefinition,
  sources: PrefillSources,
): Record<string, PrefilledValue> {
  const out: Record<string, PrefilledValue> = {};
  if (sources.birthNotice) return out;
  const own = sources.applicant.sex === "F" ? "mother" : "father";
  for (const f of def.form) {
    const b = f.prefill;
    const m = b?.subject === "birthNotice" ? /^(mother|father)([A-Z]\w*)$/.exec(b.path) : null;
    if (!m || m[1] !== own) continue;
    const path = relatedPath(m[2] ?? "");
    const value = personValue(sources.applicant, path, sources);
    if (value !== undefined) out[f.key] = { value, provenance: fromPerson(sources.applicant, path) };
  }
  return out;
}

export type ReplacedComponent = { replaced: true; fact: DataFact; ref: string | null };

/** Pure: which dossier components the state's data replaces for this applicant. */
export function resolveFacts(
  def: ProcedureDefinition,
  sources: PrefillSources,
  priorResults: ReadonlyMap<string, string>,
): Record<string, ReplacedComponent> {
  const out: Record<string, ReplacedComponent> = {};
  for (const c of def.components) {
    const fact = c.replacedBy;
    if (!fact) continue;
    let ref: string | null | undefined;
    if (fact.kind === "result") ref = priorResults.get(fact.ref);
    else if (fact.ref === "birthNotice") ref = sources.birthNotice?.notice.id;
    else if (fact.ref === "deathNotice") ref = sources.deathNotice?.notice?.id;
    else if (fact.ref === "marriageRecord")
      ref = sources.marriageRecord ? (sources.marriedTo ?? "") : undefined;
    else if (fact.ref === "healthInsurance") ref = sources.healthInsuranceCard?.cardNumber;
    else if (fact.ref === "residence" || fact.ref === "identity") ref = sources.applicant.personalNumber;
    if (ref !== undefined) out[c.key] = { replaced: true, fact, ref };
  }
  return out;
}

/** The form and components a draft starts with, from a prefill (suggestions, then read-only values). */
export function prefilledForm(filled: {
  prefill: Record<string, PrefilledValue>;
  suggested: Record<string, PrefilledValue>;
  facts: Record<string, ReplacedComponent>;
}): { form: FormValues; components: Record<string, ReplacedComponent> } {
  const form: FormValues = Object.fromEntries(
    Object.entries({ ...filled.suggested, ...filled.prefill }).map(([k, v]) => [k, v.value]),
  );
  return { form, components: filled.facts };
}
