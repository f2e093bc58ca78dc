import { createHash } from "node:crypto";
import type { Queryable } from "../../db/client.js";
import { qb } from "../../db/query.js";
import { AppError } from "../../kernel/errors.js";
import { DossierErrors } from "./errors.js";

/**
 * A request that may be retried under an `Idempotency-Key` (one key per user intent, chosen by the
 * client): the key, the operation it answers, and a hash of what it asks.
 */
export type IdempotentRequest = { key: string; operation: "create" | "submit" | "complain"; hash: string };

/** JSON with object keys sorted: the same request hashes the same whatever order its keys came in. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v ?? null);
}

/** The request for a key, or undefined without one. `body` is what the request asks (hashed, SHA-256). */
export function idempotentRequest(
  key: string | undefined,
  operation: IdempotentRequest["operation"],
  body: unknown,
): IdempotentRequest | undefined {
  if (!key) return undefined;
  return { key, operation, hash: createHash("sha256").update(canonical(body)).digest("hex") };
}

/**
 * The dossier an earlier request with this actor's key answered with, or undefined when the key is
 * unused. Throws 409 IDEMPOTENCY_CONFLICT when the key answered a different request (another
 * operation, another body, or for submit another dossier). Keys are kept in the province of the
 * dossier they answer with (`provinceCode`, the distribution key: docs/scaling.md).
 */
export async function earlierAnswer(
  q: Queryable,
  provinceCode: string,
  actorId: string,
  r: IdempotentRequest,
  dossierId?: string,
): Promise<string | undefined> {
  const { rows } = await q.query<{ dossier_id: string; request_hash: string; operation: string }>(
    `select dossier_id, request_hash, operation from idempotency_keys
     where province_code = $1 and actor_id = $2 and key = $3`,
    [provinceCode, actorId, r.key],
  );
  const seen = rows[0];
  if (!seen) return undefined;
  const same =
    seen.operation === r.operation &&
    seen.request_hash === r.hash &&
    (dossierId === undefined || seen.dossier_id === dossierId);
  if (!same) throw new AppError(DossierErrors.IDEMPOTENCY_CONFLICT);
  return seen.dossier_id;
}

/** Whether the actor's key answered a request in the province already (whatever request it was). */
export async function keyUsed(
  q: Queryable,
  provinceCode: string,
  actorId: string,
  key: string,
): Promise<boolean> {
  const { rows } = await q.query(
    "select 1 from idempotency_keys where province_code = $1 and actor_id = $2 and key = $3",
    [provinceCode, actorId, key],
  );
  return rows.length > 0;
}

/**
 * The insert that claims a key, run as a CTE of the operation's first statement inside its own
 * transaction (first-statements.ts: the one that starts a dossier, the one that locks it for a
 * submit), so the claim costs no round trip of its own. It inserts the key (the commit keeps it
 * with the dossier, a rollback frees it for the retry), or waits until the transaction holding it
 * ends (the key's unique index on PostgreSQL; PGlite runs one transaction at a time) and does
 * nothing: its `key` row says whether this request now holds it, and when it does not,
 * `earlierAnswer` gives the dossier the first request answered with (or IDEMPOTENCY_CONFLICT). So
 * every request with the key gets the first one's answer.
 */
export function claimInsert(d: { id: string; provinceCode: string }, claim: KeyClaim) {
  return qb
    .insertInto("idempotency_keys")
    .values({
      province_code: d.provinceCode,
      actor_id: claim.actorId,
      key: claim.request.key,
      request_hash: claim.request.hash,
      dossier_id: d.id,
      operation: claim.request.operation,
    })
    .onConflict((c) => c.doNothing())
    .returning("key");
}

/** A request's key to claim with the statement that does the work (see `claimSql`). */
export type KeyClaim = { actorId: string; request: IdempotentRequest };
