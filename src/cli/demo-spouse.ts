import type { Db } from "../db/client.js";

/** A demo person as the search below reads them. */
type Person = {
  personalNumber: string;
  fullName: string;
  sex: "M" | "F";
  birthDate: string;
  householdId: string;
  communeCode: string;
  provinceCode: string;
};

const age = (birthDate: string, on: Date) => (on.getTime() - Date.parse(birthDate)) / (365.25 * 86_400_000);

/**
 * A married woman living apart from her husband's household (issue 14, "chuyển hộ khẩu về nhà
 * chồng"): a woman aged 20-40 who heads a household alone and a man aged 22-45 who is a son
 * ("con") in a household headed by someone else, in another commune of the same province, neither
 * with a marriage on record, are recorded as married in the civil-status register (one record
 * filed under each spouse, registered 30 days before `now`). She may then register into his
 * household as "con dâu" from the permanent residence form; its head (returned: `head`) consents. `except`: a
 * person not to pick (the parents living apart of the birth group's demo). Reads households and
 * persons in separate statements (distributed apart). Null when the population has no such pair
 * or the marriage was recorded already.
 */
export async function recordDemoSpouseApart(
  db: Db,
  now: Date,
  except: readonly string[] = [],
): Promise<{ wife: Person; husband: Person; head: { personalNumber: string; fullName: string } } | null> {
  const done = await db.query(
    "select 1 from civil_status_records where registration_number like 'KH-DEMO-%' limit 1",
  );
  if (done.rows.length > 0) return null;
  const { rows: households } = await db.query<{
    id: string;
    head: string;
    commune: string;
    province: string;
  }>(
    `select id, head_number as head, commune_code as commune, province_code as province from households
     order by id limit 600`,
  );
  const { rows: persons } = await db.query<Omit<Person, "communeCode" | "provinceCode"> & { rel: string }>(
    `select p.personal_number as "personalNumber", p.full_name as "fullName", p.sex, p.birth_date::text as "birthDate",
       p.household_id as "householdId", p.relationship_to_head as rel
     from persons p where p.household_id = any($1::text[]) and p.deceased_on is null
       and not exists (select 1 from civil_status_records c
                       where c.personal_number = p.personal_number and c.kind = 'marriage')
     order by p.personal_number`,
    [households.map((h) => h.id)],
  );
  const placed = persons.flatMap((p) => {
    const h = households.find((x) => x.id === p.householdId);
    const n = p.personalNumber.trim();
    return h && !except.includes(n)
      ? [{ ...p, personalNumber: n, communeCode: h.commune, provinceCode: h.province, head: h.head.trim() }]
      : [];
  });
  const alone = (p: (typeof placed)[number]) =>
    p.head === p.personalNumber && !placed.some((o) => o.householdId === p.householdId && o !== p);
  const wife = placed.find(
    (p) => p.sex === "F" && alone(p) && age(p.birthDate, now) >= 20 && age(p.birthDate, now) <= 40,
  );
  const husband =
    wife &&
    placed.find(
      (p) =>
        p.sex === "M" &&
        p.rel === "con" &&
        p.head !== p.personalNumber &&
        p.provinceCode === wife.provinceCode &&
        p.communeCode !== wife.communeCode &&
        age(p.birthDate, now) >= 22 &&
        age(p.birthDate, now) <= 45,
    );
  if (!wife || !husband) return null;
  const registeredOn = new Date(now.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
  await db.tx(async (q) => {
    for (const filedUnder of [husband.personalNumber, wife.personalNumber])
      await q.query(
        `insert into civil_status_records (personal_number, kind, registration_number, registered_on, province_code,
           commune_code, subject_number, spouse_number)
         values ($1, 'marriage', $2, $3, $4, $5, $6, $7)`,
        [
          filedUnder,
          `KH-DEMO-${husband.communeCode}-0001`,
          registeredOn,
          husband.provinceCode,
          husband.communeCode,
          husband.personalNumber,
          wife.personalNumber,
        ],
      );
  });
  // The head of the husband's household, who consents: named so that one may sign in as them.
  const heads = await db.query<{ fullName: string }>(
    `select full_name as "fullName" from persons where personal_number = $1`,
    [husband.head],
  );
  const head = { personalNumber: husband.head, fullName: heads.rows[0]?.fullName ?? "" };
  const shown = ({ rel: _r, head: _h, ...p }: (typeof placed)[number]): Person => p;
  return { wife: shown(wife), husband: shown(husband), head };
}
