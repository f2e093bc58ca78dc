import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemo } from "../src/cli/demo.js";
import { loadConfig } from "../src/config.js";
import type { Db } from "../src/db/client.js";
import { loadKeys } from "../src/lib/secrets.js";
import { createTestDatabase, engine, type TestDatabase } from "./helpers/db.js";
import { TEST_START } from "./helpers/server.js";

/**
 * `npm start` on an empty database (review r16): the demo seeds its population, its notices, a
 * year of history for the dashboards, and one birth group past its limit for the leaders' panel.
 * The late group was once filed before the history's "province has no dossier yet" check, so a
 * fresh start skipped the history and every dashboard was empty.
 */
let tdb: TestDatabase;
let db: Db;
beforeAll(async () => {
  tdb = await createTestDatabase("ready");
  db = await tdb.open();
});
afterAll(async () => {
  await db?.close();
  await tdb?.dispose();
});

describe(`a first demo start (${engine})`, () => {
  it("seeds the year of history and the late birth group, each once", async () => {
    const config = loadConfig({ LOG_LEVEL: "silent", DATA_DIR: tdb.dataDir }, { host: "127.0.0.1" });
    const keys = await loadKeys(config);
    if (!keys.demo) throw new Error("the demo's keys are made with DEMO on");
    const start = (log: string[]) =>
      ensureDemo(db, {
        log: (line) => log.push(line),
        machineSecret: keys.demo?.machineSecret as string,
        keyFile: config.keyFile,
        signers: keys.agencies,
        now: TEST_START,
      });
    const first: string[] = [];
    await start(first);
    expect(
      first.some((l) => l.startsWith("Demo history ready:")),
      first.join("\n"),
    ).toBe(true);
    expect(
      first.some((l) => l.startsWith("A birth group past its limit")),
      first.join("\n"),
    ).toBe(true);
    const { rows } = await db.query<{ imported: number; nation: number; groups: number }>(
      `select (select count(*)::int from dossiers where province_code = '48') as imported,
              (select count(*)::int from dossiers) as nation,
              (select count(*)::int from linked_groups) as groups`,
    );
    // A year of history: the demo's communes and the first commune of every province.
    expect(rows[0]?.imported).toBeGreaterThan(400);
    expect(rows[0]?.nation).toBeGreaterThan(4000);
    expect(rows[0]?.groups).toBe(1);
    const again: string[] = [];
    await start(again);
    expect(again.filter((l) => l.startsWith("Demo history") || l.startsWith("A birth group"))).toEqual([]);
  });
});
