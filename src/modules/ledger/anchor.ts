import fs from "node:fs";
import type { Chain } from "./chain.js";
import type { CheckpointClaim } from "./checkpoints.js";

/**
 * The checkpoints' anchor outside the database: each signed checkpoint is appended, one JSON line,
 * to a file (LEDGER_ANCHOR_FILE, default `<DATA_DIR>/ledger-anchor.jsonl`, opened in append mode
 * and never rewritten) and printed by `npm run audit:checkpoint` for an external witness. Someone
 * who can write the database but not this file (ship it to write-once storage, or to a witness)
 * cannot roll a chain back: deleting rows, rolling `ledger_heads` back and deleting the
 * checkpoint row leaves the anchored checkpoint, which `audit:verify` finds missing. The other way
 * round, every checkpoint the database holds must be in the file: a file deleted, emptied or
 * truncated is named too (a brand-new install, with no checkpoint yet, needs no file).
 */

export type Anchored = CheckpointClaim & { kid: string; jws: string };

/** The file as read: `missing` (no such file), `empty` (no line), `present`. */
export type AnchorState = "missing" | "empty" | "present";

export type AnchorRead = {
  byChain: Map<string, Anchored[]>;
  /** Line numbers (1-based) that are not a checkpoint (e.g. a line cut short by truncation). */
  unreadable: number[];
  state: AnchorState;
  /** The file's size in bytes when read (0 when missing). */
  size: number;
};

/** Appends one signed checkpoint to the anchor file (created 0600 when absent). */
export function appendAnchor(file: string, entry: Anchored): void {
  fs.appendFileSync(file, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
}

/**
 * The anchored checkpoints, by chain and province (`<chain>:<province>`); none when the file does
 * not exist. A line that is not a checkpoint is returned under `unreadable` (its line number).
 */
export function readAnchor(file: string): AnchorRead {
  const byChain = new Map<string, Anchored[]>();
  const unreadable: number[] = [];
  if (!fs.existsSync(file)) return { byChain, unreadable, state: "missing", size: 0 };
  const text = fs.readFileSync(file, "utf8");
  let lines = 0;
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    lines++;
    try {
      const a = JSON.parse(line) as Anchored;
      if (typeof a.jws !== "string" || typeof a.seq !== "number") throw new Error("not a checkpoint");
      const k = anchorKey(a.chain, a.province);
      byChain.set(k, [...(byChain.get(k) ?? []), a]);
    } catch {
      unreadable.push(i + 1);
    }
  });
  return { byChain, unreadable, state: lines === 0 ? "empty" : "present", size: Buffer.byteLength(text) };
}

/**
 * The anchor file as `audit:verify` sees it while it walks the chains: read once at the start, and
 * read again (only when the file grew since) when the database holds a checkpoint the file lacks,
 * so a checkpoint signed by a running server during a long walk is not taken for a lost one.
 */
export class AnchorView {
  current: AnchorRead;
  constructor(readonly file: string) {
    this.current = readAnchor(file);
  }
  of(chain: Chain, province: string): Anchored[] {
    return this.current.byChain.get(anchorKey(chain, province)) ?? [];
  }
  /** Reads the file again when it grew; true when it did. */
  refresh(): boolean {
    const size = fs.existsSync(this.file) ? fs.statSync(this.file).size : 0;
    if (size <= this.current.size) return false;
    this.current = readAnchor(this.file);
    return true;
  }
  /** Why a checkpoint is not in the file, in words: the file's state. */
  why(): string {
    return this.current.state === "missing"
      ? `${this.file} does not exist`
      : this.current.state === "empty"
        ? `${this.file} is empty`
        : `${this.file} lacks it: truncated, or the checkpoint was never anchored`;
  }
}

export const anchorKey = (chain: Chain, province: string): string => `${chain}:${province}`;
