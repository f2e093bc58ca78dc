import type { Queryable } from "../../db/client.js";
import { all, qb, run } from "../../db/query.js";
import { PERSONAL_NUMBER_LENGTH } from "../../domain/personal-number.js";
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

const PERSONAL_NUMBER_RUN = new RegExp(
  `(?<![0-9])[0-9]{${PERSONAL_NUMBER_LENGTH - 3}}([0-9]{3})(?![0-9])`,
  "g",
);
/** Free-text messages of a refusal: they may name another person's dossier. */
const FREE_TEXT = new Set(["message", "messageVi", "messageEn", "reason", "reasonVi", "reasonEn", "note"]);
/**
 * Actions whose `reason` an administrator wrote for the trail itself (a retry or discard of an
 * outbox message): kept in the list, personal numbers masked, so that the decision can be read.
 */
const ADMIN_REASONED = new Set(["outbox.retry", "outbox.discard"]);

/** "048196609463" anywhere in the text → "*********463" (the last 3 digits, enough to tell rows apart). */
export function maskPersonalNumbers(text: string): string {
  return text.replace(
    PERSONAL_NUMBER_RUN,
    (_m, last: string) => `${"*".repeat(PERSONAL_NUMBER_LENGTH - 3)}${last}`,
  );
}

function maskedDetail(v: unknown, keep: ReadonlySet<string> = new Set()): unknown {
  if (typeof v === "string") return maskPersonalNumbers(v);
  if (Array.isArray(v)) return v.map((x) => maskedDetail(x));
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k]) => keep.has(k) || !FREE_TEXT.has(k))
        .map(([k, x]) => [k, maskedDetail(x)]),
    );
  return v;
}

/**
 * An audit row as the administrator sees it: personal numbers masked to their last 3 digits (in the
 * actor, the resource and the detail), and free-text messages (a refusal's, which may name another
 * person's dossier) left out. The administrator reads the trail, not citizens' data: reads of that
 * are in the citizens' access lists. An administrator's own reason for a retry or discard of an
 * outbox message is kept (masked): it is the point of that row.
 */
export function forAdministrator(r: AuditRow): AuditRow {
  return {
    ...r,
    actorId: r.actorId === null ? null : maskPersonalNumbers(r.actorId),
    resource: r.resource === null ? null : maskPersonalNumbers(r.resource),
    detail: maskedDetail(r.detail, ADMIN_REASONED.has(r.action) ? new Set(["reason"]) : undefined) as Record<
      string,
      unknown
    >,
  };
}

/** The national audit trail, newest first, each row masked by `forAdministrator`. */
export async function listAudit(
  db: Queryable,
  opts: { action?: string | undefined; outcome?: string | undefined; limit: number; offset: number },
): Promise<AuditRow[]> {
  // The admin's national list: every province's rows (every shard on Citus, docs/scaling.md).
  const rows = await all(
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
  return rows.map(forAdministrator);
}
