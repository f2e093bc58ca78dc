import type { KeyObject } from "node:crypto";
import type { Anchored, AnchorView } from "./anchor.js";
import type { Chain } from "./chain.js";
import { readCheckpoint } from "./checkpoints.js";
import type { ChainProblem } from "./verify.js";

/** The database's checkpoints compared with the anchor file's, both ways (used by verify.ts). */

/** A checkpoint row as verify reads it. */
export type Checkpoint = { seq: number; lastId: number; hash: string; at: Date; jws: string };

/**
 * Each anchored checkpoint must be in the database as it was signed: the first that is missing or
 * differs (or, with the key, whose signature does not verify) is the problem.
 */
export async function compareAnchored(
  chain: Chain,
  province: string,
  inDb: ReadonlyMap<number, Checkpoint>,
  anchored: readonly Anchored[],
  publicKey: KeyObject | undefined,
): Promise<ChainProblem | undefined> {
  const named = (a: Anchored, detail: string): ChainProblem => ({
    table: chain,
    province,
    id: a.lastId,
    seq: a.seq,
    kind: "checkpoint",
    detail: `the checkpoint signed at ${a.at} (chain_seq ${a.seq}, id ${a.lastId}) ${detail}`,
  });
  for (const a of anchored) {
    if (publicKey && !(await readCheckpoint(a.jws, publicKey)))
      return named(a, "in the anchor file does not verify with the ledger key");
    const d = inDb.get(a.seq);
    if (!d) return named(a, "is in the anchor file but missing from the database");
    if (d.jws !== a.jws || d.hash !== a.hash || d.lastId !== a.lastId)
      return named(a, "differs in the database from the anchored one");
  }
  return undefined;
}

/**
 * Every checkpoint the database holds must be in the anchor file: the first that is not (the file
 * deleted, emptied or truncated, or a checkpoint never anchored) is the problem, with how many
 * later ones are missing too. The file is read again first when it grew (a checkpoint signed
 * while verify walks the chains).
 */
export function unanchored(
  chain: Chain,
  province: string,
  cps: readonly Checkpoint[],
  anchor: AnchorView,
): ChainProblem | undefined {
  const missing = () => {
    const seqs = new Set(anchor.of(chain, province).map((a) => a.seq));
    return cps.filter((cp) => !seqs.has(cp.seq));
  };
  let lost = missing();
  if (lost.length > 0 && anchor.refresh()) lost = missing();
  const cp = lost[0];
  if (!cp) return undefined;
  return {
    table: chain,
    province,
    id: cp.lastId,
    seq: cp.seq,
    kind: "checkpoint",
    detail: `the checkpoint signed at ${new Date(cp.at).toISOString()} (chain_seq ${cp.seq}, id ${cp.lastId}) is in the database but not in the anchor file: ${anchor.why()}${
      lost.length > 1 ? `; ${lost.length - 1} later checkpoint(s) of this chain are missing from it too` : ""
    }`,
  };
}
