import type { Queryable } from "../../db/client.js";
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
  await db.query(
    `insert into audit_log (actor_kind, actor_id, action, outcome, resource, province_code, request_id, detail)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      e.actor.kind,
      e.actor.id,
      e.action,
      e.outcome,
      e.resource ?? null,
      e.provinceCode ?? NATIONAL_PROVINCE,
      e.requestId ?? null,
      JSON.stringify(e.detail ?? {}),
    ],
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
