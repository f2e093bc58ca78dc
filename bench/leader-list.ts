/**
 * The leader's lists at scale (issue 13 point 3, GET /api/leader/overview/dossiers): for the
 * national viewer (every province) and one province leader, each figure's first page and a later
 * one, p50/p95 over `--runs` runs, and with `--explain` the plan of each statement (EXPLAIN
 * ANALYZE, BUFFERS) as PostgreSQL runs it. On a database of the PostgreSQL server (DATABASE_URL;
 * `--db`) filled beforehand with the seed command, e.g.
 *   createdb h43db; DATABASE_URL=postgres://…/h43db npm run seed -- --history-months 2 --communes-per-province 20 --per-commune-month 245
 * Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/leader-list.ts --db h43db --runs 10 [--explain]
 */
import { parseArgs } from "node:util";
import type { Queryable } from "../src/db/client.js";
import { LEADER_FIGURES } from "../src/domain/api/leader.js";
import type { OfficerPrincipal } from "../src/domain/principal.js";
import { leaderDossiers } from "../src/modules/metrics/index.js";
import { openNamedBenchDb, percentile, timed } from "./lib.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "10" },
    db: { type: "string", default: "ml_bench_leader" },
    explain: { type: "boolean", default: false },
    offset: { type: "string", default: "500" },
  },
});
const server = process.env.DATABASE_URL;
if (!server) {
  console.log("bench/leader-list.ts needs a PostgreSQL server (DATABASE_URL): skipped");
  process.exit(0);
}
const { db } = await openNamedBenchDb(server, values.db);
const { rows: counted } = await db.query<{ n: number; latest: Date }>(
  "select count(*)::int as n, max(created_at) as latest from dossiers",
);
console.log(`${values.db}: ${(counted[0]?.n ?? 0).toLocaleString("en")} dossiers`);
// The clock of the generated history: just after its last dossier.
const now = new Date((counted[0]?.latest ?? new Date()).getTime() + 3_600_000);
const national: OfficerPrincipal = {
  kind: "officer",
  id: "bench",
  username: "bench",
  name: "Bench",
  role: "national_viewer",
  jurisdiction: { level: "country" },
};
const province: OfficerPrincipal = {
  ...national,
  role: "province_leader",
  jurisdiction: { level: "province", code: "48", provinceCode: "48" },
};

/** Each statement run through it is also explained, and the plan printed. */
const explaining: Queryable = {
  query: async (sql, params) => {
    const plan = await db.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${sql}`, params);
    console.log(`\n${sql}\n${plan.rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
    return db.query(sql, params);
  },
  exec: (sql) => db.exec(sql),
};

const runs = Number(values.runs);
for (const [who, p] of [
  ["national", national],
  ["province 48", province],
] as const) {
  for (const figure of LEADER_FIGURES) {
    for (const offset of [0, Number(values.offset)]) {
      const query = { figure, limit: 50, offset };
      if (values.explain) {
        console.log(`\n=== ${who} ${figure} offset ${offset}`);
        await leaderDossiers(explaining, p, query, now);
      }
      await leaderDossiers(db, p, query, now);
      const ms: number[] = [];
      let total = 0;
      for (let i = 0; i < runs; i++) {
        const r = await timed(() => leaderDossiers(db, p, query, now));
        ms.push(r.ms);
        total = r.result.total;
      }
      ms.sort((a, b) => a - b);
      console.log(
        `${who.padEnd(12)} ${figure.padEnd(20)} offset ${String(offset).padEnd(4)} total ${String(total).padStart(7)}  p50 ${percentile(ms, 0.5).toFixed(1)} ms  p95 ${percentile(ms, 0.95).toFixed(1)} ms`,
      );
    }
  }
}
await db.close();
