import { generateKeyPairSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { listMigrations, migrate } from "../src/db/migrate.js";
import { AGENCY_IDS } from "../src/domain/agencies.js";
import { importLegacySecrets, loadKeys, readKeyFile } from "../src/lib/secrets.js";
import { createTestDatabase, engine } from "./helpers/db.js";
import { runCli } from "./helpers/process.js";
import { startTestServer } from "./helpers/server.js";

/**
 * Keys live in the key file or the environment, never in the database (README "Keys"); moved here
 * from demo-switch.test.ts when the ledger and agency keys joined them.
 */

/** Every agency is hosted here unless AGENCY_ENDPOINTS names it. */
const ALL_AGENCIES = [...AGENCY_IDS].sort();

describe(`keys live outside the database (${engine})`, () => {
  it("generated demo keys are written to the data directory with mode 0600, and there is no key table", async () => {
    const s = await startTestServer();
    try {
      const file = path.join(s.tdb.dataDir, "keys.json");
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const keys = readKeyFile(file);
      expect(Object.keys(keys).sort()).toEqual(
        [
          "agencies",
          "bankCallback",
          "ledgerSigning",
          "demoMachineSecret",
          "oidcCookies",
          "oidcSigning",
          "otp",
          "resultSigning",
          "session",
          "webClientSecret",
        ].sort(),
      );
      expect(Buffer.from(keys.session ?? "", "base64")).toHaveLength(32);
      // Each agency hosted here signs what it sends; its public key is published for receivers.
      expect(Object.keys(keys.agencies ?? {}).sort()).toEqual(ALL_AGENCIES);
      const published = await s.db.query<{ agency: string }>(
        "select agency_id as agency from agency_keys order by agency_id",
      );
      expect(published.rows.map((r) => r.agency)).toEqual(ALL_AGENCIES);
      const table = await s.db.query<{ t: string | null }>("select to_regclass('app_secrets')::text as t");
      expect(table.rows[0]?.t).toBeNull();
    } finally {
      await s.close();
    }
  }, 180_000);

  it("with DEMO off a missing key refuses the start, naming it", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mot-lan-keys-"));
    try {
      const config = loadConfig({ DEMO: "off", DATA_DIR: dataDir, OIDC_ISSUER: "https://id.example.vn" });
      await expect(loadKeys(config)).rejects.toThrow(
        /SESSION_KEY.*OTP_KEY.*RESULT_SIGNING_KEY.*LEDGER_SIGNING_KEY/s,
      );
      expect(fs.existsSync(path.join(dataDir, "keys.json"))).toBe(false);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("npm run keys writes the keys a DEMO=off server needs (mode 0600), which then starts", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mot-lan-keys-"));
    try {
      const child = runCli("keys", [], { DATA_DIR: dataDir });
      expect(await child.exited).toBe(0);
      const file = path.join(dataDir, "keys.json");
      expect(Object.keys(readKeyFile(file)).sort()).toEqual([
        "agencies",
        "ledgerSigning",
        "otp",
        "resultSigning",
        "session",
      ]);
      expect(Object.keys(readKeyFile(file).agencies ?? {}).sort()).toEqual(ALL_AGENCIES);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const config = loadConfig({
        DEMO: "off",
        DATA_DIR: dataDir,
        OIDC_ISSUER: "https://id.example.vn",
        OIDC_CLIENT_SECRET: "s",
      });
      const keys = await loadKeys(config);
      expect([keys.demo, keys.bankCallback, keys.webClientSecret]).toEqual([undefined, undefined, "s"]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);

  it("racing first starts agree on one set of keys", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mot-lan-keys-"));
    try {
      const config = loadConfig({ DATA_DIR: dataDir });
      const all = await Promise.all([1, 2, 3, 4].map(() => loadKeys(config)));
      const sessions = new Set(all.map((k) => k.session.toString("hex")));
      const signers = new Set(all.map((k) => k.resultSigning.keyId));
      const agencies = new Set(all.map((k) => JSON.stringify(Object.values(k.agencies).map((a) => a?.kid))));
      expect([sessions.size, signers.size, agencies.size]).toEqual([1, 1, 1]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("keys an older version kept in app_secrets move to the key file before the table is dropped", async () => {
    const tdb = await createTestDatabase();
    const db = await tdb.open();
    try {
      await migrate(
        db,
        listMigrations().filter((m) => m.version < "008"),
      );
      const session = randomBytes(32).toString("base64");
      const { privateKey, publicKey } = generateKeyPairSync("ed25519");
      const privatePem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
      const publicPem = publicKey.export({ type: "spki", format: "pem" }).toString();
      await db.query("insert into app_secrets (name, value) values ($1, $2), ($3, $4), ($5, $6)", [
        "session.key",
        JSON.stringify(session),
        "results.signing-key",
        JSON.stringify({ privatePem, publicPem, keyId: "k" }),
        "demo-bank.hmac-key",
        JSON.stringify("bank-key-of-old"),
      ]);
      const file = path.join(tdb.dataDir, "keys.json");
      expect(await importLegacySecrets(db, file)).toBe(3);
      await migrate(db);
      expect(readKeyFile(file)).toEqual({
        session,
        resultSigning: privatePem,
        bankCallback: "bank-key-of-old",
      });
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const table = await db.query<{ t: string | null }>("select to_regclass('app_secrets')::text as t");
      expect(table.rows[0]?.t).toBeNull();
      // The server then uses them: the old session key still opens old cookies.
      const keys = await loadKeys(loadConfig({ DATA_DIR: tdb.dataDir }));
      expect(keys.session.toString("base64")).toBe(session);
      expect(keys.resultSigning.publicPem).toBe(publicPem);
    } finally {
      await db.close();
      await tdb.dispose();
    }
  }, 180_000);
});
