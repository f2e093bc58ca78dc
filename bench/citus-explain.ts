/**
 * On a Citus coordinator: how many shards the hot statements touch. Runs the application's own
 * code for a prefill, a dossier by id and by code, the officer queue by commune and by province,
 * and the open KPIs of a commune, a province and the nation over a year (the rollups), captures each statement it sends (`Db.observe`), and prints Citus's
 * EXPLAIN of it: the task count and the shards (docs/scaling.md, "What we saw").
 *   DATABASE_URL=postgres://postgres@127.0.0.1:9700/motlan npx tsx bench/citus-explain.ts
 * Needs a seeded, distributed database with at least one submitted dossier.
 */
import { loadConfig } from "../src/config.js";
import { openDb } from "../src/db/client.js";
import type { Principal } from "../src/domain/principal.js";
import { getVisibleDossier, officerQueue, previewPrefill } from "../src/modules/dossiers/index.js";
import { findOfficer } from "../src/modules/identity/index.js";
import { kpiFigures } from "../src/modules/metrics/index.js";

const config = loadConfig();
const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const { rows } = await db.query<{
  id: string;
  code: string;
  applicant: string;
  commune: string;
  province: string;
}>(
  `select id, code, applicant_number as applicant, commune_code as commune, province_code as province
   from dossiers where code is not null order by submitted_at desc limit 1`,
);
const d = rows[0];
if (!d) throw new Error("No submitted dossier: run a journey first.");
const citizen: Principal = { kind: "citizen", id: d.applicant, personalNumber: d.applicant, name: "" };
const receiver = await findOfficer(db, `motcua.${d.commune}`);
const leader = await findOfficer(db, `lanhdao.tinh.${d.province}`);
if (!receiver || !leader) throw new Error("Demo officers missing: start the server once (npm start).");

async function explain(title: string, run: () => Promise<unknown>): Promise<void> {
  const seen: Array<[string, readonly unknown[]]> = [];
  const stop = db.observe((sql, params) => seen.push([sql, [...params]]));
  try {
    await run();
  } finally {
    stop();
  }
  console.log(`\n## ${title}`);
  for (const [sql, params] of seen) {
    const plan = await db.query<{ "QUERY PLAN": string }>(`explain (costs off) ${sql}`, [...params]);
    const lines = plan.rows.map((r) => r["QUERY PLAN"]);
    const tasks = lines.find((l) => /Task Count:/.test(l))?.trim() ?? "no Citus task (coordinator only)";
    const shards = [...new Set(lines.join("\n").match(/\b[a-z_]+_1\d{5}\b/g) ?? [])];
    console.log(`- ${sql.replace(/\s+/g, " ").slice(0, 150)}`);
    console.log(`    ${tasks}; shards: ${shards.join(", ") || "-"}`);
  }
}

await explain("prefill of a birth registration (GET /api/procedures/1.001193/prefill)", () =>
  previewPrefill({ db, principal: citizen }, "1.001193"),
);
await explain("a dossier by id (the id carries the province)", () =>
  getVisibleDossier({ db, principal: citizen }, d.id, "view"),
);
await explain("a dossier by code (the code carries the province)", () =>
  db.query("select id, status from dossiers where province_code = $1 and code = $2", [
    /\.H([0-9]{2})-/.exec(d.code)?.[1],
    d.code,
  ]),
);
await explain("the officer queue of a commune", () =>
  officerQueue(db, receiver, { limit: 20, offset: 0 }, new Date()),
);
await explain("the officer queue of a province", () =>
  officerQueue(db, leader, { limit: 20, offset: 0 }, new Date()),
);
// A year to the local today: whole months from kpi_monthly / kpi_province_monthly, the edges by day.
const to = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const year = { from: `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`, to };
await explain("open KPIs of a commune over a year (GET /api/open/kpis?level=commune)", () =>
  kpiFigures(db, { level: "commune", code: d.commune }, year),
);
await explain("open KPIs of a province over a year (GET /api/open/kpis?level=province)", () =>
  kpiFigures(db, { level: "province", code: d.province }, year),
);
await explain("open KPIs of the nation over a year (GET /api/open/kpis?level=national)", () =>
  kpiFigures(db, { level: "national" }, year),
);
await db.close();
