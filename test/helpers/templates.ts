import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { type Db, openDb } from "../../src/db/client.js";
import { migrate } from "../../src/db/migrate.js";
import { loadStarterCatalogue } from "../../src/modules/catalog/index.js";
import { loadUnits } from "../../src/modules/units/index.js";
import { insertFixtures } from "./fixtures.js";

/**
 * Template databases, built once per test run by the vitest global setup and copied for each test
 * file: creating a PGlite database and migrating and loading it costs ~6 s, copying a prepared
 * one ~0.5 s. Three stages, each the one before plus something:
 * - `blank`: an empty database (PGlite only: PostgreSQL's own template1 is that);
 * - `ready`: migrated, with the administrative units and the starter catalogue loaded;
 * - `fixtures`: ready plus the hand-written population of fixtures.ts (what startTestServer serves).
 * On PGlite a template is a data directory (its `pgdata` is copied); on PostgreSQL it is a
 * database on the TEST_DATABASE_URL server, used with `CREATE DATABASE x TEMPLATE t`.
 */
declare module "vitest" {
  export interface ProvidedContext {
    /** The run's templates, from the global setup; undefined in a run without it. */
    templates: Templates | undefined;
  }
}

export type Stage = "blank" | "ready" | "fixtures";
export type Templates =
  | { engine: "pglite"; dirs: Record<Stage, string> }
  | { engine: "postgres"; databases: Record<Exclude<Stage, "blank">, string> };

/** What each stage adds to the one before it. */
export async function prepare(db: Db, stage: Exclude<Stage, "blank">): Promise<void> {
  if (stage === "ready") {
    await migrate(db);
    await loadUnits(db);
    await loadStarterCatalogue(db);
  } else {
    await insertFixtures(db);
  }
}

/**
 * Where test databases live: the RAM-backed /dev/shm when the machine has one (copying a
 * template there takes ~0.3 s instead of ~1.5 s on disk, and PGlite's writes skip the disk),
 * else the system's temporary directory.
 */
export function scratchDir(): string {
  try {
    fs.accessSync("/dev/shm", fs.constants.W_OK);
    return "/dev/shm";
  } catch {
    return os.tmpdir();
  }
}

/** PGlite's files of a data directory (the directory also holds our lock file and key file). */
export const pgdataOf = (dataDir: string) => path.join(dataDir, "pgdata");

/** Copies a template data directory's database into `dataDir` (which must not hold one yet). */
export function copyPglite(templateDir: string, dataDir: string): void {
  fs.cpSync(pgdataOf(templateDir), pgdataOf(dataDir), { recursive: true });
}

/** Runs SQL on the PostgreSQL server's maintenance connection (the database of TEST_DATABASE_URL). */
export async function onServer<T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

/** The URL of database `name` on the server of `serverUrl`. */
export function databaseUrl(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A name no other test file or test run (several run at once on one server) uses. */
export const uniqueName = (prefix: string) => `${prefix}_${randomBytes(6).toString("hex")}`;

/** Builds the three templates; `dispose` removes them. */
export async function buildTemplates(
  serverUrl: string | undefined,
): Promise<{ templates: Templates; dispose(): Promise<void> }> {
  if (!serverUrl) {
    const root = fs.mkdtempSync(path.join(scratchDir(), "mot-lan-templates-"));
    const dirs = {
      blank: path.join(root, "blank"),
      ready: path.join(root, "ready"),
      fixtures: path.join(root, "fixtures"),
    };
    let previous: string | undefined;
    for (const stage of ["blank", "ready", "fixtures"] as const) {
      if (previous) copyPglite(previous, dirs[stage]);
      const db = await openDb({ dataDir: dirs[stage] });
      try {
        if (stage !== "blank") await prepare(db, stage);
      } finally {
        await db.close();
      }
      previous = dirs[stage];
    }
    return {
      templates: { engine: "pglite", dirs },
      dispose: async () => fs.rmSync(root, { recursive: true, force: true }),
    };
  }
  const databases = { ready: uniqueName("ml_tpl_ready"), fixtures: uniqueName("ml_tpl_fixtures") };
  const dataDir = fs.mkdtempSync(path.join(scratchDir(), "mot-lan-templates-"));
  const dispose = async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    await onServer(serverUrl, async (c) => {
      for (const name of Object.values(databases))
        await c.query(`drop database if exists ${name} with (force)`);
    });
  };
  try {
    let previous: string | undefined;
    for (const stage of ["ready", "fixtures"] as const) {
      await onServer(serverUrl, (c) =>
        c.query(`create database ${databases[stage]}${previous ? ` template ${previous}` : ""}`),
      );
      const db = await openDb({
        databaseUrl: databaseUrl(serverUrl, databases[stage]),
        dataDir,
        poolSize: 1,
      });
      try {
        await prepare(db, stage);
      } finally {
        await db.close();
      }
      previous = databases[stage];
    }
  } catch (err) {
    await dispose();
    throw err;
  }
  return { templates: { engine: "postgres", databases }, dispose };
}
