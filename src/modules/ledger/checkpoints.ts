import canonicalize from "canonicalize";
import { CompactSign, compactVerify } from "jose";
import type { Db } from "../../db/client.js";
import type { SigningKey } from "../../lib/secrets.js";
import { type Anchored, appendAnchor } from "./anchor.js";
import type { Chain } from "./chain.js";

/**
 * Signed checkpoints of the hash chains: the head of a chain (its position, last row id and hash)
 * signed with the platform's ledger key (LEDGER_SIGNING_KEY, outside the database). A chain
 * rewritten consistently (every hash recomputed) still differs from the last checkpoint, which
 * nobody without the key can re-sign. The server writes them every LEDGER_CHECKPOINT_SECONDS.
 */

/** What a checkpoint signs (the JWS payload, RFC 8785 canonical JSON). */
export type CheckpointClaim = {
  chain: Chain;
  province: string;
  seq: number;
  lastId: number;
  hash: string;
  at: string;
};

export const CHECKPOINT_TYP = "mot-lan-ledger-checkpoint+jws";

/**
 * Signs a checkpoint of every chain that grew since its last one. Each chain is checkpointed in
 * its own transaction, its head locked by full key; finding the chains that grew reads every
 * province (a national read, off the request path). Each checkpoint, once committed, is appended
 * to the anchor file `opts.anchor` (outside the database, anchor.ts) and given to `opts.onSigned`.
 * Returns how many checkpoints were written.
 */
export async function checkpointChains(
  db: Db,
  key: SigningKey,
  opts: { anchor?: string; onSigned?: (entry: Anchored) => void } = {},
): Promise<number> {
  const { rows: grown } = await db.query<{ province: string; chain: Chain }>(
    `select province_code as province, chain from ledger_heads where seq > checkpoint_seq
     order by province_code, chain`,
  );
  let written = 0;
  for (const g of grown) {
    const done = await db.tx(async (q) => {
      const { rows } = await q.query<{ seq: number; lastId: number | null; hash: string; at: Date }>(
        `select seq, last_id as "lastId", hash, date_trunc('milliseconds', now()) as at from ledger_heads
         where province_code = $1 and chain = $2 and seq > checkpoint_seq for update`,
        [g.province, g.chain],
      );
      const head = rows[0];
      if (!head || head.lastId === null) return undefined;
      const claim: CheckpointClaim = {
        chain: g.chain,
        province: g.province,
        seq: head.seq,
        lastId: head.lastId,
        hash: head.hash,
        at: new Date(head.at).toISOString(),
      };
      const jws = await signCheckpoint(claim, key);
      await q.query(
        `insert into ledger_checkpoints (province_code, chain, seq, last_id, hash, at, kid, jws)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [g.province, g.chain, claim.seq, claim.lastId, claim.hash, claim.at, key.kid, jws],
      );
      await q.query("update ledger_heads set checkpoint_seq = $3 where province_code = $1 and chain = $2", [
        g.province,
        g.chain,
        claim.seq,
      ]);
      return { ...claim, kid: key.kid, jws };
    });
    if (!done) continue;
    // After the commit: an anchored checkpoint is always one the database held.
    if (opts.anchor) appendAnchor(opts.anchor, done);
    opts.onSigned?.(done);
    written++;
  }
  return written;
}

export async function signCheckpoint(claim: CheckpointClaim, key: SigningKey): Promise<string> {
  return new CompactSign(new TextEncoder().encode(canonicalize(claim)))
    .setProtectedHeader({ alg: "EdDSA", kid: key.kid, typ: CHECKPOINT_TYP })
    .sign(key.privateKey);
}

/** The claim a checkpoint JWS signs, or null when its signature does not verify with `publicKey`. */
export async function readCheckpoint(
  jws: string,
  publicKey: SigningKey["publicKey"],
): Promise<CheckpointClaim | null> {
  try {
    const { payload, protectedHeader } = await compactVerify(jws, publicKey, { algorithms: ["EdDSA"] });
    if (protectedHeader.typ !== CHECKPOINT_TYP) return null;
    return JSON.parse(new TextDecoder().decode(payload)) as CheckpointClaim;
  } catch {
    return null;
  }
}

/**
 * Runs `checkpointChains` every `seconds` (0: never) until the returned function is called; that
 * function resolves once a checkpoint in progress has finished (so the database can be closed).
 */
export function startCheckpoints(
  db: Db,
  key: SigningKey,
  seconds: number,
  onError: (err: unknown) => void,
  anchor?: string,
): () => Promise<void> {
  if (seconds <= 0) return async () => undefined;
  let current: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    current ??= checkpointChains(db, key, anchor ? { anchor } : {})
      .catch(onError)
      .finally(() => {
        current = undefined;
      });
  }, seconds * 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await current;
  };
}
