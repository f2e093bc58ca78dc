/** Persons of the demo population worth signing in as: one per demo story. */
import type { Queryable } from "../../../db/client.js";
import { BIRTH_DATE_SQL } from "../repository.js";
import { todayInVietnam } from "./dates.js";

export type DemoAccount = {
  kind: "household_head" | "birth_notice_mother" | "death_notice_relative" | "single_adult" | "spouse_apart";
  personalNumber: string;
  fullName: string;
  birthDate: string;
  sex: "M" | "F";
  provinceCode: string;
  communeCode: string;
  /** What to try with this person, in Vietnamese and English. */
  note: string;
  /** The starter procedures this person can file now (their codes). */
  procedures: string[];
};

/**
 * Which starter procedures each demo story can file: between them, every starter procedure has a
 * citizen. The health-insurance card is for a child under 6 once the birth is registered.
 */
export const DEMO_PROCEDURES: Readonly<Record<DemoAccount["kind"], readonly string[]>> = {
  household_head: ["LOCAL.DK-TAM-TRU", "1.004222", "LOCAL.CHUNG-THUC-BAN-SAO"],
  birth_notice_mother: ["1.001193", "LOCAL.BHYT-TE"],
  death_notice_relative: ["LOCAL.KHAI-TU", "LOCAL.XOA-DKTT", "LOCAL.MAI-TANG-PHI", "LOCAL.TRO-CAP-TUAT"],
  single_adult: ["LOCAL.KET-HON", "LOCAL.XAC-NHAN-TTHN"],
  spouse_apart: ["1.004222"],
};

/** Open or finished dossiers holding a life event (LIFE_EVENT_RELEASED's complement), in one province. */
async function eventHeld(db: Queryable, provinceCode: string, key: string): Promise<boolean> {
  const { rows } = await db.query(
    `select 1 from dossiers where province_code = $1 and life_event_key = $2
     and status not in ('draft', 'withdrawn', 'rejected', 'refused') limit 1`,
    [provinceCode, key],
  );
  return rows.length > 0;
}

const PERSON = `p.personal_number as "personalNumber", p.full_name as "fullName", ${BIRTH_DATE_SQL("p")} as "birthDate",
  p.sex, p.province_code as "provinceCode", p.permanent_commune_code as "communeCode"`;
type PersonFields = Omit<DemoAccount, "kind" | "note" | "procedures">;

// Notice timestamps shown as Vietnamese dates whatever the session time zone.
const VN_DATE = (col: string) => `to_char((${col} at time zone 'UTC') + interval '7 hours', 'DD/MM/YYYY')`;

type Candidate = PersonFields & {
  adult: boolean;
  workingAge: boolean;
  alive: boolean;
  relationship: string | null;
};

/** These persons, each read on their own shard (persons are distributed by personal number). */
async function personsByNumber(
  db: Queryable,
  numbers: readonly string[],
  today: string,
): Promise<Map<string, Candidate>> {
  if (numbers.length === 0) return new Map();
  const { rows } = await db.query<Candidate>(
    `select ${PERSON}, p.deceased_on is null as alive, p.relationship_to_head as relationship,
       p.birth_date <= $2::date - interval '18 years' as adult,
       p.birth_date between $2::date - interval '55 years' and $2::date - interval '30 years' as "workingAge"
     from persons p where p.personal_number = any($1::bpchar[])`,
    [numbers, today],
  );
  return new Map(rows.map((r) => [r.personalNumber, r]));
}

const strip = ({ adult: _a, workingAge: _w, alive: _l, relationship: _r, ...p }: Candidate): PersonFields =>
  p;

/**
 * A head of household, a mother with an unregistered birth notice (birth group), and a relative
 * of someone who died recently without a death registration (death group): the head of the
 * household, or the spouse or eldest adult when the deceased is the head. Every statement is one
 * Citus can plan: households and persons are not joined in SQL (they are distributed apart).
 */
