import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../src/db/migrate.js";
import type { OpenKpis } from "../src/domain/api/kpis.js";
import {
  dailySnapshot,
  kpiDrill,
  kpiFigures,
  kpiTable,
  monthlySnapshot,
} from "../src/modules/metrics/index.js";
import { createTestDatabase, engine, type TestDatabase } from "./helpers/db.js";
import { historyLine, PROVINCE_LEADER_48, rollupSnapshots, runCli, type Spec } from "./helpers/history.js";

/**
 * KPI figures per agency (issue 13: "per commune, province, procedure, agency and the nation"):
 * dossiers of three agencies and one code of a sector the platform does not know, imported through `npm run import`;
 * each figure narrowed to an agency counts exactly that agency's dossiers at the commune, the
 * province and the nation; the drill-down lists them; the rebuild gives the same rows.
 * Times: local, Monday 2026-10-05; received 08:00, due 17:00.
 */
const A = "20194"; // Hải Vân, Đà Nẵng (48)
const B = "20197"; // Liên Chiểu, Đà Nẵng (48)
const R = "10-05 08:00";
const DUE = "10-05 17:00";
const ON_TIME = { at: "10-05 10:00" };
const LATE = { at: "10-06 10:00" };

/** A line with its agency code: `UB.20194.H48-261005-0001` and the like. */
const line = (s: Spec, agency: string) => {
  const l = historyLine(s);
  return { ...l, code: String(l.code).replace(/^UB\.\d{5}\.H\d{2}/, agency) };
};
const LINES = [
  // The People's Committee of A: birth registrations, one on time, one late.
  line({ n: 1, commune: A, channel: "online", receiveAt: R, dueAt: DUE, result: ON_TIME }, `UB.${A}.H48`),
  line({ n: 2, commune: A, channel: "counter", receiveAt: R, dueAt: DUE, result: LATE }, `UB.${A}.H48`),
  // The police of A: permanent residence, one on time, one still open.
  line(
    { n: 3, commune: A, channel: "online", procedure: "1.004222", receiveAt: R, dueAt: DUE, result: ON_TIME },
    `CA.${A}.H48`,
  ),
  line(
    { n: 4, commune: A, channel: "online", procedure: "1.004222", receiveAt: R, dueAt: DUE },
    `CA.${A}.H48`,
  ),
  // The police of B: late.
  line(
    { n: 5, commune: B, channel: "online", procedure: "1.004222", receiveAt: R, dueAt: DUE, result: LATE },
    `CA.${B}.H48`,
  ),
  // Social security of the province: a child's health-insurance card, on time.
  line(
    {
      n: 6,
      commune: A,
      channel: "online",
      procedure: "LOCAL.BHYT-TE",
      receiveAt: R,
      dueAt: DUE,
      result: ON_TIME,
    },
    `BH.${A}.H48`,
  ),
  // A code whose sector the platform does not know: counted in every figure, under no agency.
  // The birth registration as dossiers 1 and 2: its rows in commune A on 10-05 split by agency.
  line({ n: 7, commune: A, channel: "counter", receiveAt: R, dueAt: DUE, result: ON_TIME }, `TP.${A}.H48`),
];

const OCT = { from: "2026-10-01", to: "2026-10-31" };
let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase("ready");
  const file = `${tdb.dataDir}/agencies.ndjson`;
  const { writeFileSync } = await import("node:fs");
  writeFileSync(file, `${LINES.map((l) => JSON.stringify(l)).join("\n")}\n`);
  const res = await runCli(tdb, "import", [file]);
  expect(res.stderr).toBe("");
  expect(res.stdout).toContain("Imported 7 dossiers");
}, 120_000);
afterAll(async () => {
  await tdb?.dispose();
});

