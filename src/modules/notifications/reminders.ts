import type { Queryable } from "../../db/client.js";
import { enqueue, type OutboxMessage } from "../delivery/index.js";
import { HEAD_REQUEST_EVENT, type HeadRequestNews } from "../dossiers/index.js";
import { contactForNotification } from "../exchange/index.js";
import type { Channels } from "./channels.js";
import {
  insertGroupNotification,
  insertNotification,
  type NewNotification,
  setMessage,
} from "./repository.js";

/** The topic a reminder to a household head is told by (queued by the linked module with the reminder). */
export const HEAD_REMINDER_TOPIC = "linked.head_reminder";

/**
 * A reminder to the head of the household a birth group's child is to join (issue 12): who asks,
 * for which child and group, in plain words; `smsVi`, the SMS's shorter text (the portal's address
 * follows it).
 */
export type HeadReminderNews = {
  personalNumber: string;
  groupId: string;
  textVi: string;
  textEn: string;
  smsVi: string;
  subjectVi: string;
  subjectEn: string;
};

/**
 * `linked.head_reminder` → one notification per channel the head has on file and the platform
 * has, about the group, each sent by its own `notify.send` (as a dossier's news). A head with
 * neither is told nothing here; the request still waits on their home page.
 */
export async function fanOutReminder(
  q: Queryable,
  m: OutboxMessage,
  channels: Channels,
  news: HeadReminderNews,
): Promise<void> {
  await fanOutToHead(q, m, channels, news, "head_reminder", `group:${news.groupId}`, (n, at) =>
    insertGroupNotification(q, { ...n, groupId: news.groupId }, at),
  );
}

/**
 * `notify.head_request` (issue 14) → the head of a spouse's household told, on each channel they
 * have, that a dossier waits for their consent: notifications of the dossier addressed to the head
 * (the officer sees them with the dossier's; the applicant only her own).
 */
export async function fanOutHeadRequest(
  q: Queryable,
  m: OutboxMessage,
  channels: Channels,
  news: HeadRequestNews,
): Promise<void> {
  await fanOutToHead(q, m, channels, news, HEAD_REQUEST_EVENT, news.dossierId, (n, at) =>
    insertNotification(q, { ...n, dossierId: news.dossierId }, at),
  );
}

type HeadNews = Pick<
  HeadReminderNews,
  "personalNumber" | "textVi" | "textEn" | "smsVi" | "subjectVi" | "subjectEn"
>;

/** One notification per channel the head has on file and the platform has, each ending with the portal's address. */
async function fanOutToHead(
  q: Queryable,
  m: OutboxMessage,
  channels: Channels,
  news: HeadNews,
  event: string,
  key: string,
  insert: (n: NewNotification, at: Date) => Promise<number>,
): Promise<void> {
  const contact = await contactForNotification(q, news.personalNumber);
  if (!contact) return;
  const home = `${channels.publicUrl}/`;
  for (const channel of ["email", "sms"] as const) {
    if (!(channel === "email" ? contact.email && channels.email : contact.phone && channels.sms)) continue;
    const id = await insert(
      {
        provinceCode: m.provinceCode,
        personalNumber: news.personalNumber,
        channel,
        event,
        // Each ends with the portal's address: the request waits on the head's home page.
        textVi: `${channel === "sms" ? news.smsVi : news.textVi} ${home}`,
        textEn: `${news.textEn} ${home}`,
      },
      m.at,
    );
    const messageId = await enqueue(q, {
      topic: "notify.send",
      key: `${channel}:${key}`,
      payload: { notificationId: id, subjectVi: news.subjectVi, subjectEn: news.subjectEn },
      provinceCode: m.provinceCode,
      at: m.at,
    });
    await setMessage(q, m.provinceCode, id, messageId);
  }
}
