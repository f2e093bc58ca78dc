import type { Queryable } from "../../db/client.js";
import type { PayloadOf } from "../../domain/messages.js";
import { oldProvincesOf, personalNumberPrefix } from "../../domain/personal-number.js";
import { foldVietnamese } from "../../domain/text.js";

/**
 * Which dossier's result a registry change comes from, which result (its number), and as of when
 * (the instant the result was issued: provenance).
 */
export type Provenance = {
  dossierCode: string | null;
  resultNumber?: string | null | undefined;
  messageId: string;
  at: Date;
};

/** Provenance as stored next to a registry record (JSON). */
export const provenanceOf = (prov: Provenance) => ({
  dossierCode: prov.dossierCode,
  resultNumber: prov.resultNumber ?? null,
  messageId: prov.messageId,
  at: prov.at.toISOString(),
});

export type BirthApplied =
  | { applied: true; personalNumber: string; householdId: string | null }
  | { applied: false; reason: "ALREADY_REGISTERED" | "MOTHER_UNKNOWN"; personalNumber?: string | undefined };

/**
 * Applies `civil_status.birth_registered@1` to the population and civil status registries inside
 * `q`'s transaction (the delivery inbox row's): creates the child under the personal number
 * reserved when the extract was signed (`child.personalNumber`, `reserveChildNumber`), else a new one
 * (digits 1-3: the old province of the registering commune's province, the mother's own when it is
 * one of them, else the lowest; digit 4: century and sex; 5-6: year; 7-12: the next free serial of
 * that prefix), links the parents, puts the child in the mother's household (relationship "con"; the
 * household record lists the child: a minor resides with the parents, Luật Cư trú 2020 Điều 12),
 * files a birth record under the child and marks the birth notice registered by the dossier, naming
 * the child (`child_number`, so a parent's later forms prefill the child).
 * The child's ethnicity is the one registered (`child.ethnicity`: the form's, which the parents
 * chose: the father's or the mother's by their agreement, Bộ luật Dân sự 2015 Điều 29 khoản 2; Luật
 * Hộ tịch 2014 Điều 14 khoản 1 điểm a lists it in the birth registration). A message without it
 * (sent before 2026-12-02) keeps the earlier behaviour: the mother's ethnicity as recorded.
 * Idempotent: a notice already registered changes nothing. Legal source: Luật Hộ tịch 2014 Điều 16;
 * Luật Căn cước 2023 Điều 12 (số định danh cá nhân); Nghị định 137/2015/NĐ-CP Điều 13 (structure).
 */
