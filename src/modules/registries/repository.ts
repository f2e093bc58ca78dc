import type { Queryable } from "../../db/client.js";
import {
  all,
  type Database,
  type Expression,
  type ExpressionBuilder,
  first,
  qb,
  type SqlBool,
  sql,
} from "../../db/query.js";

/**
 * Raw registry reads. Only the exchange module calls these: every read of personal data must
 * go through exchange, which checks the actor's right to read and logs the access.
 */
export type PersonRecord = {
  personalNumber: string;
  fullName: string;
  /** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD': as much as the registry knows (partial-date.ts). */
  birthDate: string;
  sex: "M" | "F";
  ethnicity: string;
  nationality: string;
  religion: string | null;
  birthRegistrationOldProvince: string;
  birthRegistrationCommune: string | null;
  fatherNumber: string | null;
  motherNumber: string | null;
  provinceCode: string;
  permanentCommuneCode: string;
  permanentCommuneName: string;
  permanentAddress: string;
  temporaryCommuneCode: string | null;
  temporaryProvinceCode: string | null;
  temporaryAddress: string | null;
  householdId: string | null;
  relationshipToHead: string | null;
  phone: string | null;
  email: string | null;
  deceasedOn: string | null;
  provinceName: string;
  updatedAt: Date;
};

/**
 * A person's date of birth as the registry knows it: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' (migration
 * 030: birth_date holds the first day of what is known, birth_date_precision how much).
 */
export const BIRTH_DATE_SQL = (p: string) => `case ${p}.birth_date_precision
  when 'year' then to_char(${p}.birth_date, 'YYYY') when 'month' then to_char(${p}.birth_date, 'YYYY-MM')
  else to_char(${p}.birth_date, 'YYYY-MM-DD') end`;

/** Persons `p` with their permanent commune `c`, province `pr` and temporary commune `tc`, as `PersonRecord`. */
const personRecords = () =>
  qb
    .selectFrom("persons as p")
    .innerJoin("communes as c", "c.code", "p.permanent_commune_code")
    .innerJoin("provinces as pr", "pr.code", "p.province_code")
    .leftJoin("communes as tc", "tc.code", "p.temporary_commune_code")
    .select([
      "p.personal_number as personalNumber",
      "p.full_name as fullName",
      sql<string>`${sql.raw(BIRTH_DATE_SQL("p"))}`.as("birthDate"),
      "p.sex",
      "p.ethnicity",
      "p.nationality",
      "p.religion",
      "p.birth_registration_old_province as birthRegistrationOldProvince",
      "p.birth_registration_commune as birthRegistrationCommune",
      "p.father_number as fatherNumber",
      "p.mother_number as motherNumber",
      "p.province_code as provinceCode",
      "p.permanent_commune_code as permanentCommuneCode",
      "c.full_name as permanentCommuneName",
      "p.permanent_address as permanentAddress",
      "p.temporary_commune_code as temporaryCommuneCode",
      "tc.province_code as temporaryProvinceCode",
      "p.temporary_address as temporaryAddress",
      "p.household_id as householdId",
      "p.relationship_to_head as relationshipToHead",
      "p.phone",
      "p.email",
      "p.deceased_on as deceasedOn",
      "pr.full_name as provinceName",
      "p.updated_at as updatedAt",
    ]);

export async function findPerson(db: Queryable, personalNumber: string): Promise<PersonRecord | undefined> {
  return first(db, personRecords().where("p.personal_number", "=", personalNumber));
}

/** The full name of a living person (undefined when unknown or deceased): one indexed lookup. */
export async function findLivingPersonName(
  db: Queryable,
  personalNumber: string,
): Promise<string | undefined> {
  const { rows } = await db.query<{ full_name: string }>(
    "select full_name from persons where personal_number = $1 and deceased_on is null",
    [personalNumber],
  );
  return rows[0]?.full_name;
}

/**
 * The living persons of a household, by the member numbers its record lists (persons are
 * distributed by personal number: each member is read on their own shard). Head first, then by
 * date of birth. A member whose death is registered is no longer offered as one (issue 11).
 */
