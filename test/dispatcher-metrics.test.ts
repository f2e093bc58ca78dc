import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/db/client.js";
import { Delivery, enqueue, MessageRefused } from "../src/modules/delivery/index.js";
import { startDispatcherMetrics } from "../src/server/dispatcher-metrics.js";
import { createTestDatabase, engine, type TestDatabase } from "./helpers/db.js";

/**
 * A separate dispatcher's own /metrics (issue 11, DISPATCHER_METRICS_PORT): with
 * OUTBOX_DISPATCHER=separate the deliveries and failures per topic are counted in the dispatcher's
 * process, so it serves them on its own listener (127.0.0.1), behind the same METRICS_TOKEN rule
 * as the server's /metrics. Scraped over real HTTP after one delivery and one refusal.
 */
const TOKEN = "scrape-the-dispatcher-0123456";
const now = () => new Date("2026-11-04T02:00:00Z");
let tdb: TestDatabase;
let db: Db;
let listener: Awaited<ReturnType<typeof startDispatcherMetrics>>;
let delivery: Delivery;

beforeAll(async () => {
  tdb = await createTestDatabase("ready");
  db = await tdb.open();
  delivery = new Delivery({ db, now, random: () => 0 });
  delivery.registerHandler("test.metrics.ok", async () => {});
  delivery.registerHandler("test.metrics.refused", async () => {
    throw new MessageRefused("the receiver refuses this sender");
  });
  listener = await startDispatcherMetrics({
    db,
    delivery,
    now,
    token: TOKEN,
    demo: false,
    host: "127.0.0.1",
    port: 0,
  });
});
afterAll(async () => {
  await listener?.close();
  await db?.close();
  await tdb?.dispose();
});

const scrape = (headers: Record<string, string> = {}) =>
  fetch(`http://127.0.0.1:${listener.port}/metrics`, { headers });
/** The value of one series line (`name{labels} value`), or undefined when absent. */
const value = (body: string, series: string) => {
  const line = body.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe(`the dispatcher's own /metrics (${engine})`, () => {
  it("counts a delivery per topic and a refusal as a failure; only for the token's bearer", async () => {
    const send = (topic: string) =>
      db.tx((q) => enqueue(q, { topic, key: `k-${topic}`, payload: {}, provinceCode: "48", at: now() }));
    await send("test.metrics.ok");
    await send("test.metrics.refused");
    expect(await delivery.drainOnce()).toEqual({ delivered: 1, failed: 0, dead: 1 });

    const refused = await scrape();
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("METRICS_TOKEN_REQUIRED");

    const res = await scrape({ authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(value(body, 'mot_lan_outbox_deliveries_total{topic="test.metrics.ok"}')).toBe(1);
    expect(value(body, 'mot_lan_outbox_deliveries_total{topic="test.metrics.refused"}')).toBeUndefined();
    expect(value(body, 'mot_lan_outbox_failures_total{topic="test.metrics.refused",outcome="dead"}')).toBe(1);
    expect(value(body, 'mot_lan_outbox_messages{topic="test.metrics.refused",state="dead"}')).toBe(1);
  });
});
