import type { Queryable } from "../../db/client.js";
import { all, qb, run } from "../../db/query.js";
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
  await appendChained(db, "audit_log", province, content, async (q, link) => {
    await run(
      q,
      qb.insertInto("audit_log").values({
        province_code: province,
        id: link.id,
        at: link.at,
        actor_kind: content.actorKind,
        actor_id: content.actorId,
        action: content.action,
        outcome: content.outcome,
        resource: content.resource,
        request_id: content.requestId,
        detail: JSON.stringify(content.detail),
        chain_seq: link.seq,
        prev_id: link.prevId,
        prev_hash: link.prevHash,
        hash: link.hash,
      }),
    );
  });
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
  // The admin's national list: every province's rows (every shard on Citus, docs/scaling.md).
  return all(
    db,
    qb
      .selectFrom("audit_log")
      .select([
        "id",
        "at",
        "actor_kind as actorKind",
        "actor_id as actorId",
        "action",
        "outcome",
        "resource",
        "detail",
      ])
      .$if(opts.action !== undefined, (s) => s.where("action", "=", opts.action ?? ""))
      .$if(opts.outcome !== undefined, (s) => s.where("outcome", "=", opts.outcome ?? ""))
      .orderBy("id", "desc")
      .limit(opts.limit)
      .offset(opts.offset),
  );
}
