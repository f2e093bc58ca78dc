import type { Db } from "../../db/client.js";
import { all, type Database, type ExpressionBuilder, qb } from "../../db/query.js";
import type { QueueView } from "../../domain/delivery.js";
import type { OfficerPrincipal } from "../../domain/principal.js";
import { AppError } from "../../kernel/errors.js";
import { audit } from "../audit/index.js";
import type { Delivery } from "./dispatcher.js";
import { DeliveryErrors } from "./errors.js";
import type { OutboxMessage } from "./outbox.js";

/** A message as the administrator's page lists it. */
export type QueueItem = {
  provinceCode: string;
  id: number;
  topic: string;
  key: string;
  dossierCode: string | null;
  view: QueueView;
  attempts: number;
  createdAt: Date;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  lastError: string | null;
  discardedAt: Date | null;
  discardedBy: string | null;
  discardReason: string | null;
};

/** The filter of each view (the administrator's page lists pending, failing, dead and discarded messages). */
const inView = (view: QueueView) => (eb: ExpressionBuilder<Database, "outbox">) =>
  view === "dead" || view === "discarded"
    ? eb("state", "=", view)
    : eb.and([eb("state", "=", "pending"), eb("last_error", view === "pending" ? "is" : "is not", null)]);

/**
 * Messages of one view (pending, failed, dead; discarded newest first, with who gave each up, when
 * and why), others oldest first, with the count of each view. The
 * administrator's view is national: it reads every province (like the audit list).
 */
export async function listQueue(
  db: Db,
  opts: { view: QueueView; limit: number; offset: number },
): Promise<{ items: QueueItem[]; total: number; counts: Record<QueueView, number> }> {
  const { rows: c } = await db.query<Record<QueueView, number>>(
    `select count(*) filter (where state = 'pending' and last_error is null)::int as pending,
            count(*) filter (where state = 'pending' and last_error is not null)::int as failed,
            count(*) filter (where state = 'dead')::int as dead,
            count(*) filter (where state = 'discarded')::int as discarded
     from outbox where state in ('pending', 'dead', 'discarded')`,
  );
  const counts = c[0] ?? { pending: 0, failed: 0, dead: 0, discarded: 0 };
  const rows = await all(
    db,
    qb
      .selectFrom("outbox")
      .select([
        "province_code as provinceCode",
        "id",
        "topic",
        "key",
        "dossier_code as dossierCode",
        "attempts",
        "created_at as createdAt",
        "last_attempt_at as lastAttemptAt",
        "next_attempt_at as nextAttemptAt",
        "last_error as lastError",
        "discarded_at as discardedAt",
        "discarded_by as discardedBy",
        "discard_reason as discardReason",
      ])
      .where(inView(opts.view))
      .$if(opts.view === "discarded", (s) => s.orderBy("discarded_at", "desc"))
      .orderBy("created_at")
      .orderBy("province_code")
      .orderBy("id")
      .limit(opts.limit)
      .offset(opts.offset),
  );
  return { items: rows.map((r) => ({ ...r, view: opts.view })), total: counts[opts.view], counts };
}

type Decision = {
  delivery: Delivery;
  admin: OfficerPrincipal;
  provinceCode: string;
  id: number;
  reason: string;
  requestId?: string | undefined;
  now: Date;
};

async function decide(
  db: Db,
  d: Decision,
  action: "retry" | "discard",
): Promise<{ state: string; attempts: number }> {
  return db.tx(async (q) => {
    const { rows } = await q.query<
      Omit<OutboxMessage, "at"> & { state: string; lastError: string | null; redacted: boolean }
    >(
      `select o.id, o.province_code as "provinceCode", o.topic, o.key, o.payload, o.dossier_code as "dossierCode",
         o.attempts, o.created_at as "createdAt", o.state, o.last_error as "lastError",
         (o.payload ? 'redacted') as redacted
       from outbox o where o.province_code = $1 and o.id = $2 for update`,
      [d.provinceCode, d.id],
    );
    const m = rows[0];
    if (!m) throw new AppError("NOT_FOUND");
    const message: OutboxMessage = { ...m, at: d.now };
    if (action === "retry") {
      if (m.state !== "dead" && !(m.state === "pending" && m.lastError !== null))
        throw new AppError(DeliveryErrors.OUTBOX_NOT_RETRYABLE);
      if (m.redacted) throw new AppError(DeliveryErrors.OUTBOX_REDACTED);
      // A fresh start: due now, with every attempt again (the last error stays until it succeeds).
      await q.query(
        `update outbox set state = 'pending', attempts = 0, next_attempt_at = null, leased_until = null,
           lease_token = null where province_code = $1 and id = $2`,
        [d.provinceCode, d.id],
      );
      await d.delivery.changed(q, message, { state: "pending", note: d.reason });
    } else {
      if (m.state !== "dead" && m.state !== "pending")
        throw new AppError(DeliveryErrors.OUTBOX_NOT_DISCARDABLE);
      await q.query(
        `update outbox set state = 'discarded', discarded_at = $3, discard_reason = $4, discarded_by = $5,
           leased_until = null, lease_token = null, next_attempt_at = null,
           payload = coalesce(redacted_payload, payload), redacted_payload = null
         where province_code = $1 and id = $2`,
        [d.provinceCode, d.id, d.now, d.reason, d.admin.username],
      );
      await d.delivery.changed(q, message, { state: "discarded", note: d.reason });
    }
    await audit(q, {
      actor: { kind: "officer", id: d.admin.username },
      action: `outbox.${action}`,
      outcome: "allowed",
      resource: `outbox:${d.provinceCode}:${d.id}`,
      provinceCode: d.provinceCode,
      requestId: d.requestId,
      detail: { reason: d.reason, topic: m.topic, key: m.key, previousState: m.state, attempts: m.attempts },
    });
    return {
      state: action === "retry" ? "pending" : "discarded",
      attempts: action === "retry" ? 0 : m.attempts,
    };
  });
}

/**
 * An administrator sends a dead (or failing) message again: pending, due now, its attempts counted
 * from zero; audited with the reason. 409 when it was delivered or discarded, or its content was
 * erased (a one-time code).
 */
export const retryMessage = (db: Db, d: Decision) => decide(db, d, "retry");

/** An administrator gives a pending or dead message up, with a reason (audited); never delivered. */
export const discardMessage = (db: Db, d: Decision) => decide(db, d, "discard");
