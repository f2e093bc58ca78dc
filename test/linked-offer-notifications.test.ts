import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { loadKeys } from "../src/lib/secrets.js";
import { enqueue } from "../src/modules/delivery/index.js";
import { sendBirthNotice } from "../src/modules/exchange/index.js";
import { engine } from "./helpers/db.js";
import { A, people } from "./helpers/fixtures.js";
import { Browser, startTestServer, TEST_START, type TestServer } from "./helpers/server.js";
import { type SmsRequest, startMailSink, startSmsGateway } from "./helpers/sinks.js";

/**
 * Proactive offers told by SMS and e-mail (issue 12 point 5), through the notifications the
 * dossiers use: a real SMTP server (`smtp-server`, on 127.0.0.1) receives the e-mail, an SMS
 * gateway on 127.0.0.1 the SMS. The offer's group is named and the link opens the prefilled
 * application; an offer is told once per person and channel, never again on a redelivery.
 */
let mailSink: Awaited<ReturnType<typeof startMailSink>>;
let gateway: Awaited<ReturnType<typeof startSmsGateway>>;
let mails: ParsedMail[] = [];
let sms: SmsRequest[] = [];
let s: TestServer;

beforeAll(async () => {
  mailSink = await startMailSink();
  gateway = await startSmsGateway();
  mails = mailSink.mails;
  sms = gateway.sms;
  s = await startTestServer(
    {
      SMTP_URL: `smtp://127.0.0.1:${mailSink.port}`,
      SMTP_FROM: "Một Lần <thongbao@motlan.test>",
      SMS_GATEWAY_URL: gateway.url,
      SMS_GATEWAY_TOKEN: "gateway-token",
    },
    { now: () => TEST_START, delivery: "manual" },
  );
  const mother = new Browser(s.baseUrl);
  await mother.signIn(people.mother.pn);
  const contact = await mother.send("PUT", "/api/me/contact", {
    phone: "0912345678",
    email: "binh.tran@example.vn",
  });
  expect(contact.status).toBe(200);
}, 120_000);
afterAll(async () => {
  await s?.close();
  await mailSink?.close();
  await gateway?.close();
});

const NOTICE = {
  noticeId: "GCS-MSG-0042",
  facility: "Bệnh viện Đà Nẵng",
  communeCode: A.commune,
  birthAt: "2026-11-03T08:15:00+07:00",
  childSex: "F" as const,
  weightGrams: 3000,
  motherNumber: people.mother.pn,
  fatherNumber: people.father.pn,
};

async function sendNotice() {
  const keys = await loadKeys(loadConfig({ DATA_DIR: s.tdb.dataDir }));
  await s.db.tx((q) => sendBirthNotice(q, keys.agencies, NOTICE, A.province, TEST_START));
  for (let i = 0; i < 4; i++) await s.drain();
}

const toMother = () =>
  mails.filter((m) => (m.to && !Array.isArray(m.to) ? m.to.text : "") === "binh.tran@example.vn");

describe(`an offer is told by e-mail and SMS, once (${engine})`, () => {
  it("the mother gets one e-mail and one SMS naming the birth group, with the link to the offer", async () => {
    await sendNotice();
    const offers = await s.db.query<{ id: string }>(
      "select id from linked_offers where personal_number = $1 and group_code = 'birth'",
      [people.mother.pn],
    );
    const offerId = offers.rows[0]?.id as string;
    expect(offerId).toBeTruthy();
    const link = `${s.baseUrl}/lien-thong/nop/birth?offer=${offerId}`;
    expect(toMother()).toHaveLength(1);
    const mail = toMother()[0] as ParsedMail;
    expect(mail.subject).toBe(
      "Một Lần: “Nhóm thủ tục liên thông khai sinh” đã được điền sẵn cho bạn / Một Lần: “Birth group of linked procedures”, prefilled for you",
    );
    const text = mail.text ?? "";
    expect(text).toContain("Cơ sở y tế đã gửi giấy chứng sinh của con bạn.");
    expect(text).toContain("Khai sinh, đăng ký thường trú và cấp thẻ bảo hiểm y tế");
    expect(text).toContain(link);
    expect(text.indexOf("Nhóm thủ tục")).toBeLessThan(text.indexOf("Birth group"));
    const texts = sms.filter((m) => m.to === "0912345678").map((m) => m.text);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain("“Nhóm thủ tục liên thông khai sinh”");
    expect(texts[0]).toContain(link);
    // Short: the group's summary stays in the e-mail; at most 3 parts of a UCS-2 SMS (3 × 67).
    expect(texts[0]).not.toContain("Khai sinh, đăng ký thường trú và cấp thẻ bảo hiểm y tế");
    expect(texts[0]?.length ?? 0).toBeLessThanOrEqual(201);
    const rows = await s.db.query<{ channel: string; status: string; event: string }>(
      "select channel, status, event from notifications where offer_id = $1 order by channel",
      [offerId],
    );
    expect(rows.rows).toEqual([
      { channel: "email", status: "sent", event: "offer:birth" },
      { channel: "sms", status: "delivered", event: "offer:birth" },
    ]);
  });

  it("a redelivered notice, or a repeated offer message, tells nothing again", async () => {
    const before = { mails: toMother().length, sms: sms.length };
    await sendNotice();
    const { rows } = await s.db.query<{ payload: Record<string, unknown>; key: string }>(
      "select payload, key from outbox where topic = 'linked.offer' and payload->>'personalNumber' = $1",
      [people.mother.pn],
    );
    expect(rows).toHaveLength(1);
    const copy = rows[0] as { payload: Record<string, unknown>; key: string };
    await s.db.tx((q) =>
      enqueue(q, { topic: "linked.offer", key: copy.key, payload: copy.payload, provinceCode: A.province }),
    );
    for (let i = 0; i < 4; i++) await s.drain();
    expect({ mails: toMother().length, sms: sms.length }).toEqual(before);
    const told = await s.db.query<{ n: number }>(
      "select count(*)::int as n from notifications where personal_number = $1 and offer_id is not null",
      [people.mother.pn],
    );
    expect(told.rows[0]?.n).toBe(2);
  });
});
