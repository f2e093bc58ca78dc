import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { type Db, openDb } from "../src/db/client.js";

export type BenchDb = { db: Db; engine: string; env: Record<string, string>; dispose: () => Promise<void> };

/** A throwaway database: PGlite in a temp dir, or a new database on the DATABASE_URL server. */
export async function openBenchDb(): Promise<BenchDb> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mot-lan-bench-"));
  const server = process.env.DATABASE_URL;
  if (!server) {
    const db = await openDb({ dataDir });
    return {
      db,
      engine: "pglite",
      env: { DATA_DIR: dataDir },
      dispose: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `ml_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const db = await openDb({ databaseUrl: url.toString(), dataDir, poolSize: 20 });
  return {
    db,
    engine: "postgres",
    env: { DATABASE_URL: url.toString(), DATA_DIR: dataDir },
    dispose: async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A database of the PostgreSQL server at `serverUrl` named `name`, created when missing and kept
 * (a benchmark seeds it once and reuses it). Its pool is small: the benchmark's load comes from
 * elsewhere.
 */
export async function openNamedBenchDb(serverUrl: string, name: string): Promise<{ db: Db; url: string }> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name))
    throw new Error(`database name ${name}: lower-case letters, digits, _`);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query("select 1 from pg_database where datname = $1", [name]);
    if (rows.length === 0) await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mot-lan-bench-"));
  const db = await openDb({ databaseUrl: url.toString(), dataDir, poolSize: 2, idleTimeoutMs: 1000 });
  return { db, url: url.toString() };
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t = performance.now();
  const result = await fn();
  return { ms: performance.now() - t, result };
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

/** Runs tasks with at most `concurrency` in flight. */
export async function pool<T>(
  items: T[],
  concurrency: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        await fn(item);
      }
    }),
  );
}
