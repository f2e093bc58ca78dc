import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  randomUUID,
} from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from "jose";
import { type Config, ConfigError } from "../config.js";
import type { Queryable } from "../db/client.js";
import { AGENCY_IDS, type AgencyId } from "../domain/agencies.js";

/**
 * The platform's keys, kept OUT of the database they protect (a dump must not be enough to forge
 * sessions, tokens or signed results). Each key comes from the environment or from a key file
 * (JSON, mode 0600, default `<DATA_DIR>/keys.json`). With DEMO on, missing keys are generated
 * into the key file; with DEMO off a missing key refuses the start (`npm run keys` writes a file).
 * Several server processes on one PostgreSQL share keys by sharing the key file or the variables.
 *
 * Key file fields (all strings unless noted):
 *   session          base64, 32 bytes: seals the web session cookie (SESSION_KEY)
 *   otp              base64, 32 bytes: HMAC of one-time codes (OTP_KEY)
 *   resultSigning    Ed25519 private key, PKCS#8 PEM: signs electronic results (RESULT_SIGNING_KEY)
 *   bankCallback     HMAC key shared with the bank for payment callbacks (BANK_CALLBACK_KEY)
 *   ledgerSigning    Ed25519 private key, PKCS#8 PEM: signs the checkpoints of the hash-chained
 *                    audit and message logs (LEDGER_SIGNING_KEY)
 *   agencies         object: agency id → Ed25519 private key (PKCS#8 PEM) of each agency hosted
 *                    on this platform, which signs the messages it sends (src/domain/agencies.ts);
 *                    an external agency (AGENCY_ENDPOINTS) keeps its own key
 *   webClientSecret  the web app's secret at the OIDC provider (OIDC_CLIENT_SECRET)
 *   oidcSigning      demo provider: private RS256 JWK (object)
 *   oidcCookies      demo provider: cookie keys (array of strings)
 *   demoMachineSecret demo provider: secret of the demo machine client
 */
export type KeyFile = {
  session?: string;
  otp?: string;
  resultSigning?: string;
  bankCallback?: string;
  ledgerSigning?: string;
  agencies?: Partial<Record<AgencyId, string>>;
  webClientSecret?: string;
  oidcSigning?: JWK;
  oidcCookies?: string[];
  demoMachineSecret?: string;
};

export type ResultKey = { privatePem: string; publicPem: string; keyId: string };

/** An Ed25519 key that signs JWS: `kid` is the RFC 7638 thumbprint of `publicJwk`. */
export type SigningKey = { privateKey: KeyObject; publicKey: KeyObject; publicJwk: JWK; kid: string };

export type Keys = {
  session: Buffer;
  otp: Buffer;
  resultSigning: ResultKey;
  /** Unset when no bank is configured (DEMO off without BANK_CALLBACK_KEY): no callback route. */
  bankCallback: string | undefined;
  /** Signs the checkpoints of the hash chains (src/modules/ledger). */
  ledgerSigning: SigningKey;
  /** The signing keys of the agencies hosted here (all but those given AGENCY_ENDPOINTS). */
  agencies: Partial<Record<AgencyId, SigningKey>>;
  /** The web client's secret at the provider (generated for the demo provider). */
  webClientSecret: string;
  /** The demo provider's keys (DEMO on only). */
  demo: { oidcSigning: JWK; oidcCookies: string[]; machineSecret: string } | undefined;
};

const generators: { [K in keyof KeyFile]-?: () => Promise<NonNullable<KeyFile[K]>> } = {
  session: async () => randomBytes(32).toString("base64"),
  otp: async () => randomBytes(32).toString("base64"),
  resultSigning: async () =>
    generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  bankCallback: async () => randomBytes(32).toString("base64url"),
  ledgerSigning: async () => newEd25519Pem(),
  agencies: async () => ({}),
  webClientSecret: async () => randomBytes(24).toString("base64url"),
  oidcSigning: async () => {
    const { privateKey } = await generateKeyPair("RS256", { extractable: true });
    return {
      ...(await exportJWK(privateKey)),
      kid: randomBytes(8).toString("hex"),
      alg: "RS256",
      use: "sig",
    };
  },
  oidcCookies: async () => [randomBytes(32).toString("base64url")],
  demoMachineSecret: async () => randomBytes(24).toString("base64url"),
};

/** A freshly generated value for one key file field. */
export function generateKey<K extends keyof KeyFile>(k: K): Promise<NonNullable<KeyFile[K]>> {
  return generators[k]() as Promise<NonNullable<KeyFile[K]>>;
}

function newEd25519Pem(): string {
  return generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}

/**
 * An Ed25519 private key (PKCS#8 PEM) as a JWS signing key with its public JWK and thumbprint.
 * Throws ConfigError naming `name` when the PEM is not an Ed25519 private key.
 */
