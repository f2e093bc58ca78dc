/**
 * `npm run bench`: every benchmark, each against the raw database in the same run.
 * Engine: embedded PGlite, or the server named by DATABASE_URL (each bench creates and drops
 * its own database there). Pass `-- registries`, `-- dossiers`, `-- queue` or `-- ledger` to run one.
 */
import { spawnSync } from "node:child_process";

const all = ["registries", "dossiers", "queue", "ledger", "delivery", "kpis"];
const chosen = process.argv.slice(2).filter((a) => all.includes(a));
// Options after the names (`npm run bench -- dossiers --levels 32`) go to the one bench chosen.
const options = chosen.length === 1 ? process.argv.slice(2).filter((a) => !all.includes(a)) : [];
for (const name of chosen.length > 0 ? chosen : all) {
  if (name === "dossiers" && !process.env.DATABASE_URL) {
    // pgbench and the raw client need a server: the embedded database is one process's alone.
    console.log("\n== bench/dossiers.ts skipped: it needs a PostgreSQL server (DATABASE_URL)");
    continue;
  }
  console.log(`\n== bench/${name}.ts`);
  const r = spawnSync(process.execPath, ["--import", "tsx", `bench/${name}.ts`, ...options], {
    stdio: "inherit",
    env: process.env,
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
