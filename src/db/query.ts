import {
  type Compilable,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
} from "kysely";
import type { Queryable, QueryResult } from "./client.js";
import type { Database } from "./schema.js";

export type { Expression, ExpressionBuilder, SqlBool } from "kysely";
export { sql } from "kysely";
export type { Database } from "./schema.js";

/**
 * The one way to build a query: Kysely (https://kysely.dev) as a typed query builder over the
 * tables of src/db/schema.ts. It only compiles: `run` sends the compiled SQL and its parameters
 * through our own `Queryable` (the database or an open transaction), so transactions, both
 * engines (PGlite and PostgreSQL) and the statement hook `Db.observe` work as for any statement.
 *
 *   const rows = await all(q, qb.selectFrom("dossiers as d").select(["d.id", "d.status"])
 *     .where("d.province_code", "=", province).where("d.id", "=", id));
 *
 * Column aliases are written out (`d.applicant_number as applicantNumber`): no plugin renames
 * columns, so what the builder names is what PostgreSQL returns. Fragments the builder cannot
 * express are written with its `sql` tag (parameters stay parameters).
 */
export const qb = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** Runs a built query on `q`: its rows, typed by the builder, and how many rows it touched. */
export async function run<O>(q: Queryable, query: Compilable<O>): Promise<QueryResult<O>> {
  const compiled = query.compile();
  return q.query<O>(compiled.sql, [...compiled.parameters]);
}

/** The rows of a built query. */
export async function all<O>(q: Queryable, query: Compilable<O>): Promise<O[]> {
  return (await run(q, query)).rows;
}

/** The first row of a built query, or undefined. */
export async function first<O>(q: Queryable, query: Compilable<O>): Promise<O | undefined> {
  return (await run(q, query)).rows[0];
}

/** A value's place in a query compiled once (`compiledOnce`), named after its argument. */
class Slot {
  constructor(readonly name: string) {}
}

/**
 * A query of fixed shape, built and compiled by Kysely once, then sent with each call's values:
 * `build` receives placeholders in place of the arguments (use each as a value as it is, e.g.
 * `.where("d.id", "=", p.id)` or sql`${p.form}::jsonb`; compute nothing from one: serialise
 * JSON before, in the caller) and every call binds its `args` to them by name. The same SQL text
 * each time (a named prepared statement, src/db/client.ts), without the builder's and the
 * compiler's work: about a tenth of the Node CPU of a create + submit before (bench/dossiers.ts
 * with `BENCH_CPU_PROF`).
 *
 *   const byId = compiledOnce((p: { province: string; id: string }) =>
 *     qb.selectFrom("dossiers as d").select("d.status")
 *       .where("d.province_code", "=", p.province).where("d.id", "=", p.id));
 *   const row = await first(q, byId({ province: "48", id }));
 */
export function compiledOnce<A extends Record<string, unknown>, O>(
  build: (p: A) => Compilable<O>,
): (args: A) => Compilable<O> {
  let once: { sql: string; parameters: readonly unknown[] } | undefined;
  return (args) => {
    if (once === undefined) {
      const placeholders = new Proxy({}, { get: (_t, name) => new Slot(String(name)) }) as A;
      const { sql: text, parameters } = build(placeholders).compile();
      once = { sql: text, parameters };
    }
    const { sql: text, parameters } = once;
    const values = parameters.map((v) => (v instanceof Slot ? args[v.name] : v));
    // `run` reads only the text and the values of a compiled query.
    return { compile: () => ({ sql: text, parameters: values }) } as unknown as Compilable<O>;
  };
}

/**
 * A column of `unnestRows`: its name, the PostgreSQL type its values are sent as (an array of it:
 * `text`, `uuid`, `int`, `timestamptz` sent as ISO strings…), the value of a row, and optionally
 * the cast from the sent value to the column's type (`jsonb`, sent as its JSON text).
 */
export type UnnestColumn<T> = readonly [
  name: string,
  type: string,
  value: (row: T) => unknown,
  cast?: string,
];

/**
 * The rows as one `select … from unnest($1::type[], $2::type[], …)`: what an insert reads many
 * rows from with one parameter per column, `qb.insertInto(t).columns(names).expression(…)`. The
 * SQL text is the same whatever the number of rows (one prepared statement a table, parsed and
 * planned once a connection), unlike a multi-row `values` list whose text and parameters grow with
 * the rows (about 11 parameters a row: a 400-dossier batch's actions sent ~33,000).
 *
 *   await run(q, qb.insertInto("ratings").columns(["dossier_id", "score"])
 *     .expression(unnestRows([["dossier_id", "uuid", (r) => r.id], ["score", "smallint", (r) => r.score]], rows)));
 */
export function unnestRows<T>(columns: readonly UnnestColumn<T>[], rows: readonly T[]) {
  const alias = (i: number) => sql.ref(`c${i}`);
  return sql`select ${sql.join(
    columns.map(([, , , cast], i) => (cast ? sql`${alias(i)}::${sql.raw(cast)}` : alias(i))),
  )} from unnest(${sql.join(
    columns.map(([, type, value]) => sql`${rows.map(value)}::${sql.raw(type)}[]`),
  )}) as t(${sql.join(columns.map((_, i) => alias(i)))})`;
}

/** The names of `unnestRows`' columns, for the insert's `.columns(…)`. */
export const unnestNames = <T>(columns: readonly UnnestColumn<T>[]) => columns.map(([name]) => name);
