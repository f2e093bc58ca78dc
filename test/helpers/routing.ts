import { loadModule, parsePlPgSQLSync, parseSync } from "libpg-query";
import type { Placement } from "../../src/db/placement.js";

/**
 * Does a statement route to one shard on Citus? Read with PostgreSQL's own parser (libpg-query):
 * each distributed table a statement names must be pinned by its distribution column, either
 *  - in the insert's column list (every row then names its shard), or
 *  - by `col = <parameter or constant>` / `col = any(<parameter>)` (one shard, or the shards of
 *    the values listed), or
 *  - by `col = other.col` where `other` is a distributed table pinned itself (a colocated join)
 *    in the same query level: a subquery's table is not pinned by its correlation to an outer
 *    table alone. Citus 13 runs a scalar subquery of the select list correlated only on the key
 *    (`(select … from dossier_actions a where a.province_code = d.province_code …)`), or a
 *    subquery under an OR, on every shard though the outer query is pinned (docs/scaling.md
 *    rule 7): the subquery repeats the key's value.
 * A column written without its table counts for every table of its query level that has it as its
 * distribution column. This is an approximation of Citus's router planner, strict enough for the
 * statements the application writes (docs/scaling.md, rule "every query names the key").
 */
export type TableUse = { table: string; pinned: boolean };

type Node = Record<string, unknown>;
type Ref = { table: string; alias: string; scope: number };

await loadModule();

const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null;

function walk(v: unknown, visit: (key: string, node: Node) => void): void {
  if (Array.isArray(v)) {
    for (const x of v) walk(x, visit);
    return;
  }
  if (!isNode(v)) return;
  for (const [k, child] of Object.entries(v)) {
    if (isNode(child) && !Array.isArray(child)) visit(k, child);
    walk(child, visit);
  }
}

/**
 * `walk`, with the query level of each node: a subquery (`SubLink`: a scalar, EXISTS, IN or ANY
 * subquery) opens a level of its own; a subquery in FROM and a CTE stay in their parent's.
 */
function walkLevels(
  v: unknown,
  level: number,
  next: { n: number },
  visit: (key: string, node: Node, level: number) => void,
): void {
  if (Array.isArray(v)) {
    for (const x of v) walkLevels(x, level, next, visit);
    return;
  }
  if (!isNode(v)) return;
  for (const [k, child] of Object.entries(v)) {
    const inner = k === "SubLink" ? ++next.n : level;
    if (isNode(child) && !Array.isArray(child)) visit(k, child, inner);
    walkLevels(child, inner, next, visit);
  }
}

/** `a.b` of a ColumnRef as [qualifier | null, column]; undefined for anything else. */
function columnRef(n: unknown): [string | null, string] | undefined {
  const ref = isNode(n) ? (n.ColumnRef as Node | undefined) : undefined;
  const fields = (ref?.fields as Node[] | undefined)?.map(
    (f) => (f.String as Node | undefined)?.sval as string,
  );
  if (!fields || fields.some((f) => typeof f !== "string")) return undefined;
  if (fields.length === 1) return [null, fields[0] as string];
  return [fields.at(-2) as string, fields.at(-1) as string];
}

/**
 * A parameter, a constant, or either cast to a type (`$1::bpchar[]`). Inside a PL/pgSQL function,
 * one of its variables too (`variables`): PL/pgSQL passes them to the planner as parameters.
 */
function isValue(n: unknown, variables: ReadonlySet<string>): boolean {
  if (!isNode(n)) return false;
  if ("ParamRef" in n || "A_Const" in n) return true;
  const ref = columnRef(n);
  if (ref && ref[0] === null && variables.has(ref[1])) return true;
  const cast = n.TypeCast as Node | undefined;
  return cast !== undefined && isValue(cast.arg, variables);
}

/**
 * The SQL a PL/pgSQL function runs (`create function … language plpgsql`): its statements, and
 * its expressions as `select <expression>`; with the names of its parameters and variables.
 */
export function plpgsqlStatements(definition: string): { statements: string[]; variables: Set<string> } {
  const parsed = parsePlPgSQLSync(definition) as unknown;
  const statements: string[] = [];
  const variables = new Set<string>();
  walk(parsed, (key, node) => {
    if (key === "PLpgSQL_var" && typeof node.refname === "string") variables.add(node.refname);
    if (key === "PLpgSQL_expr" && typeof node.query === "string") {
      const q = node.query;
      if (node.parseMode === 0 || node.parseMode === undefined) statements.push(q);
      else if (node.parseMode === 3) statements.push(`select ${q.replace(/^\s*[\w.]+\s*:?=\s*/, "")}`);
      else statements.push(`select ${q}`);
    }
  });
  return { statements, variables };
}

