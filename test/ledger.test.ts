import { generateKeyPairSync, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, Queryable } from "../src/db/client.js";
import { addToKeyFile, type SigningKey, signingKeyOf } from "../src/lib/secrets.js";
import { audit } from "../src/modules/audit/index.js";
import { logExchange } from "../src/modules/exchange/index.js";
import { checkpointChains, rowHash, verifyChains } from "../src/modules/ledger/index.js";
import { createReadyDatabase, engine, type TestDatabase } from "./helpers/db.js";
import { signCheckpointRow } from "./helpers/ledger.js";
import { runCli } from "./helpers/process.js";

/**
 * The audit log and the message log are hash chains per province with signed checkpoints;
 * `npm run audit:verify` names the first altered or deleted row of a chain (issue 11 point 2).
 */
let tdb: TestDatabase;
let db: Db;
let key: SigningKey;
/** Rows of the national chain before the tests write. */
let national = 0;

const actor = { kind: "officer", id: "motcua.20194" };
const exchangeRow = (province: string, n: number) => ({
  direction: "received" as const,
  outcome: "accepted" as const,
  summary: {
    id: randomUUID(),
    type: "health_insurance.card_issued@1",
    from: "bhxh",
    to: "cong-an",
    toUnit: null,
    province,
    dossier: null,
    inReplyTo: null,
  },
  payloadSha256: n.toString(16).padStart(64, "0"),
  signature: `header..sig${n}`,
  detail: { n },
});

beforeAll(async () => {
  ({ tdb, db } = await createReadyDatabase());
  const pem = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  await addToKeyFile(path.join(tdb.dataDir, "keys.json"), () => ({ ledgerSigning: pem }));
  key = await signingKeyOf(pem, "test");
});
afterAll(async () => {
  await db?.close();
  await tdb?.dispose();
});

/** The anchor file `audit:verify` reads by default (LEDGER_ANCHOR_FILE unset). */
const anchorFile = () => path.join(tdb.dataDir, "ledger-anchor.jsonl");

/** Runs `npm run audit:verify` on this database (PGlite: the database is closed meanwhile). */
async function auditVerify(): Promise<{ code: number | null; out: string }> {
  if (!tdb.databaseUrl) await db.close();
  try {
    const child = runCli("audit-verify", [], { ...tdb.env });
    const code = await child.exited;
    return { code, out: child.output() };
  } finally {
    if (!tdb.databaseUrl) db = await tdb.open();
  }
}

async function idsOf(table: "audit_log" | "message_log", province: string): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    table === "audit_log"
      ? "select id from audit_log where province_code = $1 and chain_seq is not null order by chain_seq"
      : "select id from message_log where province_code = $1 order by chain_seq",
    [province],
  );
  return rows.map((r) => r.id);
}

/** Tampers inside a transaction that is rolled back, and returns what the verifier saw meanwhile. */
async function verifyTampered(tamper: (q: Queryable) => Promise<unknown>, anchor?: string) {
  let seen: Awaited<ReturnType<typeof verifyChains>> | undefined;
  await db
    .tx(async (q) => {
      await tamper(q);
      seen = await verifyChains(q, { publicKey: key.publicKey, anchor });
      throw new Error("rollback");
    })
    .catch((err: Error) => {
      if (err.message !== "rollback") throw err;
    });
  return seen?.problems.map((p) => `${p.table} ${p.province} ${p.id} ${p.kind}`) ?? [];
}

