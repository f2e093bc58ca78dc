import type { Queryable } from "../../db/client.js";
import { foldVietnamese } from "../../domain/text.js";

/** The population registry's column of each correctable attribute (src/domain/corrections.ts). */
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
 * Applies an accepted correction to the population registry inside `q`'s transaction: the person's
 * attribute becomes `value` (`updated_at` = as of), and a `registry_corrections` row keeps the old
 * and the new value with the correction, the officer and the instant (never an overwrite without
 * trace). Only the attributes of `COLUMNS`; a value the column cannot hold (a date, M/F, a phone
 * of 10 digits starting with 0) is INVALID_VALUE. Legal source: Luật Căn cước 2023, Điều 10
 * (cập nhật, điều chỉnh thông tin trong Cơ sở dữ liệu quốc gia về dân cư).
 */
export async function applyPersonCorrection(
  q: Queryable,
  c: { personalNumber: string; attribute: string; value: string },
  prov: CorrectionProvenance,
): Promise<CorrectionApplied> {
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
  await q.query(
    `insert into registry_corrections (personal_number, registry, attribute, old_value, new_value, case_province,
       case_id, correction_id, decided_by, applied_at)
     values ($1, 'population', $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      c.personalNumber,
      c.attribute,
      person.old,
      c.value,
      prov.caseProvince,
      prov.caseId,
      prov.correctionId,
      prov.decidedBy,
      prov.at,
    ],
  );
  return { applied: true, previousValue: person.old };
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
