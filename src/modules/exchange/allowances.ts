import { randomUUID } from "node:crypto";
import type { Queryable } from "../../db/client.js";
import { type AgencyId, REGISTRY_OWNERS } from "../../domain/agencies.js";
import { ALLOWANCE_RULES } from "../../domain/allowances.js";
import type { Envelope, MessageTypeId, PayloadOf } from "../../domain/messages.js";
import { enqueue, type OutboxMessage } from "../delivery/index.js";
import * as repo from "../registries/index.js";
import type { AgencySigners } from "./agency-keys.js";
import { type ExternalAgencies, registerSigned, type SignedDelivery } from "./external-delivery.js";
import { receiveMessage } from "./message-log.js";
import { signMessage } from "./messages.js";

/**
 * Allowances paid write back to the allowance registry (issue 11 point 3), as signed messages:
 *
 *   disbursement paid (payments module, in the transaction that records the bank's signed
 *   confirmation) ──`sendAllowancePaid`──▶ outbox `allowances.paid@1`, signed by the paying agency
 *   (the commune's social-affairs office for the funeral allowance, social security for the
 *   survivor benefit, `ALLOWANCE_RULES`) ──delivery──▶ the registry's owner (REGISTRY_OWNERS
 *   .allowances) verifies sender and signature, logs the exchange, applies the record and its
 *   payment with provenance (`applyAllowancePaid`), idempotently.
 */
const PAID = "allowances.paid@1" satisfies MessageTypeId;
const RECEIVER = REGISTRY_OWNERS.allowances;

/** The message of a paid allowance, signed and queued in `q`'s transaction; returns its id. */
export async function sendAllowancePaid(
  q: Queryable,
  signers: AgencySigners,
  m: {
    sender: AgencyId;
    unit: string | null;
    provinceCode: string;
    dossier: { id: string; code: string | null };
    resultNumber: string | null;
    at: Date;
    payload: PayloadOf<typeof PAID>;
  },
): Promise<string> {
  const unit = m.unit ?? undefined;
  const envelope: Envelope = {
    id: randomUUID(),
    type: PAID,
    from: { agency: m.sender, ...(unit ? { unit } : {}) },
    to: { agency: RECEIVER, ...(unit ? { unit } : {}) },
    sentAt: m.at.toISOString(),
    province: m.provinceCode,
    dossier: m.dossier,
    payload: m.payload,
  };
  const jws = await signMessage(signers, envelope);
  await enqueue(q, {
    topic: PAID,
    key: m.dossier.id,
    payload: { jws, resultNumber: m.resultNumber, kind: m.payload.kind },
    provinceCode: m.provinceCode,
    at: m.at,
    dossierCode: m.dossier.code,
  });
  return envelope.id;
}

/** The allowance registry's side: the sender must be the agency that pays this kind; verify, log, apply. */
async function receive(q: Queryable, m: OutboxMessage): Promise<void> {
  const jws = typeof m.payload.jws === "string" ? m.payload.jws : "";
  const rule = ALLOWANCE_RULES.find((r) => r.kind === m.payload.kind);
  if (!rule) throw new Error(`allowances.paid of unknown kind ${String(m.payload.kind)}`);
  const v = await receiveMessage(q, jws, { receiver: RECEIVER, sender: rule.payer });
  // A refused message is evidence (logged in this transaction); sending it again changes nothing.
  if (!v.ok) return;
  const msg = v.message;
  await repo.applyAllowancePaid(q, msg.payload as PayloadOf<typeof PAID>, {
    dossierCode: msg.dossier?.code ?? m.dossierCode,
    resultNumber: typeof m.payload.resultNumber === "string" ? m.payload.resultNumber : null,
    messageId: msg.id,
    at: new Date(msg.sentAt),
  });
}

/**
 * Registers the allowance registry's handler of paid allowances (in the message's inbox
 * transaction); posted to the registry's owner instead when it is external (`external`).
 */
export function registerAllowanceHandlers(delivery: SignedDelivery, external?: ExternalAgencies): void {
  registerSigned(delivery, PAID, receive, external);
}