export async function findHouseholdMembers(
  db: Queryable,
  memberNumbers: readonly string[],
): Promise<PersonRecord[]> {
  if (memberNumbers.length === 0) return [];
  return all(
    db,
    personRecords()
      .where("p.personal_number", "=", (eb) => eb.fn.any(eb.val([...memberNumbers])))
      .where("p.deceased_on", "is", null)
      .orderBy((eb) => eb("p.relationship_to_head", "=", "chủ hộ"), "desc")
      .orderBy("p.birth_date")
      .orderBy("p.personal_number"),
  );
}

export type HouseholdRecord = {
  id: string;
  provinceCode: string;
  communeCode: string;
  communeName: string;
  address: string;
  headNumber: string;
  /** The personal numbers of its members, as the household record lists them. */
  memberNumbers: string[];
};

export async function findHousehold(db: Queryable, id: string): Promise<HouseholdRecord | undefined> {
  const { rows } = await db.query<HouseholdRecord>(
    `select h.id, h.province_code as "provinceCode", h.commune_code as "communeCode", c.full_name as "communeName",
       h.address, h.head_number as "headNumber", h.member_numbers as "memberNumbers"
     from households h join communes c on c.code = h.commune_code where h.id = $1`,
    [id],
  );
  return rows[0];
}

export type PersonSearch = {
  communeCode?: string | undefined;
  provinceCode?: string | undefined;
  nameQuery?: string | undefined;
  limit: number;
  offset: number;
};

/**
 * Persons residing (permanently or temporarily) in a commune or province, by folded name prefix.
 * A search by place, not by person: it asks every shard of the registry (docs/scaling.md).
 */
export async function searchPersons(
  db: Queryable,
  s: PersonSearch,
): Promise<{ items: PersonRecord[]; total: number }> {
  const matching = (
    eb: ExpressionBuilder<{ p: Database["persons"]; tc: Database["communes"] }, "p" | "tc">,
  ) => {
    const where: Expression<SqlBool>[] = [];
    if (s.communeCode)
      where.push(
        eb.or([
          eb("p.permanent_commune_code", "=", s.communeCode),
          eb("p.temporary_commune_code", "=", s.communeCode),
        ]),
      );
    if (s.provinceCode)
      where.push(
        eb.or([eb("p.province_code", "=", s.provinceCode), eb("tc.province_code", "=", s.provinceCode)]),
      );
    if (s.nameQuery) where.push(eb("p.search_name", "like", `%${s.nameQuery}%`));
    return eb.and(where);
  };
  const total = await first(
    db,
    qb
      .selectFrom("persons as p")
      .leftJoin("communes as tc", "tc.code", "p.temporary_commune_code")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where(matching),
  );
  const rows = await all(
    db,
    personRecords()
      .where(matching)
      .orderBy("p.search_name")
      .orderBy("p.personal_number")
      .limit(s.limit)
      .offset(s.offset),
  );
  return { items: rows, total: total?.n ?? 0 };
}

export type CivilStatusRecord = {
  id: number;
  kind: "birth" | "marriage" | "death";
  registrationNumber: string;
  registeredOn: string;
  provinceCode: string;
  communeCode: string;
  subjectNumber: string;
  spouseNumber: string | null;
  details: Record<string, unknown>;
  /** A marriage's end noted in the register (migration 334): the day, the cause, a divorce's judgement. */
  endedOn: string | null;
  endCause: "divorce" | "spouse_death" | null;
  judgementNumber: string | null;
};

export async function findCivilStatusRecords(
  db: Queryable,
  personalNumber: string,
): Promise<CivilStatusRecord[]> {
  const { rows } = await db.query<CivilStatusRecord>(
    `select id, kind, registration_number as "registrationNumber", registered_on as "registeredOn",
       province_code as "provinceCode", commune_code as "communeCode", subject_number as "subjectNumber",
       spouse_number as "spouseNumber", details, ended_on as "endedOn", end_cause as "endCause",
       judgement_number as "judgementNumber"
     from civil_status_records where personal_number = $1 order by registered_on`,
    [personalNumber],
  );
  return rows;
}

export type HealthInsuranceCard = {
  cardNumber: string;
  beneficiaryGroup: string;
  benefitLevel: number;
  primaryFacility: string;
  validFrom: string;
  validTo: string;
};

