import type { Queryable } from "../../db/client.js";
import { localDate } from "../../domain/calendar/index.js";

/** A death notice as a health facility or the commune sends it (`health.death_notice@1`). */
export type IncomingDeathNotice = {
  noticeId: string;
  provinceCode: string;
  communeCode: string;
  personalNumber: string;
  diedAt: Date;
  place: string;
  cause: string | null;
};

/** Who a kept death notice concerns: the deceased, and the household's living adults to tell. */
export type DeathNoticeKept = {
  deceasedName: string;
  /** The household's members aged 18 or more on the day of the death, alive, not the deceased. */
  adults: string[];
};

/** Full age (Bộ luật Dân sự 2015, Điều 20: người thành niên là người từ đủ mười tám tuổi trở lên). */
const ADULT_YEARS = 18;

/**
 * Keeps a death notice for prefill, filed under the household of the deceased ('none:<number>'
 * without one, migration 090). A notice already held (a redelivery, or one the demo seeded) is
 * left as it is. Returns the deceased's name and the household's living adults on the day of the
 * death; `undefined` when the person is unknown, already registered dead, or the notice is
 * already registered (nothing to offer).
 */
export async function recordDeathNotice(
  q: Queryable,
  n: IncomingDeathNotice,
): Promise<DeathNoticeKept | undefined> {
  const { rows } = await q.query<{ name: string; household: string | null; deceased: boolean }>(
    `select full_name as name, household_id as household, deceased_on is not null as deceased
     from persons where personal_number = $1`,
    [n.personalNumber],
  );
  const person = rows[0];
  if (!person || person.deceased) return undefined;
  const householdId = person.household ?? `none:${n.personalNumber}`;
  const kept = await q.query<{ registered: boolean }>(
    `insert into death_notices (household_id, id, province_code, commune_code, person_number, died_at, place, cause)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (household_id, id) do update set registered = death_notices.registered
     returning registered`,
    [householdId, n.noticeId, n.provinceCode, n.communeCode, n.personalNumber, n.diedAt, n.place, n.cause],
  );
  if (kept.rows[0]?.registered !== false) return undefined;
  if (!person.household) return { deceasedName: person.name, adults: [] };
  const members = await q.query<{ members: string[] }>(
    "select member_numbers as members from households where id = $1",
    [person.household],
  );
  const others = (members.rows[0]?.members ?? []).filter((pn) => pn !== n.personalNumber);
  if (others.length === 0) return { deceasedName: person.name, adults: [] };
  const day = localDate(n.diedAt);
  const adults = await q.query<{ pn: string }>(
    `select personal_number as pn from persons
     where personal_number = any($1::bpchar[]) and deceased_on is null
       and birth_date <= $2::date - make_interval(years => $3)
     order by personal_number`,
    [others, day, ADULT_YEARS],
  );
  return { deceasedName: person.name, adults: adults.rows.map((r) => r.pn) };
}
