import type { Queryable } from "../../db/client.js";
import { qb, sql } from "../../db/query.js";

/** A message of the outbox as a handler receives it. */
export type OutboxMessage = {
  /** Unique within its province (the outbox's key is province and id). */
  id: number;
  provinceCode: string;
  topic: string;
  /** What orders it: no message is delivered before an earlier pending one with the same key. */
  key: string;
  payload: Record<string, unknown>;
  dossierCode: string | null;
  /** Attempts started, this one included (1 on the first delivery). */
  attempts: number;
  createdAt: Date;
  /** The dispatcher's clock when this attempt began. */
  at: Date;
};

/** A message to write, in the transaction of the change it tells of. */
export type NewMessage = {
  topic: string;
  key: string;
  payload: Record<string, unknown>;
  /** The distribution key: the province of the dossier it concerns, '00' for a national one. */
  provinceCode: string;
  /** When the change happened (the caller's clock); the database's clock when not given. */
  at?: Date | undefined;
  dossierCode?: string | null | undefined;
  /**
   * What the payload becomes once the message is delivered, dead or discarded, when the payload
   * holds something that must not be kept (a one-time code): nothing archived keeps it.
   */
  redactedPayload?: Record<string, unknown> | undefined;
};

/** A message's values as the outbox stores them (JSON as text). */
type MessageValues = {
  topic: string;
  key: string;
  payload: string;
  provinceCode: string;
  at: Date | null;
  dossierCode: string | null;
  redactedPayload: string | null;
};

/** The values of a message to write (`enqueue`, `messageArgs`). */
function messageValues(m: NewMessage): MessageValues {
  return {
    topic: m.topic,
    key: m.key,
    payload: JSON.stringify(m.payload),
    provinceCode: m.provinceCode,
    at: m.at ?? null,
    dossierCode: m.dossierCode ?? null,
    redactedPayload: m.redactedPayload ? JSON.stringify(m.redactedPayload) : null,
  };
}

/**
 * Writes a message in the caller's transaction (`q`), so the change and its message commit or roll
 * back together. Returns its id (unique within `provinceCode`). The dispatcher delivers it after
 * the commit, at least once, in order per key.
 */
