import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/db/client.js";
import { listMigrations, migrate } from "../src/db/migrate.js";
import { loadUnits } from "../src/modules/units/index.js";
import { createTestDatabase, engine, type TestDatabase } from "./helpers/db.js";

/**
 * Migration 060 on a database with dossiers filed before it: the first open or finished dossier
 * of each life event takes the key, later duplicates and closed dossiers do not, so the unique
 * index can be built and the next duplicate submit is refused. Migration 091 then files each
 * party of an open or finished marriage registration under the first one naming them.
 */
let tdb: TestDatabase;
let db: Db;
beforeAll(async () => {
  tdb = await createTestDatabase();
  db = await tdb.open();
  await migrate(
    db,
    listMigrations().filter((m) => m.version < "060"),
  );
  await loadUnits(db);
});
afterAll(async () => {
  await db?.close();
  await tdb?.dispose();
});

const dossier = (n: number, procedureCode: string, status: string, form: object, components: object) =>
  db.query(
    `insert into dossiers (id, code, procedure_code, procedure_version, province_code, commune_code, agency_code,
       applicant_number, created_by_kind, created_by, channel, status, form, components, submitted_at)
     values ($1, $2, $3, 1, '48', '20194', 'UB.20194.H48', '048188000102', 'citizen', '048188000102', 'online', $4, $5, $6,
       timestamptz '2026-07-01T01:00:00Z' + $7 * interval '1 minute')`,
    [
      `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
      `UB.20194.H48-260701-${String(n).padStart(4, "0")}`,
      procedureCode,
      status,
      JSON.stringify(form),
      JSON.stringify(components),
      n,
    ],
  );

describe(`migration 060 keys the dossiers already filed (${engine})`, () => {
  it("the first of seven birth registrations for one notice holds it; withdrawn and later ones do not", async () => {
    const notice = { birthCertificate: { replaced: true, ref: "GCS-0001" } };
    await dossier(1, "1.001193", "withdrawn", {}, notice);
    for (let n = 2; n <= 8; n++)
      await dossier(n, "1.001193", n === 2 ? "result_issued" : "submitted", {}, notice);
    await dossier(
      9,
      "LOCAL.KET-HON",
      "received",
      {
        "applicant.personalNumber": "049090000201",
        "partner.personalNumber": "048092000301",
      },
      {},
    );
    await dossier(10, "LOCAL.MAI-TANG-PHI", "approved", { "deceased.personalNumber": "048040000104" }, {});
    expect(
      await migrate(
        db,
        listMigrations().filter((m) => m.version.startsWith("060_")),
      ),
    ).toEqual(["060_life_event_key"]);
    const { rows } = await db.query<{ code: string; life_event_key: string | null }>(
      "select code, life_event_key from dossiers where life_event_key is not null order by code",
    );
    expect(rows).toEqual([
      { code: "UB.20194.H48-260701-0002", life_event_key: "birth-notice:GCS-0001" },
      { code: "UB.20194.H48-260701-0009", life_event_key: "marriage:048092000301:049090000201" },
      { code: "UB.20194.H48-260701-0010", life_event_key: "death:048040000104" },
    ]);
  });

  it("migration 091 files each party of an open or finished marriage under the first registration naming them", async () => {
    await migrate(
      db,
      listMigrations().filter((m) => m.version < "091"),
    );
    // Filed after no. 9 with one of its parties (a second marriage the rule now refuses), and a
    // withdrawn one that holds nobody.
    const later = [
      [11, "submitted", "marriage:048092000301:048195000501"],
      [12, "withdrawn", "marriage:001080000401:049190000301"],
    ] as const;
    for (const [n, status, key] of later) {
      await dossier(n, "LOCAL.KET-HON", status, {}, {});
      await db.query("update dossiers set life_event_key = $2 where province_code = '48' and id = $1", [
        `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
        key,
      ]);
    }
    expect(
      await migrate(
        db,
        listMigrations().filter((m) => m.version.startsWith("091_")),
      ),
    ).toEqual(["091_marriage_parties_and_rule_fingerprints"]);
    const { rows } = await db.query<{ personal_number: string; code: string }>(
      `select m.personal_number, d.code from marriage_parties m
       join dossiers d on d.province_code = m.province_code and d.id = m.dossier_id order by 1`,
    );
    expect(rows).toEqual([
      { personal_number: "048092000301", code: "UB.20194.H48-260701-0009" },
      { personal_number: "048195000501", code: "UB.20194.H48-260701-0011" },
      { personal_number: "049090000201", code: "UB.20194.H48-260701-0009" },
    ]);
  });
});
