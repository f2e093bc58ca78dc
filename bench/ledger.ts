/**
 * The cost of hash-chained audit rows: audited actions per second written through `audit()`
 * (next id, head row locked by full key, hash, insert, head moved, in one transaction) next to
 * the raw database inserting the same rows unchained in the same run; writers of one province
 * take turns, so the figure is given for one province and for rows spread over eight. Then the
 * verifier's speed (`verifyChains`, rows per second).
 * Usage: [DATABASE_URL=postgres://…/postgres] npx tsx bench/ledger.ts [--rows 2000] [--concurrency 16]
 */
import { parseArgs } from "node:util";
import { migrate } from "../src/db/migrate.js";
import { audit } from "../src/modules/audit/index.js";
import { verifyChains } from "../src/modules/ledger/index.js";
import { openBenchDb, pool, timed } from "./lib.js";

const { values } = parseArgs({
  options: { rows: { type: "string", default: "2000" }, concurrency: { type: "string", default: "16" } },
});
const rows = Number(values.rows);
const concurrency = Number(values.concurrency);
const { db, dispose, engine } = await openBenchDb();
await migrate(db);
const actor = { kind: "officer", id: "motcua.20194" };
const provinces = ["01", "04", "08", "11", "12", "14", "15", "19"];
const items = Array.from({ length: rows }, (_, i) => i);

const rate = (ms: number) => Math.round(rows / (ms / 1000));
const raw = await timed(() =>
  pool(items, concurrency, async (i) => {
    await db.query(
      `insert into audit_log (actor_kind, actor_id, action, outcome, resource, province_code, request_id, detail)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [actor.kind, actor.id, "bench.raw", "allowed", `dossier:${i}`, "48", null, JSON.stringify({ i })],
    );
  }),
);
const one = await timed(() =>
  pool(items, concurrency, (i) =>
    audit(db, {
      actor,
      action: "bench.chained",
      outcome: "allowed",
      resource: `dossier:${i}`,
      provinceCode: "48",
      detail: { i },
    }),
  ),
);
const spread = await timed(() =>
  pool(items, concurrency, (i) =>
    audit(db, {
      actor,
      action: "bench.chained",
      outcome: "allowed",
      resource: `dossier:${i}`,
      provinceCode: provinces[i % provinces.length],
      detail: { i },
    }),
  ),
);
const verify = await timed(() => verifyChains(db));
if (verify.result.problems.length > 0)
  throw new Error(`chains broken: ${JSON.stringify(verify.result.problems)}`);
const checked = verify.result.chains.reduce((n, c) => n + c.rows, 0);
console.log(`engine ${engine}, ${rows} audit rows per run, ${concurrency} writers`);
console.log(`raw insert (unchained):           ${rate(raw.ms)} rows/s`);
console.log(
  `audit(), one province's chain:    ${rate(one.ms)} rows/s (${(one.ms / raw.ms).toFixed(1)}× the raw time)`,
);
console.log(
  `audit(), eight provinces' chains: ${rate(spread.ms)} rows/s (${(spread.ms / raw.ms).toFixed(1)}× the raw time)`,
);
console.log(
  `verifyChains: ${checked} rows in ${(verify.ms / 1000).toFixed(2)} s (${Math.round(checked / (verify.ms / 1000))} rows/s)`,
);
await db.close();
await dispose();
