import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/db/client.js";
import { archiveFinished, Delivery, enqueue, type OutboxMessage } from "../src/modules/delivery/index.js";
import { createTestDatabase, engine, type TestDatabase } from "./helpers/db.js";

/**
 * The dispatcher on its own, on a real database, with a clock the test moves: retries with
 * backoff, exactly-once effects through the inbox, order per key, the dead state, a claim taken
 * over after its lease, and the archive of delivered messages.
 */
let tdb: TestDatabase;
let db: Db;
let t = new Date("2026-11-04T02:00:00Z");
const now = () => t;
const later = (ms: number) => {
  t = new Date(t.getTime() + ms);
};
const settings = { maxAttempts: 5, backoff: { baseMs: 1_000, maxMs: 60_000 }, leaseMs: 30_000, batch: 10 };
/** random() = 0: each wait is exactly half its cap (1 s · 2^(n−1) / 2). */
const dispatcher = () => new Delivery({ db, now, random: () => 0, settings });

beforeAll(async () => {
  tdb = await createTestDatabase("ready");
  db = await tdb.open();
  // A receiver's own table: the effect a handler applies.
  await db.query("create table test_effects (province_code text, message_id bigint, note text, n serial)");
});
afterAll(async () => {
  await db?.close();
  await tdb?.dispose();
});

const send = (topic: string, key: string, payload: Record<string, unknown> = {}, extra = {}) =>
  db.tx((q) => enqueue(q, { topic, key, payload, provinceCode: "48", at: now(), ...extra }));
const effect = (q: Parameters<Parameters<Delivery["registerHandler"]>[1]>[0], m: OutboxMessage, note = "") =>
  q.query("insert into test_effects (province_code, message_id, note) values ($1, $2, $3)", [
    m.provinceCode,
    m.id,
    note,
  ]);
const effects = async (id?: number) =>
  (
    await db.query<{ message_id: number; note: string }>(
      "select message_id, note from test_effects where ($1::bigint is null or message_id = $1) order by n",
      [id ?? null],
    )
  ).rows;
const row = async (id: number) =>
  (
    await db.query<{
      state: string;
      attempts: number;
      last_error: string | null;
      next_attempt_at: Date | null;
      payload: Record<string, unknown>;
    }>(
      "select state, attempts, last_error, next_attempt_at, payload from outbox where province_code = '48' and id = $1",
      [id],
    )
  ).rows[0];

