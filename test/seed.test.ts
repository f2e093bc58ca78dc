import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/db/client.js";
import { checkPersonalNumber } from "../src/domain/personal-number.js";
import { STARTER_CATALOGUE } from "../src/modules/catalog/index.js";
import {
  BIRTH_DATE_SQL,
  findDemoAccounts,
  findPerson,
  PROVINCE_CODES,
  registeredMaritalStatus,
  type SeedOptions,
  SLOT_SIZE,
  seedPopulation,
} from "../src/modules/registries/index.js";
import { createReadyDatabase, engine, type TestDatabase } from "./helpers/db.js";

let tdb: TestDatabase;
let db: Db;
beforeAll(async () => {
  ({ tdb, db } = await createReadyDatabase());
});
afterAll(async () => {
  await db.close();
  await tdb.dispose();
});

const FIRST: SeedOptions = {
  citizens: 3_000,
  provinces: ["48", "01"],
  communesPerProvince: 2,
  batchPersons: 1_000,
  referenceDate: "2026-03-01",
};

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from (${sql}) t`, params);
  return rows[0]?.n ?? -1;
}

/** Referential consistency of everything seeded, whatever was interrupted. */
async function expectConsistent(): Promise<void> {
  const problems = {
    householdsWithoutHead: `select 1 from households h where not exists
      (select 1 from persons p where p.personal_number = h.head_number and p.household_id = h.id
         and p.relationship_to_head = 'chủ hộ')`,
    personsWithoutHousehold:
      "select 1 from persons p left join households h on h.id = p.household_id where h.id is null",
    childrenWithoutMother: `select 1 from persons c where c.mother_number is not null
      and not exists (select 1 from persons m where m.personal_number = c.mother_number)`,
    noticesWithoutMother: `select 1 from birth_notices n
      where not exists (select 1 from persons m where m.personal_number = n.mother_number)`,
    deathNoticesWithoutPerson: `select 1 from death_notices n
      where not exists (select 1 from persons p where p.personal_number = n.person_number)`,
    cardsWithoutPerson: `select 1 from health_insurance_cards c
      where not exists (select 1 from persons p where p.personal_number = c.personal_number)`,
    recordsWithoutPerson: `select 1 from civil_status_records r
      where not exists (select 1 from persons p where p.personal_number = r.subject_number)`,
    // Migration 090: a fact is filed under each person it names, a household lists its members.
    recordsNotFiledUnderThem: `select 1 from civil_status_records r
      where r.personal_number is distinct from r.subject_number and r.personal_number is distinct from r.spouse_number`,
    // A marriage is filed under each spouse the register names by number (one, when it names none).
    marriagesFiledOnce: `select registration_number from civil_status_records where kind = 'marriage'
      group by registration_number having count(*) <> 1 + max(case when spouse_number is null then 0 else 1 end)`,
    noticesNotFiledUnderParents: `select id from birth_notices group by id
      having count(*) <> count(distinct personal_number)
        or count(*) <> case when bool_or(father_number is not null) then 2 else 1 end
        or bool_or(personal_number not in (mother_number, coalesce(father_number, mother_number)))`,
    membersNotListed: `select 1 from persons p join households h on h.id = p.household_id
      where not p.personal_number = any(h.member_numbers)`,
    deathNoticesNotUnderHousehold: `select 1 from death_notices n join persons p on p.personal_number = n.person_number
      where n.household_id is distinct from p.household_id`,
    listedNotMembers: `select 1 from households h cross join unnest(h.member_numbers) m
      where not exists (select 1 from persons p where p.personal_number = m and p.household_id = h.id)`,
  };
  for (const [name, sql] of Object.entries(problems)) expect(await count(sql), name).toBe(0);
}

describe(`demo population seed on ${engine}`, () => {
  it("seeds 3,000 persons in two provinces with their households and registry facts", async () => {
    const progress: number[] = [];
    const r = await seedPopulation(db, { ...FIRST, onProgress: (done) => progress.push(done) });
    expect(r).toMatchObject({
      runId: "pop:01,48:n=3000:seed=1:c=2:b=1000",
      persons: 3_000,
      resumed: false,
      skipped: false,
    });
    expect(progress).toEqual([0, 1_000, 1_500, 2_500, 3_000]);
    const { rows } = await db.query<{ province_code: string; persons: number; communes: number }>(
      `select province_code, count(*)::int as persons, count(distinct permanent_commune_code)::int as communes
       from persons group by 1 order by 1`,
    );
    expect(rows).toEqual([
      { province_code: "01", persons: 1_500, communes: 2 },
      { province_code: "48", persons: 1_500, communes: 2 },
    ]);
    expect(await count("select 1 from households")).toBe(r.households);
    const run = await db.query<{
      batches_total: number;
      batches_done: number;
      persons_done: number;
      finished: boolean;
    }>(
      "select batches_total, batches_done, persons_done, finished_at is not null as finished from seed_runs where id = $1",
      [r.runId],
    );
    expect(run.rows).toEqual([{ batches_total: 4, batches_done: 4, persons_done: 3_000, finished: true }]);
    for (const table of ["civil_status_records", "health_insurance_cards", "birth_notices"]) {
      expect(await count(`select 1 from ${table}`), table).toBeGreaterThan(0);
    }
    await expectConsistent();
  });

  it("skips a finished run", async () => {
    const r = await seedPopulation(db, FIRST);
    expect(r).toMatchObject({ persons: 3_000, skipped: true, resumed: false });
    expect(r.households).toBe(await count("select 1 from households"));
    expect(await count("select 1 from persons")).toBe(3_000);
  });

  it("stores valid personal numbers, each province in its own slot of digits 7-12", async () => {
    const { rows } = await db.query<{
      personal_number: string;
      birth_date: string;
      sex: "M" | "F";
      province_code: string;
    }>("select personal_number, birth_date, sex, province_code from persons");
    for (const p of rows) {
      expect(
        checkPersonalNumber(p.personal_number, { birthYear: Number(p.birth_date.slice(0, 4)), sex: p.sex })
          .ok,
      ).toBe(true);
      expect(Math.floor(Number(p.personal_number.slice(6)) / SLOT_SIZE)).toBe(
        PROVINCE_CODES.indexOf(p.province_code),
      );
    }
    expect(
      await count("select personal_number from persons group by 1 having count(distinct province_code) > 1"),
    ).toBe(0);
  });

  it("keeps partial dates of birth: the first day of what is known, read back as the registry knows it", async () => {
    const { rows } = await db.query<{ precision: string; n: number; wrong: number }>(
      `select birth_date_precision as precision, count(*)::int as n,
         count(*) filter (where (birth_date_precision = 'year' and to_char(birth_date, 'MM-DD') <> '01-01')
           or (birth_date_precision = 'month' and to_char(birth_date, 'DD') <> '01'))::int as wrong
       from persons group by 1 order by 1`,
    );
    expect(rows.map((r) => r.precision)).toEqual(["day", "month", "year"]);
    expect(rows.every((r) => r.wrong === 0)).toBe(true);
    const { rows: read } = await db.query<{ precision: string; birthDate: string }>(
      `select p.birth_date_precision as precision, ${BIRTH_DATE_SQL("p")} as "birthDate" from persons p
       where p.birth_date_precision <> 'day' limit 50`,
    );
    for (const r of read) expect(r.birthDate).toMatch(r.precision === "year" ? /^\d{4}$/ : /^\d{4}-\d{2}$/);
    const person = await findPerson(
      db,
      (
        await db.query<{ n: string }>(
          "select personal_number as n from persons where birth_date_precision = 'year' limit 1",
        )
      ).rows[0]?.n ?? "",
    );
    expect(person?.birthDate).toMatch(/^\d{4}$/);
    // The database refuses a year-only date that is not a 1 January.
    await expect(
      db.query("update persons set birth_date = '1950-07-14' where birth_date_precision = 'year'"),
    ).rejects.toThrow();
  });

  it("refuses a different run on a province that already has persons", async () => {
    await expect(seedPopulation(db, { ...FIRST, seed: 2 })).rejects.toThrow(
      /already have persons.*pop:01,48/,
    );
    await expect(seedPopulation(db, { citizens: 100, provinces: ["48"] })).rejects.toThrow(
      /Province\(s\) 48 already/,
    );
    expect(await count("select 1 from seed_runs")).toBe(1);
    expect(await count("select 1 from persons")).toBe(3_000);
  });

  it("resumes an interrupted run without duplicates and finishes it", async () => {
    const opts: SeedOptions = {
      citizens: 2_500,
      provinces: ["92"],
      communesPerProvince: 3,
      batchPersons: 1_000,
    };
    await expect(
      seedPopulation(db, {
        ...opts,
        onProgress: (done) => {
          if (done >= 1_000) throw new Error("simulated crash");
        },
      }),
    ).rejects.toThrow("simulated crash");
    expect(await count("select 1 from persons where province_code = '92'")).toBe(1_000);
    await expectConsistent();
    const r = await seedPopulation(db, opts);
    expect(r).toMatchObject({ persons: 2_500, resumed: true, skipped: false });
    expect(await count("select 1 from persons where province_code = '92'")).toBe(2_500);
    expect(await count("select 1 from households where province_code = '92'")).toBe(r.households);
    await expectConsistent();
  });

  it.each([
    [{ citizens: 0, provinces: ["48"] }, /citizens must be a positive integer/],
    [{ citizens: 1.5, provinces: ["48"] }, /citizens must be a positive integer/],
    [{ citizens: 10, provinces: ["99"] }, /Unknown province code\(s\): 99/],
    [{ citizens: 10, provinces: [] }, /Unknown province code/],
    [{ citizens: 10, provinces: ["33"], communesPerProvince: 0 }, /communesPerProvince must be/],
    [{ citizens: 10, provinces: ["33"], referenceDate: "2026-02-30" }, /Not a calendar date/],
  ] as [SeedOptions, RegExp][])("rejects invalid options %o", async (opts, message) => {
    await expect(seedPopulation(db, opts)).rejects.toThrow(message);
  });

  it("seeds divorced and widowed persons: the end of their marriage is in the register, under each spouse", async () => {
    const ends = await db.query<{ cause: string; n: number; whole: boolean }>(
      `select end_cause as cause, count(distinct registration_number)::int as n,
         bool_and((select count(*) from civil_status_records o where o.registration_number = r.registration_number
                     and o.ended_on is not distinct from r.ended_on) = 1 + (r.spouse_number is not null)::int) as whole
       from civil_status_records r where kind = 'marriage' and ended_on is not null group by end_cause order by 1`,
    );
    expect(ends.rows.map((r) => r.cause)).toEqual(["divorce", "spouse_death"]);
    for (const r of ends.rows) expect(r.n).toBeGreaterThan(0);
    expect(ends.rows.every((r) => r.whole)).toBe(true);
    // The one reader of marriages says so of a living divorced and a living widowed person.
    for (const [cause, status] of [
      ["divorce", "divorced"],
      ["spouse_death", "widowed"],
    ]) {
      const { rows } = await db.query<{ pn: string }>(
        `select r.personal_number as pn from civil_status_records r join persons p on p.personal_number = r.personal_number
         where r.kind = 'marriage' and r.end_cause = $1 and p.deceased_on is null
           and not exists (select 1 from civil_status_records o where o.personal_number = r.personal_number
                             and o.kind = 'marriage' and o.registered_on > r.registered_on)
         order by 1 limit 1`,
        [cause],
      );
      expect((await registeredMaritalStatus(db, rows[0]?.pn ?? "")).status).toBe(status);
    }
  });

  it("finds demo accounts for the four stories, a citizen for each starter procedure", async () => {
    const accounts = await findDemoAccounts(db, "48", FIRST.referenceDate);
    expect(accounts.map((a) => a.kind)).toEqual([
      "household_head",
      "birth_notice_mother",
      "death_notice_relative",
      "single_adult",
    ]);
    expect(accounts.flatMap((a) => a.procedures).sort()).toEqual(STARTER_CATALOGUE.map((p) => p.code).sort());
    const single = accounts[3]?.personalNumber;
    expect(
      await count("select 1 from civil_status_records where personal_number = $1 and kind = 'marriage'", [
        single,
      ]),
    ).toBe(0);
    for (const a of accounts) {
      expect(a.provinceCode).toBe("48");
      expect(
        await count("select 1 from persons where personal_number = $1 and full_name = $2", [
          a.personalNumber,
          a.fullName,
        ]),
      ).toBe(1);
    }
    expect(
      await count(
        "select 1 from birth_notices where personal_number = $1 and mother_number = $1 and not registered",
        [accounts[1]?.personalNumber],
      ),
    ).toBe(1);
    expect(await findDemoAccounts(db, undefined, FIRST.referenceDate)).toHaveLength(4);
  });

  it("a relative whose death was filed already is no longer named, whichever province the list is for", async () => {
    const before = (await findDemoAccounts(db, undefined, FIRST.referenceDate)).find(
      (a) => a.kind === "death_notice_relative",
    );
    expect(before).toBeDefined();
    const { rows } = await db.query<{ person: string; province: string }>(
      `select n.person_number as person, n.province_code as province from death_notices n
       join households h on h.id = n.household_id
       where not n.registered and $1 = any(h.member_numbers) order by n.id limit 1`,
      [before?.personalNumber],
    );
    const notice = rows[0];
    expect(notice).toBeDefined();
    await db.query(
      `insert into dossiers (id, code, procedure_code, procedure_version, province_code, commune_code, agency_code,
         applicant_number, created_by_kind, created_by, channel, status, form, components, submitted_at, life_event_key)
       values ('${notice?.province}000000-0000-4000-8000-000000000001', 'UB.20194.H48-261201-0001', 'LOCAL.KHAI-TU', 1, $1,
         '20194', 'UB.20194.H48', $2, 'citizen', $4, 'online', 'submitted', '{}', '{}', now(), $3)`,
      [notice?.province, before?.personalNumber, `death:${notice?.person}`, before?.personalNumber],
    );
    for (const province of [undefined, notice?.province]) {
      const after = (await findDemoAccounts(db, province, FIRST.referenceDate)).find(
        (a) => a.kind === "death_notice_relative",
      );
      expect(after?.personalNumber).not.toBe(before?.personalNumber);
    }
    await db.query("delete from dossiers where life_event_key = $1", [`death:${notice?.person}`]);
  });
});