export async function findDemoAccounts(
  db: Queryable,
  provinceCode?: string,
  /** The day ages are counted on ('YYYY-MM-DD'); today in Vietnam by default. */
  today: string = todayInVietnam(),
): Promise<DemoAccount[]> {
  const province = provinceCode ?? null;
  const accounts: DemoAccount[] = [];
  // A head aged 30-55 with a child at home: households in id order, a page at a time.
  for (let after = ""; ; ) {
    const { rows: households } = await db.query<{ id: string; head: string; members: string[] }>(
      `select id, head_number as head, member_numbers as members from households
       where ($1::text is null or province_code = $1) and id > $2 order by id limit 200`,
      [province, after],
    );
    const persons = await personsByNumber(
      db,
      households.flatMap((h) => h.members),
      today,
    );
    const found = households.find((h) => {
      const head = persons.get(h.head);
      return head?.alive && head.workingAge && h.members.some((m) => persons.get(m)?.relationship === "con");
    });
    const head = found && persons.get(found.head);
    if (head) {
      accounts.push({
        ...strip(head),
        kind: "household_head",
        note: "chủ hộ gia đình / head of a household",
        procedures: [...DEMO_PROCEDURES.household_head],
      });
      break;
    }
    const last = households.at(-1);
    if (!last || households.length < 200) break;
    after = last.id;
  }
  // The notice is filed under each parent: the mother's copy joins her own row (one shard). A
  // notice already held by a submitted birth registration is no longer "waiting": skipped.
  const mothers = await db.query<PersonFields & { born: string; noticeId: string; noticeProvince: string }>(
    `select ${PERSON}, ${VN_DATE("n.birth_at")} as born, n.id as "noticeId", n.province_code as "noticeProvince"
     from birth_notices n
     join persons p on p.personal_number = n.personal_number
     where n.personal_number = n.mother_number and not n.registered and ($1::text is null or n.province_code = $1)
     order by n.id limit 20`,
    [province],
  );
  for (const { born, noticeId, noticeProvince, ...p } of mothers.rows) {
    if (await eventHeld(db, noticeProvince, `birth-notice:${noticeId}`)) continue;
    accounts.push({
      ...p,
      kind: "birth_notice_mother",
      note: `mẹ của bé sinh ngày ${born}, chưa đăng ký khai sinh / mother of a baby born ${born}, birth not yet registered`,
      procedures: [...DEMO_PROCEDURES.birth_notice_mother],
    });
    break;
  }
  // Death notices are filed under the household of the deceased: the household, then its members.
  const deaths = await db.query<{
    died: string;
    householdId: string;
    person: string;
    noticeProvince: string;
  }>(
    `select ${VN_DATE("n.died_at")} as died, n.household_id as "householdId", n.person_number as person,
       n.province_code as "noticeProvince"
     from death_notices n where not n.registered and ($1::text is null or n.province_code = $1)
     order by n.id limit 20`,
    [province],
  );
  for (const death of deaths.rows) {
    const { rows } = await db.query<{ head: string; members: string[] }>(
      "select head_number as head, member_numbers as members from households where id = $1",
      [death.householdId],
    );
    const household = rows[0];
    if (!household) continue;
    const persons = await personsByNumber(db, [...new Set([...household.members, death.person])], today);
    const deceased = persons.get(death.person);
    if (!deceased?.alive) continue; // already marked deceased: registered before
    if (await eventHeld(db, death.noticeProvince, `death:${death.person}`)) continue; // filed already
    const rank = (c: Candidate) =>
      c.personalNumber === household.head ? 0 : c.relationship === "vợ" || c.relationship === "chồng" ? 1 : 2;
    const relative = [...persons.values()]
      .filter((c) => c.personalNumber !== death.person && c.alive && c.adult)
      .sort((a, b) => rank(a) - rank(b) || a.birthDate.localeCompare(b.birthDate))[0];
    if (!relative) continue;
    accounts.push({
      ...strip(relative),
      kind: "death_notice_relative",
      note: `người thân của ${deceased.fullName}, mất ngày ${death.died}, chưa đăng ký khai tử / relative of ${deceased.fullName}, died ${death.died}, death not yet registered`,
      procedures: [...DEMO_PROCEDURES.death_notice_relative],
    });
    break;
  }
  // An unmarried adult aged 22-35 (no marriage in the civil-status registry, in no marriage
  // registration): civil-status records and marriage parties are filed under the person (colocated).
  const single = await db.query<Candidate>(
    `select ${PERSON}, true as alive, p.relationship_to_head as relationship, true as adult, false as "workingAge"
     from persons p
     where ($1::text is null or p.province_code = $1) and p.deceased_on is null
       and p.birth_date between $2::date - interval '35 years' and $2::date - interval '22 years'
       and not exists (select 1 from civil_status_records c
                       where c.personal_number = p.personal_number and c.kind = 'marriage')
       and not exists (select 1 from marriage_parties m where m.personal_number = p.personal_number)
     order by p.personal_number limit 1`,
    [province, today],
  );
  for (const p of single.rows) {
    accounts.push({
      ...strip(p),
      kind: "single_adult",
      note: "chưa kết hôn / not married",
      procedures: [...DEMO_PROCEDURES.single_adult],
    });
  }
  const apart = await spouseApart(db, province, today);
  if (apart) accounts.push(apart);
  return accounts;
}

