/**
 * KPIs at scale (issue 13 "Measure"): on the database `ml_bench_kpis` of the PostgreSQL server
 * (DATABASE_URL), filled beforehand with the seed command
 *   DATABASE_URL=postgres://…/ml_bench_kpis npm run seed -- --history-months 12 --communes-per-province 100 --per-commune-month 60
 * measures p50/p95 of what the dashboards ask, from the rollups, against the same figures computed
 * from the raw dossier rows in the same run:
 *   - the national dashboard: the nation's year, the 34 provinces (the map), 12 months (the trend);
 *   - a province dashboard: its year, its communes' table, 12 months;
 *   - the open API over HTTP (GET /api/open/kpis?level=province, a real server in this process).
 * The raw side computes received, online share, finished and on-time share (the figures a raw
 * query can get from the projection's columns) with the same filters.
 * Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- kpis   (or npx tsx bench/kpis.ts --runs 30)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.js";
import type { Db } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";
import { periodOf } from "../src/domain/kpis.js";
import { loadStarterCatalogue } from "../src/modules/catalog/index.js";
import { kpiFigures, kpiTable } from "../src/modules/metrics/index.js";
import { loadUnits } from "../src/modules/units/index.js";
import { buildApp } from "../src/server/app.js";
import { openNamedBenchDb, percentile, timed } from "./lib.js";

const { values } = parseArgs({ options: { runs: { type: "string", default: "30" } } });
const runs = Number(values.runs);
const server = process.env.DATABASE_URL;
if (!server) {
  console.log("bench/kpis.ts needs a PostgreSQL server (DATABASE_URL): skipped");
  process.exit(0);
}
const { db, url } = await openNamedBenchDb(server, "ml_bench_kpis");
await migrate(db);
await loadUnits(db);
await loadStarterCatalogue(db);
const { rows: counted } = await db.query<{ n: number }>(
  "select count(*)::int as n from dossiers where province_code = any($1)",
  [(await db.query<{ code: string }>("select code from provinces")).rows.map((r) => r.code)],
);
const dossiers = counted[0]?.n ?? 0;
console.log(`ml_bench_kpis: ${dossiers.toLocaleString("en")} dossiers`);
const year = { from: "2025-12-01", to: "2026-11-30" };
const months = Array.from({ length: 12 }, (_, i) =>
  periodOf("month", new Date(Date.UTC(2025, 11 + i, 1)).toISOString().slice(0, 10)),
);

/** p50 and p95 of `runs` runs of `fn` (after one warm-up run), in ms. */
async function measure(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) ms.push((await timed(fn)).ms);
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 0.5), p95: percentile(ms, 0.95) };
}

/** The raw figures of a period grouped by province (nation) or by commune (a province). */
const RAW = `select %KEY% as place,
    count(*) filter (where received_at >= $1 and received_at < $2) as received,
    count(*) filter (where received_at >= $1 and received_at < $2 and channel <> 'counter') as online,
    count(*) filter (where decided_at >= $1 and decided_at < $2) as finished,
    count(*) filter (where decided_at >= $1 and decided_at < $2 and decided_at <= due_at and supplement_requests <= 1) as on_time
  from dossiers where province_code = any($3) %AND% group by 1`;
const bounds = (p: { from: string; to: string }) => [
  new Date(`${p.from}T00:00:00+07:00`),
  new Date(Date.parse(`${p.to}T00:00:00+07:00`) + 86_400_000),
];
const provinces = (await db.query<{ code: string }>("select code from provinces order by code")).rows.map(
  (r) => r.code,
);
const rawNation = (q: Db, p: { from: string; to: string }) =>
  q.query(RAW.replace("%KEY%", "province_code").replace("%AND%", ""), [...bounds(p), provinces]);
const rawProvince = (q: Db, code: string, p: { from: string; to: string }) =>
  q.query(RAW.replace("%KEY%", "commune_code").replace("%AND%", ""), [...bounds(p), [code]]);

const results: Array<[string, { p50: number; p95: number }, { p50: number; p95: number }]> = [];
const nationRollup = await measure(async () => {
  await kpiFigures(db, { level: "national" }, year);
  await kpiTable(db, { level: "province" }, year);
  for (const m of months) await kpiFigures(db, { level: "national" }, m);
});
const nationRaw = await measure(async () => {
  await rawNation(db, year);
  for (const m of months) await rawNation(db, m);
});
results.push(["national dashboard (year, 34 provinces, 12 months)", nationRollup, nationRaw]);
const provinceRollup = await measure(async () => {
  await kpiFigures(db, { level: "province", code: "48" }, year);
  await kpiTable(db, { level: "commune", province: "48" }, year);
  for (const m of months) await kpiFigures(db, { level: "province", code: "48" }, m);
});
const provinceRaw = await measure(async () => {
  await rawProvince(db, "48", year);
  for (const m of months) await rawProvince(db, "48", m);
});
results.push(["province 48 dashboard (year, its communes, 12 months)", provinceRollup, provinceRaw]);

// The open API over real HTTP, on a server in this process.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mot-lan-bench-"));
const config = loadConfig(
  {
    ...process.env,
    DATABASE_URL: url,
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    RATE_LIMIT_PUBLIC_PER_MINUTE: "1000000",
  },
  { port: 0, host: "127.0.0.1" },
);
const app = await buildApp({ config, db, logger: false, delivery: "manual" });
const address = await app.listen({ port: 0, host: "127.0.0.1" });
const api = await measure(async () => {
  const r = await fetch(`${address}/api/open/kpis?level=province&code=48&from=${year.from}&to=${year.to}`);
  if (r.status !== 200) throw new Error(`open API answered ${r.status}`);
  await r.json();
});
const apiRaw = await measure(() => rawProvince(db, "48", year));
results.push(["open API GET /api/open/kpis?level=province (HTTP)", api, apiRaw]);
await app.close();
fs.rmSync(dataDir, { recursive: true, force: true });

console.log(`\n${runs} runs each; ms (p50 / p95); raw = the same figures from the dossier rows`);
for (const [name, r, raw] of results)
  console.log(
    `${name.padEnd(58)} rollups ${r.p50.toFixed(1)} / ${r.p95.toFixed(1)}   raw ${raw.p50.toFixed(1)} / ${raw.p95.toFixed(1)}   ×${(raw.p95 / r.p95).toFixed(0)} at p95`,
  );
await db.close();
