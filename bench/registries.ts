/**
 * Benchmarks against the raw database, measured in the same run on the same data:
 *  1. seeding: persons/second through seedPopulation vs. the raw unnest insert of the same rows;
 *  2. personal-data reads: raw primary-key select vs. exchange.readPerson (right check + access
 *     log) vs. the full HTTP API with a bearer token.
 * Engine: embedded PGlite in a temporary directory, or DATABASE_URL (a database it creates and drops).
 * Usage: npx tsx bench/registries.ts [--persons 20000 --reads 2000] (also part of npm run bench)
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.js";
import { migrate } from "../src/db/migrate.js";
import { readKeyFile } from "../src/lib/secrets.js";
import { readPerson } from "../src/modules/exchange/index.js";
import { DEMO_MACHINE_CLIENT, ensureDemoOfficers, registerApiClient } from "../src/modules/identity/index.js";
import { seedPopulation } from "../src/modules/registries/index.js";
import { loadUnits } from "../src/modules/units/index.js";
import { buildApp } from "../src/server/app.js";
import { openBenchDb, percentile, timed } from "./lib.js";

const { values } = parseArgs({
  options: { persons: { type: "string", default: "20000" }, reads: { type: "string", default: "2000" } },
});
const persons = Number(values.persons);
const reads = Number(values.reads);

const { db, dispose, engine, env } = await openBenchDb();
await migrate(db);
await loadUnits(db);
console.log(`engine: ${engine}; node ${process.version}; ${os.cpus().length} cores`);

// 1. Seeding through the product vs. raw inserts of the same persons.
const seed = await timed(() =>
  seedPopulation(db, { citizens: persons, provinces: ["48"], communesPerProvince: 5, seed: 7 }),
);
await db.exec("create table bench_persons (like persons including defaults)");
const raw = await timed(async () => {
  // The raw database doing the same person inserts: copy rows through unnest in 5,000-row batches.
  const { rows } = await db.query<Record<string, unknown>>("select * from persons");
  const cols = Object.keys(rows[0] ?? {});
  for (let i = 0; i < rows.length; i += 5000) {
    const batch = rows.slice(i, i + 5000);
    await db.query(
      `insert into bench_persons (${cols.join(", ")}) select * from unnest(${cols.map((c, k) => `$${k + 1}::${c === "updated_at" ? "timestamptz" : c.endsWith("date") || c === "deceased_on" ? "date" : "text"}[]`).join(", ")})`,
      cols.map((c) => batch.map((r) => r[c] ?? null)),
    );
  }
  return rows.length;
});
const seedRate = seed.result.persons / (seed.ms / 1000);
const rawRate = raw.result / (raw.ms / 1000);
console.log(
  `seed: ${seed.result.persons} persons (+households, records, cards) in ${(seed.ms / 1000).toFixed(1)} s = ${seedRate.toFixed(0)} persons/s; ` +
    `raw person-only insert ${rawRate.toFixed(0)} rows/s; ratio ${(seedRate / rawRate).toFixed(2)}`,
);

// 2. Reads.
const { rows: sample } = await db.query<{ pn: string; commune: string }>(
  `select personal_number as pn, permanent_commune_code as commune from persons order by personal_number limit ${reads}`,
);
const rawRead = await timed(async () => {
  for (const s of sample) await db.query("select * from persons where personal_number = $1", [s.pn]);
});
const communes = [...new Set(sample.map((s) => s.commune))];
await ensureDemoOfficers(
  db,
  communes.map((c) => ({ code: c, provinceCode: "48", name: c })),
);
const { rows: officerRows } = await db.query<{ username: string }>(
  "select username from officers where username = 'chuyennganh.tinh.48'",
);
const officer = {
  kind: "officer" as const,
  id: officerRows[0]?.username ?? "",
  username: officerRows[0]?.username ?? "",
  name: "bench",
  role: "agency_officer" as const,
  jurisdiction: { level: "province" as const, code: "48", provinceCode: "48" },
};
const moduleRead = await timed(async () => {
  for (const s of sample)
    await readPerson(db, { principal: officer, purpose: "registry-verification" }, s.pn);
});
const port = 3900 + Math.floor(Math.random() * 90);
const config = loadConfig({ ...env, LOG_LEVEL: "silent" }, { port, host: "127.0.0.1" });
const app = await buildApp({ config, db, logger: false });
await app.listen({ port, host: "127.0.0.1" });
const secret = readKeyFile(config.keyFile).demoMachineSecret ?? "";
await registerApiClient(db, DEMO_MACHINE_CLIENT, secret, "chuyennganh.tinh.48");
const tokenRes = await fetch(`${config.publicUrl}/oidc/token`, {
  method: "POST",
  headers: {
    "content-type": "application/x-www-form-urlencoded",
    authorization: `Basic ${Buffer.from(`${DEMO_MACHINE_CLIENT}:${secret}`).toString("base64")}`,
  },
  body: "grant_type=client_credentials&scope=api&resource=urn%3Amot-lan%3Aapi",
});
const token = ((await tokenRes.json()) as { access_token: string }).access_token;
const latencies: number[] = [];
const httpRead = await timed(async () => {
  for (const s of sample) {
    const t = performance.now();
    const r = await fetch(`${config.publicUrl}/api/persons/${s.pn}?purpose=registry-verification`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`HTTP ${r.status}`);
    latencies.push(performance.now() - t);
  }
});
latencies.sort((a, b) => a - b);
const rate = (ms: number) => sample.length / (ms / 1000);
const pct = (p: number) => percentile(latencies, p).toFixed(2);
console.log(`reads (${sample.length} persons by personal number):`);
console.log(`  raw select by primary key      ${rate(rawRead.ms).toFixed(0)} reads/s`);
console.log(
  `  exchange.readPerson (+log)     ${rate(moduleRead.ms).toFixed(0)} reads/s  (ratio to raw ${(rate(moduleRead.ms) / rate(rawRead.ms)).toFixed(2)})`,
);
console.log(
  `  HTTP GET /api/persons/:pn      ${rate(httpRead.ms).toFixed(0)} reads/s  (ratio to raw ${(rate(httpRead.ms) / rate(rawRead.ms)).toFixed(2)}); p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms`,
);
await app.close();
await db.close();
await dispose();