/**
 * The demo's married woman living apart from her husband's household (src/cli/demo-spouse.ts: a
 * marriage numbered KH-DEMO-…), while she still lives apart: she may register into his household.
 */
async function spouseApart(
  db: Queryable,
  province: string | null,
  today: string,
): Promise<DemoAccount | undefined> {
  const { rows } = await db.query<{ wife: string; husband: string }>(
    `select spouse_number as wife, subject_number as husband from civil_status_records
     where kind = 'marriage' and registration_number like 'KH-DEMO-%' and personal_number = spouse_number
       and ($1::text is null or province_code = $1) order by registration_number limit 1`,
    [province],
  );
  const m = rows[0];
  if (!m) return undefined;
  const homes = await db.query<{ pn: string; hh: string | null }>(
    "select personal_number as pn, household_id as hh from persons where personal_number = any($1::bpchar[])",
    [[m.wife, m.husband]],
  );
  const hh = (n: string) => homes.rows.find((r) => r.pn.trim() === n.trim())?.hh ?? null;
  const wife = (await personsByNumber(db, [m.wife], today)).get(m.wife);
  const husband = (await personsByNumber(db, [m.husband], today)).get(m.husband);
  if (!wife?.alive || !husband || hh(m.wife) === null || hh(m.wife) === hh(m.husband)) return undefined;
  // The head of his household consents: named with their number, to sign in as them.
  const heads = await db.query<{ head: string }>("select head_number as head from households where id = $1", [
    hh(m.husband),
  ]);
  const headNumber = heads.rows[0]?.head.trim();
  const head = headNumber ? (await personsByNumber(db, [headNumber], today)).get(headNumber) : undefined;
  const consents = head
    ? {
        vi: `; chủ hộ nhà chồng ${head.fullName} (${headNumber}) đăng nhập để đồng ý`,
        en: `; the head of his household, ${head.fullName} (${headNumber}), signs in to consent`,
      }
    : { vi: "", en: "" };
  return {
    ...strip(wife),
    kind: "spouse_apart",
    note: `đã kết hôn với ${husband.fullName}, chưa nhập hộ khẩu về nhà chồng: hỏi trợ lý ảo "chuyển hộ khẩu về nhà chồng"${consents.vi} / married to ${husband.fullName}, not yet in his household: ask the assistant "chuyển hộ khẩu về nhà chồng"${consents.en}`,
    procedures: [...DEMO_PROCEDURES.spouse_apart],
  };
}