export async function applyBirthRegistered(
  q: Queryable,
  p: PayloadOf<"civil_status.birth_registered@1">,
  prov: Provenance,
): Promise<BirthApplied> {
  if (!p.motherNumber) return { applied: false, reason: "MOTHER_UNKNOWN" };
  const parents = [p.motherNumber, p.fatherNumber ?? p.motherNumber];
  if (p.birthNoticeId) {
    const { rows } = await q.query<{ registered: boolean }>(
      "select registered from birth_notices where personal_number = any($1::char(12)[]) and id = $2 and registered",
      [parents, p.birthNoticeId],
    );
    if (rows.length > 0) return { applied: false, reason: "ALREADY_REGISTERED" };
  }
  const mother = await motherOf(q, p.motherNumber);
  if (!mother) return { applied: false, reason: "MOTHER_UNKNOWN" };
  // The number reserved when the extract was signed (printed on it), else a new one now (a message
  // sent before numbers were reserved at signing).
  const { province, oldProvince } = await numberPlace(q, p.communeCode, mother.oldProvince);
  const personalNumber =
    p.child.personalNumber ?? (await takeNumber(q, oldProvince, p.child.birthDate, p.child.sex));
  await q.query(
    `insert into persons (personal_number, province_code, full_name, search_name, birth_date, sex, ethnicity,
       birth_registration_commune, birth_registration_old_province, father_number, mother_number,
       permanent_commune_code, permanent_address, household_id, relationship_to_head, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'con', $15)`,
    [
      personalNumber,
      province,
      p.child.fullName,
      foldVietnamese(p.child.fullName),
      p.child.birthDate,
      p.child.sex,
      p.child.ethnicity ?? mother.ethnicity,
      p.communeCode,
      oldProvince,
      p.fatherNumber,
      p.motherNumber,
      mother.commune,
      mother.address,
      mother.householdId,
      prov.at,
    ],
  );
  await q.query(
    `insert into civil_status_records (personal_number, kind, registration_number, registered_on, province_code,
       commune_code, subject_number, details)
     values ($1, 'birth', $2, $3, $4, $5, $1, $6)`,
    [
      personalNumber,
      p.registrationNumber,
      p.registeredOn,
      province,
      p.communeCode,
      JSON.stringify({
        fullName: p.child.fullName,
        placeOfBirth: p.child.placeOfBirth,
        motherNumber: p.motherNumber,
        fatherNumber: p.fatherNumber,
        birthNoticeId: p.birthNoticeId,
        provenance: provenanceOf(prov),
      }),
    ],
  );
  if (p.birthNoticeId) {
    await q.query(
      `update birth_notices set registered = true, registered_by_dossier = $3, registered_at = $4, child_number = $5
       where personal_number = any($1::char(12)[]) and id = $2`,
      [parents, p.birthNoticeId, prov.dossierCode, prov.at, personalNumber],
    );
  }
  if (mother.householdId) {
    await q.query(
      `update households set member_numbers = member_numbers || $2::bpchar
       where id = $1 and not ($2::bpchar = any(member_numbers))`,
      [mother.householdId, personalNumber],
    );
  }
  return { applied: true, personalNumber, householdId: mother.householdId };
}

type Mother = {
  ethnicity: string;
  oldProvince: string;
  householdId: string | null;
  commune: string;
  address: string;
};

async function motherOf(q: Queryable, motherNumber: string): Promise<Mother | undefined> {
  const { rows } = await q.query<Mother>(
    `select ethnicity, birth_registration_old_province as "oldProvince", household_id as "householdId",
       permanent_commune_code as commune, permanent_address as address
     from persons where personal_number = $1`,
    [motherNumber],
  );
  return rows[0];
}

/**
 * The province of the registering commune and the old province code that opens the child's number:
 * the mother's own when it is one of the province's, else the lowest.
 */
async function numberPlace(q: Queryable, communeCode: string, motherOldProvince: string) {
  const province = (
    await q.query<{ provinceCode: string }>(
      `select province_code as "provinceCode" from communes where code = $1`,
      [communeCode],
    )
  ).rows[0]?.provinceCode;
  if (!province) throw new Error(`unknown commune ${communeCode}`);
  const olds = oldProvincesOf(province).sort();
  const oldProvince = olds.includes(motherOldProvince) ? motherOldProvince : olds[0];
  if (!oldProvince) throw new Error(`no personal-number province code for province ${province}`);
  return { province, oldProvince };
}

async function takeNumber(q: Queryable, oldProvince: string, birthDate: string, sex: "M" | "F") {
  const prefix = personalNumberPrefix(oldProvince, Number(birthDate.slice(0, 4)), sex);
  return prefix + String(await nextSerial(q, prefix)).padStart(6, "0");
}

/**
 * Reserves the child's personal number when the birth registration's extract is signed (Luật Căn
 * cước 2023 Điều 12: the number is given when the birth is registered), so that the extract prints
 * it and `civil_status.birth_registered@1` carries it to the population registry, which creates the
 * child under it (`applyBirthRegistered`): one number, taken once from the prefix's counter.
 * Undefined when the mother is not in the registry (the write-back will not apply either).
 */
export async function reserveChildNumber(
  q: Queryable,
  b: { communeCode: string; motherNumber: string; birthDate: string; sex: "M" | "F" },
): Promise<string | undefined> {
  const mother = await motherOf(q, b.motherNumber);
  if (!mother) return undefined;
  const { oldProvince } = await numberPlace(q, b.communeCode, mother.oldProvince);
  return takeNumber(q, oldProvince, b.birthDate, b.sex);
}

