import type { Db, Queryable } from "../../db/client.js";
import { type Delivery, enqueue, type OutboxMessage, type StateChange } from "../delivery/index.js";
import {
  type CitizenNews,
  HEAD_REQUEST_EVENT,
  HEAD_REQUEST_TOPIC,
  type HeadRequestNews,
  maskCodes,
  maskPhone,
  type SmsSink,
} from "../dossiers/index.js";
import { contactForNotification } from "../exchange/index.js";
import { type Channels, maskEmail, reachingChannels } from "./channels.js";
import { fanOutOffer, OFFER_TOPIC, type OfferNews } from "./offers.js";
import {
  fanOutGroupNews,
  fanOutHeadRequest,
  GROUP_NEWS_TOPIC,
  type GroupNews,
  HEAD_REMINDER_TOPIC,
} from "./reminders.js";
import { findNotification, insertInApp, insertNotification, setMessage, setStatus } from "./repository.js";

/** What `notify.send` carries: the notification, and for a one-time code the text itself (redacted once sent). */
type SendOrder = {
  notificationId: number;
  communeCode?: string | null;
  subjectVi?: string;
  subjectEn?: string;
  phone?: string;
  textVi?: string;
  textEn?: string;
};

/** What a send did: the status it reached and the masked address; for the demo phone, the SMS to write. */
type Sent = {
  status: "sent" | "delivered";
  recipient: string;
  demo?: {
    personalNumber: string;
    phone: string;
    communeCode: string | null;
    textVi: string;
    textEn: string;
  };
};

const sendKey = (channel: string, dossierId: string) => `${channel}:${dossierId}`;

/**
 * `notify.citizen` → one notification per channel the citizen has on file and the platform has
 * (e-mail with SMTP_URL, SMS with a gateway or the demo phone), each `queued` and carried by its
 * own `notify.send` message, keyed by channel and dossier (a failing mailbox never holds back
 * the SMS, nor either the dossier's own messages).
 */
async function fanOut(q: Queryable, m: OutboxMessage, channels: Channels, news: CitizenNews): Promise<void> {
  // News that is no dossier action (listed in-app from the dossier's log): the group's in-app copy.
  if (news.groupId)
    await insertInApp(
      q,
      {
        provinceCode: m.provinceCode,
        groupId: news.groupId,
        personalNumber: news.applicantNumber,
        event: news.action,
        textVi: news.textVi,
        textEn: news.textEn,
      },
      m.at,
    );
  const contact = await contactForNotification(q, news.applicantNumber);
  for (const channel of reachingChannels(contact, channels)) {
    const id = await insertNotification(
      q,
      {
        provinceCode: m.provinceCode,
        dossierId: news.dossierId,
        personalNumber: news.applicantNumber,
        channel,
        event: news.action,
        textVi: news.textVi,
        textEn: news.textEn,
      },
      m.at,
    );
    const order: SendOrder = {
      notificationId: id,
      communeCode: news.communeCode,
      subjectVi: `Một Lần: hồ sơ “${news.procedureVi}”${news.code ? ` (mã ${news.code})` : ""}`,
      subjectEn: `Một Lần: “${news.procedureEn}” dossier${news.code ? ` (${news.code})` : ""}`,
    };
    const messageId = await enqueue(q, {
      topic: "notify.send",
      key: sendKey(channel, news.dossierId),
      payload: order,
      provinceCode: m.provinceCode,
      at: m.at,
      dossierCode: m.dossierCode,
    });
    await setMessage(q, m.provinceCode, id, messageId);
  }
}

/** The network half of `notify.send`, outside any transaction: the e-mail or the gateway's SMS. */
async function send(db: Db, m: OutboxMessage, channels: Channels): Promise<Sent> {
  const order = m.payload as SendOrder;
  const n = await findNotification(db, m.provinceCode, order.notificationId);
  if (!n) throw new Error(`notification ${m.provinceCode}:${order.notificationId} does not exist`);
  const textVi = order.textVi ?? n.textVi;
  const textEn = order.textEn ?? n.textEn;
  const contact = order.phone ? undefined : await contactForNotification(db, n.personalNumber);
  if (n.channel === "email") {
    const to = contact?.email;
    if (!channels.email) throw new Error("no e-mail channel is configured (SMTP_URL)");
    if (!to) throw new Error("the citizen has no e-mail address on file any more");
    // A dossier's news links to the dossier; an offer's text, and the head's request (the head
    // answers on the home page, not on the applicant's dossier), carry their own link already.
    const link =
      n.dossierId && n.event !== HEAD_REQUEST_EVENT ? `${channels.publicUrl}/ho-so/${n.dossierId}` : null;
    const vi = link ? `${textVi}\n\nXem hồ sơ: ${link}` : textVi;
    const en = link ? `${textEn}\n\nSee the dossier: ${link}` : textEn;
    await channels.email.send({
      to,
      subject: order.subjectVi ? `${order.subjectVi} / ${order.subjectEn}` : "Một Lần",
      text: `${vi}\n\n—\n\n${en}\n\n—\nMột Lần: thư tự động, xin đừng trả lời. / An automatic message, please do not reply.\n`,
      messageId: `<outbox.${m.provinceCode}.${m.id}@mot-lan>`,
    });
    return { status: "sent", recipient: maskEmail(to) };
  }
  const phone = order.phone ?? contact?.phone;
  if (!channels.sms) throw new Error("no SMS channel is configured (SMS_GATEWAY_URL)");
  if (!phone) throw new Error("the citizen has no phone number on file any more");
  if (channels.sms.kind === "demo") {
    const demo = {
      personalNumber: n.personalNumber,
      phone,
      communeCode: order.communeCode ?? null,
      textVi,
      textEn,
    };
    return { status: "delivered", recipient: maskPhone(phone), demo };
  }
  const status = await channels.sms.send({ to: phone, text: textVi, reference: `${m.provinceCode}-${m.id}` });
  return { status, recipient: maskPhone(phone) };
}

