/**
 * Imports historical dossiers (shared/KPIS.md "History import format", one dossier a line of NDJSON):
 *   npm run import -- FILE.ndjson [--batch 200] [--now 2026-12-01T09:00:00+07:00]
 * `--now` is the clock the lines are checked against (no action after it; default the real clock).
 * Idempotent by dossier code (a code already present is left as it is: "đã có" when the line's
 * content is the same, else reported as IMPORT_CONFLICT with its line number). Lines are recorded in
 * batches, one transaction each with their KPI facts and rollups: a batch commits whole or not at
 * all, so a crash leaves whole lines or none and a second run completes the file. Each line is
 * checked before its batch is written, and a refused line is reported with its number and reason
 * while the others import; a line the checks let through but the database refuses (a constraint)
 * is found by writing the batch again with a savepoint per line. Exit code 0 when every line
 * imported or was present, 2 when some lines were refused or conflicting, 1 when the file cannot be read.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import type { Db, Queryable } from "../db/client.js";
import { parseHistoryLine } from "../domain/history.js";
import { parseInstant } from "../domain/instant.js";
import {
  type HistoryItem,
  type HistoryLineOutcome,
  historyCache,
  type RecordedHistory,
  recordHistoryLines,
} from "../modules/dossiers/index.js";
import { recordHistoryFacts } from "../modules/metrics/index.js";
import { openReadyDb } from "./open.js";

const USAGE = "Usage: npm run import -- FILE.ndjson [--batch 200] [--now ISO-INSTANT]";
const { values, positionals } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: { batch: { type: "string", default: "200" }, now: { type: "string" } },
  allowPositionals: true,
});
const file = positionals[0];
const size = Number(values.batch);
const now = values.now === undefined ? new Date() : parseInstant(values.now);
if (!file || !Number.isInteger(size) || size < 1 || size > 5000 || now === undefined) {
  console.error(
    `Cần tên tệp NDJSON (và --batch từ 1 đến 5000, --now là thời điểm ISO có múi giờ).\nA file name is required (and --batch from 1 to 5000, --now an ISO instant with its offset).\n${USAGE}`,
  );
  process.exit(1);
}
let text: string;
try {
  text = fs.readFileSync(file, "utf8");
} catch (err) {
  console.error(`Không đọc được tệp ${file}.\nCannot read ${file}: ${(err as Error).message}`);
  process.exit(1);
}
// A file saved by Windows tools starts with a byte order mark: not part of the first line.
const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
while (lines.length > 0 && lines.at(-1)?.trim() === "") lines.pop();

const cache = historyCache();

/** The batch's lines recorded, with the KPI facts and rollup sums of those imported, province by province. */
async function writeLines(q: Queryable, items: readonly HistoryItem[]): Promise<HistoryLineOutcome[]> {
  const outcomes = await recordHistoryLines(q, items, cache);
  const byProvince = new Map<string, RecordedHistory[]>();
  for (const o of outcomes)
    if (o.kind === "imported")
      byProvince.set(o.provinceCode, [...(byProvince.get(o.provinceCode) ?? []), o.recorded]);
  for (const province of [...byProvince.keys()].sort())
    await recordHistoryFacts(q, province, byProvince.get(province) ?? []);
  return outcomes;
}

/**
 * A refusal of the database that is the line's own (SQLSTATE class 22 data exception, 23
 * integrity constraint, P0001 raised by a rule): the line is refused, the batch goes on. Any other
 * failure (the connection lost, the disk full) stops the import: its batch is not committed.
 */
const lineFault = (err: unknown): string | null => {
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== "string" || !(/^2[23]/.test(code) || code === "P0001")) return null;
  return (err as Error).message;
};

/** One batch in one transaction; if the database refuses it, again with a savepoint per line to name the lines refused. */
async function writeBatch(db: Db, items: readonly HistoryItem[]): Promise<HistoryLineOutcome[]> {
  if (items.length === 0) return [];
  try {
    return await db.tx((q) => writeLines(q, items));
  } catch (err) {
    if (lineFault(err) === null) throw err;
  }
  return db.tx(async (q) => {
    const outcomes: HistoryLineOutcome[] = [];
    for (const item of items) {
      await q.query("savepoint history_line");
      try {
        outcomes.push(...(await writeLines(q, [item])));
        await q.query("release savepoint history_line");
      } catch (err) {
        const fault = lineFault(err);
        if (fault === null) throw err;
        await q.query("rollback to savepoint history_line");
        outcomes.push({
          n: item.n,
          code: item.dossier.line.code,
          provinceCode: item.dossier.provinceCode,
          kind: "refused",
          vi: `Cơ sở dữ liệu từ chối ghi dòng này: ${fault}`,
          en: `The database refused this line: ${fault}`,
        });
      }
    }
    return outcomes;
  });
}

const { db } = await openReadyDb();
const bar = new cliProgress.SingleBar(
  {
    format: "import |{bar}| {value}/{total} lines · {imported} imported · {refused} refused",
    hideCursor: true,
  },
  cliProgress.Presets.shades_classic,
);
const refusals: Array<{ n: number; vi: string; en: string }> = [];
/** Codes met again with a different content (IMPORT_CONFLICT): reported, counted apart, not written. */
const conflicts: Array<{ n: number; vi: string; en: string }> = [];
let imported = 0;
let present = 0;
const started = Date.now();
bar.start(lines.length, 0, { imported, refused: 0 });
try {
  for (let from = 0; from < lines.length; from += size) {
    const items: HistoryItem[] = [];
    for (const [i, raw] of lines.slice(from, from + size).entries()) {
      const n = from + i + 1;
      if (raw.trim() === "") continue;
      const parsed = parseHistoryLine(raw, { now });
      if (parsed.ok) items.push({ n, dossier: parsed.dossier });
      else refusals.push({ n, vi: parsed.vi, en: parsed.en });
    }
    for (const o of await writeBatch(db, items)) {
      if (o.kind === "refused") refusals.push(o);
      else if (o.kind === "conflict") conflicts.push(o);
      else if (o.kind === "imported") imported += 1;
      else present += 1;
    }
    bar.update(Math.min(from + size, lines.length), { imported, refused: refusals.length });
  }
} finally {
  bar.stop();
  await db.close();
}
refusals.sort((a, b) => a.n - b.n);
for (const r of refusals) console.error(`dòng / line ${r.n}: ${r.vi} / ${r.en}`);
for (const c of conflicts) console.error(`dòng / line ${c.n}: IMPORT_CONFLICT ${c.vi} / ${c.en}`);
const seconds = (Date.now() - started) / 1000;
console.log(
  `Đã nhập ${imported} hồ sơ, ${present} đã có, ${refusals.length} dòng bị từ chối, ${conflicts.length} trùng mã với nội dung khác (${seconds.toFixed(1)} s).\n` +
    `Imported ${imported} dossiers, ${present} already present, ${refusals.length} lines refused, ${conflicts.length} conflicting (same code, different content) (${seconds.toFixed(1)} s, ${(imported / Math.max(seconds, 0.001)).toFixed(0)} dossiers/s).`,
);
process.exit(refusals.length + conflicts.length > 0 ? 2 : 0);
