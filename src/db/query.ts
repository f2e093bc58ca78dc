import {
  type Compilable,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
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
