import type { Queryable } from "../../src/db/client.js";
import type { SigningKey } from "../../src/lib/secrets.js";
import { type Chain, signCheckpoint } from "../../src/modules/ledger/index.js";

/** Writes a checkpoint of a chain's current head signed with `key` (e.g. a key that is not ours). */
export async function signCheckpointRow(
  q: Queryable,
  key: SigningKey,
  province: string,
  chain: Chain,
): Promise<void> {
  const { rows } = await q.query<{ seq: number; lastId: number; hash: string }>(
    `select seq, last_id as "lastId", hash from ledger_heads where province_code = $1 and chain = $2`,
    [province, chain],
  );
  const head = rows[0] as { seq: number; lastId: number; hash: string };
  const at = new Date().toISOString();
  const jws = await signCheckpoint(
    { chain, province, seq: head.seq, lastId: head.lastId, hash: head.hash, at },
    key,
  );
  await q.query(
    `insert into ledger_checkpoints (province_code, chain, seq, last_id, hash, at, kid, jws)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [province, chain, head.seq, head.lastId, head.hash, at, key.kid, jws],
  );
}
