import { parse } from "libpg-query";

/**
 * Splits an SQL script into its statements with PostgreSQL's own parser (libpg-query), so
 * dollar-quoted bodies, quoted semicolons and comments never cut a statement. Each statement is
 * returned as written, without its closing semicolon; comments between statements are dropped.
 *
 * Why: Citus runs DDL on distributed tables one statement at a time (a file sent as one
 * multi-statement query fails there), so migrations are sent statement by statement
 * (docs/scaling.md). Throws the parser's error (with its position) on invalid SQL.
 */
export async function splitStatements(script: string): Promise<string[]> {
  const parsed = (await parse(script)) as {
    stmts?: Array<{ stmt_location?: number; stmt_len?: number }>;
  };
  // The parser's locations and lengths count UTF-8 bytes, not UTF-16 code units.
  const bytes = Buffer.from(script, "utf8");
  const out: string[] = [];
  for (const s of parsed.stmts ?? []) {
    const start = s.stmt_location ?? 0;
    const end = s.stmt_len ? start + s.stmt_len : bytes.length;
    const text = bytes.subarray(start, end).toString("utf8").trim().replace(/;\s*$/, "");
    if (text !== "") out.push(text);
  }
  return out;
}
