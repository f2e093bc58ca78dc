import type { Queryable } from "../../db/client.js";
import { NATIONAL_PROVINCE } from "../../kernel/locality.js";
import { appendChained, asStored, auditContent } from "../ledger/index.js";

export type AuditEntry = {
  actor: { kind: string; id: string | null };
  action: string;
  outcome: "allowed" | "denied" | "error";
  resource?: string | undefined;
  /** The province the action concerns; national rows (none given) take NATIONAL_PROVINCE ('00'). */
  provinceCode?: string | null | undefined;
  requestId?: string | undefined;
  detail?: Record<string, unknown>;
};

/**
 * Records who did (or tried to do) what. Denied attempts are written here too. The row joins its
 * province's hash chain (src/modules/ledger): inside the caller's transaction when `db` is one
 * (it commits or rolls back with the action), in a transaction of its own when `db` is the
 * database. The chain head stays locked until that transaction ends: audit last.
 */
export async function audit(db: Queryable, e: AuditEntry): Promise<void> {
  const province = e.provinceCode ?? NATIONAL_PROVINCE;
  const content = auditContent({
    actorKind: e.actor.kind,
    actorId: e.actor.id,
    action: e.action,
    outcome: e.outcome,
    resource: e.resource ?? null,
    requestId: e.requestId ?? null,
    detail: asStored(e.detail ?? {}),
  });
  await appendChained(db, "audit_log", province, content, (q, link) =>
    q
      .query(
        `insert into audit_log (province_code, id, at, actor_kind, actor_id, action, outcome, resource, request_id,
           detail, chain_seq, prev_id, prev_hash, hash)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          province,
          link.id,
          link.at,
          content.actorKind,
          content.actorId,
          content.action,
          content.outcome,
          content.resource,
          content.requestId,
          JSON.stringify(content.detail),
          link.seq,
          link.prevId,
          link.prevHash,
          link.hash,
        ],
      )
      .then(() => undefined),
  );
}

export type AuditRow = {
  id: number;
  at: Date;
  actorKind: string;
  actorId: string | null;
  action: string;
  outcome: string;
  resource: string | null;
  detail: Record<string, unknown>;
};

export async function listAudit(
  db: Queryable,
  opts: { action?: string | undefined; outcome?: string | undefined; limit: number; offset: number },
): Promise<AuditRow[]> {
  const { rows } = await db.query<AuditRow>(
    `select id, at, actor_kind as "actorKind", actor_id as "actorId", action, outcome, resource, detail
     from audit_log where ($1::text is null or action = $1) and ($2::text is null or outcome = $2)
     order by id desc limit $3 offset $4`,
    [opts.action ?? null, opts.outcome ?? null, opts.limit, opts.offset],
  );
  return rows;
}
