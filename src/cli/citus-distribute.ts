/**
 * Distributes a fresh Citus database as the schema declares it: npm run citus:distribute
 * (DATABASE_URL names the Citus coordinator). Migrates first (as every command does), then reads
 * each table's `placement:` comment (src/db/placement.ts) and calls create_reference_table or
 * create_distributed_table(..., colocate_with) in dependency order. Tables already distributed
 * are left as they are, so it can be run again after a later migration adds a table.
 * Refuses to run without Citus, or when the schema breaks a rule (`placementProblems`). docs/scaling.md.
 */
import { configOrExit, loadConfig } from "../config.js";
import { distributionOrder, placementProblems, readPlacements } from "../db/placement.js";
import { openReadyDb } from "./open.js";

const config = configOrExit(() => loadConfig());
if (!config.databaseUrl) {
  console.error(
    "DATABASE_URL must name the Citus coordinator, e.g. postgres://postgres@127.0.0.1:9700/motlan",
  );
  process.exit(2);
}
const { db } = await openReadyDb(config);
try {
  const citus = await db.query<{ version: string }>(
    "select extversion as version from pg_extension where extname = 'citus'",
  );
  if (!citus.rows[0]) throw new Error("This database has no Citus extension (create extension citus).");
  const tables = await readPlacements(db);
  const problems = await placementProblems(db);
  if (problems.length > 0) throw new Error(`The schema breaks Citus's rules:\n  ${problems.join("\n  ")}`);
  const { rows: fks } = await db.query<{ from: string; to: string; name: string; definition: string }>(
    `select conrelid::regclass::text as "from", confrelid::regclass::text as "to", conname as name,
       pg_get_constraintdef(oid) as definition
     from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace`,
  );
  const { rows: done } = await db.query<{ table: string }>(
    `select logicalrelid::regclass::text as "table" from pg_dist_partition`,
  );
  const already = new Set(done.map((r) => r.table));
  console.log(`Citus ${citus.rows[0].version}: ${tables.length} tables declared.`);
  // Citus refuses a foreign key from a local table into a distributed one, which is what a child
  // table is between its parent's distribution and its own: such keys are dropped first and
  // added again once both sides are distributed.
  const placementOf = new Map(tables.map((t) => [t.table, t.placement]));
  const between = fks.filter(
    (f) =>
      placementOf.get(f.from)?.kind === "distributed" &&
      placementOf.get(f.to)?.kind === "distributed" &&
      !already.has(f.from),
  );
  for (const f of between) await db.query(`alter table ${f.from} drop constraint ${f.name}`);
  for (const t of distributionOrder(
    tables,
    fks.map((f) => [f.from, f.to] as const),
  )) {
    const p = t.placement;
    if (!p || p.kind === "coordinator") continue;
    if (already.has(t.table)) {
      console.log(`  ${t.table}: already distributed`);
      continue;
    }
    const started = Date.now();
    await db.tx(async (q) => {
      // The catalogue's guard trigger (migration 002) only checks OLD against NEW and raises: it
      // behaves the same on every placement of a reference table (test/distribution.test.ts lists it).
      await q.query("set local citus.enable_unsafe_triggers = on");
      if (p.kind === "reference") {
        await q.query("select create_reference_table($1)", [t.table]);
      } else {
        await q.query("select create_distributed_table($1, $2, colocate_with => $3)", [
          t.table,
          p.column,
          p.colocateWith ?? "none",
        ]);
      }
    });
    // Rows copied into the shards stay on the coordinator's disk unless truncated.
    await db.query("select truncate_local_data_after_distributing_table($1)", [t.table]);
    // Citus 13.0 drops the comment of some tables it distributes (those other tables point at):
    // the comment is the placement declaration, so it is written again, or a later run of this
    // script could not read it.
    const { rows: stmt } = await db.query<{ sql: string }>(
      "select format('comment on table %I is %L', $1::text, $2::text) as sql",
      [t.table, t.comment],
    );
    if (stmt[0]) await db.query(stmt[0].sql);
    const how =
      p.kind === "reference" ? "reference" : `by ${p.column} with ${p.colocateWith ?? "(new group)"}`;
    console.log(`  ${t.table}: ${how} (${Date.now() - started} ms)`);
  }
  for (const f of between) {
    await db.query(`alter table ${f.from} add constraint ${f.name} ${f.definition}`);
    console.log(`  ${f.from}: foreign key ${f.name} added again`);
  }
  const coordinator = tables.filter((t) => t.placement?.kind === "coordinator").map((t) => t.table);
  console.log(`Left on the coordinator: ${coordinator.join(", ")}`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await db.close();
}
