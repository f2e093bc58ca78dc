import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { type Db, openDb } from "../../src/db/client.js";
import { migrate } from "../../src/db/migrate.js";
import { loadStarterCatalogue } from "../../src/modules/catalog/index.js";
import { loadUnits } from "../../src/modules/units/index.js";

/**
 * A fresh, isolated database for one test file, on the engine CI selects:
 * TEST_DATABASE_URL set → a new database created on that PostgreSQL server (dropped after);
 * unset → embedded PGlite in a new temporary directory.
 */
export type TestDatabase = {
  /** Environment for a child process (server, CLI) to open the same database. */
  env: { DATABASE_URL?: string; DATA_DIR: string };
  databaseUrl: string | undefined;
  dataDir: string;
  open(): Promise<Db>;
  dispose(): Promise<void>;
};

export const engine = process.env.TEST_DATABASE_URL ? "postgres" : "pglite";

export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mot-lan-test-"));
  const serverUrl = process.env.TEST_DATABASE_URL;
  let databaseUrl: string | undefined;
  let name: string | undefined;
  if (serverUrl) {
    name = `ml_test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
  }
  return {
    env: databaseUrl ? { DATABASE_URL: databaseUrl, DATA_DIR: dataDir } : { DATA_DIR: dataDir },
    databaseUrl,
    dataDir,
    open: () => openDb({ databaseUrl, dataDir }),
    async dispose() {
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (serverUrl && name) {
        const admin = new pg.Client({ connectionString: serverUrl });
        await admin.connect();
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    },
  };
}

/** A fresh database, migrated, with the administrative units loaded. */
export async function createReadyDatabase(): Promise<{ tdb: TestDatabase; db: Db }> {
  const tdb = await createTestDatabase();
  const db = await tdb.open();
  await migrate(db);
  await loadUnits(db);
  await loadStarterCatalogue(db);
  return { tdb, db };
}
