import { assertServable, ConfigError, loadConfig } from "../config.js";
import { loadKeys } from "../lib/secrets.js";
import { buildApp } from "../server/app.js";
import { ensureWebBuilt } from "../server/web.js";
import { ensureDemo } from "./demo.js";
import { openReadyDb } from "./open.js";

/**
 * `npm start`: check the configuration, open (and lock) the database, migrate, seed a small demo
 * if DEMO is on and the database empty, serve HTTP. A configuration that cannot serve (DEMO=on
 * in production, DEMO off without OIDC_ISSUER, missing keys) stops here with exit status 1.
 */
function refuse(err: unknown): never {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
  assertServable(config);
} catch (err) {
  refuse(err);
}
const { db } = await openReadyDb(config);
let demo: { instructions: string } | undefined;
let app: Awaited<ReturnType<typeof buildApp>>;
try {
  const keys = await loadKeys(config);
  if (config.seedDemo && keys.demo)
    demo = await ensureDemo(db, {
      log: (line) => console.log(line),
      machineSecret: keys.demo.machineSecret,
      keyFile: config.keyFile,
      signers: keys.agencies,
    });
  await ensureWebBuilt((line) => console.log(line));
  // OUTBOX_DISPATCHER=separate: `npm run dispatcher` delivers, in a process of its own.
  app = await buildApp({
    config,
    db,
    delivery: config.outbox.dispatcher === "separate" ? "separate" : "background",
  });
} catch (err) {
  await db.close();
  refuse(err);
}

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, "shutting down");
  await app.close();
  await db.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

await app.listen({ port: config.port, host: config.host });
console.log(
  `\nMột Lần is running on ${config.publicUrl} (database: ${db.kind}; demo: ${config.demo ? "on" : "off"}).`,
);
if (demo) console.log(demo.instructions);
