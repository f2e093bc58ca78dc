import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/db/client.js";
import { checkPersonalNumber } from "../src/domain/personal-number.js";
import { readForPrefill } from "../src/modules/exchange/index.js";
import { applyBirthRegistered, applyDeathRegistered } from "../src/modules/registries/index.js";
import { createReadyDatabase, engine, type TestDatabase } from "./helpers/db.js";
import { A, insertFixtures, people } from "./helpers/fixtures.js";

let tdb: TestDatabase;
let db: Db;
beforeAll(async () => {
  ({ tdb, db } = await createReadyDatabase());
  await insertFixtures(db);
});
afterAll(async () => {
  await db?.close();
  await tdb?.dispose();
});

const AT = new Date("2026-11-10T02:00:00Z");
const birth = {
  registrationNumber: "KS-20194-2026-0042",
  registeredOn: "2026-11-10",
  communeCode: A.commune,
  child: { fullName: "Nguyễn Thị Mai", birthDate: "2026-11-01", sex: "F" as const, placeOfBirth: "Đà Nẵng" },
  motherNumber: people.mother.pn,
  fatherNumber: people.father.pn,
  birthNoticeId: "GCS-TEST-0001",
};
const prov = { dossierCode: "H48.20194-261110-0001", messageId: "m-1", at: AT };

