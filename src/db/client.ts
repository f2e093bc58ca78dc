import { createHash } from "node:crypto";
import path from "node:path";
import { PGlite, types as pgliteTypes } from "@electric-sql/pglite";
import pg from "pg";
import { type DirLock, lockDataDir } from "./lock.js";

export type Row = Record<string, unknown>;
export type QueryResult<T> = { rows: T[]; rowCount: number };

/** Anything that runs SQL: the database itself or an open transaction. */
export interface Queryable {
  query<T = Row>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/**
 * Told of every statement before it is sent (parameters as given), with the number of the
 * transaction it runs in (undefined outside one): see `Db.observe`.
 */
export type QueryListener = (sql: string, params: readonly unknown[], tx?: number) => void;

/** Told of each notification's payload on a channel, and of delivery starting or stopping (`Db.listen`). */
export type NotificationListener = {
  message: (payload: string) => void;
  /** `true` once notifications are delivered; `false` when delivery stopped and some may be missed. */
  state: (live: boolean) => void;
};

/** The one database access layer: plain PostgreSQL 15 SQL over PGlite or a server pool. */
export interface Db extends Queryable {
  readonly kind: "pglite" | "postgres";
  /** Runs fn in one transaction; commits if it resolves, rolls back if it throws. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /**
   * Calls `listener` with every statement this database runs from now on, inside transactions
   * too (BEGIN/COMMIT excluded, each statement with its transaction's number), until the returned
   * function is called. Used by tests to check and count what a journey sends
   * (test/distribution-queries.test.ts, test/submission-statements.test.ts) and by the benchmark
   * to replay a submission's statements (bench/dossiers.ts); costs nothing without listeners.
   */
  observe(listener: QueryListener): () => void;
  /**
   * Listens on a NOTIFY channel: every `pg_notify(channel, payload)` committed by any process on
   * this database, this one included, reaches `l.message`. On a server the listening connection is
   * a client of its own, reconnected when lost (with `l.state(false)` meanwhile, `true` again once
   * listening). Returns a function that stops listening.
   */
  listen(channel: string, l: NotificationListener): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const OWNER = Symbol("db");

/**
 * The database a Queryable belongs to: the Db itself, or the Db whose transaction it is
 * (per-database caches key on it). Undefined for any other Queryable.
 */
export function dbOf(q: Queryable): Db | undefined {
  return (q as { [OWNER]?: Db })[OWNER];
}

/**
 * `db` seen through its open transaction `q`: every statement runs in that transaction, and each
 * `tx` opened on it is a savepoint there (rolled back alone when its function throws, as a
 * transaction would be; the outer transaction decides what commits). For work made of several
 * modules' own transactions that must commit or vanish as one (a linked group's filing: use
 * `withinOneTx`). Inside it, use only this Db (and `q`): on PGlite a statement on `db` itself would
 * wait for the transaction to end. A module's "after its commit" work (`afterCommit`) waits for
 * the outer commit: it is queued in `pending`, which `withinOneTx` runs after that commit.
 */
export function withinTx(db: Db, q: Queryable, pending: Array<() => void>): Db {
  let savepoints = 0;
  const bound: Db & { [OWNER]: Db; [AFTER_COMMIT]: Array<() => void> } = {
    [OWNER]: db,
    [AFTER_COMMIT]: pending,
    kind: db.kind,
    query: (sql, params) => q.query(sql, params),
    exec: (sql) => q.exec(sql),
    tx: async (fn) => {
      savepoints += 1;
      const name = `nested_${savepoints}`;
      // What the savepoint's work queued for after the commit goes with it when it rolls back.
      const queued = pending.length;
      await q.query(`savepoint ${name}`);
      try {
        const result = await fn(q);
        await q.query(`release savepoint ${name}`);
        return result;
      } catch (err) {
        pending.length = queued;
        await q.query(`rollback to savepoint ${name}`).catch(() => undefined);
        throw err;
      }
    },
    observe: (listener) => db.observe(listener),
    listen: (channel, l) => db.listen(channel, l),
    close: () => Promise.reject(new Error("a transaction's view of the database is not closed")),
  };
  return bound;
}

const AFTER_COMMIT = Symbol("afterCommit");

/**
 * Runs `fn` once what was written through `db` is committed: at once on a database (call it after
 * the transaction that wrote), or, on a transaction's view (`withinTx`), once the outer transaction
 * commits, and never when it rolls back: a savepoint released is not a commit. For work that
 * leaves the database or nudges the process (waking the dispatcher); what is written in the
 * transaction itself (outbox rows, `pg_notify`) needs nothing of this.
 */
export function afterCommit(db: Db, fn: () => void): void {
  const pending = (db as { [AFTER_COMMIT]?: Array<() => void> })[AFTER_COMMIT];
  if (pending) pending.push(fn);
  else fn();
}

/**
 * Runs `fn` in one transaction of `db`, given the transaction's view (`withinTx`: the modules'
 * own transactions are savepoints in it); what they asked to run after their commit
 * (`afterCommit`) runs once this transaction committed, not at all when it rolled back.
 */
export async function withinOneTx<T>(db: Db, fn: (view: Db, q: Queryable) => Promise<T>): Promise<T> {
  const pending: Array<() => void> = [];
  const result = await db.tx((q) => fn(withinTx(db, q, pending), q));
  for (const run of pending) run();
  return result;
}

/** The listeners of one database and the hook both engines call before each statement. */
class Observers {
  private readonly listeners = new Set<QueryListener>();
  add(listener: QueryListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  private txs = 0;
  /** A number for a new transaction, told with each of its statements. */
  nextTx(): number {
    this.txs += 1;
    return this.txs;
  }
  tell(sql: string, params: readonly unknown[], tx?: number): void {
    for (const l of this.listeners) l(sql, params, tx);
  }
}

// Same value shapes on both engines: DATE as 'YYYY-MM-DD' strings (no time-zone drift),
// bigint and numeric as JS numbers (counts and VND amounts fit), timestamptz as Date.
const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;
pg.types.setTypeParser(DATE_OID, (v) => v);
pg.types.setTypeParser(INT8_OID, (v) => Number(v));
pg.types.setTypeParser(NUMERIC_OID, (v) => Number(v));

/**
 * Statements are sent as named prepared statements: each connection parses and plans a statement
 * once, then only binds and runs it (the same SQL text always gets the same name). Bounded: past
 * `MAX_NAMED` distinct texts (dynamic SQL gone wild), further texts are sent unnamed.
 */
const MAX_NAMED = 5_000;
const names = new Map<string, string>();
function statement(text: string, values: unknown[]): pg.QueryConfig {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED) {
    name = `ml_${createHash("sha256").update(text).digest("base64url").slice(0, 22)}`;
    names.set(text, name);
  }
  return name === undefined ? { text, values } : { name, text, values };
}

class PostgresDb implements Db {
  readonly kind = "postgres";
  readonly [OWNER] = this;
  private readonly observers = new Observers();
  private readonly listeners = new Set<() => Promise<void>>();
  constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
  ) {}

