import type { Queryable } from "../../db/client.js";
import { isAgencyId, officeName } from "../../domain/agencies.js";
import { type Disclosure, isMessageType, MESSAGE_TYPES } from "../../domain/messages.js";
import { MessageRefused } from "../delivery/index.js";
import { appendChained, asStored, messageContent } from "../ledger/index.js";
import { findCommune, findProvince } from "../units/index.js";
import {
  type Expectation,
  type MessageSummary,
  type Refused,
  type Verified,
  verifyMessage,
} from "./messages.js";
import { PURPOSES } from "./purposes.js";

/**
 * The message log: every exchange between agencies kept as evidence, the way X-Road's security
 * servers keep theirs: sender, receiver, type, SHA-256 of the signed payload, the detached
 * signature, time, outcome (and a refusal's reason). One row per event:
 * - `received`: an agency hosted here received a message (from a hosted or an external sender):
 *   `accepted`, or `refused` with the reason (altered payload, signer not the sender, …);
 * - `sent`: an agency hosted here sent a message to an external agency: `delivered` (its signed
 *   acknowledgement verified), `refused` (it answered that it refused) or `failed` (no valid
 *   answer after the retries; an invalid reply is logged as its own `received`/`refused` row).
 * A message between two hosted agencies is one `received` row.
 *
 * When the receiver now holds personal data (`delivered` or `accepted` with disclosures), each
 * subject's access list gets a row: which agency's office received which fields, for which
 * dossier, on what legal basis (issue 11 point 5; Law 91/2025/QH15 on the data subject's right to
 * know who processes their data). Rows join their province's hash chain (src/modules/ledger).
 */

export type ExchangeEntry = {
  direction: "sent" | "received";
  outcome: "delivered" | "failed" | "accepted" | "refused";
  reason?: string | null | undefined;
  summary: MessageSummary;
  payloadSha256: string;
  signature?: string | null | undefined;
  detail?: Record<string, unknown> | undefined;
  /** What the receiver learns about whom (only written for `delivered` and `accepted`). */
  disclosures?: readonly Disclosure[] | undefined;
};

/**
 * Logs one exchange inside `q`'s transaction (given the database, in one of its own), with the
 * access-list rows of what it disclosed. Returns the message log row's id.
 */
export async function logExchange(q: Queryable, e: ExchangeEntry): Promise<number> {
  const s = e.summary;
  const content = messageContent({
    messageId: s.id,
    direction: e.direction,
    sender: s.from,
    receiver: s.to,
    type: s.type,
    payloadSha256: e.payloadSha256,
    outcome: e.outcome,
    reason: e.reason ?? null,
    dossierId: s.dossier?.id ?? null,
    dossierCode: s.dossier?.code ?? null,
    inReplyTo: s.inReplyTo,
    signature: e.signature ?? null,
    detail: asStored(e.detail ?? {}),
  });
  const link = await appendChained(q, "message_log", s.province, content, async (t, l) => {
    await t.query(
      `insert into message_log (province_code, id, at, message_id, direction, sender, receiver, type, payload_sha256,
         outcome, reason, dossier_id, dossier_code, in_reply_to, signature, detail, chain_seq, prev_id, prev_hash, hash)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`,
      [
        s.province,
        l.id,
        l.at,
        content.messageId,
        content.direction,
        content.sender,
        content.receiver,
        content.type,
        content.payloadSha256,
        content.outcome,
        content.reason,
        content.dossierId,
        content.dossierCode,
        content.inReplyTo,
        content.signature,
        JSON.stringify(content.detail),
        l.seq,
        l.prevId,
        l.prevHash,
        l.hash,
      ],
    );
    const disclosed = e.outcome === "delivered" || e.outcome === "accepted";
    if (disclosed && e.disclosures && e.disclosures.length > 0) await logDisclosures(t, s, e.disclosures);
  });
  return link.id;
}