/** The database half of `notify.send`, in the delivery's transaction: the demo phone, the status. */
async function record(q: Queryable, m: OutboxMessage, sent: Sent): Promise<void> {
  const order = m.payload as SendOrder;
  if (sent.demo) {
    const d = sent.demo;
    await q.query(
      `insert into demo_sms (personal_number, phone, commune_code, province_code, text_vi, text_en)
       values ($1, $2, $3, $4, $5, $6)`,
      [d.personalNumber, d.phone, d.communeCode, m.provinceCode, d.textVi, d.textEn],
    );
  }
  await setStatus(q, m.provinceCode, order.notificationId, {
    status: sent.status,
    at: m.at,
    recipient: sent.recipient,
  });
}

/** A `notify.send` message died, was discarded or is sent again: its notification says so. */
async function onState(q: Queryable, m: OutboxMessage, change: StateChange): Promise<void> {
  const order = m.payload as SendOrder;
  const error = change.state === "discarded" ? `discarded: ${change.note}` : change.note;
  await setStatus(q, m.provinceCode, order.notificationId, {
    status: change.state === "pending" ? "queued" : "failed",
    at: m.at,
    error: change.state === "pending" ? undefined : error,
    failure:
      change.state === "pending" ? undefined : change.state === "dead" ? "SEND_FAILED" : "SEND_CANCELLED",
  });
}

/**
 * Registers the notification topics with the dispatcher: `notify.citizen` (a submission's
 * included), `linked.offer`, `linked.head_reminder`, `linked.group_news`, `notify.head_request`
 * and `notify.send`.
 */
export function registerNotificationHandlers(delivery: Delivery, o: { db: Db; channels: Channels }): void {
  delivery.registerHandler("notify.citizen", (q, m) => fanOut(q, m, o.channels, m.payload as CitizenNews));
  // A linked group offered to a person (a birth or death notice arrived): told once per channel.
  delivery.registerHandler(OFFER_TOPIC, (q, m) => fanOutOffer(q, m, o.channels, m.payload as OfferNews));
  // A household head reminded of a birth group's child waiting for their consent; any other news
  // of a group to one person (the head's first request, the applicant told of the head's refusal).
  for (const topic of [HEAD_REMINDER_TOPIC, GROUP_NEWS_TOPIC])
    delivery.registerHandler(topic, (q, m) => fanOutGroupNews(q, m, o.channels, m.payload as GroupNews));
  // The head of a spouse's household asked to consent to a dossier just submitted (issue 14).
  delivery.registerHandler(HEAD_REQUEST_TOPIC, (q, m) =>
    fanOutHeadRequest(q, m, o.channels, m.payload as HeadRequestNews),
  );
  delivery.registerHandler<Sent>("notify.send", (q, m, sent) => record(q, m, sent), {
    send: (m) => send(o.db, m, o.channels),
    onState,
  });
}

/**
 * The SMS sink of one-time codes (assisted filing): a notification whose stored text has the code
 * masked, and a `notify.send` message that carries the code to the gateway and is redacted once
 * delivered, dead or discarded, so no table keeps the code after its SMS (the demo phone, which is
 * the citizen's, aside).
 */
export const queueSms: SmsSink = async (q, m) => {
  const id = await insertNotification(
    q,
    {
      provinceCode: m.provinceCode,
      dossierId: m.dossierId,
      personalNumber: m.personalNumber,
      channel: "sms",
      event: "otp",
      textVi: maskCodes(m.textVi),
      textEn: maskCodes(m.textEn),
    },
    m.at,
  );
  const order: SendOrder = {
    notificationId: id,
    communeCode: m.communeCode,
    phone: m.phone,
    textVi: m.textVi,
    textEn: m.textEn,
  };
  const messageId = await enqueue(q, {
    topic: "notify.send",
    key: sendKey("sms", m.dossierId),
    payload: order,
    redactedPayload: { notificationId: id, communeCode: m.communeCode, redacted: true },
    provinceCode: m.provinceCode,
    at: m.at,
  });
  await setMessage(q, m.provinceCode, id, messageId);
};
