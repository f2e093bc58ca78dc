/**
 * KPIs at scale (issue 13 "Measure"): on a database of the PostgreSQL server (DATABASE_URL; the
 * database `--db`, default ml_bench_kpis), filled beforehand with the seed command
 *   DATABASE_URL=postgres://…/kpibench npm run seed -- --history-months 12 --communes-per-province 100 --per-commune-month 60
 * measures p50/p95 of what the dashboards ask, from the rollups, against the same figures computed
 * from the per-dossier rows (`kpi_facts`, one row a dossier, every sum of KPIS.md grouped in the
 * query), interleaved in the same run (rollups, raw, rollups, raw…):
 *   - the national dashboard: the nation's year, the 34 provinces (the map), 12 months (the trend);
 *   - a province dashboard: its year, its communes' table, 12 months;
 *   - the open API over HTTP (GET /api/open/kpis?level=national and level=province, a real server
 *     in this process) against the raw year of the same place.
 * Before timing, the year's figures of the nation and of every province are checked equal both ways.
 * Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/kpis.ts --db kpibench --runs 30
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.js";
import type { Db } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";
import { periodOf } from "../src/domain/kpi-periods.js";
import { figures, type KpiSums, ZERO_SUMS } from "../src/domain/kpis.js";
import { loadStarterCatalogue } from "../src/modules/catalog/index.js";
import { kpiFigures, kpiTable } from "../src/modules/metrics/index.js";
import { loadUnits } from "../src/modules/units/index.js";
import { buildApp } from "../src/server/app.js";
import { openNamedBenchDb, percentile, timed } from "./lib.js";

const { values } = parseArgs({
  options: { runs: { type: "string", default: "30" }, db: { type: "string", default: "ml_bench_kpis" } },
});
const runs = Number(values.runs);
const server = process.env.DATABASE_URL;
if (!server) {
  console.log("bench/kpis.ts needs a PostgreSQL server (DATABASE_URL): skipped");
  process.exit(0);
}
const { db, url } = await openNamedBenchDb(server, values.db);
await migrate(db);
await loadUnits(db);
await loadStarterCatalogue(db);
const { rows: counted } = await db.query<{ n: number }>(
  "select count(*)::int as n from dossiers where province_code = any($1)",
  [(await db.query<{ code: string }>("select code from provinces")).rows.map((r) => r.code)],
);
const dossiers = counted[0]?.n ?? 0;
console.log(`${values.db}: ${dossiers.toLocaleString("en")} dossiers`);
const year = { from: "2025-12-01", to: "2026-11-30" };
const months = Array.from({ length: 12 }, (_, i) =>
  periodOf("month", new Date(Date.UTC(2025, 11 + i, 1)).toISOString().slice(0, 10)),
);

type Stat = { p50: number; p95: number };
const stat = (ms: number[]): Stat => {
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 0.5), p95: percentile(ms, 0.95) };
};

/** p50 and p95 of `runs` runs of each of `a` and `b`, interleaved (after one warm-up run of each), in ms. */
async function measurePair(a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[Stat, Stat]> {
  await a();
  await b();
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    ta.push((await timed(a)).ms);
    tb.push((await timed(b)).ms);
  }
  return [stat(ta), stat(tb)];
}

/** Every sum of KPIS.md over a period from the per-dossier rows, grouped by province or commune. */
const RAW = `select %KEY% as place,
    count(*) filter (where received_on between $1 and $2) as received,
    count(*) filter (where received_on between $1 and $2 and online) as "receivedOnline",
    count(*) filter (where received_on between $1 and $2 and reuse) as "receivedReuse",
    count(*) filter (where decided_on between $1 and $2) as finished,
    count(*) filter (where decided_on between $1 and $2 and on_time) as "onTime",
    count(*) filter (where decided_on between $1 and $2 and fully_online) as "fullyOnline",
    count(*) filter (where decided_on between $1 and $2 and digitised) as digitised,
    coalesce(sum(processing_millis) filter (where decided_on between $1 and $2), 0) as "processingMillis",
    count(*) filter (where decided_on between $1 and $2 and rating is not null) as rated,
    count(*) filter (where decided_on between $1 and $2 and rating >= 4) as satisfied,
    count(*) filter (where decided_on between $1 and $2 and complained) as complained
  from kpi_facts where province_code = any($3)
    and (received_on between $1 and $2 or decided_on between $1 and $2) group by 1`;
