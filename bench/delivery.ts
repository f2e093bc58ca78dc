/**
 * Delivery: messages delivered and applied per second by one dispatcher (claim, handler effect,
 * inbox row, delivered mark), next to the raw database doing the same statements in the same run;
 * then the delivery lag (delivered_at − created_at) p50/p99 while 100 messages a second are written.
 * Usage: [DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres] npx tsx bench/delivery.ts
 *          [--messages 5000] [--rate 100] [--seconds 10] [--poll-ms 1000]
 */
import { parseArgs } from "node:util";
import { migrate } from "../src/db/migrate.js";
import { Delivery, enqueue } from "../src/modules/delivery/index.js";
import { loadUnits } from "../src/modules/units/index.js";
import { openBenchDb, timed } from "./lib.js";

const { values } = parseArgs({
  options: {
    messages: { type: "string", default: "5000" },
    rate: { type: "string", default: "100" },
    seconds: { type: "string", default: "10" },
    "poll-ms": { type: "string", default: "1000" },
  },
});
const n = Number(values.messages);
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const pollMs = Number(values["poll-ms"]);
const { db, dispose, engine } = await openBenchDb();
await migrate(db);
await loadUnits(db);
await db.query(
  "create table bench_effects (province_code text, message_id bigint, primary key (province_code, message_id))",
);

const write = (count: number, topic: string) =>
  db.tx(async (q) => {
    for (let i = 0; i < count; i++)
      await enqueue(q, { topic, key: `dossier-${i % 500}`, payload: { i }, provinceCode: "48" });
  });
const effect = (
  q: Parameters<Parameters<Delivery["registerHandler"]>[1]>[0],
  m: { provinceCode: string; id: number },
) => q.query("insert into bench_effects (province_code, message_id) values ($1, $2)", [m.provinceCode, m.id]);

// 1. Throughput: the dispatcher drains n messages (500 keys).
await write(n, "bench.apply");
const d = new Delivery({ db, settings: { batch: 100 } });
d.registerHandler("bench.apply", async (q, m) => void (await effect(q, m)));
const drained = await timed(() => d.drainOnce());
const perSecond = (n / drained.ms) * 1000;

// 2. The raw database, same statements per message, one transaction each (no claim, no order).
await write(n, "bench.raw");
const { rows: raw } = await db.query<{ id: number }>(
  "select id from outbox where province_code = '48' and topic = 'bench.raw' order by id",
);
const rawRun = await timed(async () => {
  for (const { id } of raw)
    await db.tx(async (q) => {
      await q.query("select state from outbox where province_code = '48' and id = $1 for update", [id]);
      await q.query(
        "insert into inbox (province_code, message_id, topic, received_at) values ('48', $1, 'bench.raw', now())",
        [id],
      );
      await effect(q, { provinceCode: "48", id });
      await q.query(
        "update outbox set state = 'delivered', delivered_at = now() where province_code = '48' and id = $1",
        [id],
      );
    });
});
const rawPerSecond = (raw.length / rawRun.ms) * 1000;
console.log(
  `engine ${engine}: ${n} messages delivered and applied by one dispatcher in ${(drained.ms / 1000).toFixed(1)} s: ` +
    `${perSecond.toFixed(0)}/s; the raw database doing the same statements: ${rawPerSecond.toFixed(0)}/s ` +
    `(ratio ${(perSecond / rawPerSecond).toFixed(2)})`,
);

// 3. Lag under load: `rate` messages a second for `seconds`, the dispatcher in the background.
const lagged = new Delivery({ db, settings: { pollMs } });
lagged.registerHandler("bench.lag", async (q, m) => void (await effect(q, m)));
lagged.start();
const total = rate * seconds;
const startAt = Date.now();
for (let i = 0; i < total; i++) {
  const due = startAt + (i * 1000) / rate;
  const wait = due - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  await db.tx((q) =>
    enqueue(q, { topic: "bench.lag", key: `dossier-${i}`, payload: { i }, provinceCode: "48" }),
  );
}
const wrote = (Date.now() - startAt) / 1000;
for (;;) {
  const { rows } = await db.query<{ n: number }>(
    "select count(*)::int as n from outbox where province_code = '48' and topic = 'bench.lag' and state = 'pending'",
  );
  if ((rows[0]?.n ?? 0) === 0) break;
  await new Promise((r) => setTimeout(r, 100));
}
await lagged.stop();
const { rows: lag } = await db.query<{ p50: number; p99: number; max: number }>(
  `select percentile_cont(0.5) within group (order by ms) as p50, percentile_cont(0.99) within group (order by ms) as p99,
     max(ms) as max
   from (select extract(epoch from delivered_at - created_at) * 1000 as ms from outbox
         where province_code = '48' and topic = 'bench.lag') t`,
);
const l = lag[0];
console.log(
  `engine ${engine}: ${total} messages written at ${(total / wrote).toFixed(0)}/s for ${wrote.toFixed(1)} s, ` +
    `dispatcher polling every ${pollMs} ms: delivery lag p50 ${l?.p50.toFixed(0)} ms, p99 ${l?.p99.toFixed(0)} ms, max ${l?.max.toFixed(0)} ms`,
);
await db.close();
await dispose();