describe(`the outbox dispatcher (${engine})`, () => {
  it("a receiver that fails three times then succeeds applies its effect exactly once", async () => {
    const d = dispatcher();
    let calls = 0;
    d.registerHandler("test.flaky", async (q, m) => {
      calls += 1;
      // The effect is written first: a failure after it must leave nothing behind.
      await effect(q, m, `call ${calls}`);
      if (calls <= 3) throw new Error(`receiver down (${calls})`);
    });
    const id = await send("test.flaky", "k-flaky");
    expect(await d.drainOnce()).toEqual({ delivered: 0, failed: 1, dead: 0 });
    expect(await row(id)).toMatchObject({
      state: "pending",
      attempts: 1,
      last_error: "receiver down (1)",
      next_attempt_at: new Date(t.getTime() + 500),
    });
    // Not due yet: nothing is tried.
    expect(await d.drainOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
    // Waits of 0.5 s, 1 s, 2 s (half of 1 s · 2^(n−1), random = 0).
    for (const wait of [500, 1_000]) {
      later(wait);
      expect((await d.drainOnce()).failed).toBe(1);
    }
    expect((await row(id))?.last_error).toBe("receiver down (3)");
    later(1_999);
    expect(await d.drainOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
    later(1);
    expect(await d.drainOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    expect(calls).toBe(4);
    expect(await effects(id)).toEqual([{ message_id: id, note: "call 4" }]);
    expect(await row(id)).toMatchObject({ state: "delivered", attempts: 4 });
    const inbox = await db.query("select topic from inbox where province_code = '48' and message_id = $1", [
      id,
    ]);
    expect(inbox.rows).toEqual([{ topic: "test.flaky" }]);
    later(3_600_000);
    expect(await d.drainOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
    expect(await effects(id)).toHaveLength(1);
  });

  it("order per key: a message waits for an earlier pending one of its key, other keys go on", async () => {
    const d = dispatcher();
    let failFirst = true;
    d.registerHandler("test.order", async (q, m) => {
      if (m.payload.name === "A1" && failFirst) {
        failFirst = false;
        throw new Error("A1 not yet");
      }
      await effect(q, m, String(m.payload.name));
    });
    const a1 = await send("test.order", "dossier-A", { name: "A1" });
    const a2 = await send("test.order", "dossier-A", { name: "A2" });
    const b1 = await send("test.order", "dossier-B", { name: "B1" });
    const names = async () =>
      (await effects()).filter((e) => [a1, a2, b1].includes(e.message_id)).map((e) => e.note);
    expect(await d.drainOnce()).toEqual({ delivered: 1, failed: 1, dead: 0 });
    expect(await names()).toEqual(["B1"]);
    // A2 was never tried while A1 was pending.
    expect(await row(a2)).toMatchObject({ state: "pending", attempts: 0 });
    later(500);
    expect(await d.drainOnce()).toEqual({ delivered: 2, failed: 0, dead: 0 });
    expect(await names()).toEqual(["B1", "A1", "A2"]);
  });

  it("after the last attempt the message is dead, its secret payload erased, its handler told; never tried again", async () => {
    const d = dispatcher();
    const told: string[] = [];
    d.registerHandler(
      "test.broken",
      async () => {
        throw new Error("550 mailbox unavailable");
      },
      { onState: async (_q, m, c) => void told.push(`${m.id}:${c.state}:${c.note}`) },
    );
    const id = await send(
      "test.broken",
      "k-broken",
      { code: "123456" },
      { redactedPayload: { redacted: true } },
    );
    for (let i = 1; i <= 5; i++) {
      expect(await d.drainOnce()).toEqual({ delivered: 0, failed: i < 5 ? 1 : 0, dead: i < 5 ? 0 : 1 });
      later(60_000);
    }
    expect(await row(id)).toMatchObject({
      state: "dead",
      attempts: 5,
      last_error: "550 mailbox unavailable",
      next_attempt_at: null,
      payload: { redacted: true },
    });
    expect(told).toEqual([`${id}:dead:550 mailbox unavailable`]);
    later(3_600_000);
    expect(await d.drainOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
  });

  it("a claim whose lease ran out is taken over; the first dispatcher's late work applies nothing", async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let entered: () => void = () => undefined;
    const inSend = new Promise<void>((r) => {
      entered = r;
    });
    const slow = dispatcher();
    slow.registerHandler("test.lease", async (q, m) => void (await effect(q, m, "slow")), {
      send: async () => {
        entered();
        await held;
      },
    });
    const fast = dispatcher();
    fast.registerHandler("test.lease", async (q, m) => void (await effect(q, m, "fast")), {
      send: async () => undefined,
    });
    const id = await send("test.lease", "k-lease");
    const first = slow.drainOnce();
    await inSend;
    // Within the lease nobody else takes it.
    expect(await fast.drainOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
    later(30_000);
    expect(await fast.drainOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    release();
    await first;
    expect(await effects(id)).toEqual([{ message_id: id, note: "fast" }]);
    expect(await row(id)).toMatchObject({ state: "delivered", attempts: 2 });
  });

  it("a message of a topic nobody handles is delivered to no one", async () => {
    const id = await send("dossier.nobody-listens", "k-none");
    expect((await dispatcher().drainOnce()).delivered).toBeGreaterThanOrEqual(1);
    expect((await row(id))?.state).toBe("delivered");
  });

  it("archives delivered messages past the retention period, and refuses a date within it", async () => {
    const before = await db.query<{ n: number }>(
      "select count(*)::int as n from outbox where state in ('delivered', 'discarded')",
    );
    const n = before.rows[0]?.n ?? 0;
    expect(n).toBeGreaterThanOrEqual(5);
    const archiveAt = new Date(t.getTime() + 91 * 86_400_000);
    await expect(
      archiveFinished(db, { before: archiveAt, now: archiveAt, retentionDays: 90 }),
    ).rejects.toMatchObject({ code: "ARCHIVE_TOO_RECENT" });
    const progress: number[] = [];
    const moved = await archiveFinished(db, {
      before: new Date(t.getTime() + 1),
      now: archiveAt,
      retentionDays: 90,
      batch: 2,
      onProgress: (p) => progress.push(p.done),
    });
    expect(moved).toBe(n);
    expect(progress.at(-1)).toBe(n);
    const left = await db.query<{ state: string }>("select distinct state from outbox order by state");
    expect(left.rows).toEqual([{ state: "dead" }]);
    const archived = await db.query<{ n: number }>("select count(*)::int as n from outbox_archive");
    expect(archived.rows[0]?.n).toBe(n);
    const inbox = await db.query<{ n: number }>("select count(*)::int as n from inbox");
    expect(inbox.rows[0]?.n).toBe(0);
  });
});
