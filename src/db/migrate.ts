import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "./client.js";
import { splitStatements } from "./statements.js";

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

export type Migration = { version: string; sql: string };

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.replace(/\.sql$/, ""), sql: fs.readFileSync(path.join(dir, f), "utf8") }));
}

/**
 * Applies pending SQL migrations, each in its own transaction, in file order, one statement at a
 * time (Citus refuses a file sent as one multi-statement query: docs/scaling.md). An advisory
 * lock keeps two servers starting at once on one PostgreSQL database from racing.
 */
export async function migrate(db: Db, migrations = listMigrations()): Promise<string[]> {
  await db.query(
    "create table if not exists schema_migrations (version text primary key, applied_at timestamptz not null default now())",
  );
  const applied: string[] = [];
  for (const m of migrations) {
    const done = await db.tx(async (q) => {
      await q.query("select pg_advisory_xact_lock(727274)");
      const { rows } = await q.query("select 1 from schema_migrations where version = $1", [m.version]);
      if (rows.length > 0) return false;
      for (const statement of await splitStatements(m.sql)) await q.exec(statement);
      await q.query("insert into schema_migrations (version) values ($1)", [m.version]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}

/** Throws unless the database answers and has been migrated (the readiness probe's check). */
export async function assertMigrated(db: Db): Promise<void> {
  await db.query("select 1 from schema_migrations limit 1");
}
