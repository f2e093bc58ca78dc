import type { KeyObject } from "node:crypto";
import type { Queryable } from "../../db/client.js";
import { all, first, qb, sql } from "../../db/query.js";
import { type AnchorState, AnchorView } from "./anchor.js";
import { type Checkpoint, compareAnchored, unanchored } from "./anchor-compare.js";
import { CHAINS, type Chain, GENESIS, rowHash } from "./chain.js";
import { readCheckpoint } from "./checkpoints.js";
import { auditContent, messageContent } from "./contents.js";

/**
 * Walks the hash chains (audit_log and message_log, each per province) and names the first row of
 * each chain that was altered or deleted, and any checkpoint that does not verify. Read-only; one
 * province's chain at a time, in pages by `chain_seq` (each statement names the province).
 */

export type ChainProblem = {
  table: Chain;
  province: string;
  /** The row altered or deleted; null when it cannot be known (several rows deleted at the tail). */
  id: number | null;
  seq: number | null;
  kind: "altered" | "deleted" | "checkpoint";
  detail: string;
};

export type ChainReport = { table: Chain; province: string; rows: number; checkpoints: number };

export type VerifyReport = {
  chains: ChainReport[];
  problems: ChainProblem[];
  /** Rows written before the chains began (migration 120), per table: not covered. */
  unchained: Record<Chain, number>;
  /** Checkpoint signatures were checked (a ledger key was given). */
  signaturesChecked: boolean;
  /** Checkpoints read from the anchor file (null: no anchor file given). */
  anchored: number | null;
  /** The anchor file's state (null: no anchor file given). */
  anchorState: AnchorState | null;
  /** Checkpoints the database holds, every chain together. */
  checkpointsInDb: number;
};

type Row = {
  id: number;
  at: Date;
  atExact: boolean;
  seq: number;
  prevId: number | null;
  prevHash: string;
  hash: string;
} & Record<string, unknown>;

const PAGE = 1000;

/** A page of a chain's rows after `after`, in chain order, with the columns its hash covers. */
async function readRows(q: Queryable, chain: Chain, province: string, after: number): Promise<Row[]> {
  const links = [
    "id",
    "at",
    // The hash covers the time to the millisecond (what was written): anything finer is an edit.
    sql<boolean>`at = date_trunc('milliseconds', at)`.as("atExact"),
    "chain_seq as seq",
    "prev_id as prevId",
    "prev_hash as prevHash",
    "hash",
  ] as const;
  const rows =
    chain === "audit_log"
      ? await all(
          q,
          qb
            .selectFrom("audit_log")
            .select([
              ...links,
              "actor_kind as actorKind",
              "actor_id as actorId",
              "action",
              "outcome",
              "resource",
              "request_id as requestId",
              "detail",
            ])
            .where("province_code", "=", province)
            .where("chain_seq", ">", after)
            .orderBy("chain_seq")
            .limit(PAGE),
        )
      : await all(
          q,
          qb
            .selectFrom("message_log")
            .select([
              ...links,
              "message_id as messageId",
              "direction",
              "sender",
              "receiver",
              "type",
              "payload_sha256 as payloadSha256",
              "outcome",
              "reason",
              "dossier_id as dossierId",
              "dossier_code as dossierCode",
              "in_reply_to as inReplyTo",
              "signature",
              "detail",
            ])
            .where("province_code", "=", province)
            .where("chain_seq", ">", after)
            .orderBy("chain_seq")
            .limit(PAGE),
        );
  return rows as unknown as Row[];
}

const contentOf = (chain: Chain, r: Row) =>
  chain === "audit_log" ? auditContent(r as never) : messageContent(r as never);

/** The provinces that have a chain of this log: a head, or chained rows (a head may be gone). */
async function provincesOf(q: Queryable, chain: Chain): Promise<string[]> {
  const heads = await all(
    q,
    qb.selectFrom("ledger_heads").select("province_code").where("chain", "=", chain),
  );
  const rows =
    chain === "audit_log"
      ? await all(
          q,
          qb.selectFrom("audit_log").select("province_code").distinct().where("chain_seq", "is not", null),
        )
      : await all(q, qb.selectFrom("message_log").select("province_code").distinct());
  return [...new Set([...heads, ...rows].map((r) => r.province_code))].sort();
}