export async function signingKeyOf(pem: string, name: string): Promise<SigningKey> {
  try {
    const privateKey = createPrivateKey(pem);
    if (privateKey.asymmetricKeyType !== "ed25519") throw new Error("not an Ed25519 key");
    const publicKey = createPublicKey(privateKey);
    const publicJwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(publicJwk);
    return { privateKey, publicKey, publicJwk: { ...publicJwk, kid, alg: "EdDSA", use: "sig" }, kid };
  } catch (err) {
    throw new ConfigError(
      `Khóa ${name} không đọc được (cần khóa riêng Ed25519, PKCS#8 PEM): ${(err as Error).message}`,
      `The key ${name} cannot be read (an Ed25519 private key, PKCS#8 PEM, is expected): ${(err as Error).message}`,
    );
  }
}

/** The agencies this platform hosts (and signs for): every agency without an external endpoint. */
export function hostedAgencies(config: Pick<Config, "agencyEndpoints">): AgencyId[] {
  return AGENCY_IDS.filter((id) => config.agencyEndpoints[id] === undefined);
}

/** Hosted agencies without a key in the file. */
function missingAgencies(config: Pick<Config, "agencyEndpoints">, file: KeyFile): AgencyId[] {
  return hostedAgencies(config).filter((id) => !file.agencies?.[id]);
}

/** New keys for the hosted agencies the file lacks, to add to it (`addToKeyFile`). */
export function agencyKeysToAdd(config: Pick<Config, "agencyEndpoints">, file: KeyFile): KeyFile {
  const missing = missingAgencies(config, file);
  return missing.length === 0
    ? {}
    : { agencies: Object.fromEntries(missing.map((id) => [id, newEd25519Pem()])) };
}

const ENV_NAMES: Partial<Record<keyof KeyFile, string>> = {
  session: "SESSION_KEY",
  otp: "OTP_KEY",
  resultSigning: "RESULT_SIGNING_KEY",
  bankCallback: "BANK_CALLBACK_KEY",
  ledgerSigning: "LEDGER_SIGNING_KEY",
  webClientSecret: "OIDC_CLIENT_SECRET",
};

/** Reads a key file; a missing file is empty. */
export function readKeyFile(file: string): KeyFile {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as KeyFile;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new ConfigError(
      `Không đọc được tệp khóa ${file}: ${(err as Error).message}`,
      `Cannot read the key file ${file}: ${(err as Error).message}`,
    );
  }
}

/**
 * Adds fields to the key file without replacing any existing one, atomically (temporary file +
 * rename, mode 0600) under an exclusive lock file, so racing first starts agree on one set of
 * keys. Returns the file's content after the write.
 */
