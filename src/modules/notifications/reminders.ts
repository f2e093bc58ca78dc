import type { Queryable } from "../../db/client.js";
import { enqueue, type OutboxMessage } from "../delivery/index.js";
import { HEAD_REQUEST_EVENT, type HeadRequestNews } from "../dossiers/index.js";
import { contactForNotification } from "../exchange/index.js";
import { type Channels, reachingChannels } from "./channels.js";
import {
  insertGroupNotification,
  insertInApp,
  insertNotification,
  type NewNotification,
  setMessage,
} from "./repository.js";

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
 * The channels by which what this module sends reaches `personalNumber` now (their contact on file,
 * the platform's channels: `reachingChannels`); empty when nothing would reach them. A module that
 * must not promise a message that reaches nobody asks first (a reminder to a household head).
 */
export async function channelsReaching(
  q: Queryable,
  channels: Pick<Channels, "email" | "sms">,
  personalNumber: string,
): Promise<Array<"email" | "sms">> {
  return reachingChannels(await contactForNotification(q, personalNumber), channels);
}

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
  // In the person's in-app list, whatever channels reach them; the list links the page itself.
  await inAppCopy(q, m, news, news.event ?? "head_reminder", { groupId: news.groupId });
  await fanOutToHead(q, m, channels, news, news.event ?? "head_reminder", `group:${news.groupId}`, (n, at) =>
    insertGroupNotification(q, { ...n, groupId: news.groupId }, at),
  );
}

/**
 * A message's text without the words leading to the page's address the SMS and e-mail end with
 * ("Xem nhóm hồ sơ:"): the in-app list links the page itself.
 */
export const withoutAddressLead = (text: string): string =>
  text.replace(/(?<=[.!?])\s+[^.!?]*:\s*$/, "").trim();

/**
 * The in-app copy of a message to one person (`insertInApp`), in the message's full words but for
 * the lead to the page's address: the list links the page itself.
 */
async function inAppCopy(
  q: Queryable,
  m: OutboxMessage,
  news: Pick<HeadNews, "personalNumber" | "textVi" | "textEn">,
  event: string,
  about: { groupId: string } | { dossierId: string },
): Promise<void> {
  await insertInApp(
    q,
    {
      provinceCode: m.provinceCode,
      personalNumber: news.personalNumber,
      event,
      textVi: withoutAddressLead(news.textVi),
      textEn: withoutAddressLead(news.textEn),
      ...about,
    },
    m.at,
  );
}

/**
 * `notify.head_request` (issue 14) → the head of a spouse's household told that a dossier waits for
 * their consent: its in-app copy in the head's list (whatever channels reach him; it links his home
 * page, "Đề nghị chờ tôi đồng ý"), and on each channel he has a notification of the dossier
 * addressed to him (the officer sees those with the dossier's; the applicant only her own).
 */
export async function fanOutHeadRequest(
  q: Queryable,
  m: OutboxMessage,
  channels: Channels,
  news: HeadRequestNews,
): Promise<void> {
  await inAppCopy(q, m, news, HEAD_REQUEST_EVENT, { dossierId: news.dossierId });
  await fanOutToHead(q, m, channels, news, HEAD_REQUEST_EVENT, news.dossierId, (n, at) =>
    insertNotification(q, { ...n, dossierId: news.dossierId }, at),
  );
}

type HeadNews = Pick<
  GroupNews,
  "personalNumber" | "path" | "textVi" | "textEn" | "smsVi" | "subjectVi" | "subjectEn"
>;

/** One notification per channel the person has on file and the platform has, each ending with the portal's address. */
async function fanOutToHead(
  q: Queryable,
  m: OutboxMessage,
  channels: Channels,
  news: HeadNews,
  event: string,
  key: string,
  insert: (n: NewNotification, at: Date) => Promise<number>,
): Promise<void> {
  const page = `${channels.publicUrl}${news.path ?? "/"}`;
  for (const channel of await channelsReaching(q, channels, news.personalNumber)) {
    const id = await insert(
      {
        provinceCode: m.provinceCode,
        personalNumber: news.personalNumber,
        channel,
        event,
        // Each ends with the portal's address of the page where it is answered or explained.
        textVi: `${channel === "sms" ? news.smsVi : news.textVi} ${page}`,
        textEn: `${news.textEn} ${page}`,
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