/** How many rows of a log are chained, and how many (audit rows from before migration 120) are not. */
async function countRows(q: Queryable, chain: Chain): Promise<{ chained: number; unchained: number }> {
  if (chain === "message_log") {
    const r = await first(q, qb.selectFrom("message_log").select(sql<number>`count(*)::int`.as("n")));
    return { chained: r?.n ?? 0, unchained: 0 };
  }
  const r = await first(
    q,
    qb
      .selectFrom("audit_log")
      .select([
        sql<number>`(count(*) filter (where chain_seq is not null))::int`.as("chained"),
        sql<number>`(count(*) filter (where chain_seq is null))::int`.as("unchained"),
      ]),
  );
  return { chained: r?.chained ?? 0, unchained: r?.unchained ?? 0 };
}

/**
 * Verifies every chain. `publicKey` checks the checkpoints' signatures (without it they are only
 * compared with the rows); `onProgress(done, total)` is told after each page of rows.
 */
export async function verifyChains(
  q: Queryable,
  opts: {
    publicKey?: KeyObject | undefined;
    onProgress?: (done: number, total: number) => void;
    /** The anchor file (anchor.ts): its checkpoints must be in the database, unchanged. */
    anchor?: string | undefined;
  } = {},
): Promise<VerifyReport> {
  const anchor = opts.anchor ? new AnchorView(opts.anchor) : undefined;
  let total = 0;
  const unchained = {} as Record<Chain, number>;
  for (const chain of CHAINS) {
    const n = await countRows(q, chain);
    total += n.chained;
    unchained[chain] = n.unchained;
  }
  let done = 0;
  opts.onProgress?.(0, total);
  const report: VerifyReport = {
    chains: [],
    problems: [],
    unchained,
    signaturesChecked: !!opts.publicKey,
    anchored: anchor ? [...anchor.current.byChain.values()].reduce((n, a) => n + a.length, 0) : null,
    anchorState: anchor?.current.state ?? null,
    checkpointsInDb: 0,
  };
  for (const chain of CHAINS) {
    const provinces = new Set(await provincesOf(q, chain));
    // A chain known only to the anchor (its rows, head and checkpoints all deleted) is checked too.
    for (const k of anchor?.current.byChain.keys() ?? [])
      if (k.startsWith(`${chain}:`)) provinces.add(k.slice(chain.length + 1));
    for (const province of [...provinces].sort()) {
      const r = await verifyChain(
        q,
        chain,
        province,
        opts.publicKey,
        (n) => {
          done += n;
          opts.onProgress?.(done, total);
        },
        anchor,
      );
      report.chains.push(r.report);
      report.checkpointsInDb += r.report.checkpoints;
      if (r.anchorProblem) report.problems.push(r.anchorProblem);
      if (r.problem) report.problems.push(r.problem);
    }
  }
  for (const line of anchor?.current.unreadable ?? [])
    report.problems.push({
      table: "audit_log",
      province: "",
      id: null,
      seq: null,
      kind: "checkpoint",
      detail: `line ${line} of the anchor file is not a checkpoint`,
    });
  return report;
}

