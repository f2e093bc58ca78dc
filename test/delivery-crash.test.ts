import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/db/client.js";
import { enqueue } from "../src/modules/delivery/index.js";
import { createTestDatabase, engine, type TestDatabase } from "./helpers/db.js";
import { type Child, runCli, waitFor } from "./helpers/process.js";

/**
 * A dispatcher process killed (SIGKILL) in the middle of a delivery, its effect written but not
 * committed: after a restart the message is delivered again and its effect is there once. Then the
 * archive command moves the delivered message out of the hot table. Runs alone (vitest.config.ts).
 */
let tdb: TestDatabase;
let id = 0;

function worker(mode: "hang" | "complete"): Child {
  const proc = spawn(process.execPath, ["--import", "tsx", "test/helpers/delivery-worker.ts"], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...tdb.env, MODE: mode, LEASE_MS: "1000" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout?.on("data", (d) => {
    out += d;
  });
  proc.stderr?.on("data", (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  return { proc, output: () => out, exited };
}

async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await tdb.open();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  tdb = await createTestDatabase("ready");
  id = await withDb(async (db) => {
    await db.query("create table test_effects (province_code text, message_id bigint, note text)");
    return db.tx((q) => enqueue(q, { topic: "test.crash", key: "k", payload: {}, provinceCode: "48" }));
  });
});
afterAll(async () => tdb?.dispose());

describe(`a dispatcher killed mid-delivery (${engine})`, { timeout: 150_000 }, () => {
  it("redelivers after a restart, and the effect is applied once", async () => {
    const first = worker("hang");
    await waitFor(() => first.output().includes(`IN_HANDLER ${id}`), 60_000, "the handler", first.output);
    first.proc.kill("SIGKILL");
    expect(await first.exited).toBeNull();

    const second = worker("complete");
    expect(await second.exited, second.output()).toBe(0);
    expect(second.output()).toContain("DELIVERED");

    await withDb(async (db) => {
      const effects = await db.query("select note from test_effects where message_id = $1", [id]);
      // The first attempt's effect died with its transaction; the second's is the only one.
      expect(effects.rows).toEqual([{ note: "attempt 2" }]);
      const m = await db.query("select state, attempts from outbox where province_code = '48' and id = $1", [
        id,
      ]);
      expect(m.rows).toEqual([{ state: "delivered", attempts: 2 }]);
      const inbox = await db.query("select topic from inbox where province_code = '48' and message_id = $1", [
        id,
      ]);
      expect(inbox.rows).toEqual([{ topic: "test.crash" }]);
    });
  });

  it("npm run outbox:archive refuses a date within the retention period, then moves the delivered message", async () => {
    const early = runCli("outbox-archive", ["--before", "2999-01-01"], {
      ...tdb.env,
      OUTBOX_RETENTION_DAYS: "90",
    });
    expect(await early.exited).toBe(1);
    expect(early.output()).toContain("Thời hạn giữ là 90 ngày");
    expect(early.output()).toContain("The retention period is 90 days");

    const run = runCli("outbox-archive", [], { ...tdb.env, OUTBOX_RETENTION_DAYS: "0" });
    expect(await run.exited, run.output()).toBe(0);
    expect(run.output()).toContain("Archived 1 messages");
    await withDb(async (db) => {
      const hot = await db.query("select 1 from outbox where province_code = '48' and id = $1", [id]);
      expect(hot.rows).toEqual([]);
      const archived = await db.query<{ state: string; topic: string }>(
        "select state, topic from outbox_archive where province_code = '48' and id = $1",
        [id],
      );
      expect(archived.rows).toEqual([{ state: "delivered", topic: "test.crash" }]);
    });
  });
});
