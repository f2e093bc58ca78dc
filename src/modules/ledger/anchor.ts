import fs from "node:fs";
import type { Chain } from "./chain.js";
import type { CheckpointClaim } from "./checkpoints.js";

/**
 * The checkpoints' anchor outside the database: each signed checkpoint is appended, one JSON line,
 * to a file (LEDGER_ANCHOR_FILE, default `<DATA_DIR>/ledger-anchor.jsonl`, opened in append mode
 * and never rewritten) and printed by `npm run audit:checkpoint` for an external witness. Someone
 * who can write the database but not this file (ship it to write-once storage, or to a witness)
 * cannot roll a chain back: deleting rows, rolling `ledger_heads` back and deleting the
 * checkpoint row leaves the anchored checkpoint, which `audit:verify` finds missing.
 */

export type Anchored = CheckpointClaim & { kid: string; jws: string };

/** Appends one signed checkpoint to the anchor file (created 0600 when absent). */
export function appendAnchor(file: string, entry: Anchored): void {
  fs.appendFileSync(file, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
}

/**
 * The anchored checkpoints, by chain and province (`<chain>:<province>`); none when the file does
 * not exist. A line that is not a checkpoint is returned under `unreadable` (its line number).
 */
export function readAnchor(file: string): { byChain: Map<string, Anchored[]>; unreadable: number[] } {
  const byChain = new Map<string, Anchored[]>();
  const unreadable: number[] = [];
  if (!fs.existsSync(file)) return { byChain, unreadable };
  fs.readFileSync(file, "utf8")
    .split("\n")
    .forEach((line, i) => {
      if (!line.trim()) return;
      try {
        const a = JSON.parse(line) as Anchored;
        if (typeof a.jws !== "string" || typeof a.seq !== "number") throw new Error("not a checkpoint");
        const k = anchorKey(a.chain, a.province);
        byChain.set(k, [...(byChain.get(k) ?? []), a]);
      } catch {
        unreadable.push(i + 1);
      }
    });
  return { byChain, unreadable };
}

export const anchorKey = (chain: Chain, province: string): string => `${chain}:${province}`;
