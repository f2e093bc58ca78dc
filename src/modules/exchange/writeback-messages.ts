import { randomUUID } from "node:crypto";
import type { Queryable } from "../../db/client.js";
import { AGENCIES, type AgencyId } from "../../domain/agencies.js";
import type { Envelope, MessageTypeId } from "../../domain/messages.js";
import type { ProcedureDefinition } from "../../domain/procedure.js";
import { AppError } from "../../kernel/errors.js";
import { enqueue, type OutboxMessage } from "../delivery/index.js";
import type { Provenance } from "../registries/index.js";
import type { AgencySigners } from "./agency-keys.js";
import { ExchangeErrors } from "./errors.js";
import { receiveOrRefuse } from "./message-log.js";
import { signMessage } from "./messages.js";

/**
 * What every result written back to a registry has in common (civil-status.ts,
 * registry-writeback.ts): the issuing agency signs the fact when the result is issued, the
 * message goes through the outbox in the dossier's transaction, and the registry's owner verifies,
 * logs and applies it in the delivery's inbox transaction, with the provenance the message names.
 */

/** The dossier whose issued result a message tells of (`key` of its outbox row: per-dossier order). */
export type WritebackDossier = {
  id: string;
  code: string | null;
  provinceCode: string;
  communeCode: string | null;
};

/** The dossier as the `issue_result` effect sees it (a structural view of the dossiers module's row). */
export type IssuedDossier = WritebackDossier & {
  applicantNumber: string;
  form: Readonly<Record<string, string | number | boolean | null>>;
  components: Readonly<Record<string, unknown>>;
};

/** What an `issue_result` effect is given: the dossier, its procedure, the instant, the action's payload. */
export type Issued = {
  dossier: IssuedDossier;
  definition: ProcedureDefinition;
  at: Date;
  payload: Record<string, unknown>;
};

/**
 * Refuses (409 AGENCY_NOT_HOSTED, bilingual) an action that would sign as `agency` when its key is
 * not held here: an agency run outside the platform (AGENCY_ENDPOINTS) issues its own results in its
 * own system, and nobody here may sign in its name. Checked before any work, never a 5xx.
 */
export function requireHostedSender(signers: AgencySigners, agency: AgencyId): void {
  if (!signers[agency])
    throw new AppError(ExchangeErrors.AGENCY_NOT_HOSTED, [
      {
        field: "agency",
        code: "AGENCY_NOT_HOSTED",
        messageVi: `Cơ quan ký: ${AGENCIES[agency].nameVi}`,
        messageEn: `Signing agency: ${AGENCIES[agency].nameEn}`,
      },
    ]);
}

/** A form value as trimmed text ('' for anything else). */
export const text = (v: unknown): string => (typeof v === "string" ? v.trim() : "");

/**
 * Signs `payload` as `type` from `from` to `to` (each addressed to `unit`, a commune's 5 digits or a
 * province's 2) as of `at`, and enqueues the compact JWS (with the result number, for provenance) in
 * `q`'s transaction. Returns the message id. Throws AppError AGENCY_NOT_HOSTED (409) when the
 * sending agency has no key here.
 */
export async function enqueueSigned(
  q: Queryable,
  signers: AgencySigners,
  m: {
    type: MessageTypeId;
    from: { agency: AgencyId; unit?: string | undefined };
    to: { agency: AgencyId; unit?: string | undefined };
    dossier: WritebackDossier;
    at: Date;
    payload: unknown;
    resultNumber: string;
  },
): Promise<string> {
  const d = m.dossier;
  const addr = (a: { agency: AgencyId; unit?: string | undefined }) => ({
    agency: a.agency,
    ...(a.unit ? { unit: a.unit } : {}),
  });
  const envelope: Envelope = {
    id: randomUUID(),
    type: m.type,
    from: addr(m.from),
    to: addr(m.to),
    sentAt: m.at.toISOString(),
    province: d.provinceCode,
    dossier: { id: d.id, code: d.code },
    payload: m.payload,
  };
  requireHostedSender(signers, m.from.agency);
  const jws = await signMessage(signers, envelope);
  await enqueue(q, {
    topic: m.type,
    key: d.id,
    payload: { jws, resultNumber: m.resultNumber },
    provinceCode: d.provinceCode,
    at: m.at,
    dossierCode: d.code,
  });
  return envelope.id;
}

/**
 * The registry owner's side: verifies the outbox message's JWS (signature, sender, receiver),
 * logs the outcome as evidence and returns the accepted message with its provenance (which
 * dossier, which result, which message, as of the instant it was signed). A refused message throws
 * `MessageRefused` (dead at once, its refusal logged: `receiveOrRefuse`).
 */
export async function receiveSigned(
  q: Queryable,
  m: OutboxMessage,
  expect: { receiver: AgencyId; sender: AgencyId },
): Promise<{ message: Envelope; prov: Provenance }> {
  const jws = typeof m.payload.jws === "string" ? m.payload.jws : "";
  const msg = (await receiveOrRefuse(q, jws, expect)).message;
  return {
    message: msg,
    prov: {
      dossierCode: msg.dossier?.code ?? m.dossierCode,
      resultNumber: typeof m.payload.resultNumber === "string" ? m.payload.resultNumber : null,
      messageId: msg.id,
      at: new Date(msg.sentAt),
    },
  };
}
