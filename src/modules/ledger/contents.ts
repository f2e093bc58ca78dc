/**
 * What each chained log's row hash covers besides its links (chain.ts): its columns as stored,
 * in one shape shared by the writers (audit, exchange) and the verifier. A column added to a
 * chained table is hashed only once it is listed here; rows written before keep verifying because
 * the verifier reads exactly these columns.
 */

/** An audit_log row's content. */
export type AuditContent = {
  actorKind: string;
  actorId: string | null;
  action: string;
  outcome: string;
  resource: string | null;
  requestId: string | null;
  detail: unknown;
};

export function auditContent(r: AuditContent): AuditContent {
  return {
    actorKind: r.actorKind,
    actorId: r.actorId,
    action: r.action,
    outcome: r.outcome,
    resource: r.resource,
    requestId: r.requestId,
    detail: r.detail,
  };
}

/** A message_log row's content (ids as lowercase UUID text, as PostgreSQL gives them back). */
export type MessageContent = {
  messageId: string | null;
  direction: string;
  sender: string;
  receiver: string;
  type: string;
  payloadSha256: string;
  outcome: string;
  reason: string | null;
  dossierId: string | null;
  dossierCode: string | null;
  inReplyTo: string | null;
  signature: string | null;
  detail: unknown;
};

export function messageContent(r: MessageContent): MessageContent {
  return {
    messageId: r.messageId,
    direction: r.direction,
    sender: r.sender,
    receiver: r.receiver,
    type: r.type,
    payloadSha256: r.payloadSha256,
    outcome: r.outcome,
    reason: r.reason,
    dossierId: r.dossierId,
    dossierCode: r.dossierCode,
    inReplyTo: r.inReplyTo,
    signature: r.signature,
    detail: r.detail,
  };
}
