import { createHash } from "node:crypto";
import { CompactSign, compactVerify, decodeProtectedHeader } from "jose";
import type { Queryable } from "../../db/client.js";
import type { AgencyId } from "../../domain/agencies.js";
import {
  ACK_TYPE,
  checkEnvelope,
  type Disclosure,
  type Envelope,
  type Refusal,
} from "../../domain/messages.js";
import { type AgencySigners, findAgencyKey, verificationKey } from "./agency-keys.js";

/**
 * Signing and verifying messages between agencies (types: src/domain/messages.ts). A message is a
 * JWS in compact form (RFC 7515): protected header `{ alg: "EdDSA", kid, typ }`, payload the
 * envelope's JSON, signed with the sending agency's Ed25519 key. The receiver verifies the
 * signature with the key the `kid` names in `agency_keys`, and that this key is the sender's.
 */

export const MESSAGE_TYP = "mot-lan-message+jws";

/** What the log keeps of a message: who claims to send it to whom, about what. */
export type MessageSummary = {
  id: string | null;
  type: string;
  from: string;
  to: string;
  toUnit: string | null;
  province: string;
  dossier: { id: string; code: string | null } | null;
  inReplyTo: string | null;
};

export type Verified = {
  ok: true;
  message: Envelope;
  disclosures: Disclosure[];
  summary: MessageSummary;
  kid: string;
  payloadSha256: string;
  /** The detached JWS (`<header>..<signature>`), kept as evidence with the payload's hash. */
  signature: string;
};

export type Refused = {
  ok: false;
  reason: Refusal;
  issues: string[];
  /** What the message claimed (sender, receiver, type…), as far as it could be read. */
  summary: MessageSummary;
  kid: string | null;
  payloadSha256: string;
  signature: string | null;
};

/**
 * Signs `message` with its sender's key. Throws Error when the message breaks its schema or the
 * sender is not hosted here (no key in the key file: `agencies.<id>`); both are programming or
 * configuration errors, not a citizen's input.
 */
export async function signMessage(signers: AgencySigners, message: Envelope): Promise<string> {
  const verdict = checkEnvelope(message);
  if (!verdict.ok)
    throw new Error(`message ${message.type} is invalid: ${verdict.reason} ${verdict.issues.join("; ")}`);
  const key = signers[message.from.agency];
  if (!key)
    throw new Error(
      `agency ${message.from.agency} has no signing key here (key file "agencies.${message.from.agency}")`,
    );
  return new CompactSign(new TextEncoder().encode(JSON.stringify(message)))
    .setProtectedHeader({ alg: "EdDSA", kid: key.kid, typ: MESSAGE_TYP })
    .sign(key.privateKey);
}

/** Lowercase hex SHA-256 of a compact JWS's payload bytes (what was signed). */
export function payloadSha256(jws: string): string {
  const parts = jws.trim().split(".");
  const bytes = parts.length === 3 ? Buffer.from(parts[1] ?? "", "base64url") : Buffer.from(jws);
  return createHash("sha256").update(bytes).digest("hex");
}

/** The detached form of a compact JWS (`<header>..<signature>`), or null when it is not one. */
export function detachedSignature(jws: string): string | null {
  const parts = jws.trim().split(".");
  return parts.length === 3 ? `${parts[0]}..${parts[2]}` : null;
}

/** What the receiver expects: itself, and for a reply the message answered and who answers. */
export type Expectation = {
  receiver: AgencyId;
  /** The only agency that may send it (a registry's owner): another sender is WRONG_SENDER. */
  sender?: AgencyId;
  replyTo?: { id: string; from: AgencyId };
};

/**
 * Verifies a message received by `expect.receiver`: a compact JWS whose key is registered and not
 * revoked, whose signature holds over the payload as received (an altered payload fails here),
 * whose envelope and payload match their type, whose signing key belongs to the sender it names,
 * and which is addressed to the receiver (for a reply: the signed acknowledgement of the message
 * sent, from its receiver). Returns the message or the refusal with what it claimed; never throws
 * for the message's content.
 */