describe(`registry write-back (${engine})`, () => {
  let childNumber = "";

  it("a registered birth gives the child a valid new personal number, parents, the mother's household and a birth record", async () => {
    const r = await db.tx((q) => applyBirthRegistered(q, birth, prov));
    expect(r.applied).toBe(true);
    if (!r.applied) return;
    childNumber = r.personalNumber;
    // Da Nang's personal-number code (048), a girl born in the 21st century (3), 2026 (26), serial 1.
    expect(childNumber).toBe("048326000001");
    expect(checkPersonalNumber(childNumber, { birthYear: 2026, sex: "F" }).ok).toBe(true);
    const { rows } = await db.query<Record<string, string>>(
      `select full_name, mother_number, father_number, household_id, relationship_to_head, birth_date::text as birth
       from persons where personal_number = $1`,
      [childNumber],
    );
    expect(rows[0]).toEqual({
      full_name: "Nguyễn Thị Mai",
      mother_number: people.mother.pn,
      father_number: people.father.pn,
      household_id: "HA-1",
      relationship_to_head: "con",
      birth: "2026-11-01",
    });
    const record = await db.query<{ details: { provenance: { dossierCode: string } } }>(
      "select details from civil_status_records where personal_number = $1 and kind = 'birth'",
      [childNumber],
    );
    expect(record.rows[0]?.details.provenance.dossierCode).toBe(prov.dossierCode);
    const notices = await db.query<{ registered: boolean; by: string }>(
      `select registered, registered_by_dossier as by from birth_notices
       where personal_number in ($1, $2) and id = 'GCS-TEST-0001'`,
      [people.mother.pn, people.father.pn],
    );
    expect(notices.rows).toEqual([
      { registered: true, by: prov.dossierCode },
      { registered: true, by: prov.dossierCode },
    ]);
  });

  it("applying the same birth again changes nothing", async () => {
    const count = async () =>
      (
        await db.query<{ n: number }>(
          "select count(*)::int as n from persons where mother_number = $1 and personal_number like '048326%'",
          [people.mother.pn],
        )
      ).rows[0]?.n;
    const before = await count();
    const r = await db.tx((q) => applyBirthRegistered(q, birth, { ...prov, messageId: "m-2" }));
    expect(r).toEqual({ applied: false, reason: "ALREADY_REGISTERED" });
    expect(await count()).toBe(before);
  });

  it("a second child of the same prefix gets the next serial, not a collision", async () => {
    const twin = { ...birth, registrationNumber: "KS-20194-2026-0043", birthNoticeId: null };
    const sent: string[] = [];
    const stop = db.observe((sql) => sent.push(sql));
    const r = await db.tx((q) =>
      applyBirthRegistered(q, { ...twin, child: { ...twin.child, fullName: "Nguyễn Thị Lan" } }, prov),
    );
    stop();
    expect(r.applied && r.personalNumber).toBe("048326000002");
    // The prefix's counter row exists: the serial comes from it alone, without reading the highest
    // serial held over every shard.
    expect(sent.filter((s) => /max\(substr\(personal_number/.test(s))).toEqual([]);
  });

  it("a prefix's first birth starts past the highest number already held (seeded or imported)", async () => {
    // A boy of 2026 in Da Nang: prefix 048226. One such number was seeded before any birth.
    await db.query(
      `insert into persons select (jsonb_populate_record(null::persons, to_jsonb(p) || jsonb_build_object(
         'personal_number', '048226000041', 'full_name', 'Trần Văn Mẫu', 'search_name', 'tran van mau',
         'birth_date', '2026-01-02', 'sex', 'M', 'household_id', null, 'mother_number', null,
         'father_number', null))).*
       from persons p where personal_number = $1`,
      [people.mother.pn],
    );
    const boy = {
      ...birth,
      registrationNumber: "KS-20194-2026-0044",
      birthNoticeId: null,
      child: { ...birth.child, fullName: "Nguyễn Văn An", sex: "M" as const },
    };
    const r = await db.tx((q) => applyBirthRegistered(q, boy, prov));
    expect(r.applied && r.personalNumber).toBe("048226000042");
    const again = await db.tx((q) =>
      applyBirthRegistered(
        q,
        {
          ...boy,
          registrationNumber: "KS-20194-2026-0045",
          child: { ...boy.child, fullName: "Nguyễn Văn Bình" },
        },
        prov,
      ),
    );
    expect(again.applied && again.personalNumber).toBe("048226000043");
  });

  // Mother Kinh, father Tày: the parents chose the child's ethnicity on the form (Bộ luật Dân sự
  // 2015 Điều 29 khoản 2); a message without it (sent before it carried one) keeps the mother's.
  it.each([
    ["the form says Tày", "Tày", "Tày"],
    ["the form says Kinh", "Kinh", "Kinh"],
    ["the form's value is omitted (an earlier message)", undefined, "Kinh"],
  ])("child's ethnicity: %s → the registry records %s", async (_name, chosen, recorded) => {
    await db.query("update persons set ethnicity = 'Tày' where personal_number = $1", [people.father.pn]);
    const serial = (await db.query<{ n: number }>("select count(*)::int as n from persons")).rows[0]?.n;
    const child = { ...birth.child, fullName: `Nguyễn Thị Dân Tộc ${serial}` };
    const r = await db.tx((q) =>
      applyBirthRegistered(
        q,
        {
          ...birth,
          registrationNumber: `KS-20194-2026-E${serial}`,
          birthNoticeId: null,
          child: chosen === undefined ? child : { ...child, ethnicity: chosen },
        },
        prov,
      ),
    );
    expect(r.applied).toBe(true);
    const { rows } = await db.query<{ ethnicity: string }>(
      "select ethnicity from persons where personal_number = $1",
      [r.applied ? r.personalNumber : ""],
    );
    expect(rows[0]?.ethnicity).toBe(recorded);
  });

  it("a registered death makes the person deceased as of the date of death, once", async () => {
    const death = {
      personalNumber: people.father.pn,
      dateOfDeath: "2026-11-05",
      registrationNumber: "KT-20194-2026-0007",
      registeredOn: "2026-11-09",
      communeCode: A.commune,
    };
    expect(await db.tx((q) => applyDeathRegistered(q, death, prov))).toEqual({ applied: true });
    expect(await db.tx((q) => applyDeathRegistered(q, death, prov))).toEqual({ applied: false });
    const { rows } = await db.query<{ d: string }>(
      "select deceased_on::text as d from persons where personal_number = $1",
      [people.father.pn],
    );
    expect(rows[0]?.d).toBe("2026-11-05");
    // The widow's forms no longer offer him as her living spouse.
    const principal = {
      kind: "citizen" as const,
      id: "c-1",
      personalNumber: people.mother.pn,
      name: people.mother.name,
    };
    // A form that reuses the spouse asks for the spouse's record (prefill reads only what a form reuses).
    const { sources } = await readForPrefill(db, { principal, purpose: "prefill" }, people.mother.pn, {
      needs: ["spouse"],
      fields: {},
    });
    expect(sources.spouse).toBeUndefined();
  });

  it("the child's own prefill reads the new personal number from the population registry", async () => {
    const principal = {
      kind: "citizen" as const,
      id: "c-2",
      personalNumber: childNumber,
      name: "Nguyễn Thị Mai",
    };
    const { sources } = await readForPrefill(db, { principal, purpose: "prefill" }, childNumber, {
      needs: [],
      fields: { applicant: ["fullName"] },
    });
    expect(sources.applicant).toMatchObject({
      personalNumber: childNumber,
      fullName: "Nguyễn Thị Mai",
      householdId: "HA-1",
    });
  });
});
