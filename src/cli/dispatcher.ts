/**
 * `npm run dispatcher`: delivers the outbox in a process of its own, with the handlers the server
 * wires (src/server/wiring.ts), so that requests and deliveries do not share one process's event
 * loop and connection pool. For a server database (DATABASE_URL) whose servers run with
 * `OUTBOX_DISPATCHER=separate`: they deliver nothing themselves and wake this process through
 * `pg_notify('outbox_wake')` when a message is wanted at once (a one-time code); otherwise it polls
 * every OUTBOX_POLL_MS. Several dispatchers may run: each claims messages with `FOR UPDATE SKIP
 * LOCKED` and a lease. With DISPATCHER_METRICS_PORT it serves its deliveries and failures per topic
 * at /metrics (src/server/dispatcher-metrics.ts), which the server cannot count. Stops cleanly on
 * SIGINT/SIGTERM (the message in hand is finished).
 * Exit status 1 with a bilingual message when the configuration cannot serve (no DATABASE_URL,
 * keys missing) or the database is not migrated.
 */
import { ConfigError, loadConfig } from "../config.js";
import { startCaches } from "../db/cache.js";
import { openDb } from "../db/client.js";
import { assertMigrated } from "../db/migrate.js";
import { loadKeys } from "../lib/secrets.js";
import { OUTBOX_WAKE_CHANNEL } from "../modules/delivery/index.js";
import { startDispatcherMetrics } from "../server/dispatcher-metrics.js";
import { wireServices } from "../server/wiring.js";

function fail(vi: string, en: string): never {
  console.error(`${vi}\n${en}`);
  process.exit(1);
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) fail(err.messageVi, err.messageEn);
  throw err;
}
if (!config.databaseUrl)
  fail(
    "Bộ gửi tin riêng cần DATABASE_URL: với cơ sở dữ liệu nhúng, bộ gửi tin chạy trong `npm start`.",
    "A separate dispatcher needs DATABASE_URL: with the embedded database the dispatcher runs inside `npm start`.",
  );
const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await assertMigrated(db);
} catch {
  await db.close();
  fail(
    "Cơ sở dữ liệu chưa được cập nhật cấu trúc: chạy `npm run migrate` (hoặc `npm start`) trước.",
    "The database is not migrated: run `npm run migrate` (or `npm start`) first.",
  );
}
if (!process.env.PUBLIC_URL)
  console.warn(
    `PUBLIC_URL chưa được đặt: đường dẫn trong SMS và thư điện tử sẽ trỏ tới ${config.publicUrl}; đặt giống máy chủ.\n` +
      `PUBLIC_URL is not set: the links in SMS and e-mail will point at ${config.publicUrl}; set it as the server's.`,
  );
const keys = await loadKeys(config);
await startCaches(db);
const log = {
  error(obj: unknown, msg: string) {
    const err = (obj as { err?: unknown })?.err;
    console.error(
      JSON.stringify({ level: "error", time: new Date().toISOString(), msg, err: String(err ?? obj) }),
    );
  },
};
const { delivery } = wireServices({ config, db, keys, now: () => new Date(), log });
// A wake-up missed while the listening connection was down is made good by a pass when it is back.
const unlisten = await db.listen(OUTBOX_WAKE_CHANNEL, {
  message: () => delivery.wake(),
  state: (live) => {
    if (live) delivery.wake();
  },
});
delivery.start();
console.log(`Bộ gửi tin đang chạy / The dispatcher is running (poll ${config.outbox.pollMs} ms).`);
// Its deliveries and failures per topic are counted here, so it serves them (the server cannot).
const { port: metricsPort, host: metricsHost } = config.outbox.metrics;
const metrics =
  metricsPort === undefined
    ? undefined
    : await startDispatcherMetrics({
        db,
        delivery,
        now: () => new Date(),
        token: config.metricsToken,
        demo: config.demo,
        host: metricsHost,
        port: metricsPort,
      });
if (metrics) console.log(`Số liệu giám sát / Metrics: http://${metricsHost}:${metrics.port}/metrics`);

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  console.log(`Dừng bộ gửi tin / Stopping the dispatcher (${signal}).`);
  await unlisten();
  await metrics?.close();
  await delivery.stop();
  await db.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
