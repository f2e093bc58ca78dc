import { setTimeout as sleep } from "node:timers/promises";
import type { Db } from "../../db/client.js";
import type { AgencyId } from "../../domain/agencies.js";
import { type Ack, checkEnvelope, type Envelope } from "../../domain/messages.js";
import type { AgencySigners } from "./agency-keys.js";
import { logExchange, receivedEntry } from "./message-log.js";
import { detachedSignature, payloadSha256, signMessage, summarise, verifyMessage } from "./messages.js";

/**
 * The adapter to an agency run outside this platform (AGENCY_ENDPOINTS): posts the signed message
 * (`Content-Type: application/jose`, the compact JWS) to the agency's endpoint and reads its
 * answer, the agency's signed acknowledgement (`exchange.ack@1` in reply to the message). A lost
 * connection, a timeout, 408, 429 or a 5xx is tried again (up to `attempts`, waiting `backoffMs`
 * doubled each time, ±50 % jitter); another status ends the exchange as failed.
 *
 * Network first, evidence after: nothing is held locked while the agency answers; the outcome is
 * then logged in a transaction of its own, so a refused (forged) reply stays on record whatever
 * the caller does next. The receiver must be idempotent on the message id (a retry after a lost
 * answer posts the same message again).
 */
export type AgencyTransport = {
  db: Db;
  signers: AgencySigners;
  endpoints: Partial<Record<AgencyId, string>>;
  attempts: number;
  timeoutMs: number;
  /** The first wait between attempts; 250 ms unless given. */
  backoffMs?: number;
};

export type SendResult =
  | { ok: true; ack: Ack; attempts: number }
  | {
      ok: false;
      reason: "UNREACHABLE" | "INVALID_REPLY" | "REFUSED_BY_RECEIVER";
      detail: string;
      attempts: number;
    };

const RETRY_STATUS = new Set([408, 429, 500, 502, 503, 504]);

/**
 * Sends `message` (signed by its sender, an agency hosted here) to the external agency it is
 * addressed to, and logs the exchange: `sent` with `delivered` / `refused` / `failed`, and the
 * reply as `received` (`accepted`, or `refused` with the reason: altered after signing, signed by
 * an agency that is not the receiver, not an answer to this message). Never throws for what the
 * agency answers; throws Error when the receiver has no endpoint or the sender no key here.
 */
export async function sendToAgency(t: AgencyTransport, message: Envelope): Promise<SendResult> {
  if (!t.endpoints[message.to.agency])
    throw new Error(`agency ${message.to.agency} has no endpoint (AGENCY_ENDPOINTS): it is hosted here`);
  return sendSignedToAgency(t, await signMessage(t.signers, message));
}

/**
 * The envelope a compact JWS carries, read without verifying it: for a message this platform
 * signed itself (an outbox payload), to route it. Undefined when it is not one.
 */
export function envelopeOf(jws: string): Envelope | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(jws.split(".")[1] ?? "", "base64url").toString()) as unknown;
    const checked = checkEnvelope(parsed);
    return checked.ok ? checked.message : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `sendToAgency` for a message signed already (the outbox keeps the JWS signed when the fact was
 * recorded, so every retry posts the same bytes, under the same message id).
 */
export async function sendSignedToAgency(t: AgencyTransport, jws: string): Promise<SendResult> {
  const message = envelopeOf(jws);
  if (!message) throw new Error("not a signed message of a known type");
  const endpoint = t.endpoints[message.to.agency];
  if (!endpoint)
    throw new Error(`agency ${message.to.agency} has no endpoint (AGENCY_ENDPOINTS): it is hosted here`);
  const checked = checkEnvelope(message);
  const disclosures = checked.ok ? checked.disclosures : [];
  const sent = {
    direction: "sent" as const,
    summary: summarise(message),
    payloadSha256: payloadSha256(jws),
    signature: detachedSignature(jws),
  };
  const { reply, attempts, error } = await post(t, endpoint, jws);
  if (reply === undefined) {
    await logExchange(t.db, {
      ...sent,
      outcome: "failed",
      reason: "UNREACHABLE",
      detail: { attempts, error, endpoint },
    });
    return { ok: false, reason: "UNREACHABLE", detail: error, attempts };
  }
  const v = await verifyMessage(t.db, reply, {
    receiver: message.from.agency,
    replyTo: { id: message.id, from: message.to.agency },
  });
  if (!v.ok) {
    const detail = `${v.reason}${v.issues.length ? `: ${v.issues.join("; ")}` : ""}`;
    await t.db.tx(async (q) => {
      await logExchange(q, {
        ...sent,
        outcome: "failed",
        reason: "INVALID_REPLY",
        detail: { attempts, reply: v.reason },
      });
      await logExchange(q, {
        direction: "received",
        outcome: "refused",
        reason: v.reason,
        summary: v.summary,
        payloadSha256: v.payloadSha256,
        signature: v.signature,
        detail: { issues: v.issues, kid: v.kid, inReplyTo: message.id },
      });
    });
    return { ok: false, reason: "INVALID_REPLY", detail, attempts };
  }
  const ack = v.message.payload as Ack;
  await t.db.tx(async (q) => {
    await logExchange(q, {
      ...sent,
      outcome: ack.outcome === "accepted" ? "delivered" : "refused",
      reason: ack.reason,
      detail: { attempts },
      disclosures,
    });
    await logExchange(q, receivedEntry(v, v.summary.to));
  });
  return ack.outcome === "accepted"
    ? { ok: true, ack, attempts }
    : { ok: false, reason: "REFUSED_BY_RECEIVER", detail: ack.reason ?? "refused", attempts };
}

async function post(
  t: AgencyTransport,
  endpoint: string,
  jws: string,
): Promise<{ reply: string | undefined; attempts: number; error: string }> {
  let error = "";
  const base = t.backoffMs ?? 250;
  for (let attempt = 1; attempt <= t.attempts; attempt++) {
    if (attempt > 1) await sleep(base * 2 ** (attempt - 2) * (0.5 + Math.random()));
    try {
      const res = await fetch(endpoint, {
        method: "POST",
        headers: { "content-type": "application/jose", accept: "application/jose" },
        body: jws,
        signal: AbortSignal.timeout(t.timeoutMs),
      });
      const body = await res.text();
      if (res.ok) return { reply: body, attempts: attempt, error: "" };
      error = `HTTP ${res.status}`;
      if (!RETRY_STATUS.has(res.status)) return { reply: undefined, attempts: attempt, error };
    } catch (err) {
      error =
        (err as Error).name === "TimeoutError" ? `timeout after ${t.timeoutMs} ms` : (err as Error).message;
    }
  }
  return { reply: undefined, attempts: t.attempts, error };
}
