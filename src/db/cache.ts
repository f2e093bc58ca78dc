import { type Db, dbOf, type Queryable } from "./client.js";

/**
 * In-process caches of what the database holds, kept true across server processes. A change is
 * announced in the writing transaction (`announce`: `pg_notify` on one channel, delivered when
 * that transaction commits to every process listening, this one included); each process then
 * drops what it cached under the announced tag. The announcing process drops it at once as well.
 * While the listening connection is down (a server restart, a network cut) announcements may be
 * missed: no cache serves until it listens again, and then every cache starts empty.
 *
 * Each database (`Db`, and the transactions it opens: `dbOf`) has its own caches: a test process
 * opens many databases, a server one.
 */
const CHANNEL = "mot_lan_cache";

/** A tag: `<scope>:<what>` (e.g. `auth:session:<hash>`); `<scope>:*` drops the whole scope. */
type Tag = string;

type Entry<V> = { value: V; until: number; tags: readonly Tag[] };

/** One cache: values by key, each with an expiry and the tags that drop it. */
export class Cache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly byTag = new Map<Tag, Set<string>>();

  constructor(
    private readonly hub: Hub,
    readonly scope: string,
    private readonly max: number,
  ) {}

  /** The value, unless absent, expired (`until`, ms since the epoch) or the cache is not live. */
  get(key: string, now = Date.now()): V | undefined {
    if (!this.hub.live) return undefined;
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.until <= now) {
      this.delete(key);
      return undefined;
    }
    return e.value;
  }

  /**
   * Keeps `value` until `until` (ms since the epoch; `Infinity` for what never changes) or until
   * one of `tags` (within this cache's scope) is announced. Nothing is kept while not live.
   */
  set(key: string, value: V, until: number, tags: readonly string[] = []): void {
    if (!this.hub.live) return;
    this.delete(key);
    if (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.delete(oldest);
    }
    this.entries.set(key, { value, until, tags });
    for (const t of tags) {
      const keys = this.byTag.get(t) ?? new Set<string>();
      keys.add(key);
      this.byTag.set(t, keys);
    }
  }

  /** Drops what is cached under the tag (`*`: everything). */
  drop(tag: string): void {
    if (tag === "*") {
      this.entries.clear();
      this.byTag.clear();
      return;
    }
    for (const key of [...(this.byTag.get(tag) ?? [])]) this.delete(key);
  }

  /** Drops the value kept under `key`, if any. */
  delete(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    for (const t of e.tags) {
      const keys = this.byTag.get(t);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(t);
    }
  }
}

/** The caches of one database and the listener that keeps them true. */
class Hub {
  live = false;
  private readonly caches = new Map<string, Cache<unknown>[]>();
  private started: Promise<void> | undefined;

  constructor(private readonly db: Db) {}

  start(): Promise<void> {
    this.started ??= this.db
      .listen(CHANNEL, {
        message: (payload) => this.apply(payload),
        state: (live) => {
          // Back after a gap: whatever was announced meanwhile is unknown, so start empty.
          if (live && !this.live) this.dropAll();
          this.live = live;
        },
      })
      .then(() => undefined);
    return this.started;
  }

  cache<V>(scope: string, max: number): Cache<V> {
    const c = new Cache<V>(this, scope, max);
    const list = this.caches.get(scope) ?? [];
    list.push(c as Cache<unknown>);
    this.caches.set(scope, list);
    return c;
  }

  apply(payload: string): void {
    const i = payload.indexOf(":");
    if (i < 0) return;
    for (const c of this.caches.get(payload.slice(0, i)) ?? []) c.drop(payload.slice(i + 1));
  }

  private dropAll(): void {
    for (const list of this.caches.values()) for (const c of list) c.drop("*");
  }
}

const hubs = new WeakMap<Db, Hub>();

function hubOf(db: Db): Hub {
  let hub = hubs.get(db);
  if (!hub) {
    hub = new Hub(db);
    hubs.set(db, hub);
  }
  return hub;
}

/**
 * Starts listening for announcements on this database (the server does it once at start, before
 * it serves). Until then, and whenever the listening connection is down, caches serve nothing.
 */
export function startCaches(db: Db): Promise<void> {
  return hubOf(db).start();
}

/**
 * A cache of this database's (the owner of `q`) under `scope`, made once per name by `make`'s
 * caller: the same `name` returns the same cache. Holds at most `max` entries (the oldest go).
 * Undefined for a Queryable that belongs to no `Db` (then there is nothing to cache in).
 */
export function cacheOf<V>(q: Queryable, scope: string, name: string, max = 10_000): Cache<V> | undefined {
  const db = dbOf(q);
  if (!db) return undefined;
  const hub = hubOf(db);
  const key = `${scope}/${name}`;
  let c = named.get(hub)?.get(key) as Cache<V> | undefined;
  if (!c) {
    c = hub.cache<V>(scope, max);
    const m = named.get(hub) ?? new Map<string, Cache<unknown>>();
    m.set(key, c as Cache<unknown>);
    named.set(hub, m);
  }
  return c;
}
const named = new WeakMap<Hub, Map<string, Cache<unknown>>>();

/**
 * Announces a change: every process drops what its caches of `scope` hold under `tag` (`*`: all)
 * when `q`'s transaction commits; this process drops it now too. Call it inside the transaction
 * that makes the change (one statement), and `forget` again after its commit when a concurrent
 * request may have cached the old state in between.
 */
export async function announce(q: Queryable, scope: string, tag: string): Promise<void> {
  await q.query("select pg_notify($1, $2)", [CHANNEL, `${scope}:${tag}`]);
  forget(q, scope, tag);
}

/** Drops, in this process only, what the caches of `scope` hold under `tag` (see `announce`). */
export function forget(q: Queryable, scope: string, tag: string): void {
  const db = dbOf(q);
  if (db) hubs.get(db)?.apply(`${scope}:${tag}`);
}
