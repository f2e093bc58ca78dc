import type { Queryable } from "../../db/client.js";
import { foldVietnamese } from "../../domain/text.js";

/** The person record's column of each correctable attribute (src/domain/corrections.ts). */
const COLUMNS: Readonly<Record<string, { column: string; check?: (v: string) => boolean }>> = {
  fullName: { column: "full_name" },
  birthDate: { column: "birth_date", check: (v) => /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(v) },
  sex: { column: "sex", check: (v) => v === "M" || v === "F" },
  ethnicity: { column: "ethnicity" },
  temporaryAddress: { column: "temporary_address" },
  phone: { column: "phone", check: (v) => /^0[0-9]{9}$/.test(v) },
  email: { column: "email", check: (v) => /^[^\s@]+@[^\s@]+$/.test(v) },
  relationshipToHead: { column: "relationship_to_head" },
};

/**
 * Which registry answers for each attribute of a person's record: the residence registry for the
 * temporary address and the relationship to the head (Luật Cư trú 2020 Điều 37), the population
 * registry for the rest (Luật Căn cước 2023 Điều 9). A request filed before the two were told apart
 * names "population" for a residence attribute: the same owner (the police) applies it.
 */
const PERSON_REGISTRIES: Readonly<Record<string, readonly string[]>> = {
  population: [
    "fullName",
    "birthDate",
    "sex",
    "ethnicity",
    "phone",
    "email",
    "temporaryAddress",
    "relationshipToHead",
  ],
  residence: ["temporaryAddress", "relationshipToHead"],
};

/** A card number as the insurance registry holds it (2 letters, 13 digits). */
const CARD_NUMBER = /^[A-Z]{2}[0-9]{13}$/;

/**
 * Whether the registry would refuse `value` for `attribute` (`applyRegistryCorrection`'s
 * INVALID_VALUE): asked when the citizen files, so that a value no officer could apply is refused
 * then, not at the owner's acceptance.
 */
export function correctionValueRefused(registry: string, attribute: string, value: string): boolean {
  if (registry === "health_insurance" && attribute === "healthInsuranceNumber")
    return !CARD_NUMBER.test(value);
  const check = COLUMNS[attribute]?.check;
  return check !== undefined && !check(value);
}

/** Which correction changes a value, decided by whom, as of when (provenance). */
export type CorrectionProvenance = {
  caseProvince: string;
  caseId: number;
  correctionId: string;
  decidedBy: string;
  at: Date;
};

export type CorrectionApplied =
  | { applied: true; previousValue: string | null }
  | { applied: false; reason: "NOT_CORRECTABLE" | "INVALID_VALUE" | "UNKNOWN_PERSON" };

/**
 * Applies an accepted correction to the registry that owns the value, inside `q`'s transaction,
 * and files a `registry_corrections` row with the old and the new value, the correction, the
 * officer and the instant (never an overwrite without trace):
 * - population and residence: the person's attribute becomes `value` (`updated_at` = as of); only
 *   the attributes each registry answers for (`PERSON_REGISTRIES`); a value the column cannot hold
 *   (a date, M/F, a phone of 10 digits starting with 0) is INVALID_VALUE. Legal source: Luật Căn
 *   cước 2023, Điều 10; Luật Cư trú 2020, Điều 26 (điều chỉnh thông tin về cư trú);
 * - health insurance: `healthInsuranceNumber`, the person's newest card takes the corrected number
 *   (2 letters, 13 digits). Legal source: Luật Bảo hiểm y tế, Điều 18 (cấp lại, đổi thẻ).
 * Any other registry or attribute (civil-status records are corrected by a civil-status procedure,
 * Luật Hộ tịch 2014 Điều 26-28, not here) is NOT_CORRECTABLE.
 */