export async function verifyMessage(
  q: Queryable,
  jws: string,
  expect: Expectation,
): Promise<Verified | Refused> {
  const parts = jws.trim().split(".");
  const payloadBytes = parts.length === 3 ? Buffer.from(parts[1] ?? "", "base64url") : Buffer.from(jws);
  const hash = payloadSha256(jws);
  const claimed = summaryOf(payloadBytes, expect);
  const signature = detachedSignature(jws);
  const refuse = (reason: Refusal, kid: string | null, issues: string[] = []): Refused => ({
    ok: false,
    reason,
    issues,
    summary: claimed,
    kid,
    payloadSha256: hash,
    signature,
  });
  let kid: string;
  try {
    if (parts.length !== 3) throw new Error("not a compact JWS");
    const header = decodeProtectedHeader(jws);
    if (header.alg !== "EdDSA" || typeof header.kid !== "string" || header.typ !== MESSAGE_TYP)
      throw new Error("unexpected header");
    kid = header.kid;
  } catch (err) {
    return refuse("MALFORMED", null, [(err as Error).message]);
  }
  const key = await findAgencyKey(q, kid);
  if (!key) return refuse("UNKNOWN_KEY", kid);
  if (key.revokedAt) return refuse("KEY_REVOKED", kid);
  let payload: Uint8Array;
  try {
    payload = (await compactVerify(jws.trim(), await verificationKey(key), { algorithms: ["EdDSA"] }))
      .payload;
  } catch {
    return refuse("BAD_SIGNATURE", kid);
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(payload));
  } catch {
    return refuse("MALFORMED", kid, ["the payload is not JSON"]);
  }
  const verdict = checkEnvelope(json);
  if (!verdict.ok) return refuse(verdict.reason, kid, verdict.issues);
  const m = verdict.message;
  if (key.agencyId !== m.from.agency)
    return refuse("SIGNER_NOT_SENDER", kid, [`signed by ${key.agencyId}, sent as ${m.from.agency}`]);
  if (m.to.agency !== expect.receiver) return refuse("WRONG_RECEIVER", kid, [`addressed to ${m.to.agency}`]);
  if (expect.sender && m.from.agency !== expect.sender)
    return refuse("WRONG_SENDER", kid, [`sent by ${m.from.agency}, expected ${expect.sender}`]);
  if (
    expect.replyTo &&
    (m.type !== ACK_TYPE || m.inReplyTo !== expect.replyTo.id || m.from.agency !== expect.replyTo.from)
  )
    return refuse("NOT_A_REPLY", kid, [`${m.type} in reply to ${m.inReplyTo ?? "nothing"}`]);
  return {
    ok: true,
    message: m,
    disclosures: verdict.disclosures,
    summary: summarise(m),
    kid,
    payloadSha256: hash,
    signature: signature as string,
  };
}

/** The summary of a message this platform signed or verified. */
export function summarise(m: Envelope): MessageSummary {
  return {
    id: m.id.toLowerCase(),
    type: m.type,
    from: m.from.agency,
    to: m.to.agency,
    toUnit: m.to.unit ?? null,
    province: m.province,
    dossier: m.dossier ? { id: m.dossier.id.toLowerCase(), code: m.dossier.code } : null,
    inReplyTo: m.inReplyTo?.toLowerCase() ?? null,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const text = (v: unknown, max: number) => (typeof v === "string" && v.length > 0 ? v.slice(0, max) : null);
const uuid = (v: unknown) => (typeof v === "string" && UUID.test(v) ? v.toLowerCase() : null);

/** What an unverified payload claims, read defensively (for the log of a refused message). */
function summaryOf(payload: Uint8Array, expect: Expectation): MessageSummary {
  let v: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(Buffer.from(payload).toString("utf8")) as unknown;
    if (parsed && typeof parsed === "object") v = parsed as Record<string, unknown>;
  } catch {
    // unreadable: logged as unknown
  }
  const addr = (a: unknown) => (a && typeof a === "object" ? (a as Record<string, unknown>) : {});
  const province = text(v.province, 2);
  const dossier = addr(v.dossier);
  const dossierId = uuid(dossier.id);
  return {
    id: uuid(v.id),
    type: text(v.type, 80) ?? "?",
    from: text(addr(v.from).agency, 40) ?? "?",
    to: text(addr(v.to).agency, 40) ?? expect.receiver,
    toUnit: null,
    province: province && /^[0-9]{2}$/.test(province) ? province : "00",
    dossier: dossierId ? { id: dossierId, code: text(dossier.code, 60) } : null,
    inReplyTo: uuid(v.inReplyTo),
  };
}
