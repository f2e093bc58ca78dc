import type { Db } from "../../src/db/client.js";
import { listMigrations, migrate } from "../../src/db/migrate.js";

/**
 * Runs one migration again on a migrated database, as on a database that had not had it (its
 * `schema_migrations` row removed first): a backfill's SQL on rows written the old way. Returns
 * the versions applied (the one named, once it exists).
 */
export async function rerunMigration(db: Db, version: string): Promise<string[]> {
  await db.query("delete from schema_migrations where version = $1", [version]);
  return migrate(
    db,
    listMigrations().filter((m) => m.version === version),
  );
}
