import { calculateJwkThumbprint, importJWK, type JWK } from "jose";
import type { Queryable } from "../../db/client.js";
import { type AgencyId, isAgencyId } from "../../domain/agencies.js";
import type { SigningKey } from "../../lib/secrets.js";

/**
 * The agencies' public keys (`agency_keys`, a reference table): the hosted agencies' are
 * published from the key file at start; an external agency's is registered by an operator
 * (`registerAgencyKey`). A key is found by its id (`kid`, the RFC 7638 thumbprint) from a
 * message's JWS header and belongs to exactly one agency.
 */

export type AgencyKey = { kid: string; agencyId: AgencyId; publicJwk: JWK; revokedAt: Date | null };

/** The signing keys of the agencies hosted here, by agency (from `loadKeys`). */
export type AgencySigners = Partial<Record<AgencyId, SigningKey>>;

/**
 * Registers an agency's Ed25519 public key (an OKP JWK without its private part). Idempotent for
 * the same key and agency. Throws Error for a JWK that is not an Ed25519 public key, an unknown
 * agency, or a key already registered to another agency.
 */
export async function registerAgencyKey(q: Queryable, agencyId: string, jwk: JWK): Promise<string> {
  if (!isAgencyId(agencyId)) throw new Error(`unknown agency ${agencyId}`);
  if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.x !== "string" || "d" in jwk)
    throw new Error("an agency key is an Ed25519 public JWK (kty OKP, crv Ed25519, no private part)");
  const publicJwk: JWK = { kty: "OKP", crv: "Ed25519", x: jwk.x };
  const kid = await calculateJwkThumbprint(publicJwk);
  await q.query(
    `insert into agency_keys (kid, agency_id, public_jwk) values ($1, $2, $3)
     on conflict (kid) do nothing`,
    [kid, agencyId, JSON.stringify({ ...publicJwk, kid, alg: "EdDSA", use: "sig" })],
  );
  const found = await findAgencyKey(q, kid);
  if (found?.agencyId !== agencyId)
    throw new Error(`key ${kid} is registered to ${found?.agencyId}, not ${agencyId}`);
  return kid;
}

/** Publishes the hosted agencies' public keys (at start). */
export async function publishAgencyKeys(q: Queryable, signers: AgencySigners): Promise<void> {
  for (const [agency, key] of Object.entries(signers))
    if (key) await registerAgencyKey(q, agency, key.publicJwk);
}

export async function findAgencyKey(q: Queryable, kid: string): Promise<AgencyKey | undefined> {
  const { rows } = await q.query<AgencyKey>(
    `select kid, agency_id as "agencyId", public_jwk as "publicJwk", revoked_at as "revokedAt"
     from agency_keys where kid = $1`,
    [kid],
  );
  return rows[0];
}

const imported = new Map<string, Promise<CryptoKey | Uint8Array>>();

/** The key object of a registered public key, imported once per key id. */
export function verificationKey(key: AgencyKey): Promise<CryptoKey | Uint8Array> {
  let k = imported.get(key.kid);
  if (!k) {
    k = importJWK(key.publicJwk, "EdDSA");
    imported.set(key.kid, k);
  }
  return k;
}