const provinces = (await db.query<{ code: string }>("select code from provinces order by code")).rows.map(
  (r) => r.code,
);
const rawNation = (q: Db, p: { from: string; to: string }) =>
  q.query(RAW.replace("%KEY%", "province_code"), [p.from, p.to, provinces]);
const rawProvince = (q: Db, code: string, p: { from: string; to: string }) =>
  q.query(RAW.replace("%KEY%", "commune_code"), [p.from, p.to, [code]]);

// The same figures both ways: the nation's year and each province's.
const rawYear = await rawNation(db, year);
const rawSums = (rows: Array<Record<string, unknown>>) =>
  Object.fromEntries(
    Object.keys(ZERO_SUMS).map((k) => [k, rows.reduce((s, r) => s + Number(r[k] ?? 0), 0)]),
  ) as KpiSums;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const nationOk = same(await kpiFigures(db, { level: "national" }, year), {
  level: "national",
  code: null,
  ...year,
  ...figures(rawSums(rawYear.rows)),
});
const table = await kpiTable(db, { level: "province" }, year);
const provincesOk = table.rows.every((r) =>
  same(
    Object.fromEntries(
      // The sums' figures only: the row's place and period, and its Decision 766 index (points, not sums).
      Object.entries(r).filter(
        ([k]) =>
          !["level", "code", "name", "nameEn", "from", "to", "index766Total", "index766Grade"].includes(k),
      ),
    ),
    figures(rawSums(rawYear.rows.filter((x) => x.place === r.code))),
  ),
);
console.log(`the year's figures equal both ways: nation ${nationOk}, 34 provinces ${provincesOk}`);

const results: Array<[string, Stat, Stat]> = [];
const [nationRollup, nationRaw] = await measurePair(
  async () => {
    await kpiFigures(db, { level: "national" }, year);
    await kpiTable(db, { level: "province" }, year);
    for (const m of months) await kpiFigures(db, { level: "national" }, m);
  },
  async () => {
    await rawNation(db, year);
    for (const m of months) await rawNation(db, m);
  },
);
results.push(["national dashboard (year, 34 provinces, 12 months)", nationRollup, nationRaw]);
const [provinceRollup, provinceRaw] = await measurePair(
  async () => {
    await kpiFigures(db, { level: "province", code: "48" }, year);
    await kpiTable(db, { level: "commune", province: "48" }, year);
    for (const m of months) await kpiFigures(db, { level: "province", code: "48" }, m);
  },
  async () => {
    await rawProvince(db, "48", year);
    for (const m of months) await rawProvince(db, "48", m);
  },
);
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
const openApi = async (query: string) => {
  const r = await fetch(`${address}/api/open/kpis?${query}&from=${year.from}&to=${year.to}`);
  if (r.status !== 200) throw new Error(`open API answered ${r.status}`);
  await r.json();
};
const [apiNation, apiNationRaw] = await measurePair(
  () => openApi("level=national"),
  () => rawNation(db, year),
);
results.push(["open API GET /api/open/kpis?level=national (HTTP)", apiNation, apiNationRaw]);
const [apiProvince, apiProvinceRaw] = await measurePair(
  () => openApi("level=province&code=48"),
  () => rawProvince(db, "48", year),
);
results.push(["open API GET /api/open/kpis?level=province&code=48 (HTTP)", apiProvince, apiProvinceRaw]);
await app.close();
fs.rmSync(dataDir, { recursive: true, force: true });

console.log(
  `\n${runs} runs each, interleaved; ms (p50 / p95); raw = the same sums from the per-dossier rows; load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
for (const [name, r, raw] of results)
  console.log(
    `${name.padEnd(58)} rollups ${r.p50.toFixed(1)} / ${r.p95.toFixed(1)}   raw ${raw.p50.toFixed(1)} / ${raw.p95.toFixed(1)}   ×${(raw.p95 / r.p95).toFixed(1)} at p95`,
  );
await db.close();
