import { configOrExit, loadConfig } from "../config.js";
import { openReadyDb } from "./open.js";

const config = configOrExit(() => loadConfig());
const { db, migrated } = await openReadyDb(config);
console.log(
  migrated.length > 0 ? `Applied migrations: ${migrated.join(", ")}` : "Database is up to date.",
  `(${db.kind}${db.kind === "pglite" ? ` at ${config.dataDir}` : ""})`,
);
await db.close();
