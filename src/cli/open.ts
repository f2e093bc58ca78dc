import { type Config, loadConfig } from "../config.js";
import type { Db } from "../db/client.js";
import { openDb } from "../db/client.js";
import { DataDirLockedError } from "../db/lock.js";
import { migrate } from "../db/migrate.js";
import { loadStarterCatalogue } from "../modules/catalog/index.js";
import { backfillDueInstants } from "../modules/dossiers/index.js";
import { loadUnits } from "../modules/units/index.js";

/** Opens, migrates and loads reference data: what every command does first. */
export async function openReadyDb(config: Config = loadConfig()): Promise<{ db: Db; migrated: string[] }> {
  let db: Db;
  try {
    db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const migrated = await migrate(db);
  await loadUnits(db);
  await loadStarterCatalogue(db);
  // Due and near-due instants need the working-day calendar: computed here, not in SQL (migration 020).
  await backfillDueInstants(db);
  return { db, migrated };
}