/**
 * The next serial of a personal-number prefix, above every number of that prefix already held.
 * The counter row (on the coordinator) is taken first, in one statement; its row lock makes
 * concurrent births distinct. Only a prefix's first birth, when the row does not exist yet, reads
 * the highest serial held (persons are distributed by personal number, so this range read asks
 * every shard) and starts the counter past it; Citus plans no subquery inside an INSERT, hence two
 * statements then. Two first births at once: the second's insert meets the first's row and takes
 * the serial after it. Numbers written outside the counter after its row exists (a seed or import
 * run after the prefix's first birth) are not seen: seed and import the registries before births.
 */
async function nextSerial(q: Queryable, prefix: string): Promise<number> {
  const counted = await q.query<{ serial: number }>(
    `update personal_number_serials set last_serial = last_serial + 1 where prefix = $1::text
     returning last_serial as serial`,
    [prefix],
  );
  let serial = counted.rows[0]?.serial;
  if (serial === undefined) {
    const held = await q.query<{ serial: number | null }>(
      `select max(substr(personal_number, 7)::int) as serial from persons
        where personal_number between $1::text || '000000' and $1::text || '999999'`,
      [prefix],
    );
    const { rows } = await q.query<{ serial: number }>(
      `insert into personal_number_serials (prefix, last_serial) values ($1::text, $2::int + 1)
       on conflict (prefix) do update
         set last_serial = greatest(personal_number_serials.last_serial + 1, excluded.last_serial)
       returning last_serial as serial`,
      [prefix, held.rows[0]?.serial ?? 0],
    );
    serial = rows[0]?.serial;
  }
  if (serial === undefined || serial > 999999)
    throw new Error(`personal-number serials of ${prefix} exhausted`);
  return serial;
}

/**
 * Applies `civil_status.death_registered@1`: the person is deceased as of the date of death (an
 * earlier recorded date is kept), their death notice is marked registered and the death record is
 * filed under them, with provenance.
 * Idempotent. Legal source: Luật Hộ tịch 2014 Điều 33.
 */
export async function applyDeathRegistered(
  q: Queryable,
  p: PayloadOf<"civil_status.death_registered@1">,
  prov: Provenance,
): Promise<{ applied: boolean }> {
  const { rows } = await q.query<{ province: string; deceased: string | null; household: string | null }>(
    `select province_code as province, deceased_on::text as deceased, household_id as household
     from persons where personal_number = $1 for update`,
    [p.personalNumber],
  );
  const person = rows[0];
  if (!person) throw new Error(`unknown person ${p.personalNumber}`);
  if (person.deceased) return { applied: false };
  await q.query("update persons set deceased_on = $2, updated_at = $3 where personal_number = $1", [
    p.personalNumber,
    p.dateOfDeath,
    prov.at,
  ]);
  // Death notices are filed under the household of the deceased ('none:<number>' without one, migration 090).
  await q.query(
    "update death_notices set registered = true where household_id = $1 and person_number = $2 and not registered",
    [person.household ?? `none:${p.personalNumber}`, p.personalNumber],
  );
  await q.query(
    `insert into civil_status_records (personal_number, kind, registration_number, registered_on, province_code,
       commune_code, subject_number, details)
     values ($1, 'death', $2, $3, $4, $5, $1, $6)
     on conflict (personal_number, registration_number) do nothing`,
    [
      p.personalNumber,
      p.registrationNumber,
      p.registeredOn,
      person.province,
      p.communeCode,
      JSON.stringify({
        dateOfDeath: p.dateOfDeath,
        provenance: provenanceOf(prov),
      }),
    ],
  );
  return { applied: true };
}

/** A life event already in the registries: the dossier that registered it (when known) and its record. */
export type RegisteredEvent = { dossierCode: string | null; registrationNumber: string | null };