/** What each distributed table named by one statement is pinned by (see above). */
export function tableUses(
  sql: string,
  placements: ReadonlyMap<string, Placement | undefined>,
  variables: ReadonlySet<string> = new Set(),
): TableUse[] {
  const parsed = parseSync(sql) as { stmts?: Array<{ stmt: Node }> };
  const refs: Ref[] = [];
  const inserted = new Map<string, boolean>();
  const equalities: Array<[unknown, unknown, number]> = [];
  const distColumn = (t: string) => {
    const p = placements.get(t);
    return p?.kind === "distributed" ? p.column : undefined;
  };
  const next = { n: 0 };
  for (const { stmt } of parsed.stmts ?? []) {
    walkLevels(stmt, 0, next, (key, node, level) => {
      if (key === "RangeVar" || (key === "relation" && typeof node.relname === "string")) {
        const table = node.relname as string;
        const alias = ((node.alias as Node | undefined)?.aliasname as string | undefined) ?? table;
        if (!refs.some((r) => r.table === table && r.alias === alias && r.scope === level))
          refs.push({ table, alias, scope: level });
      }
      if (key === "InsertStmt") {
        const table = (node.relation as Node).relname as string;
        const cols = ((node.cols as Node[] | undefined) ?? []).map((c) => (c.ResTarget as Node).name);
        inserted.set(table, cols.includes(distColumn(table)));
      }
      if (key === "A_Expr") {
        const op = ((node.name as Node[] | undefined)?.[0]?.String as Node | undefined)?.sval;
        const kind = node.kind as string;
        if (op === "=" && (kind === "AEXPR_OP" || kind === "AEXPR_OP_ANY" || kind === "AEXPR_IN"))
          equalities.push([node.lexpr, node.rexpr, level]);
      }
    });
  }
  const pinned = new Set<Ref>();
  // A column names `r` when qualified by its alias, or unqualified in `r`'s own query level.
  const names = (ref: [string | null, string], r: Ref, level: number) =>
    (ref[0] === null ? level === r.scope : ref[0] === r.alias) && ref[1] === distColumn(r.table);
  for (let changed = true; changed; ) {
    changed = false;
    for (const r of refs) {
      if (pinned.has(r) || !distColumn(r.table)) continue;
      const isPinned =
        inserted.get(r.table) === true ||
        equalities.some(([l, rr, level]) => {
          for (const [a, b] of [
            [l, rr],
            [rr, l],
          ]) {
            const ref = columnRef(a);
            if (!ref || !names(ref, r, level)) continue;
            if (isValue(b, variables) || (isNode(b) && "List" in b)) return true;
            const other = columnRef(b);
            // A colocated join within one query level; a correlation to an outer level does not pin.
            if (
              other &&
              refs.some((o) => o !== r && o.scope === r.scope && pinned.has(o) && names(other, o, level))
            )
              return true;
          }
          return false;
        });
      if (isPinned) {
        pinned.add(r);
        changed = true;
      }
    }
  }
  return refs
    .filter((r) => distColumn(r.table))
    .map((r) => ({ table: r.table, pinned: pinned.has(r) || inserted.get(r.table) === true }));
}

/**
 * The functions of `readers` (functions of the schema that read distributed tables) that a
 * statement calls while it names a distributed table itself. Citus sends a one-shard statement,
 * calls included, to the shard, where the function's own query of another shard is refused
 * ("cannot execute a distributed query from a query on a shard"): such a call must be a
 * statement of its own (docs/scaling.md, rule 10).
 */
export function nestedReaderCalls(
  sql: string,
  placements: ReadonlyMap<string, Placement | undefined>,
  readers: ReadonlySet<string>,
): string[] {
  const parsed = parseSync(sql) as { stmts?: Array<{ stmt: Node }> };
  const calls: string[] = [];
  let distributed = false;
  for (const { stmt } of parsed.stmts ?? []) {
    walk(stmt, (key, node) => {
      if (key === "RangeVar" || (key === "relation" && typeof node.relname === "string")) {
        if (placements.get(node.relname as string)?.kind === "distributed") distributed = true;
      }
      if (key === "FuncCall") {
        const name = ((node.funcname as Node[] | undefined)?.at(-1)?.String as Node | undefined)?.sval;
        if (typeof name === "string" && readers.has(name)) calls.push(name);
      }
    });
  }
  return distributed ? calls : [];
}
