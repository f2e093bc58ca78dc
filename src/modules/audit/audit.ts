import type { Queryable } from "../../db/client.js";
import { all, qb, run } from "../../db/query.js";
import { NATIONAL_PROVINCE } from "../../kernel/locality.js";

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

/** Records who did (or tried to do) what. Denied attempts are written here too. */
export async function audit(db: Queryable, e: AuditEntry): Promise<void> {
  await run(
    db,
    qb.insertInto("audit_log").values({
      actor_kind: e.actor.kind,
      actor_id: e.actor.id,
      action: e.action,
      outcome: e.outcome,
      resource: e.resource ?? null,
      province_code: e.provinceCode ?? NATIONAL_PROVINCE,
      request_id: e.requestId ?? null,
      detail: JSON.stringify(e.detail ?? {}),
    }),
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