export async function addToKeyFile(file: string, add: () => Promise<KeyFile> | KeyFile): Promise<KeyFile> {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const lock = `${file}.lock`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      fs.closeSync(fs.openSync(lock, "wx", 0o600));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      // A lock older than 10 s belongs to a process that died while writing.
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 10_000) fs.rmSync(lock, { force: true });
      else if (Date.now() > deadline) throw new Error(`key file ${file} is locked by another process`);
      else await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    const current = readKeyFile(file);
    const added = await add();
    const merged: KeyFile = { ...added, ...current };
    // Agency keys are one field holding a key per agency: keep every existing one, add the new.
    if (added.agencies || current.agencies) merged.agencies = { ...added.agencies, ...current.agencies };
    const tmp = `${file}.${randomUUID()}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(merged, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(tmp, file);
    fs.chmodSync(file, 0o600);
    return merged;
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/** The fields a server needs: the base set, plus the demo provider's and the demo bank's with DEMO on. */
export function neededKeys(config: Pick<Config, "demo" | "oidcIssuer">): Array<keyof KeyFile> {
  const base: Array<keyof KeyFile> = ["session", "otp", "resultSigning", "ledgerSigning"];
  if (!config.demo) return base;
  return [...base, "bankCallback", "webClientSecret", "oidcSigning", "oidcCookies", "demoMachineSecret"];
}

/**
 * Resolves every key: environment first, then the key file; with DEMO on, missing keys are
 * generated into the key file. Throws ConfigError (bilingual) naming what is missing otherwise.
 */
export async function loadKeys(config: Config): Promise<Keys> {
  const fromEnv: KeyFile = {
    session: config.keys.session,
    otp: config.keys.otp,
    resultSigning: config.keys.resultSigning,
    bankCallback: config.keys.bankCallback,
    ledgerSigning: config.keys.ledgerSigning,
    webClientSecret: config.oidcClientSecret,
  };
  for (const k of Object.keys(fromEnv) as Array<keyof KeyFile>)
    if (fromEnv[k] === undefined) delete fromEnv[k];
  let file = readKeyFile(config.keyFile);
  const missing = () => neededKeys(config).filter((k) => fromEnv[k] === undefined && file[k] === undefined);
  if (missing().length > 0) {
    if (!config.demo) {
      const names = missing().map((k) => (ENV_NAMES[k] ? `${ENV_NAMES[k]} / "${k}"` : `"${k}"`));
      throw new ConfigError(
        `Thiếu khóa: ${names.join(", ")}. Đặt biến môi trường hoặc tạo tệp khóa ${config.keyFile} (npm run keys).`,
        `Missing keys: ${names.join(", ")}. Set the environment variables or create the key file ${config.keyFile} (npm run keys).`,
      );
    }
    file = await addToKeyFile(config.keyFile, async () => {
      const out: Record<string, unknown> = {};
      for (const k of missing()) out[k] = await generateKey(k);
      return out as KeyFile;
    });
  }
  // With DEMO on, the hosted agencies' keys are made too; with DEMO off `npm run keys` writes them
  // and an agency without one cannot send (signMessage refuses, naming it).
  if (config.demo && missingAgencies(config, file).length > 0) {
    file = await addToKeyFile(config.keyFile, () => agencyKeysToAdd(config, readKeyFile(config.keyFile)));
  } else if (fs.existsSync(config.keyFile) && (fs.statSync(config.keyFile).mode & 0o077) !== 0) {
    console.warn(`Key file ${config.keyFile} is readable by other users; chmod 600 it.`);
  }
  const k: KeyFile = { ...file, ...fromEnv };
  // Given by the external provider, never generated for it.
  if (!k.webClientSecret) {
    throw new ConfigError(
      "Thiếu OIDC_CLIENT_SECRET: khóa bí mật của ứng dụng web tại nhà cung cấp định danh.",
      "OIDC_CLIENT_SECRET is missing: the web app's client secret at the identity provider.",
    );
  }
  const resultPem = k.resultSigning as string;
  let publicPem: string;
  try {
    publicPem = createPublicKey(createPrivateKey(resultPem))
      .export({ type: "spki", format: "pem" })
      .toString();
  } catch (err) {
    throw new ConfigError(
      `Khóa ký kết quả (RESULT_SIGNING_KEY / "resultSigning") không đọc được: ${(err as Error).message}`,
      `The result signing key (RESULT_SIGNING_KEY / "resultSigning") cannot be read: ${(err as Error).message}`,
    );
  }
  return {
    session: decodeKey(k.session as string, "SESSION_KEY"),
    otp: decodeKey(k.otp as string, "OTP_KEY"),
    resultSigning: {
      privatePem: resultPem,
      publicPem,
      keyId: createHash("sha256").update(publicPem).digest("hex").slice(0, 16),
    },
    bankCallback: k.bankCallback,
    ledgerSigning: await signingKeyOf(k.ledgerSigning as string, 'LEDGER_SIGNING_KEY / "ledgerSigning"'),
    agencies: Object.fromEntries(
      await Promise.all(
        hostedAgencies(config)
          .filter((id) => k.agencies?.[id])
          .map(
            async (id) => [id, await signingKeyOf(k.agencies?.[id] as string, `"agencies.${id}"`)] as const,
          ),
      ),
    ),
    webClientSecret: k.webClientSecret,
    demo:
      config.demo && k.oidcSigning && k.oidcCookies && k.demoMachineSecret
        ? { oidcSigning: k.oidcSigning, oidcCookies: k.oidcCookies, machineSecret: k.demoMachineSecret }
        : undefined,
  };
}

/** A 32-byte key given as base64 (or base64url). */
function decodeKey(value: string, name: string): Buffer {
  const bytes = Buffer.from(value, "base64"); // Node reads base64url too
  if (bytes.length < 32) {
    throw new ConfigError(
      `${name} phải dài ít nhất 32 byte (base64).`,
      `${name} must be at least 32 bytes (base64).`,
    );
  }
  return bytes;
}

/** Legacy names of keys that early versions kept in the `app_secrets` table. */
const LEGACY: Record<string, (v: unknown) => KeyFile> = {
  "session.key": (v) => ({ session: v as string }),
  "oidc.signing-key": (v) => ({ oidcSigning: v as JWK }),
  "oidc.cookie-keys": (v) => ({ oidcCookies: v as string[] }),
  "oidc.web-client-secret": (v) => ({ webClientSecret: v as string }),
  "oidc.demo-machine-secret": (v) => ({ demoMachineSecret: v as string }),
  "demo-bank.hmac-key": (v) => ({ bankCallback: v as string }),
  "results.signing-key": (v) => ({ resultSigning: (v as { privatePem: string }).privatePem }),
};

/**
 * Moves keys an older version stored in the database (`app_secrets`) into the key file, before
 * migration 008 drops that table: existing sessions and signed results stay valid. Keys already
 * in the file win. Returns how many keys were moved.
 */
export async function importLegacySecrets(db: Queryable, file: string): Promise<number> {
  const exists = await db.query<{ t: string | null }>("select to_regclass('app_secrets')::text as t");
  if (!exists.rows[0]?.t) return 0;
  const { rows } = await db.query<{ name: string; value: unknown }>("select name, value from app_secrets");
  const found = rows.filter((r) => LEGACY[r.name]);
  if (found.length === 0) return 0;
  await addToKeyFile(file, () => Object.assign({}, ...found.map((r) => LEGACY[r.name]?.(r.value))));
  return found.length;
}
