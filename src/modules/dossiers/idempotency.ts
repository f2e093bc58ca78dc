import { createHash } from "node:crypto";
import type { Queryable } from "../../db/client.js";
import { AppError } from "../../kernel/errors.js";
import { DossierErrors } from "./errors.js";

/**
 * A request that may be retried under an `Idempotency-Key` (one key per user intent, chosen by the
 * client): the key, the operation it answers, and a hash of what it asks.
 */
export type IdempotentRequest = { key: string; operation: "create" | "submit"; hash: string };

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

/**
 * Claims the key inside the operation's own transaction, before its work: undefined when this
 * request now holds it (do the work; the commit keeps the key with `dossierId`, a rollback frees it
 * for the retry), else the dossier the earlier request answered with (or IDEMPOTENCY_CONFLICT, as
 * `earlierAnswer`). A key held by a request still in flight makes the claim wait until that
 * request's transaction ends (the key's unique index on PostgreSQL; PGlite runs one transaction at
 * a time), so every request with the key gets the first one's answer. `sameDossier`: the earlier
 * answer must be this dossier (submit); a create's answer is whatever dossier it created.
 */
export async function claimKey(
  q: Queryable,
  d: { id: string; provinceCode: string },
  actorId: string,
  r: IdempotentRequest,
  sameDossier: boolean,
): Promise<string | undefined> {
  const { rows } = await q.query(
    `insert into idempotency_keys (province_code, actor_id, key, request_hash, dossier_id, operation)
     values ($1, $2, $3, $4, $5, $6) on conflict do nothing returning key`,
    [d.provinceCode, actorId, r.key, r.hash, d.id, r.operation],
  );
  if (rows.length > 0) return undefined;
  const earlier = await earlierAnswer(q, d.provinceCode, actorId, r, sameDossier ? d.id : undefined);
  if (earlier === undefined) throw new Error("idempotency key vanished after its conflict");
  return earlier;
}
