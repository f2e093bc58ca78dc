import { z } from "zod";
import { NOTIFICATION_FAILURES, NOTIFICATION_STATUSES, QUEUE_VIEWS } from "../delivery.js";
import { DELIVERY_REASON_MIN, PROVINCE_CODE_PATTERN, TEXT_LIMITS } from "../inputs.js";

/** A message of the outbox on the administrator's page (GET /api/admin/outbox). */
export const QueueItem = z
  .object({
    provinceCode: z.string(),
    id: z.number(),
    topic: z.string(),
    key: z.string(),
    dossierCode: z.string().nullable(),
    view: z.enum(QUEUE_VIEWS),
    attempts: z.number(),
    createdAt: z.date(),
    lastAttemptAt: z.date().nullable(),
    /** When a failed message is tried again (null: due now, or dead). */
    nextAttemptAt: z.date().nullable(),
    lastError: z.string().nullable(),
    /** A discarded message: when, by which administrator, and why (null otherwise). */
    discardedAt: z.date().nullable(),
    discardedBy: z.string().nullable(),
    discardReason: z.string().nullable(),
  })
  .meta({ id: "QueueItem" });

export const QueueList = z
  .object({
    items: z.array(QueueItem),
    total: z.number(),
    counts: z.object({ pending: z.number(), failed: z.number(), dead: z.number(), discarded: z.number() }),
  })
  .meta({ id: "QueueList" });

/** An administrator's retry or discard of one message (province and id), and why (written to the audit log). */
export const QueueDecision = z
  .object({
    provinceCode: z.string().regex(PROVINCE_CODE_PATTERN, { message: "UNKNOWN_PROVINCE" }),
    id: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    reason: z.string().trim().min(DELIVERY_REASON_MIN).max(TEXT_LIMITS.deliveryReason),
  })
  .strict()
  .meta({ id: "QueueDecision" });

export const QueueDecided = z.object({
  provinceCode: z.string(),
  id: z.number(),
  state: z.enum(["pending", "discarded"]),
  attempts: z.number(),
});

/** One SMS or e-mail about a dossier, with its delivery status (GET /api/dossiers/:id/notifications). */
export const NotificationItem = z
  .object({
    id: z.number(),
    channel: z.enum(["sms", "email"]),
    /** The dossier action told of ("receive", …), or "otp" for a one-time code. */
    event: z.string(),
    /** Masked address (090****456), once sent. */
    recipient: z.string().nullable(),
    textVi: z.string(),
    textEn: z.string(),
    status: z.enum(NOTIFICATION_STATUSES),
    /** Why it failed, when it did: a stable code, and in plain words for the citizen. */
    failureCode: z.enum(NOTIFICATION_FAILURES).nullable(),
    failureVi: z.string().nullable(),
    failureEn: z.string().nullable(),
    /** The technical error (officers and administrators only; null for the citizen). */
    error: z.string().nullable(),
    createdAt: z.date(),
    /** When it reached its status. */
    statusAt: z.date(),
  })
  .meta({ id: "NotificationItem" });

export const DossierNotifications = z
  .object({ items: z.array(NotificationItem) })
  .meta({ id: "DossierNotifications" });