export async function enqueue(q: Queryable, m: NewMessage): Promise<number> {
  const v = messageValues(m);
  const { rows } = await q.query<{ id: number }>(
    `insert into outbox (topic, key, payload, province_code, created_at, dossier_code, redacted_payload)
     values ($1, $2, $3, $4, coalesce($5::timestamptz, now()), $6, $7) returning id`,
    [v.topic, v.key, v.payload, v.provinceCode, v.at, v.dossierCode, v.redactedPayload],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error("outbox insert returned no id");
  return id;
}

/**
 * A message's values for `outboxInsert`, under names of their own (`message_…`), flat: they sit
 * beside the caller's own values (an action's `at` and `payload`) in a query compiled once.
 */
export type MessageArgs = { [K in keyof MessageValues as `message_${K}`]: MessageValues[K] };

/** The values of a message to write with `outboxInsert`. */
export function messageArgs(m: NewMessage): MessageArgs {
  const v = messageValues(m);
  return {
    message_topic: v.topic,
    message_key: v.key,
    message_payload: v.payload,
    message_provinceCode: v.provinceCode,
    message_at: v.at,
    message_dossierCode: v.dossierCode,
    message_redactedPayload: v.redactedPayload,
  };
}

/**
 * `enqueue` as part of a statement of the caller's, to write a change and its message in one round
 * trip: a data-modifying CTE (Kysely's `.with("o", () => outboxInsert(p, "d"))`) inserting the
 * message when the caller's CTE `from`, the change it tells of, has a row (no row, no message).
 * `p` from `messageArgs`, or the placeholders of a query compiled once (src/db/query.ts).
 */
export function outboxInsert(p: MessageArgs, from: string) {
  return qb
    .insertInto("outbox")
    .columns(["topic", "key", "payload", "province_code", "created_at", "dossier_code", "redacted_payload"])
    .expression(
      qb
        .selectNoFrom([
          sql<string>`${p.message_topic}::text`.as("topic"),
          sql<string>`${p.message_key}::text`.as("key"),
          sql<string>`${p.message_payload}::jsonb`.as("payload"),
          sql<string>`${p.message_provinceCode}::text`.as("province_code"),
          sql<Date>`coalesce(${p.message_at}::timestamptz, now())`.as("created_at"),
          sql<string | null>`${p.message_dossierCode}::text`.as("dossier_code"),
          sql<string | null>`${p.message_redactedPayload}::jsonb`.as("redacted_payload"),
        ])
        .where(sql<boolean>`exists (select from ${sql.table(from)})`),
    )
    .returning("id");
}

/**
 * Claims up to `limit` due messages of one province for `leaseMs`: pending, due (`next_attempt_at`),
 * not claimed by another dispatcher (lease over), and first of their key among the pending ones.
 * Counts the attempt now, so a message that kills its dispatcher still reaches the dead state.
 * One shard: every statement names the province (docs/scaling.md).
 */
export async function claim(
  q: Queryable,
  provinceCode: string,
  at: Date,
  leaseMs: number,
  token: string,
  limit: number,
): Promise<OutboxMessage[]> {
  const { rows } = await q.query<Omit<OutboxMessage, "at">>(
    `update outbox o set attempts = o.attempts + 1, leased_until = $3, lease_token = $4, last_attempt_at = $2
     where o.province_code = $1 and o.id in (
       select c.id from outbox c
       where c.province_code = $1 and c.state = 'pending'
         and (c.next_attempt_at is null or c.next_attempt_at <= $2)
         and (c.leased_until is null or c.leased_until <= $2)
         and not exists (select 1 from outbox e where e.province_code = $1 and e.key = c.key
                         and e.state = 'pending' and e.id < c.id)
       order by c.id limit $5 for update skip locked)
     returning o.id, o.province_code as "provinceCode", o.topic, o.key, o.payload,
       o.dossier_code as "dossierCode", o.attempts, o.created_at as "createdAt"`,
    [provinceCode, at, new Date(at.getTime() + leaseMs), token, limit],
  );
  return rows.sort((a, b) => a.id - b.id).map((r) => ({ ...r, at }));
}

/**
 * Locks one message by its full key and says whether this dispatcher's claim (`token`) still holds
 * it: pending and leased to this token. A claim another dispatcher took over (the lease ran out)
 * no longer does, and its work is dropped.
 */
export async function stillClaimed(q: Queryable, m: OutboxMessage, token: string): Promise<boolean> {
  const { rows } = await q.query<{ state: string; lease_token: string | null }>(
    "select state, lease_token from outbox where province_code = $1 and id = $2 for update",
    [m.provinceCode, m.id],
  );
  return rows[0]?.state === "pending" && rows[0]?.lease_token === token;
}

/** Writes the inbox row of a message; false when it was already there (applied before). */
export async function receive(q: Queryable, m: OutboxMessage): Promise<boolean> {
  const r = await q.query(
    `insert into inbox (province_code, message_id, topic, received_at) values ($1, $2, $3, $4)
     on conflict (province_code, message_id) do nothing`,
    [m.provinceCode, m.id, m.topic, m.at],
  );
  return r.rowCount > 0;
}

export async function markDelivered(q: Queryable, m: OutboxMessage, at: Date): Promise<void> {
  await q.query(
    `update outbox set state = 'delivered', delivered_at = $3, leased_until = null, lease_token = null,
       next_attempt_at = null, payload = coalesce(redacted_payload, payload), redacted_payload = null
     where province_code = $1 and id = $2`,
    [m.provinceCode, m.id, at],
  );
}

/** Records a failed attempt: pending again at `nextAt`, or dead (payload redacted) when `dead`. */
export async function markFailed(
  q: Queryable,
  m: OutboxMessage,
  error: string,
  dead: boolean,
  nextAt: Date,
): Promise<void> {
  await q.query(
    `update outbox set leased_until = null, lease_token = null, last_error = $3,
       state = case when $4 then 'dead' else 'pending' end,
       next_attempt_at = case when $4 then null else $5::timestamptz end,
       payload = case when $4 then coalesce(redacted_payload, payload) else payload end,
       redacted_payload = case when $4 then null else redacted_payload end
     where province_code = $1 and id = $2`,
    [m.provinceCode, m.id, error, dead, nextAt],
  );
}

/**
 * Which of these keys (dossier ids, each with the topics asked about) have a message that was not
 * delivered and will not be without an administrator: dead after its attempts (or refused at once,
 * a bad signature), or discarded. A result's registry write-back among them has not reached the
 * registry. One statement, one shard (the province's), whatever the number of keys.
 */
export async function undeliveredOf(
  q: Queryable,
  provinceCode: string,
  topicsByKey: ReadonlyMap<string, readonly string[]>,
): Promise<Set<string>> {
  const keys = [...topicsByKey.keys()];
  const topics = [...new Set([...topicsByKey.values()].flat())];
  if (keys.length === 0 || topics.length === 0) return new Set();
  const { rows } = await q.query<{ key: string; topic: string }>(
    `select key, topic from outbox
     where province_code = $1 and key = any($2::text[]) and topic = any($3::text[]) and state in ('dead', 'discarded')`,
    [provinceCode, keys, topics],
  );
  return new Set(rows.filter((r) => topicsByKey.get(r.key)?.includes(r.topic)).map((r) => r.key));
}

/** Provinces with pending messages: the one read of every shard the dispatcher makes per pass. */
export async function provincesWithPending(q: Queryable): Promise<string[]> {
  const { rows } = await q.query<{ province_code: string }>(
    "select distinct province_code from outbox where state = 'pending' order by province_code",
  );
  return rows.map((r) => r.province_code);
}
