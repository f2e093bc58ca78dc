/**
 * The application in a process of its own, for bench/dossiers.ts and bench/delivery-e2e.ts: what it measures of Node is this
 * process alone (the HTTP client and the raw database client run in the bench's process). Started
 * with `fork` and the bench's environment (DATABASE_URL, DATA_DIR with the key file, PORT); says
 * `{ ready: port }`, then answers messages:
 *   { cmd: "cpu" }      → { cpu: process.cpuUsage() }
 *   { cmd: "capture" }  → starts recording every statement with its parameters and transaction
 *   { cmd: "captured" } → { statements: [{ sql, params, tx }] } recorded since, and stops
 *   { cmd: "close" }    → closes the server and exits
 */
import { loadConfig } from "../src/config.js";
import { openDb } from "../src/db/client.js";
import { buildApp } from "../src/server/app.js";

export type Captured = { sql: string; params: unknown[]; tx: number | undefined };
type Message = { cmd: "cpu" | "capture" | "captured" | "close" };

const port = Number(process.env.PORT);
const config = loadConfig({ ...process.env, LOG_LEVEL: "silent" }, { port, host: "127.0.0.1" });
// 20 connections (the bench's other clients get the same number); idle ones close after a second
// so that pgbench's 100 clients find room on a server of max_connections = 100.
const db = await openDb({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  poolSize: 20,
  idleTimeoutMs: 1000,
});
// The submission path alone: the outbox's dispatcher (issue 11, measured by bench/delivery.ts) does
// not run here, nor its statements in the capture. BENCH_DELIVERY=separate (bench/delivery-e2e.ts)
// leaves delivery to a dispatcher process woken through the database, as OUTBOX_DISPATCHER=separate.
const app = await buildApp({
  config,
  db,
  logger: false,
  delivery: process.env.BENCH_DELIVERY === "separate" ? "separate" : "manual",
});
await app.listen({ port, host: "127.0.0.1" });

let captured: Captured[] = [];
let stop: (() => void) | undefined;
process.on("message", async (m: Message) => {
  if (m.cmd === "cpu") process.send?.({ cpu: process.cpuUsage() });
  if (m.cmd === "capture") {
    captured = [];
    stop = db.observe((sql, params, tx) => captured.push({ sql, params: [...params], tx }));
  }
  if (m.cmd === "captured") {
    stop?.();
    process.send?.({ statements: captured });
  }
  if (m.cmd === "close") {
    await app.close();
    await db.close();
    process.exit(0);
  }
});
// The bench is gone (it failed, or was stopped): so is its server.
process.on("disconnect", () => process.exit(0));
process.send?.({ ready: port });
