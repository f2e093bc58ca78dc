import type { Queryable } from "./client.js";

/**
 * Where a table lives on a Citus cluster, as its comment declares it (first line; the rest of the
 * comment says why). Grammar:
 *   placement: reference
 *   placement: coordinator
 *   placement: distributed by <column> [colocate with <table>] [sentinel '<value>']
 * A distributed table without `colocate with` starts a colocation group of its own; `sentinel`
 * names the value the distribution column takes for rows of no place (audit_log's '00').
 * Read by `npm run citus:distribute` and checked by test/distribution.test.ts (docs/scaling.md).
 */
export type Placement =
  | { kind: "reference" }
  | { kind: "coordinator" }
  | { kind: "distributed"; column: string; colocateWith: string | null; sentinel: string | null };

const GRAMMAR =
  /^placement: (?:(reference|coordinator)|distributed by ([a-z_][a-z0-9_]*)(?: colocate with ([a-z_][a-z0-9_]*))?(?: sentinel '([^']*)')?)$/;

/** The placement a table comment declares; undefined when it declares none or breaks the grammar. */
export function parsePlacement(comment: string | null | undefined): Placement | undefined {
  const line = comment?.split("\n")[0]?.trim() ?? "";
  const m = GRAMMAR.exec(line);
  if (!m) return undefined;
  if (m[1] === "reference" || m[1] === "coordinator") return { kind: m[1] };
  return { kind: "distributed", column: m[2] as string, colocateWith: m[3] ?? null, sentinel: m[4] ?? null };
}

export type DeclaredTable = { table: string; comment: string | null; placement: Placement | undefined };

/** Every ordinary table of the public schema with its declared placement, by name. */
export async function readPlacements(q: Queryable): Promise<DeclaredTable[]> {
  const { rows } = await q.query<{ table: string; comment: string | null }>(
    `select c.relname as "table", obj_description(c.oid, 'pg_class') as comment
     from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
     order by c.relname`,
  );
  return rows.map((r) => ({ ...r, placement: parsePlacement(r.comment) }));
}

/** The table that starts the colocation group of a distributed table (itself when it declares none). */
export function groupOf(table: string, placements: ReadonlyMap<string, Placement | undefined>): string {
  const seen = new Set<string>();
  let t = table;
  for (;;) {
    const p = placements.get(t);
    if (p?.kind !== "distributed" || !p.colocateWith || seen.has(t)) return t;
    seen.add(t);
    t = p.colocateWith;
  }
}

/**
 * The order in which to distribute: reference tables first, then distributed tables with each
 * group's first table before its members; within each, a table after the tables its foreign keys
 * point to. `references` lists [from, to] pairs of foreign keys. Coordinator tables are left out.
 */
export function distributionOrder(
  tables: readonly DeclaredTable[],
  references: ReadonlyArray<readonly [string, string]>,
): DeclaredTable[] {
  const placements = new Map(tables.map((t) => [t.table, t.placement]));
  const rank = (t: DeclaredTable) =>
    t.placement?.kind === "reference" ? 0 : groupOf(t.table, placements) === t.table ? 1 : 2;
  const pending = tables
    .filter((t) => t.placement && t.placement.kind !== "coordinator")
    .sort((a, b) => rank(a) - rank(b) || a.table.localeCompare(b.table));
  const done = new Set<string>();
  const out: DeclaredTable[] = [];
  while (pending.length > 0) {
    const i = pending.findIndex(
      (t) =>
        references.every(([from, to]) => from !== t.table || to === t.table || done.has(to)) &&
        pending.every((o) => o === t || rank(o) >= rank(t)),
    );
    // A cycle of foreign keys (none today): take the next table in rank order.
    const [next] = pending.splice(i === -1 ? 0 : i, 1);
    if (!next) break;
    done.add(next.table);
    out.push(next);
  }
  return out;
}