  async listen(channel: string, l: NotificationListener): Promise<() => Promise<void>> {
    let client: pg.Client | undefined;
    let stopped = false;
    let retry: NodeJS.Timeout | undefined;
    let backoff = 250;
    const connect = async () => {
      const c = new pg.Client({ connectionString: this.url });
      const lost = () => {
        if (client !== c) return;
        client = undefined;
        l.state(false);
        c.end().catch(() => undefined);
        if (!stopped) retry = setTimeout(connect, backoff);
        backoff = Math.min(backoff * 2, 10_000);
      };
      c.on("error", lost);
      c.on("end", lost);
      c.on("notification", (n) => {
        if (n.channel === channel) l.message(n.payload ?? "");
      });
      client = c;
      try {
        await c.connect();
        await c.query(`listen ${pg.escapeIdentifier(channel)}`);
        if (stopped) return void (await c.end());
        backoff = 250;
        l.state(true);
      } catch {
        lost();
      }
    };
    await connect();
    const stop = async () => {
      stopped = true;
      clearTimeout(retry);
      const c = client;
      client = undefined;
      this.listeners.delete(stop);
      await c?.end().catch(() => undefined);
    };
    this.listeners.add(stop);
    return stop;
  }

  observe(listener: QueryListener): () => void {
    return this.observers.add(listener);
  }

