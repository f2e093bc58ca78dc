/**
 * Officer queue with 100,000 dossiers in one province: latency of the first, a middle and a far
 * page, filtered and unfiltered, next to the raw indexed query in the same run. Then, for every
 * query the application sends on `dossiers` (the queues of a province and of a commune with each
 * filter, the leader's view, the citizen's list, a dossier by key and by code, the one-registration
 * check, the catalogue's most-filed count), which indexes PostgreSQL chose (EXPLAIN of the
 * statements captured with `Db.observe`), and each index's scans (pg_stat_user_indexes): what
 * decided the indexes of migration 095.
 * Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/queue.ts [--dossiers 100000]
 */
import { parseArgs } from "node:util";
import { migrate } from "../src/db/migrate.js";
import type { OfficerPrincipal } from "../src/domain/principal.js";
import { loadStarterCatalogue } from "../src/modules/catalog/index.js";
import { officerQueue } from "../src/modules/dossiers/index.js";
import { leaderOverview } from "../src/modules/metrics/index.js";
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

// Which index each query of the application uses, and how often each index was scanned.
const commune = communes[0]?.code ?? "";
const receiver: OfficerPrincipal = {
  ...leader,
  id: `motcua.${commune}`,
  username: `motcua.${commune}`,
  role: "receiver",
  jurisdiction: { level: "commune", code: commune, provinceCode: "48" },
};
const communeLeader: OfficerPrincipal = { ...receiver, role: "approver" };
const { rows: sample } = await db.query<{ id: string; code: string; applicant: string }>(
  "select id, code, applicant_number as applicant from dossiers where province_code = '48' and commune_code = $1 limit 1",
  [commune],
);
const one = sample[0] as { id: string; code: string; applicant: string };
const queries: Array<[string, () => Promise<unknown>]> = [
  ["province queue, first page", () => officerQueue(db, leader, { limit: 25, offset: 0 }, now)],
  [
    "province queue, status",
    () => officerQueue(db, leader, { status: "received", limit: 25, offset: 0 }, now),
  ],
  ["province queue, overdue", () => officerQueue(db, leader, { due: "overdue", limit: 25, offset: 0 }, now)],
  [
    "province queue, part of a code",
    () => officerQueue(db, leader, { q: one.code.slice(0, 16), limit: 25, offset: 0 }, now),
  ],
  [
    "province queue, number prefix",
    () => officerQueue(db, leader, { q: one.applicant.slice(0, 9), limit: 25, offset: 0 }, now),
  ],
  [
    "province queue, assigned to me",
    () => officerQueue(db, leader, { assignee: "me", limit: 25, offset: 0 }, now),
  ],
  ["commune queue, first page", () => officerQueue(db, receiver, { limit: 25, offset: 0 }, now)],
  [
    "commune queue, status",
    () => officerQueue(db, receiver, { status: "submitted", limit: 25, offset: 0 }, now),
  ],
  ["commune queue, overdue", () => officerQueue(db, receiver, { due: "overdue", limit: 25, offset: 0 }, now)],
  ["leader view, province", () => leaderOverview(db, leader, now)],
  ["leader view, commune", () => leaderOverview(db, communeLeader, now)],
  [
    "citizen's dossiers",
    () =>
      db.query(
        "select d.id from dossiers d where d.applicant_number = $1 order by d.created_at desc limit 20",
        [one.applicant],
      ),
  ],
  [
    "dossier by key",
    () => db.query("select 1 from dossiers d where d.province_code = $1 and d.id = $2", ["48", one.id]),
  ],
  [
    "dossier by code",
    () => db.query("select id from dossiers where province_code = $1 and code = $2", ["48", one.code]),
  ],
  [
    "one registration per life event",
    () =>
      db.query(
        `select code from dossiers where procedure_code = $1 and life_event_key = $2 and id <> $3
           and status <> all($4::text[]) order by submitted_at limit 1`,
        ["1.001193", "birth:x", one.id, ["draft", "withdrawn", "rejected", "refused"]],
      ),
  ],
  [
    "catalogue's most filed",
    () =>
      db.query(
        "select procedure_code as code, count(*)::int as n from dossiers where status <> 'draft' group by procedure_code",
      ),
  ],
];
if (engine === "postgres") await db.query("select pg_stat_reset()");
console.log("\nindexes of dossiers chosen by each query (EXPLAIN):");
for (const [label, run] of queries) {
  const sent: Array<[string, unknown[]]> = [];
  const stop = db.observe((sql, params) => {
    if (/\bdossiers\b/.test(sql) && !/^\s*insert into access_log/.test(sql)) sent.push([sql, [...params]]);
  });
  await run();
  stop();
  const used = new Set<string>();
  for (const [sql, params] of sent) {
    const { rows } = await db.query<{ "QUERY PLAN": unknown }>(`explain (format json) ${sql}`, params);
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) {
        for (const x of n) walk(x);
        return;
      }
      if (n && typeof n === "object") {
        const o = n as Record<string, unknown>;
        if (typeof o["Index Name"] === "string" && String(o["Relation Name"] ?? "dossiers") === "dossiers")
          used.add(o["Index Name"] as string);
        else if (o["Node Type"] === "Seq Scan" && o["Relation Name"] === "dossiers") used.add("(seq scan)");
        for (const x of Object.values(o)) walk(x);
      }
    };
    walk(rows[0]?.["QUERY PLAN"]);
  }
  console.log(`  ${label.padEnd(36)} ${[...used].sort().join(", ") || "-"}`);
}
if (engine === "postgres") {
  // Backends report their statistics when idle, within seconds: wait until they are in.
  const read = () =>
    db.query<{ index: string; scans: number; bytes: number }>(
      `select s.indexrelname as index, s.idx_scan as scans, pg_relation_size(s.indexrelid) as bytes
       from pg_stat_user_indexes s where s.relname = 'dossiers' order by s.idx_scan desc, s.indexrelname`,
    );
  let { rows } = await read();
  for (let i = 0; i < 30 && rows.every((r) => r.scans === 0); i++) {
    await new Promise((r) => setTimeout(r, 1000));
    ({ rows } = await read());
  }
  console.log("\nscans per index of dossiers over the queries above (pg_stat_user_indexes):");
  for (const r of rows)
    console.log(
      `  ${r.index.padEnd(36)} ${String(r.scans).padStart(6)} scans  ${(r.bytes / 1048576).toFixed(1)} MiB`,
    );
}
await db.close();
await dispose();
