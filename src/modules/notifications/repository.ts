import type { Queryable } from "../../db/client.js";
import {
  type DeliveryReport,
  type NotificationFailure,
  type NotificationStatus,
  statusOnReport,
} from "../../domain/delivery.js";

/**
 * SQL of the notifications table: one row per SMS or e-mail about a dossier, or about a linked
 * group's offer (`dossierId` null, migration 310) or about a linked group (a reminder to a household
 * head, migration 360), with its status. The in-app copies (channel 'app', `insertInApp`) are rows
 * too, read only by the person's list (`inAppNewsOf`), never as a `NotificationRow`.
 */
export type NotificationRow = {
  id: number;
  provinceCode: string;
  dossierId: string | null;
  personalNumber: string;
  channel: "sms" | "email";
  event: string;
  recipient: string | null;
  textVi: string;
  textEn: string;
  status: NotificationStatus;
  error: string | null;
  failureCode: NotificationFailure | null;
  createdAt: Date;
  statusAt: Date;
};

export type NewNotification = Pick<
  NotificationRow,
  "provinceCode" | "personalNumber" | "channel" | "event" | "textVi" | "textEn"
>;

export async function insertNotification(
  q: Queryable,
  n: NewNotification & { dossierId: string },
  at: Date,
): Promise<number> {
  const { rows } = await q.query<{ id: number }>(
    `insert into notifications (province_code, dossier_id, personal_number, channel, event, text_vi, text_en,
       status, created_at, status_at)
     values ($1, $2, $3, $4, $5, $6, $7, 'queued', $8, $8) returning id`,
    [n.provinceCode, n.dossierId, n.personalNumber, n.channel, n.event, n.textVi, n.textEn, at],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error("notifications insert returned no id");
  return id;
}

/**
 * A notification of an offer (`offerId`, one of `linked_offers`), once per offer and channel:
 * undefined when that offer was already told on that channel (a redelivery tells nothing again).
 */
export async function insertOfferNotification(
  q: Queryable,
  n: NewNotification & { offerId: string },
  at: Date,
): Promise<number | undefined> {
  const { rows } = await q.query<{ id: number }>(
    `insert into notifications (province_code, offer_id, personal_number, channel, event, text_vi, text_en,
       status, created_at, status_at)
     values ($1, $2, $3, $4, $5, $6, $7, 'queued', $8, $8)
     on conflict (province_code, offer_id, channel) where offer_id is not null do nothing returning id`,
    [n.provinceCode, n.offerId, n.personalNumber, n.channel, n.event, n.textVi, n.textEn, at],
  );
  return rows[0]?.id;
}

/**
 * A notification about a linked group (a reminder to a household head, migration 360): one per
 * reminder and channel, the reminder's message delivered once.
 */
export async function insertGroupNotification(
  q: Queryable,
  n: NewNotification & { groupId: string },
  at: Date,
): Promise<number> {
  const { rows } = await q.query<{ id: number }>(
    `insert into notifications (province_code, group_id, personal_number, channel, event, text_vi, text_en,
       status, created_at, status_at)
     values ($1, $2, $3, $4, $5, $6, $7, 'queued', $8, $8) returning id`,
    [n.provinceCode, n.groupId, n.personalNumber, n.channel, n.event, n.textVi, n.textEn, at],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error("notifications insert returned no id");
  return id;
}

/**
 * The in-app copy of a message to one person (channel 'app', migrations 363 and 365): a linked
 * group's news (`groupId`) or the head of a spouse's household asked to consent (`dossierId`, the
 * spouse's dossier). Listed with the person's notifications (`/api/me/notifications`, by
 * `inAppNewsOf`), never sent, so delivered as written; written whatever channels reach the person
 * (a head with neither phone nor e-mail still finds it there). Exactly one of `groupId` and
 * `dossierId`.
 */
export async function insertInApp(
  q: Queryable,
  n: Omit<NewNotification, "channel"> & ({ groupId: string } | { dossierId: string }),
  at: Date,
): Promise<void> {
  const groupId = "groupId" in n ? n.groupId : null;
  const dossierId = "dossierId" in n ? n.dossierId : null;
  await q.query(
    `insert into notifications (province_code, group_id, dossier_id, personal_number, channel, event, text_vi,
       text_en, status, created_at, status_at)
     values ($1, $2, $3, $4, 'app', $5, $6, $7, 'delivered', $8, $8)`,
    [n.provinceCode, groupId, dossierId, n.personalNumber, n.event, n.textVi, n.textEn, at],
  );
}

export async function setMessage(q: Queryable, provinceCode: string, id: number, messageId: number) {
  await q.query("update notifications set message_id = $3 where province_code = $1 and id = $2", [
    provinceCode,
    id,
    messageId,
  ]);
}

export async function findNotification(
  q: Queryable,
  provinceCode: string,
  id: number,
): Promise<NotificationRow | undefined> {
  const { rows } = await q.query<NotificationRow>(
    `select id, province_code as "provinceCode", dossier_id as "dossierId", personal_number as "personalNumber",
       channel, event, recipient, text_vi as "textVi", text_en as "textEn", status, error,
       failure_code as "failureCode", created_at as "createdAt", status_at as "statusAt"
     from notifications where province_code = $1 and id = $2`,
    [provinceCode, id],
  );
  return rows[0];
}

/**
 * Sets a notification's status at `at`; `recipient` is kept when not given, `error` and its
 * `failure` code cleared unless given.
 */
export async function setStatus(
  q: Queryable,
  provinceCode: string,
  id: number,
  s: {
    status: NotificationStatus;
    at: Date;
    recipient?: string | undefined;
    error?: string | undefined;
    failure?: NotificationFailure | undefined;
  },
): Promise<void> {
  await q.query(
    `update notifications set status = $3, status_at = $4, recipient = coalesce($5, recipient), error = $6,
       failure_code = $7
     where province_code = $1 and id = $2`,
    [provinceCode, id, s.status, s.at, s.recipient ?? null, s.error ?? null, s.failure ?? null],
  );
}

/**
 * Applies an SMS gateway's delivery report to the notification sent as outbox message
 * `messageId` of `provinceCode` (the report's reference), at `at`: its status changes by
 * `statusOnReport` (src/domain/delivery.ts). Returns the status it now has, whether the report
 * changed it, and undefined when no SMS notification was sent as that message.
 */
export async function applyDeliveryReport(
  q: Queryable,
  r: {
    provinceCode: string;
    messageId: number;
    report: DeliveryReport;
    error?: string | undefined;
    at: Date;
  },
): Promise<{ status: NotificationStatus; changed: boolean } | undefined> {
  const { rows } = await q.query<{ id: number; status: NotificationStatus }>(
    `select id, status from notifications where province_code = $1 and message_id = $2 and channel = 'sms'
     for update`,
    [r.provinceCode, r.messageId],
  );
  const n = rows[0];
  if (!n) return undefined;
  const next = statusOnReport(n.status, r.report);
  if (!next) return { status: n.status, changed: false };
  await setStatus(q, r.provinceCode, n.id, {
    status: next,
    at: r.at,
    error: next === "failed" ? (r.error ?? "the gateway reported the SMS undelivered") : undefined,
    failure: next === "failed" ? "NOT_DELIVERED" : undefined,
  });
  return { status: next, changed: true };
}

/**
 * The SMS and e-mails of one dossier, oldest first (its in-app copies, channel 'app', are the
 * person's own list: `/api/me/notifications`).
 */
export async function notificationsOfDossier(
  q: Queryable,
  d: { provinceCode: string; id: string },
): Promise<NotificationRow[]> {
  const { rows } = await q.query<NotificationRow>(
    `select id, province_code as "provinceCode", dossier_id as "dossierId", personal_number as "personalNumber",
       channel, event, recipient, text_vi as "textVi", text_en as "textEn", status, error,
       failure_code as "failureCode", created_at as "createdAt", status_at as "statusAt"
     from notifications where province_code = $1 and dossier_id = $2 and channel <> 'app' order by id`,
    [d.provinceCode, d.id],
  );
  return rows;
}
