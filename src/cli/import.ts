/**
 * Imports historical dossiers (shared/KPIS.md "History import format", one dossier a line of NDJSON):
 *   npm run import -- FILE.ndjson
 * Idempotent by dossier code (a code already present is left as it is); each line is recorded in
 * its own transaction with its KPI rollups (nothing half-imported); a refused line is reported with
 * its number and reason and the others import. Exit code 0 when every line imported or was
 * present, 2 when some lines were refused, 1 when the file cannot be read.
 */
import fs from "node:fs";
import cliProgress from "cli-progress";
import { parseHistoryLine } from "../domain/history.js";
import { importHistoryDossier, observeDossiers } from "../modules/dossiers/index.js";
import { onDossierChange } from "../modules/metrics/index.js";
import { openReadyDb } from "./open.js";

const file = process.argv.slice(2).find((a) => a !== "--");
if (!file) {
  console.error("Cần tên tệp NDJSON.\nA file name is required.\nUsage: npm run import -- FILE.ndjson");
  process.exit(1);
}
let text: string;
try {
  text = fs.readFileSync(file, "utf8");
} catch (err) {
  console.error(`Không đọc được tệp ${file}.\nCannot read ${file}: ${(err as Error).message}`);
  process.exit(1);
}
const lines = text.split(/\r?\n/);
while (lines.length > 0 && lines.at(-1)?.trim() === "") lines.pop();

const { db } = await openReadyDb();
observeDossiers(onDossierChange);
const bar = new cliProgress.SingleBar(
  {
    format: "import |{bar}| {value}/{total} lines · {imported} imported · {refused} refused",
    hideCursor: true,
  },
  cliProgress.Presets.shades_classic,
);
const refusals: string[] = [];
let imported = 0;
let present = 0;
const started = Date.now();
bar.start(lines.length, 0, { imported, refused: 0 });
try {
  for (const [i, raw] of lines.entries()) {
    const n = i + 1;
    if (raw.trim() !== "") {
      const parsed = parseHistoryLine(raw);
      const outcome = parsed.ok ? await importHistoryDossier(db, parsed.dossier) : parsed;
      if (!outcome.ok) refusals.push(`dòng / line ${n}: ${outcome.vi} / ${outcome.en}`);
      else if (outcome.imported) imported += 1;
      else present += 1;
    }
    bar.update(n, { imported, refused: refusals.length });
  }
} finally {
  bar.stop();
  await db.close();
}
for (const r of refusals) console.error(r);
const seconds = (Date.now() - started) / 1000;
console.log(
  `Đã nhập ${imported} hồ sơ, ${present} đã có, ${refusals.length} dòng bị từ chối (${seconds.toFixed(1)} s).\n` +
    `Imported ${imported} dossiers, ${present} already present, ${refusals.length} lines refused (${seconds.toFixed(1)} s, ${(imported / Math.max(seconds, 0.001)).toFixed(0)} dossiers/s).`,
);
process.exit(refusals.length > 0 ? 2 : 0);