export async function applyRegistryCorrection(
  q: Queryable,
  c: { registry: string; personalNumber: string; attribute: string; value: string },
  prov: CorrectionProvenance,
): Promise<CorrectionApplied> {
  if (c.registry === "health_insurance" && c.attribute === "healthInsuranceNumber")
    return applyCardCorrection(q, c, prov);
  if (!PERSON_REGISTRIES[c.registry]?.includes(c.attribute))
    return { applied: false, reason: "NOT_CORRECTABLE" };
  const col = COLUMNS[c.attribute];
  if (!col) return { applied: false, reason: "NOT_CORRECTABLE" };
  if (col.check && !col.check(c.value)) return { applied: false, reason: "INVALID_VALUE" };
  const { rows } = await q.query<{ old: string | null }>(
    `select case $2::text
       when 'full_name' then full_name when 'birth_date' then birth_date::text when 'sex' then sex::text
       when 'ethnicity' then ethnicity when 'temporary_address' then temporary_address
       when 'phone' then phone when 'email' then email when 'relationship_to_head' then relationship_to_head
     end as old
     from persons where personal_number = $1 for update`,
    [c.personalNumber, col.column],
  );
  const person = rows[0];
  if (!person) return { applied: false, reason: "UNKNOWN_PERSON" };
  await q.query(
    `update persons set
       full_name = case when $2::text = 'full_name' then $3 else full_name end,
       search_name = case when $2::text = 'full_name' then $4 else search_name end,
       birth_date = case when $2::text = 'birth_date' then $3::date else birth_date end,
       sex = case when $2::text = 'sex' then $3 else sex end,
       ethnicity = case when $2::text = 'ethnicity' then $3 else ethnicity end,
       temporary_address = case when $2::text = 'temporary_address' then $3 else temporary_address end,
       phone = case when $2::text = 'phone' then $3 else phone end,
       email = case when $2::text = 'email' then $3 else email end,
       relationship_to_head = case when $2::text = 'relationship_to_head' then $3 else relationship_to_head end,
       updated_at = $5
     where personal_number = $1`,
    [c.personalNumber, col.column, c.value, foldVietnamese(c.value), prov.at],
  );
  await history(q, c, person.old, prov);
  return { applied: true, previousValue: person.old };
}

async function history(
  q: Queryable,
  c: { registry: string; personalNumber: string; attribute: string; value: string },
  old: string | null,
  prov: CorrectionProvenance,
): Promise<void> {
  await q.query(
    `insert into registry_corrections (personal_number, registry, attribute, old_value, new_value, case_province,
       case_id, correction_id, decided_by, applied_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      c.personalNumber,
      c.registry,
      c.attribute,
      old,
      c.value,
      prov.caseProvince,
      prov.caseId,
      prov.correctionId,
      prov.decidedBy,
      prov.at,
    ],
  );
}

async function applyCardCorrection(
  q: Queryable,
  c: { registry: string; personalNumber: string; attribute: string; value: string },
  prov: CorrectionProvenance,
): Promise<CorrectionApplied> {
  if (!CARD_NUMBER.test(c.value)) return { applied: false, reason: "INVALID_VALUE" };
  const { rows } = await q.query<{ old: string }>(
    `select card_number as old from health_insurance_cards where personal_number = $1
     order by valid_to desc limit 1 for update`,
    [c.personalNumber],
  );
  const old = rows[0]?.old;
  if (!old) return { applied: false, reason: "UNKNOWN_PERSON" };
  await q.query(
    "update health_insurance_cards set card_number = $3 where personal_number = $1 and card_number = $2",
    [c.personalNumber, old, c.value],
  );
  await history(q, c, old, prov);
  return { applied: true, previousValue: old };
}

/** Where a person lives (permanent commune and its province), for routing a correction; undefined: unknown. */
export async function findPersonPlace(
  q: Queryable,
  personalNumber: string,
): Promise<{ communeCode: string; provinceCode: string } | undefined> {
  const { rows } = await q.query<{ communeCode: string; provinceCode: string }>(
    `select p.permanent_commune_code as "communeCode", c.province_code as "provinceCode"
     from persons p join communes c on c.code = p.permanent_commune_code where p.personal_number = $1`,
    [personalNumber],
  );
  return rows[0];
}
