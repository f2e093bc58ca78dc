import fs from "node:fs";
import path from "node:path";
import { inject } from "vitest";
import { type Db, openDb } from "../../src/db/client.js";
import {
  copyPglite,
  onServer,
  prepare,
  type Stage,
  scratchDir,
  uniqueName,
  databaseUrl as urlOf,
} from "./templates.js";

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

/**
 * A new database of its own at `stage` (see templates.ts): "blank" (the default) is empty,
 * "ready" migrated with the units and the starter catalogue, "fixtures" also with the fixture
 * population. It is a copy of the run's template (PGlite: the data directory; PostgreSQL:
 * `CREATE DATABASE … TEMPLATE`), so no two test files share one; without templates (a run
 * without the global setup) the stage is built in place.
 */
export async function createTestDatabase(stage: Stage = "blank"): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(scratchDir(), "mot-lan-test-"));
  const serverUrl = process.env.TEST_DATABASE_URL;
  const templates = inject("templates");
  let databaseUrl: string | undefined;
  let name: string | undefined;
  let copied = false;
  if (serverUrl) {
    name = uniqueName("ml_test");
    const template =
      stage !== "blank" && templates?.engine === "postgres" ? templates.databases[stage] : undefined;
    await onServer(serverUrl, (c) =>
      c.query(`create database ${name}${template ? ` template ${template}` : ""}`),
    );
    copied = template !== undefined;
    databaseUrl = urlOf(serverUrl, name);
  } else if (templates?.engine === "pglite") {
    copyPglite(templates.dirs[stage], dataDir);
    copied = true;
  }
  const tdb: TestDatabase = {
    env: databaseUrl ? { DATABASE_URL: databaseUrl, DATA_DIR: dataDir } : { DATA_DIR: dataDir },
    databaseUrl,
    dataDir,
    open: () => openDb({ databaseUrl, dataDir }),
    async dispose() {
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (serverUrl && name) {
        const db = name;
        await onServer(serverUrl, (c) => c.query(`drop database if exists ${db} with (force)`));
      }
    },
  };
  if (!copied && stage !== "blank") {
    const db = await tdb.open();
    try {
      await prepare(db, "ready");
      if (stage === "fixtures") await prepare(db, "fixtures");
    } finally {
      await db.close();
    }
  }
  return tdb;
}

/** A fresh database, migrated, with the administrative units and the starter catalogue loaded. */
export async function createReadyDatabase(): Promise<{ tdb: TestDatabase; db: Db }> {
  const tdb = await createTestDatabase("ready");
  return { tdb, db: await tdb.open() };
}