  async query<T = Row>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
    this.observers.tell(sql, params);
    const r = await this.pool.query(statement(sql, params));
    return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
  }

  async exec(sql: string): Promise<void> {
    this.observers.tell(sql, []);
    await this.pool.query(sql);
  }

  async tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const tx = this.observers.nextTx();
    try {
      await client.query("BEGIN");
      const q: Queryable & { [OWNER]: Db } = {
        [OWNER]: this,
        query: async <R = Row>(sql: string, params: unknown[] = []) => {
          this.observers.tell(sql, params, tx);
          const r = await client.query(statement(sql, params));
          return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
        },
        exec: async (sql: string) => {
          this.observers.tell(sql, [], tx);
          await client.query(sql);
        },
      };
      const result = await fn(q);
      await client.query("COMMIT");
      return result;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    for (const stop of [...this.listeners]) await stop();
    await this.pool.end();
  }
}

class PgliteDb implements Db {
  readonly kind = "pglite";
  readonly [OWNER] = this;
  private readonly observers = new Observers();
  constructor(
    private readonly pglite: PGlite,
    private readonly lock: DirLock,
  ) {}

  observe(listener: QueryListener): () => void {
    return this.observers.add(listener);
  }

  async query<T = Row>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
    this.observers.tell(sql, params);
    const r = await this.pglite.query<T>(sql, params);
    return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
  }

  async exec(sql: string): Promise<void> {
    this.observers.tell(sql, []);
    await this.pglite.exec(sql);
  }

  async listen(channel: string, l: NotificationListener): Promise<() => Promise<void>> {
    // One process holds the embedded database (its directory is locked): delivery never stops.
    const unlisten = await this.pglite.listen(channel, l.message);
    l.state(true);
    return () => unlisten();
  }

  async tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    return this.pglite.transaction(async (t) => {
      const tx = this.observers.nextTx();
      const q: Queryable & { [OWNER]: Db } = {
        [OWNER]: this,
        query: async <R = Row>(sql: string, params: unknown[] = []) => {
          this.observers.tell(sql, params, tx);
          const r = await t.query<R>(sql, params);
          return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
        },
        exec: async (sql: string) => {
          this.observers.tell(sql, [], tx);
          await t.exec(sql);
        },
      };
      return fn(q);
    });
  }

  async close(): Promise<void> {
    try {
      await this.pglite.close();
    } finally {
      this.lock.release();
    }
  }
}

export type DbOptions = {
  databaseUrl?: string | undefined;
  dataDir: string;
  poolSize?: number;
  /** How long a server connection may sit idle in the pool before it is closed (default 10 s). */
  idleTimeoutMs?: number;
};

/** Opens the server database when a URL is given, else the embedded one under dataDir (locked). */
export async function openDb(opts: DbOptions): Promise<Db> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      idleTimeoutMillis: opts.idleTimeoutMs ?? 10_000,
    });
    // An idle client losing its connection (server restart, database dropped) must not crash the process.
    pool.on("error", (err) => console.error(`PostgreSQL pool: ${err.message}`));
    await pool.query("select 1"); // fail loudly now if the server cannot be reached
    return new PostgresDb(pool, opts.databaseUrl);
  }
  const lock = lockDataDir(opts.dataDir);
  try {
    const pglite = await PGlite.create(path.join(opts.dataDir, "pgdata"), {
      parsers: {
        [pgliteTypes.DATE]: (v: string) => v,
        [INT8_OID]: (v: string) => Number(v),
        [NUMERIC_OID]: (v: string) => Number(v),
      },
    });
    return new PgliteDb(pglite, lock);
  } catch (err) {
    lock.release();
    throw err;
  }
}
