import type { Db } from "../db/client.js";
import { type AgencySigners, sendBirthNotice } from "../modules/exchange/index.js";

/** A demo person living alone (a one-member household), as the search below reads them. */
type Alone = {
  personalNumber: string;
  fullName: string;
  sex: "M" | "F";
  birthDate: string;
  provinceCode: string;
  communeCode: string;
};

const age = (birthDate: string, on: Date) => (on.getTime() - Date.parse(birthDate)) / (365.25 * 86_400_000);

/**
 * Parents living apart (issue 12, birth group: the child may join the father's household): the
 * demo's health facility sends a signed birth notice naming a woman aged 20-40 and a man aged
 * 22-45 who each live alone, heading households in two communes of one province. The mother then
 * finds the birth group offered, and its form offers her household and the father's. Households
 * and persons are read in separate statements (distributed apart). Null when the population has no
 * such pair or the notice was sent already.
 */
export async function sendDemoApartBirthNotice(
  db: Db,
  signers: AgencySigners,
  now: Date,
): Promise<{ mother: Alone; father: Alone } | null> {
  const { rows: households } = await db.query<{ head: string; commune: string; province: string }>(
    `select head_number as head, commune_code as commune, province_code as province from households
     where cardinality(member_numbers) = 1 order by id limit 400`,
  );
  const { rows: persons } = await db.query<Omit<Alone, "provinceCode" | "communeCode">>(
    `select personal_number as "personalNumber", full_name as "fullName", sex, birth_date::text as "birthDate"
     from persons where personal_number = any($1::bpchar[]) and deceased_on is null`,
    [households.map((h) => h.head)],
  );
  // In household order (deterministic): each one-member household's head, if living.
  const alone: Alone[] = households.flatMap((h) => {
    const p = persons.find((x) => x.personalNumber.trim() === h.head.trim());
    return p
      ? [{ ...p, personalNumber: p.personalNumber.trim(), provinceCode: h.province, communeCode: h.commune }]
      : [];
  });
  const mother = alone.find(
    (p) => p.sex === "F" && age(p.birthDate, now) >= 20 && age(p.birthDate, now) <= 40,
  );
  const father =
    mother &&
    alone.find(
      (p) =>
        p.sex === "M" &&
        p.provinceCode === mother.provinceCode &&
        p.communeCode !== mother.communeCode &&
        age(p.birthDate, now) >= 22 &&
        age(p.birthDate, now) <= 45,
    );
  if (!mother || !father) return null;
  const noticeId = `GCS-APART-${mother.personalNumber}`;
  const sent = await db.query("select 1 from birth_notices where id = $1 limit 1", [noticeId]);
  if (sent.rows.length > 0) return null;
  await db.tx((q) =>
    sendBirthNotice(
      q,
      signers,
      {
        noticeId,
        facility: "Trạm y tế (dữ liệu mẫu)",
        communeCode: mother.communeCode,
        birthAt: new Date(now.getTime() - 3 * 86_400_000).toISOString(),
        childSex: "F",
        weightGrams: 3100,
        motherNumber: mother.personalNumber,
        fatherNumber: father.personalNumber,
      },
      mother.provinceCode,
      now,
    ),
  );
  return { mother, father };
}
