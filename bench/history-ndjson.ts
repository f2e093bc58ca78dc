/**
 * Writes a generated history (`historyLines`, the seed's generator) as an NDJSON file in KPIS.md's
 * import format, to measure `npm run import` (issue 13 "Measure": import speed in dossiers/s):
 *   npx tsx bench/history-ndjson.ts --out /tmp/history.ndjson [--lines 5000] [--months 12]
 *   DATABASE_URL=… npm run import -- /tmp/history.ndjson
 * The procedures and communes come from a PGlite database made for the run (the starter catalogue,
 * the units), so the lines import on any database of the platform. Deterministic (seed 1).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDb } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";
import { historyLines, type SeedProcedure } from "../src/domain/history-seed.js";
import { getPublished, listPublished, loadStarterCatalogue } from "../src/modules/catalog/index.js";
import { agencyCode } from "../src/modules/dossiers/index.js";
import { listCommunes, listProvinces, loadUnits } from "../src/modules/units/index.js";

const { values } = parseArgs({
  options: {
    out: { type: "string", default: path.join(os.tmpdir(), "history.ndjson") },
    lines: { type: "string", default: "5000" },
    months: { type: "string", default: "12" },
  },
});
const wanted = Number(values.lines);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mot-lan-ndjson-"));
const db = await openDb({ dataDir });
await migrate(db);
await loadUnits(db);
await loadStarterCatalogue(db);
const procedures: SeedProcedure[] = [];
for (const item of (await listPublished(db, { limit: 1000, offset: 0 })).items) {
  const d = (await getPublished(db, item.code)).definition;
  procedures.push({
    code: item.code,
    timeLimit: d.timeLimit,
    fee: d.fee.amount > 0 ? d.fee.amount : (d.fee.perUnit?.tiers[0]?.amount ?? 0),
    fieldsTotal: d.form.length,
    replaceable: d.components.filter((c) => c.replacedBy !== undefined).length,
    agencyOf: (c) => agencyCode(d.agency.sector, c.provinceCode, c.code),
  });
}
const communes = [];
for (const p of await listProvinces(db)) {
  const { items } = await listCommunes(db, { provinceCode: p.code, limit: 3, offset: 0 });
  communes.push(...items.map((c) => ({ code: c.code, provinceCode: p.code })));
}
await db.close();
fs.rmSync(dataDir, { recursive: true, force: true });
const months = Number(values.months);
const perCommuneMonth = Math.max(1, Math.ceil(wanted / (communes.length * months)));
const out = fs.createWriteStream(values.out);
let n = 0;
for (const line of historyLines({
  seed: 1,
  now: new Date("2026-12-01T02:00:00Z"),
  months,
  communes,
  procedures,
  perCommuneMonth,
})) {
  if (n >= wanted) break;
  out.write(`${JSON.stringify(line)}\n`);
  n += 1;
}
out.end();
await new Promise<void>((resolve) => out.on("finish", () => resolve()));
console.log(`${n} lines written to ${values.out}`);