describe(`hash-chained logs (${engine})`, () => {
  it("concurrent writers of one province make one unbroken chain; a rolled-back write leaves no gap", async () => {
    // The catalogue's load audited its publications under '00' when the template was made.
    national = (await idsOf("audit_log", "00")).length;
    expect(national).toBeGreaterThan(0);
    await Promise.all([
      ...Array.from({ length: 24 }, (_, i) =>
        audit(db, { actor, action: "test.write", outcome: "allowed", provinceCode: "48", detail: { i } }),
      ),
      ...Array.from({ length: 6 }, (_, i) =>
        audit(db, { actor, action: "test.write", outcome: "denied", provinceCode: "01", detail: { i } }),
      ),
      ...Array.from({ length: 8 }, (_, i) => logExchange(db, exchangeRow("48", i))),
      audit(db, { actor: { kind: "citizen", id: null }, action: "signin", outcome: "denied" }),
    ]);
    await db
      .tx(async (q) => {
        await audit(q, { actor, action: "test.rolled-back", outcome: "allowed", provinceCode: "48" });
        throw new Error("undo");
      })
      .catch(() => undefined);
    await audit(db, {
      actor,
      action: "test.after",
      outcome: "allowed",
      provinceCode: "48",
      detail: { at: new Date(0) },
    });
    const { rows } = await db.query<{ province: string; seqs: number[] }>(
      `select province_code as province, array_agg(chain_seq order by chain_seq)::int[] as seqs from audit_log
       where chain_seq is not null group by province_code order by province_code`,
    );
    expect(rows).toEqual([
      { province: "00", seqs: Array.from({ length: national + 1 }, (_, i) => i + 1) },
      { province: "01", seqs: [1, 2, 3, 4, 5, 6] },
      { province: "48", seqs: Array.from({ length: 25 }, (_, i) => i + 1) },
    ]);
    expect(await idsOf("message_log", "48")).toHaveLength(8);
    // A new install: no checkpoint yet, no anchor file, nothing missing.
    const report = await verifyChains(db, { publicKey: key.publicKey, anchor: anchorFile() });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ anchorState: "missing", anchored: 0, checkpointsInDb: 0 });
    expect(report.chains.map((c) => `${c.table} ${c.province} ${c.rows}`)).toEqual([
      `audit_log 00 ${national + 1}`,
      "audit_log 01 6",
      "audit_log 48 25",
      "message_log 48 8",
    ]);
  });

  it("an intact database verifies: npm run audit:verify exits 0", async () => {
    expect(await checkpointChains(db, key, { anchor: anchorFile() })).toBe(4);
    await audit(db, { actor, action: "test.after-checkpoint", outcome: "allowed", provinceCode: "48" });
    const { code, out } = await auditVerify();
    expect(out).toContain("Intact: every chain verifies.");
    expect(out).toContain(`4 chains, ${national + 41} rows, 4 checkpoints`);
    expect(code).toBe(0);
  }, 60_000);

  it("one audit row edited and one message-log row deleted in SQL: audit:verify fails and names both", async () => {
    const auditIds = await idsOf("audit_log", "48");
    const messageIds = await idsOf("message_log", "48");
    const edited = auditIds[6] as number;
    const deleted = messageIds[3] as number;
    await db.query("update audit_log set detail = '{\"i\": 99}' where province_code = '48' and id = $1", [
      edited,
    ]);
    await db.query("delete from message_log where province_code = '48' and id = $1", [deleted]);
    const { code, out } = await auditVerify();
    expect(out).toContain(`FAIL audit_log, province 48, id ${edited} (chain_seq 7): altered`);
    expect(out).toContain(`FAIL message_log, province 48, id ${deleted} (chain_seq 4): deleted`);
    expect(out).not.toContain("province 01");
    expect(code).toBe(1);
  }, 60_000);

  it.each([
    [
      "the last row deleted (the head still names it)",
      (q: Queryable, ids: { audit01: number[] }) =>
        q.query("delete from audit_log where province_code = '01' and id = $1", [ids.audit01.at(-1)]),
      (ids: { audit01: number[] }) => [`audit_log 01 ${ids.audit01.at(-1)} deleted`],
    ],
    [
      "a row moved elsewhere in the chain reads as deleted from its place",
      (q: Queryable, ids: { audit01: number[] }) =>
        q.query("update audit_log set chain_seq = 99 where province_code = '01' and id = $1", [
          ids.audit01[2],
        ]),
      (ids: { audit01: number[] }) => [`audit_log 01 ${ids.audit01[2]} deleted`],
    ],
    [
      "the last row rewritten with its hash and the head recomputed: the signed checkpoint still tells",
      async (q: Queryable, ids: { audit01: number[] }) => {
        const id = ids.audit01.at(-1) as number;
        const { rows } = await q.query<{ seq: number; at: Date; prevId: number; prevHash: string }>(
          `select chain_seq as seq, at, prev_id as "prevId", prev_hash as "prevHash" from audit_log
           where province_code = '01' and id = $1`,
          [id],
        );
        const r = rows[0] as { seq: number; at: Date; prevId: number; prevHash: string };
        const content = {
          actorKind: "officer",
          actorId: "motcua.20194",
          action: "test.write",
          outcome: "allowed",
          resource: null,
          requestId: null,
          detail: { i: 5 },
        };
        const hash = rowHash({ chain: "audit_log", province: "01", id, ...r, at: new Date(r.at) }, content);
        await q.query(
          "update audit_log set outcome = 'allowed', hash = $2 where province_code = '01' and id = $1",
          [id, hash],
        );
        await q.query(
          "update ledger_heads set hash = $1 where province_code = '01' and chain = 'audit_log'",
          [hash],
        );
      },
      (ids: { audit01: number[] }) => [`audit_log 01 ${ids.audit01.at(-1)} altered`],
    ],
    [
      "a checkpoint signed by another key",
      async (q: Queryable) => {
        const other = await signingKeyOf(
          generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
          "other",
        );
        await q.query("delete from ledger_checkpoints where province_code = '01'");
        await q.query("update ledger_heads set checkpoint_seq = 0 where province_code = '01'");
        await signCheckpointRow(q, other, "01", "audit_log");
      },
      (ids: { audit01: number[] }) => [`audit_log 01 ${ids.audit01.at(-1)} checkpoint`],
    ],
    [
      "a row's time moved by one microsecond (below what the hash's ISO time shows)",
      (q: Queryable, ids: { audit01: number[] }) =>
        q.query(
          "update audit_log set at = at + interval '1 microsecond' where province_code = '01' and id = $1",
          [ids.audit01[1]],
        ),
      (ids: { audit01: number[] }) => [`audit_log 01 ${ids.audit01[1]} altered`],
    ],
  ])("%s", async (_name, tamper, expected) => {
    const ids = { audit01: await idsOf("audit_log", "01") };
    const problems = await verifyTampered((q) => tamper(q, ids));
    expect(problems.filter((p) => p.includes(" 01 "))).toEqual(expected(ids));
  });

  it("the last row deleted, the head rolled back and its checkpoint row deleted: the checkpoint anchored outside the database names it", async () => {
    const anchor = anchorFile();
    await audit(db, { actor, action: "test.anchored", outcome: "allowed", provinceCode: "01" });
    await checkpointChains(db, key, { anchor });
    const ids = await idsOf("audit_log", "01");
    const last = ids.at(-1) as number;
    const rollBack = async (q: Queryable) => {
      const { rows } = await q.query<{ seq: number; id: number; hash: string }>(
        `select chain_seq as seq, id, hash from audit_log where province_code = '01' and id = $1`,
        [ids.at(-2)],
      );
      const prev = rows[0] as { seq: number; id: number; hash: string };
      await q.query("delete from audit_log where province_code = '01' and id = $1", [last]);
      await q.query(
        `update ledger_heads set seq = $1, last_id = $2, hash = $3, checkpoint_seq = $1
         where province_code = '01' and chain = 'audit_log'`,
        [prev.seq, prev.id, prev.hash],
      );
      await q.query(
        "delete from ledger_checkpoints where province_code = '01' and chain = 'audit_log' and seq > $1",
        [prev.seq],
      );
    };
    // Inside the database alone, the rollback is consistent: nothing to see.
    expect((await verifyTampered(rollBack)).filter((p) => p.includes(" 01 "))).toEqual([]);
    // The anchor still holds the checkpoint that sealed the deleted row.
    expect((await verifyTampered(rollBack, anchor)).filter((p) => p.includes(" 01 "))).toEqual([
      `audit_log 01 ${last} checkpoint`,
      `audit_log 01 ${last} deleted`,
    ]);
    // A checkpoint altered in the database (re-signed by another key) differs from the anchored one.
    const other = await signingKeyOf(
      generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      "other",
    );
    const altered = await verifyTampered(async (q) => {
      await q.query(
        `delete from ledger_checkpoints where province_code = '01' and chain = 'audit_log'
         and seq = (select max(seq) from ledger_checkpoints where province_code = '01' and chain = 'audit_log')`,
      );
      await signCheckpointRow(q, other, "01", "audit_log");
    }, anchor);
    expect(altered.filter((p) => p.includes(" 01 "))).toEqual([`audit_log 01 ${last} checkpoint`]);
    // Untouched, the database and the anchor agree.
    const intact = await verifyChains(db, { publicKey: key.publicKey, anchor });
    expect(intact.anchored).toBeGreaterThan(0);
    expect(intact.problems.filter((p) => p.province === "01")).toEqual([]);
  });

  it("the anchor file deleted, emptied or truncated while the database holds signed checkpoints: audit:verify fails and names them", async () => {
    const anchor = anchorFile();
    const saved = fs.readFileSync(anchor, "utf8");
    const lines = saved.trimEnd().split("\n");
    const { rows: cps } = await db.query<{ chain: string; province: string; seq: number; lastId: number }>(
      `select chain, province_code as province, seq, last_id as "lastId" from ledger_checkpoints
       order by chain, province_code, seq`,
    );
    const lastLine = JSON.parse(lines.at(-1) as string) as {
      chain: string;
      province: string;
      seq: number;
      lastId: number;
    };
    try {
      // Deleted: the command fails, says the file is missing and names each chain's first checkpoint.
      fs.rmSync(anchor);
      const { code, out } = await auditVerify();
      expect(out).toContain(
        `The anchor file ${anchor} does not exist, but the database holds ${cps.length} signed checkpoints`,
      );
      expect(out).toContain(`Tệp neo ${anchor} không tồn tại`);
      const first01 = cps.find((c) => c.chain === "audit_log" && c.province === "01");
      expect(out).toMatch(
        new RegExp(
          `FAIL audit_log, province 01, id ${first01?.lastId} \\(chain_seq ${first01?.seq}\\): checkpoint / điểm kiểm tra: the checkpoint signed at \\S+ \\(chain_seq ${first01?.seq}, id ${first01?.lastId}\\) is in the database but not in the anchor file: ${anchor} does not exist; 1 later checkpoint\\(s\\) of this chain are missing from it too`,
        ),
      );
      expect(out).not.toContain("Intact");
      expect(code).toBe(1);
      // Emptied: the same, per chain.
      fs.writeFileSync(anchor, "");
      const empty = await verifyChains(db, { publicKey: key.publicKey, anchor });
      expect(empty.anchorState).toBe("empty");
      // (Province 48's rows edited and deleted by an earlier test are named as well.)
      const checkpointProblems = (r: Awaited<ReturnType<typeof verifyChains>>) =>
        r.problems.filter((p) => p.kind === "checkpoint");
      expect(
        checkpointProblems(empty)
          .map((p) => `${p.table} ${p.province} ${p.seq} ${p.kind}`)
          .sort(),
      ).toEqual(
        [...new Set(cps.map((c) => `${c.chain}:${c.province}`))]
          .map((k) => {
            const [chain, province] = k.split(":");
            const first = cps.find((c) => c.chain === chain && c.province === province);
            return `${chain} ${province} ${first?.seq} checkpoint`;
          })
          .sort(),
      );
      // Truncated: its last line (the newest checkpoint) lost; only that one is named.
      fs.writeFileSync(anchor, `${lines.slice(0, -1).join("\n")}\n`);
      const cut = await verifyChains(db, { publicKey: key.publicKey, anchor });
      expect(
        checkpointProblems(cut).map((p) => `${p.table} ${p.province} ${p.id} ${p.seq} ${p.kind}`),
      ).toEqual([`${lastLine.chain} ${lastLine.province} ${lastLine.lastId} ${lastLine.seq} checkpoint`]);
      expect(checkpointProblems(cut)[0]?.detail).toContain("truncated");
    } finally {
      fs.writeFileSync(anchor, saved, { mode: 0o600 });
    }
    // Restored, the anchor and the database agree again.
    const restored = await verifyChains(db, { publicKey: key.publicKey, anchor });
    expect(restored.problems.filter((p) => p.kind === "checkpoint")).toEqual([]);
  }, 60_000);
});
