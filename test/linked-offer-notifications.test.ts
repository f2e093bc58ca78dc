import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { foldVietnamese } from "../src/domain/text.js";
import { loadKeys } from "../src/lib/secrets.js";
import { enqueue } from "../src/modules/delivery/index.js";
import { sendBirthNotice, sendDeathNotice } from "../src/modules/exchange/index.js";
import { engine } from "./helpers/db.js";
import { A, addHouseholdMember, people } from "./helpers/fixtures.js";
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
    // The absolute link is made when the offer is created, and travels with the message.
    const queued = await s.db.query<{ payload: { path: string; url: string } }>(
      "select payload from outbox where topic = 'linked.offer' and payload->>'offerId' = $1",
      [offerId],
    );
    expect(queued.rows[0]?.payload).toMatchObject({
      path: `/lien-thong/nop/birth?offer=${offerId}`,
      url: link,
    });
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

const smsTo = (phone: string) => sms.filter((m) => m.to === phone).map((m) => m.text);

describe(`the offer's link and the SMS's length (${engine})`, () => {
  it("the link is the url the offer was created with; an older message without it gets PUBLIC_URL + path", async () => {
    const offer = async (noticeId: string) => {
      const id = crypto.randomUUID();
      await s.db.query(
        `insert into linked_offers (personal_number, id, group_code, notice_id, province_code, created_at, expires_at)
         values ($1, $2, 'birth', $3, $4, $5, $6)`,
        [
          people.mother.pn,
          id,
          noticeId,
          A.province,
          TEST_START,
          new Date(TEST_START.getTime() + 60 * 86_400_000),
        ],
      );
      return id;
    };
    const news = (id: string, url?: string) => ({
      personalNumber: people.mother.pn,
      offerId: id,
      groupCode: "birth",
      path: `/lien-thong/nop/birth?offer=${id}`,
      ...(url ? { url } : {}),
      textVi: "Cơ sở y tế đã gửi giấy chứng sinh của con bạn.",
      textEn: "The health facility sent your child's birth notice.",
      smsVi: "Hồ sơ khai sinh đã điền sẵn:",
      subjectVi: "Một Lần",
      subjectEn: "Một Lần",
    });
    const withUrl = await offer("GCS-MSG-0100");
    const older = await offer("GCS-MSG-0101");
    const server = `https://dichvucong.example.vn/lien-thong/nop/birth?offer=${withUrl}`;
    await s.db.tx(async (q) => {
      await enqueue(q, {
        topic: "linked.offer",
        key: `offer:${withUrl}`,
        payload: news(withUrl, server),
        provinceCode: A.province,
      });
      await enqueue(q, {
        topic: "linked.offer",
        key: `offer:${older}`,
        payload: news(older),
        provinceCode: A.province,
      });
    });
    for (let i = 0; i < 4; i++) await s.drain();
    const texts = smsTo("0912345678");
    expect(texts).toContain(`Hồ sơ khai sinh đã điền sẵn: ${server}`);
    expect(texts).toContain(`Hồ sơ khai sinh đã điền sẵn: ${s.baseUrl}/lien-thong/nop/birth?offer=${older}`);
  });

  it("a death offer's SMS names the deceased and fits in 3 UCS-2 parts, as the birth offer's", async () => {
    const grandfather = { pn: "048040000104", name: "Nguyễn Văn Cường" };
    await s.db.query(
      `insert into persons (personal_number, province_code, full_name, search_name, birth_date, sex, ethnicity,
         birth_registration_old_province, permanent_commune_code, permanent_address, household_id, relationship_to_head)
       values ($1, '48', $2, $3, '1940-02-10', 'M', 'Kinh', '048', $4, 'Số 1, đường Nguyễn Tất Thành', 'HA-1', 'bố')`,
      [grandfather.pn, grandfather.name, foldVietnamese(grandfather.name), A.commune],
    );
    await addHouseholdMember(s.db, "HA-1", grandfather.pn);
    const keys = await loadKeys(loadConfig({ DATA_DIR: s.tdb.dataDir }));
    const notice = {
      noticeId: "GBT-MSG-0042",
      communeCode: A.commune,
      personalNumber: grandfather.pn,
      diedAt: "2026-11-04T19:08:00+07:00",
      place: "Bệnh viện Đà Nẵng",
      cause: "Tuổi cao",
    };
    await s.db.tx((q) => sendDeathNotice(q, keys.agencies, notice, A.province, TEST_START));
    for (let i = 0; i < 4; i++) await s.drain();
    const offers = await s.db.query<{ id: string }>(
      "select id from linked_offers where personal_number = $1 and group_code = 'death'",
      [people.mother.pn],
    );
    const link = `${s.baseUrl}/lien-thong/nop/death?offer=${offers.rows[0]?.id}`;
    const death = smsTo("0912345678").find((t) => t.includes("Giấy báo tử")) ?? "";
    expect(death).toBe(
      `Chia buồn cùng gia đình. Giấy báo tử của Nguyễn Văn Cường đã đến. Hồ sơ khai tử đã điền sẵn: ${link}`,
    );
    expect(death.length).toBeLessThanOrEqual(201);
    const birth = smsTo("0912345678").find((t) => t.includes("giấy chứng sinh")) ?? "";
    expect(birth.length).toBeGreaterThan(150);
    expect(birth.length).toBeLessThanOrEqual(201);
  });
});
