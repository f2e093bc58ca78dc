import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kpiFigures } from "../src/modules/metrics/index.js";
import { createTestDatabase, engine, type TestDatabase } from "./helpers/db.js";
import { type Exit, historyLine, rollupSnapshots, runCli, type Spec } from "./helpers/history.js";

/**
 * `npm run import` commits lines in batches: a bad line in the middle of a batch is reported with
 * its number and reason and every other line of the batch imports, whether the checks refuse it
 * (an unknown commune) or only the database does (a rule that raises, as a constraint would): that
 * line leaves no row at all, and the rollups agree with a rebuild from the logs.
 */
const A = "20194"; // Hải Vân, Đà Nẵng (48)
const B = "20197"; // Liên Chiểu, Đà Nẵng (48)
const REFUSED_BY_DB = "UB.20197.H48-261005-0007"; // dossier 7, commune B

const spec = (n: number): Spec => ({
  n,
  commune: n % 2 === 0 ? A : B,
  channel: "online",
  receiveAt: "10-05 08:00",
  dueAt: "10-05 17:00",
  result: { at: `10-05 ${n % 3 === 0 ? "17:30" : "10:00"}` },
});
// Lines 1–12 of the file: dossiers 1–11 and, as line 5, one whose commune does not exist.
const UNKNOWN_COMMUNE = JSON.stringify({
  ...historyLine(spec(99)),
  code: "UB.99999.H48-261005-0099",
  commune: "99999",
});
const GOOD = Array.from({ length: 11 }, (_, i) => JSON.stringify(historyLine(spec(i + 1))));
const FILE_LINES = [...GOOD.slice(0, 4), UNKNOWN_COMMUNE, ...GOOD.slice(4)];
// Dossier 7 is line 8 of the file; refused by the database.
const IMPORTED = [1, 2, 3, 4, 5, 6, 8, 9, 10, 11];

let tdb: TestDatabase;
let file: string;
let run: Exit;
beforeAll(async () => {
  tdb = await createTestDatabase("ready");
  file = path.join(tdb.dataDir, "history.ndjson");
  fs.writeFileSync(file, `${FILE_LINES.join("\n")}\n`);
  const db = await tdb.open();
  try {
    // A rule of the database the import's checks do not know: it refuses one dossier's import row,
    // written after its projection and log rows, so those must go too.
    await db.query(`create function refuse_one_import() returns trigger language plpgsql as $$
      begin
        if new.code = '${REFUSED_BY_DB}' then raise exception 'hồ sơ bị khóa / dossier locked'; end if;
        return new;
      end $$`);
    await db.query(
      "create trigger refuse_one_import before insert on dossier_imports for each row execute function refuse_one_import()",
    );
  } finally {
    await db.close();
  }
  // Batches of 3 lines: lines 5 and 8 are each in the middle of one (lines 4–6, 7–9).
  run = await runCli(tdb, "import", [file, "--batch", "3"]);
}, 300_000);
afterAll(async () => {
  await tdb?.dispose();
});

describe(`npm run import in batches: a bad line in the middle of a batch (${engine})`, () => {
  it("imports every other line and reports the bad ones with their number and reason", () => {
    expect(run.stdout).toContain("Imported 10 dossiers, 0 already present, 2 lines refused");
    expect(run.code).toBe(2);
    const refused = run.stderr.split("\n").filter((l) => l.startsWith("dòng / line"));
    expect(refused).toHaveLength(2);
    expect(refused[0]).toMatch(/^dòng \/ line 5: .*No commune 99999\.$/);
    expect(refused[1]).toMatch(/^dòng \/ line 8: .*The database refused this line: .*dossier locked/);
  });

  it("the refused lines leave no row; the others count in the figures, as a rebuild counts them", async () => {
    const before = await rollupSnapshots(tdb);
    const db = await tdb.open();
    try {
      const codes = (
        await db.query<{ code: string }>(
          "select code from dossiers where province_code = '48' and status <> 'draft' order by code",
        )
      ).rows
        .map((r) => Number(r.code.slice(-4)))
        .sort((a, b) => a - b);
      expect(codes).toEqual(IMPORTED);
      const orphans = await db.query<{ n: number }>(
        "select count(*)::int as n from dossier_actions a where a.province_code = '48' and not exists (select 1 from dossiers d where d.province_code = a.province_code and d.id = a.dossier_id)",
      );
      expect(orphans.rows[0]?.n).toBe(0);
      const facts = await db.query<{ n: number }>("select count(*)::int as n from kpi_facts");
      expect(facts.rows[0]?.n).toBe(10);
      // Dossiers 3, 6, 9 decided at 17:30, after their due instant (17:00): late.
      const province = await kpiFigures(
        db,
        { level: "province", code: "48" },
        { from: "2026-10-01", to: "2026-10-31" },
      );
      expect(province).toMatchObject({ received: 10, finished: 10, onTime: 7 });
    } finally {
      await db.close();
    }
    // Again: nothing changes; the rebuild gives the same rollups.
    const again = await runCli(tdb, "import", [file]);
    expect(again.stdout).toContain("Imported 0 dossiers, 10 already present, 2 lines refused");
    expect((await runCli(tdb, "metrics-rebuild")).code).toBe(0);
    expect(await rollupSnapshots(tdb)).toEqual(before);
  }, 300_000);
});
