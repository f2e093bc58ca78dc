/**
 * Officer queue with 100,000 dossiers in one province: latency of the first, a middle and a far
 * page, filtered and unfiltered, next to the raw indexed query in the same run.
 * Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/queue.ts [--dossiers 100000]
 */
import { parseArgs } from "node:util";
import { migrate } from "../src/db/migrate.js";
import type { OfficerPrincipal } from "../src/domain/principal.js";
import { loadStarterCatalogue } from "../src/modules/catalog/index.js";
import { officerQueue } from "../src/modules/dossiers/index.js";
import { loadUnits } from "../src/modules/units/index.js";
import { openBenchDb, percentile, timed } from "./lib.js";

const { values } = parseArgs({ options: { dossiers: { type: "string", default: "100000" } } });
const n = Number(values.dossiers);
const { db, dispose, engine } = await openBenchDb();
await migrate(db);
await loadUnits(db);
await loadStarterCatalogue(db);
const { rows: communes } = await db.query<{ code: string }>(
  "select code from communes where province_code = '48' order by code limit 20",
);
const statuses = [
  "submitted",
  "received",
  "in_processing",
  "supplement_requested",
  "approved",
  "result_returned",
];
const load = await timed(() =>
  db.exec(`
    insert into dossiers (id, code, procedure_code, procedure_version, province_code, commune_code, agency_code, applicant_number,
      created_by_kind, created_by, channel, status, submitted_at, received_at, due_at, near_due_at)
    select gen_random_uuid(), 'UB.' || c.code || '.H48-261101-' || lpad(g::text, 6, '0'), 'LOCAL.XAC-NHAN-TTHN', 1, '48', c.code,
      'UB.' || c.code || '.H48', lpad((g % 999999999)::text, 12, '0'), 'citizen', 'x', 'online',
      (array['${statuses.join("','")}'])[1 + g % ${statuses.length}],
      now() - (g % 30) * interval '1 day', now() - (g % 30) * interval '1 day', now() + ((g % 20) - 5) * interval '1 day',
      now() + ((g % 20) - 6) * interval '1 day'
    from generate_series(1, ${n}) g
    join (select code, row_number() over (order by code) - 1 as i from communes where code in ('${communes.map((c) => c.code).join("','")}')) c
      on c.i = g % ${communes.length};
    analyze dossiers;`),
);
console.log(`engine ${engine}: ${n} dossiers in province 48 loaded in ${(load.ms / 1000).toFixed(1)} s`);
/** One instant for the whole run: the due filter compares it with the stored instants. */
const now = new Date();
const leader: OfficerPrincipal = {
  kind: "officer",
  id: "lanhdao.tinh.48",
  username: "lanhdao.tinh.48",
  name: "bench",
  role: "province_leader",
  jurisdiction: { level: "province", code: "48", provinceCode: "48" },
};
async function measure(label: string, fn: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < 30; i++) times.push((await timed(fn)).ms);
  times.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(52)} p50 ${percentile(times, 0.5).toFixed(1)} ms  p99 ${percentile(times, 0.99).toFixed(1)} ms`,
  );
}
await measure("raw: first 25 by due date (index scan)", () =>
  db.query(
    "select id from dossiers where province_code = '48' and status <> 'draft' order by due_at limit 25",
  ),
);
await measure("queue: first page, no filter (+ counts per status)", () =>
  officerQueue(db, leader, { limit: 25, offset: 0 }, now),
);
await measure("queue: page 200 (offset 5,000)", () =>
  officerQueue(db, leader, { limit: 25, offset: 5000 }, now),
);
await measure("queue: status=received, first page", () =>
  officerQueue(db, leader, { status: "received", limit: 25, offset: 0 }, now),
);
await measure("queue: overdue, first page", () =>
  officerQueue(db, leader, { due: "overdue", limit: 25, offset: 0 }, now),
);
await measure("queue: search by code prefix", () =>
  officerQueue(db, leader, { q: "UB.", limit: 25, offset: 0 }, now),
);
await db.close();
await dispose();
