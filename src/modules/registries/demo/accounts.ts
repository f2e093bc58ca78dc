/** Persons of the demo population worth signing in as: one per demo story. */
import type { Queryable } from "../../../db/client.js";
import { BIRTH_DATE_SQL } from "../repository.js";
import { todayInVietnam } from "./dates.js";

export type DemoAccount = {
  kind: "household_head" | "birth_notice_mother" | "death_notice_relative";
  personalNumber: string;
  fullName: string;
  birthDate: string;
  sex: "M" | "F";
  provinceCode: string;
  communeCode: string;
  /** What to try with this person, in Vietnamese and English. */
  note: string;
};

const PERSON = `p.personal_number as "personalNumber", p.full_name as "fullName", ${BIRTH_DATE_SQL("p")} as "birthDate",
  p.sex, p.province_code as "provinceCode", p.permanent_commune_code as "communeCode"`;
type PersonFields = Omit<DemoAccount, "kind" | "note">;

// Notice timestamps shown as Vietnamese dates whatever the session time zone.
const VN_DATE = (col: string) => `to_char((${col} at time zone 'UTC') + interval '7 hours', 'DD/MM/YYYY')`;

/**
 * A head of household, a mother with an unregistered birth notice (birth group), and a relative
 * of someone who died recently without a death registration (death group): the head of the
 * household, or the spouse or eldest adult when the deceased is the head.
 */
export async function findDemoAccounts(
  db: Queryable,
  provinceCode?: string,
  /** The day ages are counted on ('YYYY-MM-DD'); today in Vietnam by default. */
  today: string = todayInVietnam(),
): Promise<DemoAccount[]> {
  const province = provinceCode ?? null;
  const accounts: DemoAccount[] = [];
  const head = await db.query<PersonFields>(
    `select ${PERSON} from households h join persons p on p.personal_number = h.head_number
     where ($1::text is null or h.province_code = $1) and p.deceased_on is null
       and p.birth_date between $2::date - interval '55 years' and $2::date - interval '30 years'
       and exists (select 1 from persons c where c.household_id = h.id and c.relationship_to_head = 'con')
     order by h.id limit 1`,
    [province, today],
  );
  for (const p of head.rows) {
    accounts.push({ ...p, kind: "household_head", note: "chủ hộ gia đình / head of a household" });
  }
  const mother = await db.query<PersonFields & { born: string }>(
    `select ${PERSON}, ${VN_DATE("n.birth_at")} as born from birth_notices n
     join persons p on p.personal_number = n.mother_number
     where not n.registered and ($1::text is null or n.province_code = $1)
     order by n.id limit 1`,
    [province],
  );
  for (const { born, ...p } of mother.rows) {
    accounts.push({
      ...p,
      kind: "birth_notice_mother",
      note: `mẹ của bé sinh ngày ${born}, chưa đăng ký khai sinh / mother of a baby born ${born}, birth not yet registered`,
    });
  }
  const relative = await db.query<PersonFields & { deceasedName: string; died: string }>(
    `select ${PERSON}, d.full_name as "deceasedName", ${VN_DATE("n.died_at")} as died
     from death_notices n
     join persons d on d.personal_number = n.person_number
     join households h on h.id = d.household_id
     join lateral (
       select * from persons r
       where r.household_id = h.id and r.personal_number <> d.personal_number and r.deceased_on is null
         and r.birth_date <= $2::date - interval '18 years'
       order by (r.personal_number = h.head_number) desc, (r.relationship_to_head in ('vợ', 'chồng')) desc, r.birth_date
       limit 1
     ) p on true
     where not n.registered and d.deceased_on is null and ($1::text is null or n.province_code = $1)
     order by n.id limit 1`,
    [province, today],
  );
  for (const { deceasedName, died, ...p } of relative.rows) {
    accounts.push({
      ...p,
      kind: "death_notice_relative",
      note: `người thân của ${deceasedName}, mất ngày ${died}, chưa đăng ký khai tử / relative of ${deceasedName}, died ${died}, death not yet registered`,
    });
  }
  return accounts;
}
