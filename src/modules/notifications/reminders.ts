import type { Queryable } from "../../db/client.js";
import { enqueue, type OutboxMessage } from "../delivery/index.js";
import { contactForNotification } from "../exchange/index.js";
import type { Channels } from "./channels.js";
import { insertGroupNotification, setMessage } from "./repository.js";

/** The topic a reminder to a household head is told by (queued by the linked module with the reminder). */
export const HEAD_REMINDER_TOPIC = "linked.head_reminder";

/**
 * The topic of any other news about a linked group to one person (queued by the linked module in
 * the transaction of what it tells): the head asked to consent when the group is filed, the
 * applicant told the head refused.
 */
export const GROUP_NEWS_TOPIC = "linked.group_news";

/**
 * News about a linked group (issue 12) to one person (`personalNumber`), in plain words, vi then
 * en: a reminder to the head of the household a birth group's child is to join (`event`
 * "head_reminder", the default: messages queued before `event` existed), the head's first request,
 * the applicant told of the head's refusal. `smsVi`, the SMS's shorter text; `path`, the portal's
 * page each text ends with (default the home page, where a head's requests wait).
 */
export type GroupNews = {
  personalNumber: string;
  groupId: string;
  event?: string;
  path?: string;
  textVi: string;
  textEn: string;
  smsVi: string;
  subjectVi: string;
  subjectEn: string;
};

/**
 * `linked.head_reminder` and `linked.group_news` → one notification per channel the person has on
 * file and the platform has, about the group, each sent by its own `notify.send` (as a dossier's
 * news). A person with neither is told nothing here; the group's page still says it.
 */
export async function fanOutGroupNews(
  q: Queryable,
  m: OutboxMessage,
  channels: Channels,
  news: GroupNews,
): Promise<void> {
  const contact = await contactForNotification(q, news.personalNumber);
  if (!contact) return;
  const page = `${channels.publicUrl}${news.path ?? "/"}`;
  for (const channel of ["email", "sms"] as const) {
    if (!(channel === "email" ? contact.email && channels.email : contact.phone && channels.sms)) continue;
    const id = await insertGroupNotification(
      q,
      {
        provinceCode: m.provinceCode,
        groupId: news.groupId,
        personalNumber: news.personalNumber,
        channel,
        event: news.event ?? "head_reminder",
        // Each ends with the portal's address of the page where it is answered or explained.
        textVi: `${channel === "sms" ? news.smsVi : news.textVi} ${page}`,
        textEn: `${news.textEn} ${page}`,
      },
      m.at,
    );
    const messageId = await enqueue(q, {
      topic: "notify.send",
      key: `${channel}:group:${news.groupId}`,
      payload: { notificationId: id, subjectVi: news.subjectVi, subjectEn: news.subjectEn },
      provinceCode: m.provinceCode,
      at: m.at,
    });
    await setMessage(q, m.provinceCode, id, messageId);
  }
}
