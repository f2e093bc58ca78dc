import { type Config, configOrExit, loadConfig } from "../config.js";
import type { Db } from "../db/client.js";
import { openDb } from "../db/client.js";
import { DataDirLockedError } from "../db/lock.js";
import { migrate } from "../db/migrate.js";
import { importLegacySecrets } from "../lib/secrets.js";
import { loadStarterCatalogue } from "../modules/catalog/index.js";
import { backfillDueInstants } from "../modules/dossiers/index.js";
import { loadUnits } from "../modules/units/index.js";

/**
 * Opens, migrates and loads reference data: what every command does first. Keys an older version
 * kept in the database move to the key file before the migration that drops their table.
 */
export async function openReadyDb(
  config: Config = configOrExit(() => loadConfig()),
): Promise<{ db: Db; migrated: string[] }> {
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
  const moved = await importLegacySecrets(db, config.keyFile);
  if (moved > 0) console.log(`Moved ${moved} keys from the database to ${config.keyFile} (mode 0600).`);
  const migrated = await migrate(db);
  await loadUnits(db);
  await loadStarterCatalogue(db);
  // Due and near-due instants need the working-day calendar: computed here, not in SQL (migration
  // 020); recomputed for open dossiers when the near-due threshold changed (migration 091).
  await backfillDueInstants(db, { log: (line) => console.log(line) });
  return { db, migrated };
}
