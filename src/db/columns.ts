import type { ColumnType } from "kysely";

/** PostgreSQL column types the schema uses, as `information_schema.columns.udt_name` names them. */
export type Udt =
  | "text"
  | "bpchar"
  | "uuid"
  | "int2"
  | "int4"
  | "int8"
  | "bool"
  | "date"
  | "timestamptz"
  | "jsonb"
  | "_text"
  | "_bpchar";

/**
 * One column as src/db/schema/ declares it: its PostgreSQL type, whether it may be null, whether
 * an insert may leave it out (a default, a sequence or an identity), the TypeScript value our
 * client reads from it (`T`, src/db/client.ts: date as 'YYYY-MM-DD', int8 and numeric as numbers,
 * timestamptz as Date, jsonb parsed) and the value a statement writes to it (`W`: jsonb is written
 * as its JSON text). `test/schema.test.ts` checks every declaration against the migrated catalogue.
 */
export class Column<T, W = T, N extends boolean = false, D extends boolean = false> {
  declare readonly read: T;
  declare readonly write: W;
  constructor(
    readonly udt: Udt,
    readonly nullable: N,
    readonly hasDefault: D,
  ) {}
  /** The column may be null. */
  null(): Column<T, W, true, D> {
    return new Column(this.udt, true, this.hasDefault);
  }
  /** The column has a default: an insert may leave it out. */
  default(): Column<T, W, N, true> {
    return new Column(this.udt, this.nullable, true);
  }
  /** Narrows the value's type, e.g. a text column that holds one of a union (`text().of<Status>()`). */
  of<U extends T>(): Column<U, W extends T ? U : W, N, D> {
    return this as unknown as Column<U, W extends T ? U : W, N, D>;
  }
}

const column = <T, W = T>(udt: Udt) => new Column<T, W>(udt, false, false);
export const text = () => column<string>("text");
export const bpchar = () => column<string>("bpchar");
export const uuid = () => column<string>("uuid");
export const int2 = () => column<number>("int2");
export const int4 = () => column<number>("int4");
export const int8 = () => column<number>("int8");
export const bool = () => column<boolean>("bool");
export const date = () => column<string>("date");
export const timestamptz = () => column<Date>("timestamptz");
/** A jsonb column read as `T` (parsed by the client) and written as JSON text (`JSON.stringify`). */
export const jsonb = <T = Record<string, unknown>>() => column<T, string>("jsonb");
export const textArray = () => column<string[]>("_text");
export const bpcharArray = () => column<string[]>("_bpchar");

// biome-ignore lint/suspicious/noExplicitAny: any column, whatever its types
export type AnyColumn = Column<any, any, boolean, boolean>;
export type TableColumns = Record<string, AnyColumn>;

type Nullable<T, N> = N extends true ? T | null : T;

/** A declared column as Kysely's `ColumnType<select, insert, update>`. */
export type KyselyColumn<C> =
  C extends Column<infer T, infer W, infer N, infer D>
    ? ColumnType<Nullable<T, N>, Nullable<W, N> | (D extends true ? undefined : never), Nullable<W, N>>
    : never;

/** The Kysely database type of a set of declared tables. */
export type KyselyTables<S extends Record<string, TableColumns>> = {
  [K in keyof S]: { [C in keyof S[K]]: KyselyColumn<S[K][C]> };
};