export async function findHealthInsuranceCards(
  db: Queryable,
  personalNumber: string,
): Promise<HealthInsuranceCard[]> {
  const { rows } = await db.query<HealthInsuranceCard>(
    `select card_number as "cardNumber", beneficiary_group as "beneficiaryGroup", benefit_level as "benefitLevel",
       primary_facility as "primaryFacility", valid_from as "validFrom", valid_to as "validTo"
     from health_insurance_cards where personal_number = $1 order by valid_to desc`,
    [personalNumber],
  );
  return rows;
}

export type Allowance = {
  id: string;
  kind: string;
  monthlyAmount: number;
  since: string;
  until: string | null;
};

export async function findAllowances(db: Queryable, personalNumber: string): Promise<Allowance[]> {
  const { rows } = await db.query<Allowance>(
    `select id, kind, monthly_amount as "monthlyAmount", since, until from allowances
     where personal_number = $1 order by since`,
    [personalNumber],
  );
  return rows;
}

export async function updateContact(
  db: Queryable,
  personalNumber: string,
  contact: { phone: string | null; email: string | null },
): Promise<void> {
  await db.query("update persons set phone = $2, email = $3, updated_at = now() where personal_number = $1", [
    personalNumber,
    contact.phone,
    contact.email,
  ]);
}

export type BirthNotice = {
  id: string;
  provinceCode: string;
  communeCode: string;
  motherNumber: string;
  fatherNumber: string | null;
  childSex: "M" | "F";
  birthAt: Date;
  weightGrams: number | null;
  facility: string;
};

/**
 * The newest unregistered birth notice (giấy chứng sinh) naming this person as mother or father
 * (a notice is filed under each known parent, migration 090).
 */
export async function findUnregisteredBirthNotice(
  db: Queryable,
  parentNumber: string,
): Promise<BirthNotice | undefined> {
  const { rows } = await db.query<BirthNotice>(
    `select id, province_code as "provinceCode", commune_code as "communeCode", mother_number as "motherNumber",
       father_number as "fatherNumber", child_sex as "childSex", birth_at as "birthAt", weight_grams as "weightGrams", facility
     from birth_notices where personal_number = $1 and not registered
     order by birth_at desc, id desc limit 1`,
    [parentNumber],
  );
  return rows[0];
}

export type DeathNotice = {
  id: string;
  provinceCode: string;
  communeCode: string;
  personNumber: string;
  diedAt: Date;
  place: string;
  cause: string | null;
};

/**
 * The newest unregistered death notice (giấy báo tử) of a member of this household (notices are
 * filed under the household of the deceased, migration 090).
 */
export function findUnregisteredDeathNotice(
  db: Queryable,
  householdId: string,
): Promise<DeathNotice | undefined> {
  return newestDeathNotice(db, householdId, false);
}

/**
 * The newest registered death notice of a member of this household (its death entered in the
 * civil-status register): what the assistant tells instead of asking whether it was registered.
 */
export function findRegisteredDeathNotice(
  db: Queryable,
  householdId: string,
): Promise<DeathNotice | undefined> {
  return newestDeathNotice(db, householdId, true);
}

async function newestDeathNotice(
  db: Queryable,
  householdId: string,
  registered: boolean,
): Promise<DeathNotice | undefined> {
  const { rows } = await db.query<DeathNotice>(
    `select d.id, d.province_code as "provinceCode", d.commune_code as "communeCode", d.person_number as "personNumber",
       d.died_at as "diedAt", d.place, d.cause
     from death_notices d where d.household_id = $1 and d.registered = $2
     order by d.died_at desc, d.id desc limit 1`,
    [householdId, registered],
  );
  return rows[0];
}

/** The facts an eligibility check reads of one person (src/domain/eligibility.ts): no more. */
export type PersonFactsRecord = {
  birthDate: string;
  fullName: string;
  sex: "M" | "F";
  deceasedOn: string | null;
  provinceCode: string;
};

/** Date of birth, full name, sex, date of death and province of one person; undefined when not registered. */
export async function findPersonFacts(
  db: Queryable,
  personalNumber: string,
): Promise<PersonFactsRecord | undefined> {
  return first(
    db,
    qb
      .selectFrom("persons as p")
      .select([
        sql<string>`${sql.raw(BIRTH_DATE_SQL("p"))}`.as("birthDate"),
        "p.full_name as fullName",
        "p.sex",
        "p.deceased_on as deceasedOn",
        "p.province_code as provinceCode",
      ])
      .where("p.personal_number", "=", personalNumber),
  );
}
