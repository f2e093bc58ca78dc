import fs from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { calculateJwkThumbprint, type JWK } from "jose";
import { ConfigError, loadConfig } from "../config.js";
import { openDb } from "../db/client.js";
import { AGENCY_IDS, isAgencyId } from "../domain/agencies.js";
import { audit } from "../modules/audit/index.js";
import { findAgencyKey, registerAgencyKey } from "../modules/exchange/index.js";

/**
 * `npm run agency:register -- --agency <id> --jwk <file> [--endpoint <URL>]`: registers the public
 * key of an agency run outside this platform (`agency_keys`), so that its signed messages and
 * acknowledgements verify here. The JWK file holds one Ed25519 public key (kty OKP, crv Ed25519,
 * x; no private part `d`). Idempotent: the same key for the same agency again changes nothing
 * ("already registered", exit 0); a key registered to another agency is refused (exit 1, audited
 * `denied`). A new registration is audited (`agency.key.register`, actor `operator` = the OS user)
 * with the key id (RFC 7638 thumbprint). `--endpoint` is checked (http or https) and compared with
 * AGENCY_ENDPOINTS, which is where the endpoint lives (configuration, not the database): the command
 * prints the entry to add when it is not there yet. Every error is one line, Vietnamese then English.
 */
class UsageError extends Error {
  constructor(vi: string, en: string) {
    super(`${vi} / ${en}`);
  }
}

function readJwk(file: string): JWK {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new UsageError(`Không đọc được tệp khóa ${file}.`, `Cannot read the key file ${file}.`);
  }
  let jwk: unknown;
  try {
    jwk = JSON.parse(text);
  } catch {
    throw new UsageError(`Tệp ${file} không phải JSON.`, `${file} is not JSON.`);
  }
  const k = jwk as Record<string, unknown>;
  if (!k || typeof k !== "object" || Array.isArray(k))
    throw new UsageError(`Tệp ${file} không chứa một khóa JWK.`, `${file} does not hold one JWK.`);
  if ("d" in k)
    throw new UsageError(
      `Tệp ${file} chứa khóa bí mật (d): chỉ đăng ký khóa công khai, và giữ khóa bí mật ở cơ quan đó.`,
      `${file} holds a private key (d): register the public key only, and keep the private one at the agency.`,
    );
  if (k.kty !== "OKP" || k.crv !== "Ed25519" || typeof k.x !== "string" || !/^[A-Za-z0-9_-]{43}$/.test(k.x))
    throw new UsageError(
      `Khóa trong ${file} không phải khóa công khai Ed25519 (cần kty "OKP", crv "Ed25519", x 32 byte base64url).`,
      `The key in ${file} is not an Ed25519 public key (kty "OKP", crv "Ed25519", x of 32 bytes base64url needed).`,
    );
  return { kty: "OKP", crv: "Ed25519", x: k.x };
}

function checkEndpoint(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UsageError(`Địa chỉ ${url} không hợp lệ.`, `${url} is not a valid URL.`);
  }
  if (u.protocol !== "https:" && u.protocol !== "http:")
    throw new UsageError(`Địa chỉ ${url} phải là http(s).`, `${url} must be http or https.`);
  return u.toString();
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { agency: { type: "string" }, jwk: { type: "string" }, endpoint: { type: "string" } },
  });
  if (!values.agency || !values.jwk)
    throw new UsageError(
      "Cách dùng: npm run agency:register -- --agency <mã cơ quan> --jwk <tệp khóa công khai> [--endpoint <URL>]",
      "Usage: npm run agency:register -- --agency <agency id> --jwk <public key file> [--endpoint <URL>]",
    );
  const agency = values.agency;
  if (!isAgencyId(agency) || agency === "mot-lan")
    throw new UsageError(
      `Không có cơ quan "${agency}" (có: ${AGENCY_IDS.filter((a) => a !== "mot-lan").join(", ")}).`,
      `No agency "${agency}" (known: ${AGENCY_IDS.filter((a) => a !== "mot-lan").join(", ")}).`,
    );
  const jwk = readJwk(values.jwk);
  const endpoint = values.endpoint ? checkEndpoint(values.endpoint) : undefined;
  const config = loadConfig();
  const kid = await calculateJwkThumbprint(jwk);
  const actor = { kind: "operator", id: os.userInfo().username };
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const before = await findAgencyKey(db, kid);
    if (before && before.agencyId !== agency) {
      await audit(db, {
        actor,
        action: "agency.key.register",
        outcome: "denied",
        resource: `agency-key:${kid}`,
        detail: { agency, registeredTo: before.agencyId },
      });
      throw new UsageError(
        `Khóa ${kid} đã được đăng ký cho cơ quan ${before.agencyId}, không thể đăng ký cho ${agency}.`,
        `Key ${kid} is registered to ${before.agencyId}; it cannot be registered to ${agency}.`,
      );
    }
    if (before) console.log(`Đã đăng ký từ trước / Already registered: ${agency} ${kid}`);
    else
      await db.tx(async (q) => {
        await registerAgencyKey(q, agency, jwk);
        await audit(q, {
          actor,
          action: "agency.key.register",
          outcome: "allowed",
          resource: `agency-key:${kid}`,
          detail: { agency, kid, ...(endpoint ? { endpoint } : {}) },
        });
        console.log(`Đã đăng ký / Registered: ${agency} ${kid}`);
      });
    if (endpoint && config.agencyEndpoints[agency] !== endpoint)
      console.log(
        `Thêm vào AGENCY_ENDPOINTS rồi khởi động lại máy chủ / Add to AGENCY_ENDPOINTS and restart the servers: ${agency}=${endpoint}`,
      );
    return 0;
  } finally {
    await db.close();
  }
}

try {
  process.exitCode = await main();
} catch (err) {
  if (err instanceof ConfigError || err instanceof UsageError) {
    console.error(err.message);
    process.exitCode = 1;
  } else throw err;
}
