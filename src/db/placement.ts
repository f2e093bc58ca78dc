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

/**
 * Triggers allowed on distributed and reference tables, each with its reason. Citus refuses to
 * distribute a table with triggers unless `citus.enable_unsafe_triggers` is on (citus:distribute
 * sets it), because a trigger runs on the shard's node and may reach tables that are not there.
 */
export const ALLOWED_TRIGGERS: Readonly<Record<string, string>> = {
  "procedure_versions.procedure_versions_guard":
    "Reference table: the guard reads only OLD and NEW and raises; every placement runs it on the same row and agrees (checked by hand on Citus 13.0, docs/scaling.md).",
};

/**
 * What breaks Citus's rules in this database, as sentences (empty when the schema distributes):
 * every table declares a placement; a distribution column exists and is NOT NULL; `colocate
 * with` names a distributed table whose distribution column has the same type; a declared
 * sentinel is no real province; every unique index (primary keys included) of a distributed
 * table contains its distribution column; a foreign key between distributed tables pairs their
 * distribution columns within one colocation group; reference tables point only at reference
 * tables and coordinator tables only at coordinator tables; no identity columns on distributed or
 * reference tables; triggers on them only as ALLOWED_TRIGGERS lists. docs/scaling.md.
 */
export async function placementProblems(q: Queryable): Promise<string[]> {
  const tables = await readPlacements(q);
  const placements = new Map(tables.map((t) => [t.table, t.placement]));
  const problems: string[] = [];
  const distributed = (t: string) => {
    const p = placements.get(t);
    return p?.kind === "distributed" ? p : undefined;
  };
  const { rows: columns } = await q.query<{
    table: string;
    column: string;
    notNull: boolean;
    type: string;
    identity: string;
  }>(
    `select c.relname as "table", a.attname as "column", a.attnotnull as "notNull",
       format_type(a.atttypid, a.atttypmod) as type, a.attidentity as identity
     from pg_attribute a join pg_class c on c.oid = a.attrelid
     where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped`,
  );
  const column = (t: string, c: string) => columns.find((x) => x.table === t && x.column === c);
  for (const t of tables) {
    const p = t.placement;
    if (!p) {
      problems.push(`${t.table}: no placement declared (comment on table ${t.table} is 'placement: …')`);
      continue;
    }
    if (p.kind !== "coordinator") {
      for (const c of columns.filter((x) => x.table === t.table && x.identity !== ""))
        problems.push(
          `${t.table}.${c.column}: identity column on a ${p.kind} table (use a sequence default)`,
        );
    }
    if (p.kind !== "distributed") continue;
    const col = column(t.table, p.column);
    if (!col) problems.push(`${t.table}: distribution column ${p.column} does not exist`);
    else if (!col.notNull) problems.push(`${t.table}.${p.column}: distribution column is nullable`);
    if (p.colocateWith) {
      const other = distributed(p.colocateWith);
      if (!other) problems.push(`${t.table}: colocated with ${p.colocateWith}, which is not distributed`);
      else if (col && column(p.colocateWith, other.column)?.type !== col.type)
        problems.push(
          `${t.table}.${p.column}: type ${col.type} differs from ${p.colocateWith}.${other.column}`,
        );
    }
    if (p.sentinel !== null) {
      const real = await q.query("select 1 from provinces where code = $1", [p.sentinel]);
      if (real.rows.length > 0) problems.push(`${t.table}: sentinel '${p.sentinel}' is a real province`);
    }
  }
  // Unique indexes and exclusion constraints alike: Citus refuses either without the column.
  const { rows: uniques } = await q.query<{
    table: string;
    index: string;
    columns: string[] | null;
    exclusion: boolean;
  }>(
    `select c.relname as "table", i.relname as index, x.indisexclusion as exclusion,
       array(select a.attname::text from unnest(x.indkey) k join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k) as columns
     from pg_index x join pg_class c on c.oid = x.indrelid join pg_class i on i.oid = x.indexrelid
     where c.relnamespace = 'public'::regnamespace and (x.indisunique or x.indisexclusion)`,
  );
  for (const u of uniques) {
    const p = distributed(u.table);
    if (p && !(u.columns ?? []).includes(p.column))
      problems.push(
        `${u.table}: ${u.exclusion ? "exclusion constraint" : "unique index"} ${u.index} (${(u.columns ?? []).join(", ")}) lacks the distribution column ${p.column}`,
      );
  }
  // Only the public schema is declared and distributed: a table elsewhere would stay behind.
  const { rows: elsewhere } = await q.query<{ name: string }>(
    `select n.nspname || '.' || c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where c.relkind in ('r', 'p') and n.nspname <> 'public' and n.nspname <> 'information_schema'
       and n.nspname !~ '^(pg_|citus|columnar)' order by 1`,
  );
  for (const t of elsewhere)
    problems.push(
      `${t.name}: a table outside the public schema (placements are declared and distributed in public only)`,
    );
  const { rows: fks } = await q.query<{
    name: string;
    from: string;
    to: string;
    pairs: string[] | null;
  }>(
    `select k.conname as name, f.relname as "from", t.relname as "to",
       array(select fa.attname || '=' || ta.attname from unnest(k.conkey, k.confkey) as u(fc, tc)
             join pg_attribute fa on fa.attrelid = k.conrelid and fa.attnum = u.fc
             join pg_attribute ta on ta.attrelid = k.confrelid and ta.attnum = u.tc) as pairs
     from pg_constraint k join pg_class f on f.oid = k.conrelid join pg_class t on t.oid = k.confrelid
     where k.contype = 'f' and k.connamespace = 'public'::regnamespace`,
  );
  for (const fk of fks) {
    const from = placements.get(fk.from)?.kind;
    const to = placements.get(fk.to)?.kind;
    const where = `${fk.from}: foreign key ${fk.name} to ${fk.to}`;
    if (!from || !to) continue; // reported above as undeclared
    if (from === "reference" && to !== "reference")
      problems.push(`${where}: a reference table points at a ${to} table`);
    if (from === "coordinator" && to !== "coordinator")
      problems.push(`${where}: a coordinator table points at a ${to} table`);
    if (from === "distributed" && to === "coordinator")
      problems.push(`${where}: points at a coordinator table`);
    const a = distributed(fk.from);
    const b = distributed(fk.to);
    if (a && b) {
      if (groupOf(fk.from, placements) !== groupOf(fk.to, placements))
        problems.push(`${where}: the two tables are in different colocation groups`);
      if (!(fk.pairs ?? []).includes(`${a.column}=${b.column}`))
        problems.push(`${where}: does not pair ${fk.from}.${a.column} with ${fk.to}.${b.column}`);
    }
  }
  const { rows: triggers } = await q.query<{ table: string; trigger: string }>(
    `select c.relname as "table", g.tgname as trigger from pg_trigger g join pg_class c on c.oid = g.tgrelid
     where c.relnamespace = 'public'::regnamespace and not g.tgisinternal`,
  );
  for (const g of triggers) {
    const kind = placements.get(g.table)?.kind;
    if ((kind === "distributed" || kind === "reference") && !ALLOWED_TRIGGERS[`${g.table}.${g.trigger}`])
      problems.push(`${g.table}: trigger ${g.trigger} on a ${kind} table is not in ALLOWED_TRIGGERS`);
  }
  return problems;
}
