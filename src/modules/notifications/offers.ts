import type { Queryable } from "../../db/client.js";
import { enqueue, type OutboxMessage } from "../delivery/index.js";
import { contactForNotification } from "../exchange/index.js";
import type { Channels } from "./channels.js";
import { insertOfferNotification, setMessage } from "./repository.js";

/** The topic a new offer is told by (queued by the linked module in the offer's transaction). */
export const OFFER_TOPIC = "linked.offer";

/**
 * A linked group offered to one person (a parent of a newborn, an adult of a deceased's
 * household): what to tell them, the group named in plain words; `path`, the portal's address of
 * the prefilled application (the link the SMS and the e-mail carry).
 */
export type OfferNews = {
  personalNumber: string;
  offerId: string;
  groupCode: string;
  path: string;
  /**
   * The absolute link (PUBLIC_URL + `path`), made when the offer is created. Absent in offers
   * queued before it existed: the link is then this process's `publicUrl` + `path`.
   */
  url?: string | undefined;
  textVi: string;
  textEn: string;
  /**
   * The SMS's shorter text (the link follows): a Vietnamese SMS is sent in UCS-2, 67 characters a
   * part once split, so the group's summary stays in the e-mail. Absent in offers queued before it
   * existed: the SMS then carries `textVi`.
   */
  smsVi?: string | undefined;
  subjectVi: string;
  subjectEn: string;
};

/**
 * `linked.offer` → one notification per channel the person has on file and the platform has, each
 * sent by its own `notify.send` (as a dossier's news), its text ending with the link. Told once per
 * offer and channel: a redelivered message finds the notification already there and sends nothing.
 */
export async function fanOutOffer(
  q: Queryable,
  m: OutboxMessage,
  channels: Channels,
  news: OfferNews,
): Promise<void> {
  const contact = await contactForNotification(q, news.personalNumber);
  if (!contact) return;
  const link = news.url ?? `${channels.publicUrl}${news.path}`;
  for (const channel of ["email", "sms"] as const) {
    if (!(channel === "email" ? contact.email && channels.email : contact.phone && channels.sms)) continue;
    const id = await insertOfferNotification(
      q,
      {
        provinceCode: m.provinceCode,
        offerId: news.offerId,
        personalNumber: news.personalNumber,
        channel,
        event: `offer:${news.groupCode}`,
        textVi:
          channel === "sms" && news.smsVi
            ? `${news.smsVi} ${link}`
            : `${news.textVi} Mở hồ sơ đã điền sẵn: ${link}`,
        textEn: `${news.textEn} Open the prefilled application: ${link}`,
      },
      m.at,
    );
    if (id === undefined) continue;
    const messageId = await enqueue(q, {
      topic: "notify.send",
      key: `${channel}:offer:${news.offerId}`,
      payload: { notificationId: id, subjectVi: news.subjectVi, subjectEn: news.subjectEn },
      provinceCode: m.provinceCode,
      at: m.at,
    });
    await setMessage(q, m.provinceCode, id, messageId);
  }
}
