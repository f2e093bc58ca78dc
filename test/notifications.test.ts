import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { BIRTH_VALUES, people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";
import { type SmsRequest, startMailSink, startSmsGateway } from "./helpers/sinks.js";

/**
 * Notifications through delivery, end to end: a real SMTP server (the `smtp-server` library, in
 * this process on 127.0.0.1) receives the e-mail and the test reads it; an SMS gateway on
 * 127.0.0.1 receives the SMS. The citizen and the officer read each notification's status.
 */
type Item = {
  channel: string;
  event: string;
  recipient: string | null;
  textVi: string;
  textEn: string;
  status: string;
  error: string | null;
};

let mailSink: Awaited<ReturnType<typeof startMailSink>>;
let gateway: Awaited<ReturnType<typeof startSmsGateway>>;
let mails: ParsedMail[] = [];
let sms: SmsRequest[] = [];
let s: TestServer;
let mother: Browser;
let receiver: Browser;
let id = "";
let code = "";

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
    { delivery: "manual" },
  );
  mother = new Browser(s.baseUrl);
  await mother.signIn(people.mother.pn);
  receiver = new Browser(s.baseUrl);
  await receiver.signIn("motcua.20194");
  const contact = await mother.send("PUT", "/api/me/contact", {
    phone: "0905123456",
    email: "binh.tran@example.vn",
  });
  expect(contact.status).toBe(200);
  const created = await mother.send<{ id: string }>("POST", "/api/dossiers", { procedureCode: "1.001193" });
  id = created.body.id;
  const submitted = await mother.send<{ code: string }>("POST", `/api/dossiers/${id}/submit`, {
    values: BIRTH_VALUES,
  });
  expect(submitted.status).toBe(200);
  code = submitted.body.code;
}, 120_000);
afterAll(async () => {
  await s?.close();
  await mailSink?.close();
  await gateway?.close();
});

const statuses = async (who: Browser) => {
  const r = await who.send<{ items: Item[] }>("GET", `/api/dossiers/${id}/notifications`);
  expect(r.status).toBe(200);
  return r.body.items;
};

describe(`notifications by e-mail and SMS, with their status (${engine})`, () => {
  it("the submission is told once per channel on file, naming the procedure; an officer's receipt is queued", async () => {
    await s.drain();
    const told = await statuses(mother);
    expect(told.map((n) => [n.channel, n.event, n.status])).toEqual([
      ["email", "submit", "sent"],
      ["sms", "submit", "delivered"],
    ]);
    expect(told[0]?.textVi).toBe(
      `Hồ sơ “Đăng ký khai sinh” (mã ${code}) đã được nộp. Cơ quan giải quyết sẽ kiểm tra và tiếp nhận.`,
    );
    expect(sms.map((m) => m.text)).toEqual([told[1]?.textVi]);
    expect(mails).toHaveLength(1);
    mails.length = 0;
    sms.length = 0;
    const r = await receiver.send("POST", `/api/dossiers/${id}/actions`, { action: "receive" });
    expect(r.status).toBe(200);
    // Before delivery: nothing sent yet.
    expect(mails).toEqual([]);
    const { rows } = await s.db.query<{ topic: string; key: string }>(
      "select topic, key from outbox where province_code = '48' and topic like 'notify.%' and state = 'pending'",
    );
    expect(rows).toEqual([{ topic: "notify.citizen", key: `notify:${id}` }]);
  });

  it("the e-mail reaches the SMTP server, naming the procedure in plain words, Vietnamese first", async () => {
    await s.drain();
    expect(mails).toHaveLength(1);
    const m = mails[0] as ParsedMail;
    expect(m.to && !Array.isArray(m.to) ? m.to.text : "").toBe("binh.tran@example.vn");
    expect(m.from?.value[0]).toMatchObject({ name: "Một Lần", address: "thongbao@motlan.test" });
    expect(m.subject).toBe(
      `Một Lần: hồ sơ “Đăng ký khai sinh” (mã ${code}) / Một Lần: “Birth registration” dossier (${code})`,
    );
    const text = m.text ?? "";
    expect(text).toContain(`Hồ sơ “Đăng ký khai sinh” (mã ${code}) đã được tiếp nhận. Hẹn trả kết quả trước`);
    expect(text).toContain(`Dossier “Birth registration” (${code}) has been received. The result is due by`);
    expect(text.indexOf("Đăng ký khai sinh")).toBeLessThan(text.indexOf("Birth registration"));
    expect(text).toContain(`${s.baseUrl}/ho-so/${id}`);
    expect(m.messageId).toMatch(/^<outbox\.48\.\d+@mot-lan>$/);
  });

  it("the SMS goes to the gateway with its bearer token and a reference; the gateway says delivered", async () => {
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ to: "0905123456", auth: "Bearer gateway-token" });
    expect(sms[0]?.text).toContain(`Hồ sơ “Đăng ký khai sinh” (mã ${code}) đã được tiếp nhận.`);
    expect(sms[0]?.reference).toMatch(/^48-\d+$/);
  });

  it("the citizen and the officer read each notification's status", async () => {
    const mine = await statuses(mother);
    expect(mine.map((n) => [n.channel, n.event, n.status, n.recipient])).toEqual([
      ["email", "submit", "sent", "b***@example.vn"],
      ["sms", "submit", "delivered", "090****456"],
      ["email", "receive", "sent", "b***@example.vn"],
      ["sms", "receive", "delivered", "090****456"],
    ]);
    expect(mine[2]?.textVi).toContain("“Đăng ký khai sinh”");
    expect(await statuses(receiver)).toEqual(mine);
    // The officer's read is in the mother's access list.
    const log = await mother.send<{ items: Array<{ resource: string; fields: string[] }> }>(
      "GET",
      "/api/me/access-log",
    );
    expect(log.body.items.find((e) => e.resource === `dossier:${id}/notifications`)?.fields).toEqual([
      "notifications",
    ]);
  });

  it("a gateway that refuses is retried: the notification stays queued, the error is kept on the message", async () => {
    gateway.answer.status = 503;
    const r = await receiver.send("POST", `/api/dossiers/${id}/actions`, {
      action: "request_supplement",
      reason: "Bổ sung ảnh giấy chứng sinh rõ nét.",
    });
    expect(r.status).toBe(200);
    await s.drain();
    const latest = (await statuses(mother)).filter((n) => n.event === "request_supplement");
    expect(latest.map((n) => [n.channel, n.status])).toEqual([
      ["email", "sent"],
      ["sms", "queued"],
    ]);
    const { rows } = await s.db.query<{ attempts: number; last_error: string }>(
      "select attempts, last_error from outbox where province_code = '48' and topic = 'notify.send' and state = 'pending'",
    );
    expect(rows).toEqual([{ attempts: 1, last_error: 'SMS gateway answered 503: {"error":"busy"}' }]);
    gateway.answer.status = 200;
  });

  it("another person's dossier notifications are not found; the admin is refused", async () => {
    const other = new Browser(s.baseUrl);
    await other.signIn(people.neighbour.pn);
    expect((await other.send("GET", `/api/dossiers/${id}/notifications`)).status).toBe(404);
    const admin = new Browser(s.baseUrl);
    await admin.signIn("admin");
    expect((await admin.send("GET", `/api/dossiers/${id}/notifications`)).status).toBe(403);
  });
});