async function verifyChain(
  q: Queryable,
  chain: Chain,
  province: string,
  publicKey: KeyObject | undefined,
  advanced: (n: number) => void,
  anchor: AnchorView | undefined,
): Promise<{ report: ChainReport; problem?: ChainProblem; anchorProblem?: ChainProblem }> {
  let anchorProblem: ChainProblem | undefined;
  const problem = (kind: ChainProblem["kind"], id: number | null, seq: number | null, detail: string) => ({
    report,
    problem: { table: chain, province, id, seq, kind, detail },
    ...(anchorProblem ? { anchorProblem } : {}),
  });
  const { rows: cps } = await q.query<Checkpoint>(
    `select seq, last_id as "lastId", hash, at, jws from ledger_checkpoints
     where province_code = $1 and chain = $2 order by seq`,
    [province, chain],
  );
  const report: ChainReport = { table: chain, province, rows: 0, checkpoints: cps.length };
  const bySeq = new Map<number, Checkpoint>();
  for (const cp of cps) {
    if (publicKey) {
      const claim = await readCheckpoint(cp.jws, publicKey);
      const same =
        claim &&
        claim.chain === chain &&
        claim.province === province &&
        claim.seq === cp.seq &&
        claim.lastId === cp.lastId &&
        claim.hash === cp.hash;
      if (!same)
        return problem(
          "checkpoint",
          cp.lastId,
          cp.seq,
          "the checkpoint's signature does not verify or does not match it",
        );
    }
    bySeq.set(cp.seq, cp);
  }
  const anchored = anchor?.of(chain, province) ?? [];
  anchorProblem =
    (await compareAnchored(chain, province, bySeq, anchored, publicKey)) ??
    (anchor ? unanchored(chain, province, cps, anchor) : undefined);
  // A checkpoint the anchor holds and the database lost still seals the rows up to it.
  for (const a of anchored)
    if (!bySeq.has(a.seq) && (!publicKey || (await readCheckpoint(a.jws, publicKey))))
      bySeq.set(a.seq, { seq: a.seq, lastId: a.lastId, hash: a.hash, at: new Date(a.at), jws: a.jws });
  let expectedSeq = 1;
  let prev: Row | undefined;
  for (;;) {
    const rows = await readRows(q, chain, province, expectedSeq - 1);
    for (const row of rows) {
      const content = contentOf(chain, row);
      const at = new Date(row.at);
      const hash = rowHash(
        { chain, province, seq: row.seq, id: row.id, at, prevId: row.prevId, prevHash: row.prevHash },
        content,
      );
      if (hash !== row.hash)
        return problem("altered", row.id, row.seq, "its hash does not match its content");
      if (!row.atExact)
        return problem(
          "altered",
          row.id,
          row.seq,
          "its time was changed below the millisecond (rows are written at millisecond precision)",
        );
      if (row.seq !== expectedSeq) {
        const gap = row.seq - expectedSeq;
        return problem(
          "deleted",
          gap === 1 ? row.prevId : null,
          expectedSeq,
          gap === 1
            ? `missing between id ${prev?.id ?? "(start)"} and id ${row.id}`
            : `${gap} rows missing (chain_seq ${expectedSeq}–${row.seq - 1}) before id ${row.id}; the last of them was id ${row.prevId}`,
        );
      }
      if (row.prevHash !== (prev?.hash ?? GENESIS) || row.prevId !== (prev?.id ?? null)) {
        return prev
          ? problem("altered", prev.id, prev.seq, `the next row (id ${row.id}) was chained to other content`)
          : problem(
              "altered",
              row.id,
              row.seq,
              "the first row of the chain does not start from the genesis hash",
            );
      }
      const cp = bySeq.get(row.seq);
      if (cp && (cp.hash !== row.hash || cp.lastId !== row.id))
        return problem(
          "altered",
          row.id,
          row.seq,
          `the chain up to here differs from the checkpoint signed at ${new Date(cp.at).toISOString()}`,
        );
      prev = row;
      expectedSeq++;
      report.rows++;
    }
    advanced(rows.length);
    if (rows.length < PAGE) break;
  }
  const lastSeq = expectedSeq - 1;
  const { rows: heads } = await q.query<{ seq: number; lastId: number | null; hash: string }>(
    `select seq, last_id as "lastId", hash from ledger_heads where province_code = $1 and chain = $2`,
    [province, chain],
  );
  const head = heads[0];
  const sealed = Math.max(head?.seq ?? 0, ...bySeq.keys());
  if (sealed > lastSeq) {
    const lastKnown = head && head.seq === sealed ? head.lastId : bySeq.get(sealed)?.lastId;
    return problem(
      "deleted",
      sealed === lastSeq + 1 ? (lastKnown ?? null) : null,
      lastSeq + 1,
      `the chain ends at chain_seq ${lastSeq} but its head or a checkpoint reaches ${sealed}${
        sealed === lastSeq + 1 ? "" : `; the last deleted row was id ${lastKnown}`
      }`,
    );
  }
  if (head && prev && head.seq === prev.seq && head.hash !== prev.hash)
    return problem(
      "altered",
      prev.id,
      prev.seq,
      "the chain's head was sealed with another hash for this row",
    );
  return anchorProblem ? { report, anchorProblem } : { report };
}
