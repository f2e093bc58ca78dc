/**
 * Dossier benchmarks, measured against the raw database in the same run:
 *  1. submissions per second end to end over HTTP (create + submit through the API, cookie
 *     sessions, CSRF, validation, code allocation, log + projection + outbox in one transaction)
 *     next to the raw database doing the same inserts (sequence, dossier row, action, outbox);
 *  2. p50/p99 latency of the prefill call (GET /api/procedures/1.001193/prefill) with --persons
 *     in the registry (default 1,000,000 on a server, 100,000 on PGlite).
 * Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/dossiers.ts [--persons N --submissions M --concurrency C]
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.js";
import { migrate } from "../src/db/migrate.js";
import { loadStarterCatalogue } from "../src/modules/catalog/index.js";
import { ensureDemoOfficers } from "../src/modules/identity/index.js";
import { seedPopulation } from "../src/modules/registries/index.js";
import { loadUnits } from "../src/modules/units/index.js";
import { buildApp } from "../src/server/app.js";
import { Browser, freePort } from "../test/helpers/server.js";
import { openBenchDb, percentile, pool, timed } from "./lib.js";

const { values } = parseArgs({
  options: {
    persons: { type: "string" },
    submissions: { type: "string", default: "400" },
    concurrency: { type: "string", default: "16" },
    prefills: { type: "string", default: "1000" },
  },
});
const { db, dispose, engine, env } = await openBenchDb();
const persons = Number(values.persons ?? (engine === "postgres" ? 1_000_000 : 100_000));
const submissions = Number(values.submissions);
const concurrency = Number(values.concurrency);
console.log(`engine: ${engine}; node ${process.version}; ${os.cpus().length} cores; ${persons} persons`);

await migrate(db);
await loadUnits(db);
await loadStarterCatalogue(db);
const seeded = await timed(() =>
  seedPopulation(db, { citizens: persons, provinces: ["48"], communesPerProvince: 20, seed: 11 }),
);
console.log(`seeded ${seeded.result.persons} persons in ${(seeded.ms / 1000).toFixed(1)} s`);
const { rows: communes } = await db.query<{ code: string }>(
  "select distinct commune_code as code from households",
);
await ensureDemoOfficers(
  db,
  communes.map((c) => ({ code: c.code, provinceCode: "48", name: c.code })),
);

const port = await freePort();
const config = loadConfig({ ...env, LOG_LEVEL: "silent" }, { port, host: "127.0.0.1" });
const app = await buildApp({ config, db, logger: false });
await app.listen({ port, host: "127.0.0.1" });

// Citizens: adults living in the first commune (so one agency gets every submission).
const { rows: adults } = await db.query<{ pn: string }>(
  `select personal_number as pn from persons where permanent_commune_code = $1 and deceased_on is null
     and birth_date < '2000-01-01' order by personal_number limit 20`,
  [communes[0]?.code],
);
const browsers: Browser[] = [];
for (const a of adults) {
  const b = new Browser(config.publicUrl);
  await b.signIn(a.pn);
  browsers.push(b);
}
const tokens = await Promise.all(browsers.map((b) => b.csrf()));

// 1. Prefill latency.
const latencies: number[] = [];
for (let i = 0; i < Number(values.prefills); i++) {
  const b = browsers[i % browsers.length] as Browser;
  const t = performance.now();
  const res = await b.fetch("/api/procedures/1.001193/prefill");
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`prefill HTTP ${res.status}`);
  latencies.push(performance.now() - t);
}
latencies.sort((a, b) => a - b);
console.log(
  `prefill (${latencies.length} calls, ${persons} persons in the registry): p50 ${percentile(latencies, 0.5).toFixed(2)} ms, p99 ${percentile(latencies, 0.99).toFixed(2)} ms`,
);

// 2. Submissions over HTTP.
const VALUES = {
  "person.maritalStatus": "single",
  purpose: "Để đăng ký kết hôn",
  copies: 1,
  "declaration.sworn": true,
};
const jobs = Array.from({ length: submissions }, (_, i) => i);
const http = await timed(() =>
  pool(jobs, concurrency, async (i) => {
    const b = browsers[i % browsers.length] as Browser;
    const headers = {
      "content-type": "application/json",
      "x-csrf-token": tokens[i % browsers.length] as string,
    };
    const created = await b.fetch("/api/dossiers", {
      method: "POST",
      headers,
      body: JSON.stringify({ procedureCode: "LOCAL.XAC-NHAN-TTHN" }),
    });
    const { id } = (await created.json()) as { id: string };
    const res = await b.fetch(`/api/dossiers/${id}/submit`, {
      method: "POST",
      headers: { ...headers, "idempotency-key": `bench-${i}-${randomUUID()}` },
      body: JSON.stringify({ values: VALUES }),
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`submit HTTP ${res.status}`);
  }),
);

// The raw database doing the same inserts for the same number of dossiers, same concurrency.
const raw = await timed(() =>
  pool(jobs, concurrency, async (i) => {
    await db.tx(async (q) => {
      const { rows } = await q.query<{ last_seq: number }>(
        `insert into agency_sequences (province_code, agency_code, day, last_seq) values ('48', 'RAW.BENCH', current_date, 1)
         on conflict (province_code, agency_code, day) do update set last_seq = agency_sequences.last_seq + 1 returning last_seq`,
      );
      const id = randomUUID();
      await q.query(
        `insert into dossiers (id, code, procedure_code, procedure_version, province_code, commune_code, agency_code,
           applicant_number, created_by_kind, created_by, channel, status, form, submitted_at)
         values ($1, $2, 'LOCAL.XAC-NHAN-TTHN', 1, '48', $3, 'RAW.BENCH', $4, 'citizen', $6, 'online', 'submitted', $5, now())`,
        [
          id,
          `RAW-${rows[0]?.last_seq}`,
          communes[0]?.code,
          adults[i % adults.length]?.pn,
          JSON.stringify(VALUES),
          adults[i % adults.length]?.pn,
        ],
      );
      for (const [seq, action] of [
        [1, "create"],
        [2, "submit"],
      ] as const) {
        await q.query(
          `insert into dossier_actions (dossier_id, seq, at, action, actor_kind, actor_id, actor_role, channel, payload, province_code)
           values ($1, $2, now(), $3, 'citizen', 'x', 'citizen', 'online', '{}', '48')`,
          [id, seq, action],
        );
        await q.query("insert into outbox (topic, key, payload, province_code) values ($1, $2, '{}', '48')", [
          `dossier.${action}`,
          id,
        ]);
      }
    });
  }),
);
const httpRate = submissions / (http.ms / 1000);
const rawRate = submissions / (raw.ms / 1000);
console.log(
  `submissions (${submissions}, concurrency ${concurrency}): HTTP create+submit ${httpRate.toFixed(0)}/s; raw inserts ${rawRate.toFixed(0)}/s; ratio ${(httpRate / rawRate).toFixed(2)}`,
);
await app.close();
await db.close();
await dispose();
