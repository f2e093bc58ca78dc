import { loadConfig } from "../config.js";
import { buildApp } from "../server/app.js";
import { ensureWebBuilt } from "../server/web.js";
import { ensureDemo } from "./demo.js";
import { openReadyDb } from "./open.js";

/** `npm start`: open (and lock) the database, migrate, seed a small demo if empty, serve HTTP. */
const config = loadConfig();
const { db } = await openReadyDb(config);
const demo =
  config.demoSeed === "auto" ? await ensureDemo(db, { log: (line) => console.log(line) }) : undefined;
await ensureWebBuilt((line) => console.log(line));
const app = await buildApp({ config, db });

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
console.log(`\nMột Lần is running on ${config.publicUrl} (database: ${db.kind}).`);
if (demo) console.log(demo.instructions);