describe(`KPI figures per agency (${engine})`, () => {
  it("narrowed to an agency, each place counts exactly that agency's dossiers", async () => {
    const db = await tdb.open();
    try {
      const get = (level: OpenKpis["level"], code: string | undefined, agency?: string) =>
        kpiFigures(db, { level, code, agency }, OCT);
      const cases: Array<
        [OpenKpis["level"], string | undefined, string | undefined, number, number, number]
      > = [
        // level, code, agency: received, finished, on time
        ["commune", A, "ubnd", 2, 2, 1],
        ["commune", A, "cong-an", 2, 1, 1],
        ["commune", B, "cong-an", 1, 1, 0],
        ["commune", A, "bhxh", 1, 1, 1],
        ["commune", A, "van-hoa-xa-hoi", 0, 0, 0],
        ["province", "48", "cong-an", 3, 2, 1],
        ["national", undefined, "cong-an", 3, 2, 1],
        ["national", undefined, "ubnd", 2, 2, 1],
        ["national", undefined, "bhxh", 1, 1, 1],
        // Unnarrowed: the three agencies and the code of no known sector.
        ["commune", A, undefined, 6, 5, 4],
        ["national", undefined, undefined, 7, 6, 4],
      ];
      for (const [level, code, agency, received, finished, onTime] of cases)
        expect(await get(level, code, agency), `${level} ${code} ${agency}`).toMatchObject({
          received,
          finished,
          onTime,
        });
      expect((await get("commune", A, "cong-an")).onTimeShare).toBe(1);
      expect((await get("province", "48", "cong-an")).onTimeShare).toBe(0.5);
      expect((await get("commune", A, "van-hoa-xa-hoi")).onTimeShare).toBeNull();
      // The communes of the province, narrowed to the police.
      const table = await kpiTable(db, { level: "commune", province: "48", agency: "cong-an" }, OCT);
      const row = (code: string) => table.rows.find((r) => r.code === code);
      expect(row(A)).toMatchObject({ received: 2, finished: 1 });
      expect(row(B)).toMatchObject({ received: 1, finished: 1, onTime: 0 });
    } finally {
      await db.close();
    }
  });

  it("the drill-down of a figure narrowed to an agency lists that agency's dossiers only", async () => {
    const db = await tdb.open();
    try {
      const drill = await kpiDrill(db, PROVINCE_LEADER_48, {
        figure: "received",
        part: "hit",
        level: "province",
        code: "48",
        agency: "cong-an",
        ...OCT,
        limit: 50,
        offset: 0,
      });
      expect(drill.total).toBe(3);
      expect(drill.items.map((i) => i.code).sort()).toEqual([
        `CA.${A}.H48-261005-0003`,
        `CA.${A}.H48-261005-0004`,
        `CA.${B}.H48-261005-0005`,
      ]);
    } finally {
      await db.close();
    }
  });

  it("the rows carry the agency, and the rebuild gives the same rows", async () => {
    const before = await rollupSnapshots(tdb);
    expect([...new Set(before.days.map((r) => r.agency))].sort()).toEqual(["", "bhxh", "cong-an", "ubnd"]);
    expect([...new Set(before.months.provinces.map((r) => r.agency))].sort()).toEqual([
      "",
      "bhxh",
      "cong-an",
      "ubnd",
    ]);
    const rebuilt = await runCli(tdb, "metrics-rebuild");
    expect(rebuilt.stdout).toContain("Rebuilt the KPIs from 7 dossiers");
    expect(await rollupSnapshots(tdb)).toEqual(before);
  }, 120_000);

  it("migration 353 gives an older database's rollups their agency: the same rows as the rebuild", async () => {
    let db = await tdb.open();
    try {
      const before = await dailySnapshot(db);
      const beforeMonths = await monthlySnapshot(db);
      // The tables as migration 349 left them: no agency, rows summed over it, keys without it,
      // nor the columns of migrations 355 and 362 (run again after 353, as on such a database).
      await db.query(
        "alter table kpi_facts drop column agency, drop column fee_bearing, drop column paid_online, drop column result_issued, drop column electronic_result, drop column registries_known, drop column population_data, drop column complaints",
      );
      const sums =
        "sum(received) received, sum(received_online) received_online, sum(received_reuse) received_reuse, sum(finished) finished, sum(on_time) on_time, sum(fully_online) fully_online, sum(digitised) digitised, sum(processing_millis)::int8 processing_millis, sum(rated) rated, sum(satisfied) satisfied, sum(complained) complained, sum(late_apologized) late_apologized";
      for (const [t, key] of [
        ["kpi_daily", "province_code, commune_code, procedure_code, day"],
        ["kpi_monthly", "province_code, commune_code, procedure_code, month"],
        ["kpi_province_monthly", "province_code, procedure_code, month"],
      ] as const) {
        await db.query(`create table ${t}_old as select ${key}, ${sums} from ${t} group by ${key}`);
        await db.query(`drop table ${t}`);
        await db.query(`alter table ${t}_old rename to ${t}`);
        await db.query(`alter table ${t} add primary key (${key})`);
      }
      const old = await db.query<{ n: number }>(
        "select received::int as n from kpi_daily where commune_code = '20194' and procedure_code = '1.001193' and day = '2026-10-05'",
      );
      expect(old.rows).toEqual([{ n: 3 }]);
      await db.query(
        "delete from schema_migrations where version in ('353_kpi_agency', '355_index766_indicators', '362_kpi_complaints')",
      );
      expect(await migrate(db)).toEqual(["353_kpi_agency", "355_index766_indicators", "362_kpi_complaints"]);
      // A new connection, as a server started after the migration (PostgreSQL's prepared plans of
      // the replaced tables belong to the old one).
      await db.close();
      db = await tdb.open();
      expect(await dailySnapshot(db)).toEqual(before);
      expect(await monthlySnapshot(db)).toEqual(beforeMonths);
      const facts = await db.query<{ agency: string; n: number }>(
        "select agency, count(*)::int as n from kpi_facts group by agency order by agency",
      );
      expect(facts.rows).toEqual([
        { agency: "", n: 1 },
        { agency: "bhxh", n: 1 },
        { agency: "cong-an", n: 3 },
        { agency: "ubnd", n: 2 },
      ]);
    } finally {
      await db.close();
    }
  }, 120_000);
});
