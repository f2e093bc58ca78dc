import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import type { Db, Queryable } from "../../db/client.js";

/**
 * Hash chains over append-only logs (audit_log, message_log): each row carries its position in
 * its province's chain (`chain_seq`), the id and hash of the row before it (`prev_id`,
 * `prev_hash`) and its own hash, SHA-256 over the RFC 8785 canonical JSON of the row's content and
 * those links. Editing a row breaks its hash; deleting one leaves a gap in `chain_seq` and a
 * successor whose `prev_hash` matches nothing. `npm run audit:verify` walks the chains.
 *
 * Concurrency: appending locks the chain's head row (`ledger_heads`, by its full key
 * province_code + chain, so one shard on Citus) until the transaction ends; writers of one
 * province take turns and the chain never forks. Append as late as possible in a transaction
 * (the lock is held until it commits), and never in two provinces in opposite orders.
 */
export const CHAINS = ["audit_log", "message_log"] as const;
export type Chain = (typeof CHAINS)[number];

/** The `prev_hash` of a chain's first row. */
export const GENESIS = "0".repeat(64);

/** Where a new row goes in its chain: its id, its time and the links to the row before it. */
export type Link = { seq: number; id: number; at: Date; prevId: number | null; prevHash: string };
export type SealedLink = Link & { hash: string };

/** What a row's hash covers beyond its content. */
export type LinkedRow = { chain: Chain; province: string } & Link;

/**
 * The hash of a row: lowercase hex SHA-256 of the canonical JSON (RFC 8785) of its chain,
 * province, position, id, time (ISO 8601, milliseconds), links and content. `content` holds only
 * JSON values (strings, numbers, booleans, null, arrays, objects), as the row stores them.
 */
export function rowHash(row: LinkedRow, content: Record<string, unknown>): string {
  const text = canonicalize({
    chain: row.chain,
    province: row.province,
    seq: row.seq,
    id: row.id,
    at: row.at.toISOString(),
    prevId: row.prevId,
    prevHash: row.prevHash,
    content,
  });
  if (text === undefined) throw new TypeError("a chained row must be JSON");
  return createHash("sha256").update(text).digest("hex");
}

/** A JSON value as a jsonb column gives it back (Dates as ISO strings, undefined keys dropped). */
export function asStored<T>(value: T): T {
  return JSON.parse(JSON.stringify(value ?? null)) as T;
}

const ID_SEQUENCES: Readonly<Record<Chain, string>> = {
  audit_log: "audit_log_id_seq",
  message_log: "message_log_id_seq",
};

function isDb(q: Queryable): q is Db {
  return typeof (q as Partial<Db>).tx === "function";
}

/**
 * Appends one row to a chain inside `q`'s transaction (given the database itself, in a
 * transaction of its own): takes the next id and the transaction's time, locks the chain head of
 * `provinceCode`, hashes `content` with the links, lets `insert` write the row with them, and
 * moves the head. `content` must be what `insert` stores, JSON-normalised (`asStored`).
 * Returns the link written. Throws what the statements throw (the caller's transaction rolls back).
 */
export async function appendChained(
  q: Queryable,
  chain: Chain,
  provinceCode: string,
  content: Record<string, unknown>,
  insert: (q: Queryable, link: SealedLink) => Promise<void>,
): Promise<SealedLink> {
  if (isDb(q)) return q.tx((t) => appendChained(t, chain, provinceCode, content, insert));
  const { rows: fresh } = await q.query<{ id: number; at: Date }>(
    "select nextval($1::regclass)::bigint as id, date_trunc('milliseconds', now()) as at",
    [ID_SEQUENCES[chain]],
  );
  // Insert-or-lock in one statement: a new province's head is created, an existing one is locked
  // (ON CONFLICT DO UPDATE takes the row lock and returns its latest committed values).
  const { rows: heads } = await q.query<{ seq: number; lastId: number | null; hash: string }>(
    `insert into ledger_heads (province_code, chain) values ($1, $2)
     on conflict (province_code, chain) do update set seq = ledger_heads.seq
     returning seq, last_id as "lastId", hash`,
    [provinceCode, chain],
  );
  const head = heads[0];
  const next = fresh[0];
  if (!head || !next) throw new Error(`chain ${chain} of ${provinceCode}: no head`);
  const link: Link = {
    seq: head.seq + 1,
    id: next.id,
    at: new Date(next.at),
    prevId: head.lastId,
    prevHash: head.hash,
  };
  const sealed = { ...link, hash: rowHash({ chain, province: provinceCode, ...link }, content) };
  await insert(q, sealed);
  await q.query(
    "update ledger_heads set seq = $3, last_id = $4, hash = $5 where province_code = $1 and chain = $2",
    [provinceCode, chain, sealed.seq, sealed.id, sealed.hash],
  );
  return sealed;
}
