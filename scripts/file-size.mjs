// Lint step: no source file over 400 lines unless its first lines say why ("Over 400 lines: …").
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const LIMIT = 400;
const files = execFileSync("git", ["ls-files", "*.ts", "*.tsx", "*.mjs", "*.cjs", "*.css"], {
  encoding: "utf8",
})
  .split("\n")
  .filter((f) => f && !f.endsWith(".d.ts"));
const offenders = [];
for (const f of files) {
  let text;
  try {
    text = readFileSync(f, "utf8");
  } catch {
    continue; // deleted in the work tree
  }
  const lines = text.split("\n").length - 1;
  const head = text.split("\n").slice(0, 3).join("\n");
  if (lines > LIMIT && !/over 400 lines/i.test(head)) offenders.push(`${f}: ${lines} lines`);
}
if (offenders.length > 0) {
  console.error(`Files over ${LIMIT} lines without a reason at the top ("Over 400 lines: …"):`);
  for (const o of offenders) console.error(`  ${o}`);
  process.exit(1);
}
console.log(`file sizes: ${files.length} files, none over ${LIMIT} lines without a reason`);
