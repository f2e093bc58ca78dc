import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, engine, type TestDatabase } from "./helpers/db.js";
import { historyLine, rollupSnapshots, runCli, type Spec } from "./helpers/history.js";

/**
 * `npm run import` is idempotent by dossier code: a code met again with the same content (whatever
 * its keys' order) is "đã có", silently; with a different content, within one file or against a
 * dossier already imported, it is reported (IMPORT_CONFLICT, its line number, Vietnamese and
 * English), counted apart, and the run exits 2; what was imported is kept, unchanged.
 */
const spec = (n: number, rating?: number): Spec => ({
  n,
  commune: "20194",
  channel: "online",
  receiveAt: "10-05 08:00",
  dueAt: "10-05 17:00",
  result: { at: "10-05 10:00" },
  ...(rating === undefined ? {} : { rating }),
});
const line = (n: number, rating?: number) => historyLine(spec(n, rating));
/** The same content, its keys in the reverse order. */
const reversed = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).reverse());

let tdb: TestDatabase;
const write = (name: string, lines: unknown[]) => {
  const file = path.join(tdb.dataDir, name);
  fs.writeFileSync(file, `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`);
  return file;
};
const conflicts = (stderr: string) => stderr.split("\n").filter((l) => l.includes("IMPORT_CONFLICT"));

beforeAll(async () => {
  tdb = await createTestDatabase("ready");
}, 300_000);
afterAll(async () => {
  await tdb?.dispose();
});

describe(`npm run import: a repeated code, same or different content (${engine})`, () => {
  it("within one file: the identical repeat is present, the different one reported with its line", async () => {
    const run = await runCli(tdb, "import", [
      write("a.ndjson", [line(1, 5), line(2), reversed(line(1, 5)), line(2, 3)]),
    ]);
    expect(run.stdout).toContain(
      "Imported 2 dossiers, 1 already present, 0 lines refused, 1 conflicting (same code, different content)",
    );
    expect(run.stdout).toContain("1 đã có, 0 dòng bị từ chối, 1 trùng mã với nội dung khác");
    expect(run.code).toBe(2);
    expect(conflicts(run.stderr)).toEqual([
      "dòng / line 4: IMPORT_CONFLICT Mã hồ sơ UB.20194.H48-261005-0002 đã nhập với nội dung khác (dòng 2): giữ bản đã nhập, dòng này không được ghi. / Dossier code UB.20194.H48-261005-0002 was already imported with different content (line 2): the imported one is kept, this line is not recorded.",
    ]);
  }, 300_000);

  it("against the dossiers imported: identical → đã có, exit 0; different → reported, exit 2, nothing changed", async () => {
    const before = await rollupSnapshots(tdb);
    const same = await runCli(tdb, "import", [write("b.ndjson", [reversed(line(1, 5)), line(2)])]);
    expect(same.stdout).toContain("Imported 0 dossiers, 2 already present, 0 lines refused, 0 conflicting");
    expect(conflicts(same.stderr)).toEqual([]);
    expect(same.code).toBe(0);
    // Dossier 1 rated 4 instead of 5, dossier 2 rated: both conflict.
    const different = await runCli(tdb, "import", [write("c.ndjson", [line(1, 4), line(2, 1)])]);
    expect(different.stdout).toContain(
      "Imported 0 dossiers, 0 already present, 0 lines refused, 2 conflicting",
    );
    expect(different.code).toBe(2);
    const reported = conflicts(different.stderr);
    expect(reported.map((l) => l.split(":")[0])).toEqual(["dòng / line 1", "dòng / line 2"]);
    expect(reported[0]).toContain("Mã hồ sơ UB.20194.H48-261005-0001 đã nhập với nội dung khác");
    expect(reported[0]).toContain("was already imported with different content");
    // Nothing changed: the rollups and the dossiers as first imported.
    expect(await rollupSnapshots(tdb)).toEqual(before);
    const db = await tdb.open();
    try {
      const rows = await db.query<{ code: string; score: number | null }>(
        "select d.code, r.score from dossiers d left join ratings r on r.dossier_id = d.id and r.province_code = d.province_code where d.created_by_kind = 'import' order by d.code",
      );
      expect(rows.rows.map((r) => [r.code.slice(-4), r.score === null ? null : Number(r.score)])).toEqual([
        ["0001", 5],
        ["0002", null],
      ]);
    } finally {
      await db.close();
    }
  }, 300_000);

  it("null rating and dueAt read as absent; a code whose agency prefix does not serve the procedure is refused", async () => {
    const nulls = { ...line(10), rating: null, dueAt: null };
    const police = { ...line(11), code: String(line(11).code).replace(/^UB\./, "CA.") };
    const run = await runCli(tdb, "import", [write("e.ndjson", [nulls, police])]);
    expect(run.stdout).toContain("Imported 1 dossiers, 0 already present, 1 lines refused, 0 conflicting");
    expect(run.code).toBe(2);
    const refused = run.stderr.split("\n").filter((l) => l.startsWith("dòng / line"));
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(
      /^dòng \/ line 2: Mã hồ sơ CA\.20194\.H48-261005-0011 mang mã cơ quan CA, nhưng thủ tục .+ giải quyết \(mã UB\)\. \/ Dossier code CA\.20194\.H48-261005-0011 has agency prefix CA, but procedure .+ is served by .+ \(prefix UB\)\.$/,
    );
    // The same line with its nulls left out is the same content: present, silently.
    const again = await runCli(tdb, "import", [
      write("f.ndjson", [Object.fromEntries(Object.entries(line(10)).filter(([k]) => k !== "dueAt"))]),
    ]);
    expect(again.stdout).toContain("Imported 0 dossiers, 1 already present, 0 lines refused, 0 conflicting");
    expect(again.code).toBe(0);
  }, 300_000);
});