/** One access-list row per subject: the receiving office, the fields, the dossier, the legal basis. */
async function logDisclosures(
  q: Queryable,
  s: MessageSummary,
  disclosures: readonly Disclosure[],
): Promise<void> {
  if (!isAgencyId(s.to) || !isMessageType(s.type)) return;
  const commune = s.toUnit?.length === 5 ? await findCommune(q, s.toUnit) : undefined;
  const province = await findProvince(
    q,
    commune?.provinceCode ?? (s.toUnit?.length === 2 ? s.toUnit : s.province),
  );
  const name = officeName(s.to, { commune, province });
  await q.query(
    `insert into access_log (subject_number, province_code, actor_kind, actor_id, actor_role, actor_name,
       purpose, legal_basis, resource, fields, dossier_code, message_type)
     select subj, $2, 'agency', $3, null, $4, 'agency-exchange', $5, $6, string_to_array(f, ','), $7, $8
     from unnest($1::text[], $9::text[]) as t(subj, f)`,
    [
      disclosures.map((d) => d.subject),
      s.province,
      s.to,
      name,
      MESSAGE_TYPES[s.type].legalBasis || PURPOSES["agency-exchange"].legalBasis,
      s.dossier ? `dossier:${s.dossier.id}` : `message:${s.id}`,
      s.dossier?.code ?? null,
      s.type,
      disclosures.map((d) => d.fields.join(",")),
    ],
  );
}

/**
 * The message log entry of a hosted receiver's verdict: accepted with its disclosures, or refused
 * (`receivedBy`: the agency it actually reached, which a refused message may not name).
 */
export function receivedEntry(v: Verified | Refused, receivedBy: string): ExchangeEntry {
  return v.ok
    ? {
        direction: "received",
        outcome: "accepted",
        summary: v.summary,
        payloadSha256: v.payloadSha256,
        signature: v.signature,
        detail: { kid: v.kid },
        disclosures: v.disclosures,
      }
    : {
        direction: "received",
        outcome: "refused",
        reason: v.reason,
        summary: v.summary,
        payloadSha256: v.payloadSha256,
        signature: v.signature,
        // `receiver` is whom the message names; this is the agency it actually reached.
        detail: { kid: v.kid, issues: v.issues, receivedBy },
      };
}

/**
 * What a hosted agency does with a message it receives: verifies it (`verifyMessage`) and logs
 * the outcome inside `q`'s transaction: `accepted` with what it discloses (the subjects' access
 * lists), or `refused` with the reason. Returns the verdict; the caller applies an accepted
 * message (idempotently, by its id) and must commit a refusal too, since it is the evidence.
 */
export async function receiveMessage(
  q: Queryable,
  jws: string,
  expect: Expectation,
): Promise<Verified | Refused> {
  const v = await verifyMessage(q, jws, expect);
  await logExchange(q, receivedEntry(v, expect.receiver));
  return v;
}

/**
 * `receiveMessage` for a delivery handler: an accepted message is logged in `q`'s transaction and
 * returned; a refused one throws `MessageRefused` (the outbox message is dead at once, visible to
 * an administrator with the reason, retryable or discardable), whose `record` logs the refusal in
 * the transaction that marks it dead, so the evidence is kept although the handler's is rolled back.
 */
export async function receiveOrRefuse(q: Queryable, jws: string, expect: Expectation): Promise<Verified> {
  const v = await verifyMessage(q, jws, expect);
  if (!v.ok) {
    const issues = v.issues.length > 0 ? ` (${v.issues.join("; ").slice(0, 300)})` : "";
    throw new MessageRefused(
      `${v.summary.type} from ${v.summary.from} refused by ${expect.receiver}: ${v.reason}${issues}`,
      async (t) => {
        await logExchange(t, receivedEntry(v, expect.receiver));
      },
    );
  }
  await logExchange(q, receivedEntry(v, expect.receiver));
  return v;
}
