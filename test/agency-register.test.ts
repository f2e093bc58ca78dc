import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { calculateJwkThumbprint, exportJWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/db/client.js";
import { createReadyDatabase, engine, type TestDatabase } from "./helpers/db.js";
import { runCli } from "./helpers/process.js";

/**
 * `npm run agency:register` registers an external agency's public key (issue 11): validated,
 * audited, idempotent, errors in Vietnamese then English.
 */
let tdb: TestDatabase;
let db: Db;
beforeAll(async () => {
  ({ tdb, db } = await createReadyDatabase());
});
afterAll(async () => {
  await db?.close();
  await tdb?.dispose();
});

/** Runs the command on this database (PGlite: closed meanwhile). */
async function register(args: string[]): Promise<{ code: number | null; out: string }> {
  if (!tdb.databaseUrl) await db.close();
  try {
    const child = runCli("agency-register", args, { ...tdb.env });
    return { code: await child.exited, out: child.output() };
  } finally {
    if (!tdb.databaseUrl) db = await tdb.open();
  }
}

const keyFile = async (name: string, withPrivate = false) => {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const jwk = await exportJWK(withPrivate ? privateKey : publicKey);
  const file = path.join(tdb.dataDir, name);
  fs.writeFileSync(file, JSON.stringify(jwk));
  return { file, kid: await calculateJwkThumbprint({ kty: "OKP", crv: "Ed25519", x: jwk.x as string }) };
};
const audits = async (kid: string) =>
  (
    await db.query<{ outcome: string; actorKind: string; detail: Record<string, unknown> }>(
      `select outcome, actor_kind as "actorKind", detail from audit_log
       where action = 'agency.key.register' and resource = $1 order by id`,
      [`agency-key:${kid}`],
    )
  ).rows;

describe(`npm run agency:register (${engine})`, () => {
  it("registers the police's public key once, audited; again changes nothing; another agency may not take it", async () => {
    const { file, kid } = await keyFile("cong-an.jwk");
    const url = "https://cutru.congan.example/mot-lan/messages";
    const first = await register(["--agency", "cong-an", "--jwk", file, "--endpoint", url]);
    expect(first.out).toContain(`Đã đăng ký / Registered: cong-an ${kid}`);
    expect(first.out).toContain(`Add to AGENCY_ENDPOINTS and restart the servers: cong-an=${url}`);
    expect(first.code).toBe(0);
    const rows = await db.query<{ agency: string }>(
      "select agency_id as agency from agency_keys where kid = $1",
      [kid],
    );
    expect(rows.rows).toEqual([{ agency: "cong-an" }]);
    expect(await audits(kid)).toEqual([
      { outcome: "allowed", actorKind: "operator", detail: { agency: "cong-an", kid, endpoint: url } },
    ]);

    const again = await register(["--agency", "cong-an", "--jwk", file]);
    expect(again.out).toContain(`Đã đăng ký từ trước / Already registered: cong-an ${kid}`);
    expect(again.code).toBe(0);
    expect(await audits(kid)).toHaveLength(1);

    const stolen = await register(["--agency", "bhxh", "--jwk", file]);
    expect(stolen.out).toContain(
      `Khóa ${kid} đã được đăng ký cho cơ quan cong-an, không thể đăng ký cho bhxh. / Key ${kid} is registered to cong-an; it cannot be registered to bhxh.`,
    );
    expect(stolen.code).toBe(1);
    expect((await audits(kid)).map((a) => a.outcome)).toEqual(["allowed", "denied"]);
  }, 90_000);

  it.each([
    [
      "a private key",
      async () => ["--agency", "bhxh", "--jwk", (await keyFile("private.jwk", true)).file],
      "chứa khóa bí mật (d): chỉ đăng ký khóa công khai",
      "holds a private key (d): register the public key only",
    ],
    [
      "an unknown agency",
      async () => ["--agency", "thue", "--jwk", (await keyFile("thue.jwk")).file],
      'Không có cơ quan "thue"',
      'No agency "thue" (known: ubnd, cong-an, bhxh, van-hoa-xa-hoi, y-te)',
    ],
    [
      "not an Ed25519 key",
      async () => {
        const file = path.join(tdb.dataDir, "rsa.jwk");
        fs.writeFileSync(file, JSON.stringify({ kty: "RSA", n: "abc", e: "AQAB" }));
        return ["--agency", "bhxh", "--jwk", file];
      },
      "không phải khóa công khai Ed25519",
      "is not an Ed25519 public key",
    ],
    [
      "an endpoint that is not http(s)",
      async () => [
        "--agency",
        "bhxh",
        "--jwk",
        (await keyFile("b.jwk")).file,
        "--endpoint",
        "ftp://x.example",
      ],
      "phải là http(s)",
      "must be http or https",
    ],
  ])(
    "refuses %s, in both languages, registering nothing",
    async (_name, args, vi, en) => {
      const before = await db.query("select kid from agency_keys");
      const r = await register(await args());
      expect(r.out).toContain(vi);
      expect(r.out).toContain(en);
      expect(r.code).toBe(1);
      expect((await db.query("select kid from agency_keys")).rows).toEqual(before.rows);
    },
    60_000,
  );
});
