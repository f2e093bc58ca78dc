import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/db/client.js";
import type { TableColumns, Udt } from "../src/db/columns.js";
import { all, qb } from "../src/db/query.js";
import { SCHEMA } from "../src/db/schema.js";
import { createReadyDatabase, engine, type TestDatabase } from "./helpers/db.js";

/**
 * The table types of the query builder (src/db/schema.ts, declared by hand) cannot drift from the
 * migrations: a fresh database is migrated and every table and column of `public` is compared
 * with the declaration (PostgreSQL type, null or not, default or not), both ways.
 */
let tdb: TestDatabase;
let db: Db;
beforeAll(async () => {
  ({ tdb, db } = await createReadyDatabase());
});
afterAll(async () => {
  await db?.close();
  await tdb?.dispose();
});

const CONSTRUCTOR: Record<Udt, string> = {
  text: "text()",
  bpchar: "bpchar()",
  uuid: "uuid()",
  int2: "int2()",
  int4: "int4()",
  int8: "int8()",
  bool: "bool()",
  date: "date()",
  timestamptz: "timestamptz()",
  jsonb: "jsonb()",
  _text: "textArray()",
  _bpchar: "bpcharArray()",
};

type CatalogueColumn = { table: string; column: string; udt: string; nullable: boolean; hasDefault: boolean };

async function catalogue(db: Db): Promise<CatalogueColumn[]> {
  const { rows } = await db.query<CatalogueColumn>(
    `select c.table_name as "table", c.column_name as "column", c.udt_name as udt,
       c.is_nullable = 'YES' as nullable, (c.column_default is not null or c.is_identity = 'YES') as "hasDefault"
     from information_schema.columns c
     join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
     order by c.table_name, c.ordinal_position`,
  );
  return rows;
}

/** Differences between the declaration and the catalogue, each with the line to write. */
function drift(declared: Record<string, TableColumns>, actual: CatalogueColumn[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const c of actual) {
    seen.add(`${c.table}.${c.column}`);
    const ctor = CONSTRUCTOR[c.udt as Udt];
    const line = `${c.column}: ${ctor ?? `<${c.udt}>`}${c.nullable ? ".null()" : ""}${c.hasDefault ? ".default()" : ""}`;
    const d = declared[c.table]?.[c.column];
    if (!ctor) problems.push(`${c.table}.${c.column}: type ${c.udt} has no column constructor (columns.ts)`);
    else if (!declared[c.table])
      problems.push(`${c.table}: table not declared in src/db/schema/ (its domain's file)`);
    else if (!d) problems.push(`${c.table}.${c.column}: not declared (write \`${line}\`)`);
    else if (d.udt !== c.udt || d.nullable !== c.nullable || d.hasDefault !== c.hasDefault)
      problems.push(`${c.table}.${c.column}: declared otherwise (write \`${line}\`)`);
  }
  for (const [table, columns] of Object.entries(declared))
    for (const column of Object.keys(columns))
      if (!seen.has(`${table}.${column}`))
        problems.push(`${table}.${column}: declared but not in the migrated schema`);
  return problems;
}

describe(`the query builder's table types match the migrated schema (${engine})`, () => {
  it("declares every table and column as migrated, with its type, null and default", async () => {
    const actual = await catalogue(db);
    expect(new Set(actual.map((c) => c.table)).size).toBe(Object.keys(SCHEMA).length);
    expect(drift(SCHEMA, actual)).toEqual([]);
  });

  it("fails on a column added, changed or dropped by a migration, naming the line to write", async () => {
    await db.query("alter table officers add column phone text");
    await db.query("alter table ratings alter column comment set not null");
    await db.query("alter table outbox drop column delivered_at");
    try {
      expect(drift(SCHEMA, await catalogue(db))).toEqual([
        "officers.phone: not declared (write `phone: text().null()`)",
        "ratings.comment: declared otherwise (write `comment: text()`)",
        "outbox.delivered_at: declared but not in the migrated schema",
      ]);
    } finally {
      await db.query("alter table officers drop column phone");
      await db.query("alter table ratings alter column comment drop not null");
      await db.query("alter table outbox add column delivered_at timestamptz");
    }
  });

  it("builds statements that run through our client, values typed as the client reads them", async () => {
    const rows = await all(
      db,
      qb.selectFrom("provinces").select(["code", "name"]).where("code", "in", ["48", "01"]).orderBy("code"),
    );
    expect(rows).toEqual([
      { code: "01", name: "Hà Nội" },
      { code: "48", name: "Đà Nẵng" },
    ]);
    const seen: string[] = [];
    const stop = db.observe((text) => seen.push(text));
    try {
      await db.tx((q) => all(q, qb.selectFrom("officers").select("username").where("username", "=", "x")));
    } finally {
      stop();
    }
    expect(seen).toEqual(['select "username" from "officers" where "username" = $1']);
  });
});
