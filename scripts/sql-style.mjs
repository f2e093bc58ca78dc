// Lint step: one way to build queries (README, "One way to build queries"). SQL sent with
// `.query(…)` is a fixed string; a query whose text depends on the request (filters, column
// lists, updates) is built with Kysely (src/db/query.ts). This check refuses, outside the listed
// files, a `.query(` whose SQL is a template with `${…}` or not a literal at all, and any
// `.query(` in a route file, and a parameter in an ON CONFLICT clause (Citus, docs/scaling.md).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** Files that may still assemble SQL text, and why. */
const ALLOWED = new Map([
  ["src/db/client.ts", "the client itself: runs the SQL it is given"],
  ["src/db/query.ts", "runs the SQL Kysely compiled"],
  ["src/db/placement.ts", "catalogue queries over a table name read from the catalogue"],
  ["src/cli/citus-distribute.ts", "DDL (alter table … constraint) for tables read from the catalogue"],
  [
    "src/modules/registries/demo/seed.ts",
    "the demo seeder's generic bulk insert (unnest) per registry table",
  ],
  [
    "src/modules/registries/demo/accounts.ts",
    "demo accounts: fixed column lists and date formats spliced in",
  ],
  [
    "src/modules/catalog/catalog.ts",
    "a fixed column list spliced in; the catalogue's reads are being reworked (issue 10 point 5)",
  ],
]);

const files = execFileSync("git", ["ls-files", "src/*.ts"], { encoding: "utf8" })
  .split("\n")
  .filter((f) => f && !f.endsWith(".test.ts") && !f.endsWith(".d.ts"));
const problems = [];
const CALL = /\.query\s*(<(?:[^<>]|<[^<>]*>)*>)?\s*\(\s*/g;
for (const f of files) {
  let text;
  try {
    text = readFileSync(f, "utf8");
  } catch {
    continue; // deleted in the work tree
  }
  const line = (i) => text.slice(0, i).split("\n").length;
  for (const m of text.matchAll(CALL)) {
    const at = m.index + m[0].length;
    const where = `${f}:${line(m.index)}`;
    if (/(^|\/)[a-z-]*routes\.ts$/.test(f) || f.startsWith("src/server/")) {
      problems.push(`${where}: SQL in a route handler (move it into the module's repository or service)`);
      continue;
    }
    if (ALLOWED.has(f)) continue;
    const open = text[at];
    if (open === '"' || open === "'" || open === "`") {
      // A parameter in an ON CONFLICT clause: Citus cannot type it when the insert is planned as
      // INSERT … SELECT ("could not determine data type of parameter $1" from the workers;
      // docs/scaling.md, rule 12). Read the value in the SELECT or update in a statement of its own.
      const sql = text.slice(at + 1, text.indexOf(open, at + 1));
      const conflict = sql.search(/on\s+conflict/i);
      if (conflict !== -1 && /\$\d/.test(sql.slice(conflict)))
        problems.push(`${where}: a parameter in ON CONFLICT (Citus cannot type it; docs/scaling.md rule 12)`);
    }
    if (open === '"' || open === "'") continue;
    if (open === "`") {
      const end = text.indexOf("`", at + 1);
      const interpolated = text.indexOf("${", at + 1);
      if (interpolated !== -1 && interpolated < end)
        problems.push(`${where}: SQL assembled from strings (build it with Kysely, src/db/query.ts)`);
      continue;
    }
    problems.push(`${where}: SQL that is not a literal (build it with Kysely, src/db/query.ts)`);
  }
}
if (problems.length > 0) {
  console.error("One way to build queries (README): these .query() calls do not keep it:");
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`sql style: ${files.length} files, every dynamic query built with Kysely`);
