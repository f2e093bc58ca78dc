import type { Queryable } from "../../db/client.js";
import type { AccessField } from "../../domain/access-fields.js";
import {
  type BirthNotice,
  type DeathNotice,
  findHealthInsuranceCards,
  type HealthInsuranceCard,
  type HouseholdRecord,
  type PersonRecord,
} from "./repository.js";

/** What prefill may read besides the applicant's own record (migration 095, `registry_prefill`). */
export const PREFILL_NEEDS = [
  "spouse",
  "householdHead",
  "birthNotice",
  "birthParents",
  "deathNotice",
  "deceased",
  "healthInsurance",
  "marriageRecord",
  "child",
  "childHealthInsurance",
  /** The deceased's allowance records (read by the exchange, after the deceased is known). */
  "deceasedAllowances",
] as const;
export type PrefillNeed = (typeof PREFILL_NEEDS)[number];

/** Whose records a prefill reads, and the fields read of each as the access log names them. */
export type PrefillFields = Partial<
  Record<
    "applicant" | "spouse" | "householdHead" | "child" | "mother" | "father" | "deceased",
    readonly AccessField[]
  >
>;

/**
 * A person as prefill reads them (migration 270, `registry_person_record`): the keys the platform
 * routes and checks by, always; every other attribute only when its category was asked for
 * (`PrefillFields`), absent otherwise.
 */
export type PrefillPerson = Pick<
  PersonRecord,
  | "personalNumber"
  | "provinceCode"
  | "permanentCommuneCode"
  | "temporaryCommuneCode"
  | "temporaryProvinceCode"
  | "householdId"
  | "deceasedOn"
  | "updatedAt"
> &
  Partial<PersonRecord>;

/** The registries' records for one applicant's prefill, as `registry_prefill` returns them. */
export type PrefillRecords = {
  applicant: PrefillPerson;
  /** The spouse the latest standing marriage names (read with `spouse` or `marriageRecord`). */
  marriedTo: string | undefined;
  /** Whether the register holds a marriage of the person, standing or ended, its spouse numbered or not. */
  marriageHeld: boolean;
  household: HouseholdRecord | undefined;
  householdHead: PrefillPerson | undefined;
  spouse: PrefillPerson | undefined;
  birthNotice: BirthNotice | undefined;
  mother: PrefillPerson | undefined;
  father: PrefillPerson | undefined;
  deathNotice: DeathNotice | undefined;
  deceased: PrefillPerson | undefined;
  healthInsuranceCard: HealthInsuranceCard | undefined;
  /** The newest living child registered from a notice naming the applicant (read with `child`). */
  child: PrefillPerson | undefined;
  /** The child's newest health-insurance card (read with `child` and `childHealthInsurance`). */
  childHealthInsuranceCard: HealthInsuranceCard | undefined;
};

type Json = Record<string, unknown> | null | undefined;
const person = (j: Json): PrefillPerson | undefined =>
  j ? ({ ...j, updatedAt: new Date(j.updatedAt as string) } as PrefillPerson) : undefined;
/** A person offered as a living party (spouse, head, child): never a deceased one (issue 11 point 3). */
const living = (j: Json): PrefillPerson | undefined => (j?.deceasedOn ? undefined : person(j));

/**
 * Everything one applicant's prefill reads, in one statement (one round trip): the applicant's
 * record and what `needs` asks for, each read inside `registry_prefill` by its own distribution
 * key (a person by number, a household and its death notices by household id; docs/scaling.md),
 * each person projected in SQL to the categories `fields` names for their place in the form (a
 * temporary-residence declarant's religion or parents never leave the database).
 * `notice`: the birth or death notice to read, by id (a filing from that notice's offer, migration
 * 354); else the newest unregistered one. A pinned notice already registered reads as none.
 * Undefined when the personal number is not in the registry. Only the exchange calls this.
 */
export async function findPrefillRecords(
  db: Queryable,
  personalNumber: string,
  needs: readonly PrefillNeed[],
  fields: PrefillFields,
  notice?: string,
): Promise<PrefillRecords | undefined> {
  const { rows } = await db.query<{ r: Record<string, Json> | null }>(
    "select registry_prefill($1, $2::text[], $3::jsonb, $4::text) as r",
    [personalNumber, needs, JSON.stringify(fields), notice ?? null],
  );
  const r = rows[0]?.r;
  const applicant = person(r?.applicant);
  if (!r || !applicant) return undefined;
  const birth = r.birthNotice;
  const death = r.deathNotice;
  const child = living(r.child);
  // A second read, by the child's number (their shard), only when the form shows the child's card.
  const childCards =
    child && needs.includes("childHealthInsurance")
      ? await findHealthInsuranceCards(db, child.personalNumber)
      : [];
  return {
    applicant,
    marriedTo: (r.marriedTo as unknown as string | null) ?? undefined,
    marriageHeld: (r.marriageHeld as unknown as boolean | null) === true,
    household: (r.household as HouseholdRecord | null) ?? undefined,
    householdHead: living(r.householdHead),
    spouse: living(r.spouse),
    birthNotice: birth
      ? ({ ...birth, birthAt: new Date(birth.birthAt as string) } as BirthNotice)
      : undefined,
    mother: person(r.mother),
    father: person(r.father),
    deathNotice: death ? ({ ...death, diedAt: new Date(death.diedAt as string) } as DeathNotice) : undefined,
    deceased: person(r.deceased),
    healthInsuranceCard: (r.healthInsuranceCard as HealthInsuranceCard | null) ?? undefined,
    child,
    childHealthInsuranceCard: childCards[0],
  };
}

/**
 * One person as prefill reads them (`registry_person_record`: the keys, and only the categories
 * `fields` names), by number, in a statement of its own (the person's shard). Undefined when the
 * number is not in the registry. Only the exchange calls this: the deceased a relative chose from
 * their household when no electronic death notice came (the death registration's paper path).
 */
export async function findPrefillPerson(
  db: Queryable,
  personalNumber: string,
  fields: readonly AccessField[],
): Promise<PrefillPerson | undefined> {
  const { rows } = await db.query<{ r: Json }>("select registry_person_record($1, $2::text[]) as r", [
    personalNumber,
    [...fields],
  ]);
  return person(rows[0]?.r);
}