/**
 * Whether the registries already hold the life event a dossier's key names (src/domain/life-event.ts):
 * `birth-notice:<id>`: the notice is marked registered (by which dossier); `death:<number>`: a death
 * record is filed under the person (its provenance names the dossier). Undefined when not
 * registered, or for a key the registries cannot tell (a paper birth, a marriage). The notice is
 * read under `parentNumber` (the dossier's applicant, under whose number prefill found it; a
 * notice is filed under each parent), the death record by the person's number: each by its
 * distribution key.
 */
export async function findRegisteredEvent(
  q: Queryable,
  key: string,
  parentNumber: string,
): Promise<RegisteredEvent | undefined> {
  if (key.startsWith("birth-notice:")) {
    const { rows } = await q.query<RegisteredEvent>(
      `select registered_by_dossier as "dossierCode", null as "registrationNumber" from birth_notices
       where personal_number = $1 and id = $2 and registered`,
      [parentNumber, key.slice("birth-notice:".length)],
    );
    return rows[0];
  }
  if (key.startsWith("death:")) {
    const number = key.slice("death:".length);
    const { rows } = await q.query<RegisteredEvent>(
      `select details->'provenance'->>'dossierCode' as "dossierCode", registration_number as "registrationNumber"
       from civil_status_records where personal_number = $1 and subject_number = $1 and kind = 'death'
       order by registered_on limit 1`,
      [number],
    );
    return rows[0];
  }
  return undefined;
}

/**
 * Whether the civil-status register holds the birth of `personalNumber` registered under
 * `registrationNumber` (the result's number, as `applyBirthRegistered` filed it): the population
 * registry created the child under that number from that very result. Read by the child's number
 * (the distribution key).
 */
export async function hasRegisteredBirth(
  q: Queryable,
  personalNumber: string,
  registrationNumber: string,
): Promise<boolean> {
  const { rows } = await q.query(
    `select 1 from civil_status_records where personal_number = $1 and kind = 'birth' and registration_number = $2`,
    [personalNumber, registrationNumber],
  );
  return rows.length > 0;
}

/** The parents a birth notice names, read under one parent's number (a notice is filed under each). */
export async function findBirthNoticeParents(
  q: Queryable,
  parentNumber: string,
  id: string,
): Promise<{ motherNumber: string; fatherNumber: string | null } | undefined> {
  const { rows } = await q.query<{ motherNumber: string; fatherNumber: string | null }>(
    `select mother_number as "motherNumber", father_number as "fatherNumber" from birth_notices
     where personal_number = $1 and id = $2`,
    [parentNumber, id],
  );
  return rows[0];
}

/** A birth notice as a health facility sends it (`health.birth_notice@1`). */
export type IncomingBirthNotice = {
  noticeId: string;
  provinceCode: string;
  communeCode: string;
  facility: string;
  birthAt: Date;
  childSex: "M" | "F";
  weightGrams: number | null;
  motherNumber: string;
  fatherNumber: string | null;
};

/**
 * Keeps a facility's birth notice for prefill, filed under each known parent (their shard; the
 * table's placement). A notice already held (a redelivery, or one the demo seeded) is left as it
 * is. Returns the numbers of the parents under whom it is held and not registered yet.
 */
export async function recordBirthNotice(q: Queryable, n: IncomingBirthNotice): Promise<string[]> {
  const parents = [...new Set([n.motherNumber, n.fatherNumber].filter((x): x is string => !!x))];
  const filed: string[] = [];
  for (const pn of parents) {
    const { rows } = await q.query(
      `insert into birth_notices (personal_number, id, province_code, commune_code, mother_number, father_number, child_sex, birth_at, weight_grams, facility)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       on conflict (personal_number, id) do update set registered = birth_notices.registered
       returning registered`,
      [
        pn,
        n.noticeId,
        n.provinceCode,
        n.communeCode,
        n.motherNumber,
        n.fatherNumber,
        n.childSex,
        n.birthAt,
        n.weightGrams,
        n.facility,
      ],
    );
    if (rows[0] && !(rows[0] as { registered: boolean }).registered) filed.push(pn);
  }
  return filed;
}
