import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { rerunMigration } from "./helpers/migrations.js";
import { Browser, clockFrom, startTestServer, TEST_START, type TestServer } from "./helpers/server.js";
import { startMailSink } from "./helpers/sinks.js";
import {
  addSplitParents,
  fileIntoFathersHousehold,
  splitFather,
  splitMother,
} from "./helpers/split-parents.js";

/**
 * Issue 12, migration 368: a linked group's news sent before migration 363 had no in-app copy. The
 * head is asked and reminded, the applicant told of his refusal, by SMS and e-mail; their copies
 * removed (as before 363), the migration writes one per person and message from the SMS and
 * e-mail rows: the e-mail's words exactly as the code writes the copy; a refusal told by SMS only,
 * exactly too; a reminder told by SMS only, the SMS's words without "Một Lần: " and the address.
 * GET /api/me/notifications lists each once; run again, it adds nothing.
 */
const MIGRATION = "368_group_news_in_app";
let mailSink: Awaited<ReturnType<typeof startMailSink>>;
let s: TestServer;
const as: Record<string, Browser> = {};
const b = (login: string) => as[login] as Browser;
beforeAll(async () => {
  mailSink = await startMailSink();
  s = await startTestServer(
    { SMTP_URL: `smtp://127.0.0.1:${mailSink.port}`, SMTP_FROM: "Một Lần <thongbao@motlan.test>" },
    { delivery: "manual", now: clockFrom(TEST_START) },
  );
  await addSplitParents(s.db);
  for (const [who, phone, email] of [
    [splitMother.pn, "0912000302", "hoa.pham@example.vn"],
    [splitFather.pn, "0912000301", "khai.do@example.vn"],
  ] as const) {
    as[who] = new Browser(s.baseUrl);
    await b(who).signIn(who);
    expect((await b(who).send("PUT", "/api/me/contact", { phone, email })).status).toBe(200);
  }
}, 120_000);
afterAll(async () => {
  await s?.close();
  await mailSink?.close();
});

type Item = {
  id: string;
  at: string;
  groupId: string | null;
  dossierId: string | null;
  link: string;
  textVi: string;
  textEn: string;
};
type Row = {
  personal_number: string;
  event: string;
  text_vi: string;
  text_en: string;
  status: string;
  created_at: Date;
  status_at: Date;
  recipient: string | null;
  message_id: number | null;
};
const drainAll = async () => {
  for (let i = 0; i < 4; i++) await s.drain();
};
const news = async (who: string, group: string) =>
  (await b(who).send<{ items: Item[] }>("GET", "/api/me/notifications")).body.items.filter(
    (n) => n.groupId === group && n.dossierId === null,
  );
const copies = async (group: string) =>
  (
    await s.db.query<Row>(
      `select personal_number, event, text_vi, text_en, status, created_at, status_at, recipient, message_id
       from notifications where group_id = $1 and channel = 'app' order by created_at, personal_number`,
      [group],
    )
  ).rows;
const runMigration = async () => expect(await rerunMigration(s.db, MIGRATION)).toEqual([MIGRATION]);

describe(`migration 368: the in-app copies of a group's news sent before 363 (${engine})`, () => {
  it("copies each message once from its SMS and e-mail, as the code writes it; a second run adds nothing", async () => {
    const id = await fileIntoFathersHousehold(b(splitMother.pn), "Đỗ Minh Khang");
    await drainAll();
    expect(
      (await b(splitMother.pn).send("POST", `/api/linked-applications/${id}/head-reminder`)).status,
    ).toBe(200);
    await drainAll();
    expect((await b(splitFather.pn).send("POST", `/api/linked-applications/${id}/head-refusal`)).status).toBe(
      200,
    );
    await drainAll();
    // What the code wrote: three copies (the head asked, reminded; the mother told of the refusal),
    // each beside its SMS and e-mail.
    const written = await copies(id);
    expect(written.map((r) => r.event)).toEqual(["head_request", "head_reminder", "head_refused"]);
    const { rows: sent } = await s.db.query<{ event: string; channel: string }>(
      "select event, channel from notifications where group_id = $1 and channel <> 'app' order by id",
      [id],
    );
    expect(sent.map((r) => `${r.event}:${r.channel}`).sort()).toEqual(
      ["head_request", "head_reminder", "head_refused"].flatMap((e) => [`${e}:email`, `${e}:sms`]).sort(),
    );
    const listedBefore = { head: await news(splitFather.pn, id), mother: await news(splitMother.pn, id) };
    expect([listedBefore.head.length, listedBefore.mother.length]).toEqual([2, 1]);

    // Before migration 363: no copies. The reminder and the refusal reached their person by SMS only.
    await s.db.query("delete from notifications where group_id = $1 and channel = 'app'", [id]);
    await s.db.query(
      "delete from notifications where group_id = $1 and channel = 'email' and event in ('head_reminder', 'head_refused')",
      [id],
    );
    expect(await news(splitFather.pn, id)).toEqual([]);
    expect(await news(splitMother.pn, id)).toEqual([]);

    await runMigration();
    const made = await copies(id);
    expect(made).toHaveLength(3);
    const [request, reminder, refusal] = made as [Row, Row, Row];
    const [wRequest, wReminder, wRefusal] = written as [Row, Row, Row];
    // From the e-mail, and from a refusal's SMS (its whole text): as the code writes them.
    expect(request).toEqual(wRequest);
    expect(refusal).toEqual(wRefusal);
    expect(request).toMatchObject({ status: "delivered", recipient: null, message_id: null });
    expect(request.status_at).toEqual(request.created_at);
    // From a reminder's SMS: its own words, without "Một Lần: " and the address; English exact.
    const { rows: sms } = await s.db.query<{ text_vi: string }>(
      "select text_vi from notifications where group_id = $1 and channel = 'sms' and event = 'head_reminder'",
      [id],
    );
    const smsVi = sms[0]?.text_vi as string;
    expect(reminder).toMatchObject({ ...wReminder, text_vi: reminder.text_vi });
    expect(reminder.text_vi).toBe(
      smsVi
        .replace(/^Một Lần: /, "")
        .replace(/\s+\S+$/, "")
        .replace(/:$/, "."),
    );
    expect(reminder.text_vi).toMatch(/^Phạm Thị Hoa, mẹ của Đỗ Minh Khang, nhắc bạn đồng ý/);
    expect(reminder.text_vi).toMatch(/Vào mục Đề nghị chờ tôi đồng ý\.$/);
    for (const r of made)
      expect(`${r.text_vi} ${r.text_en}`).not.toMatch(/https?:\/\/|Một Lần:|See the application:/);

    // Listed once each, as the code's copies were (the reminder in the SMS's words).
    const strip = (items: Item[]) => items.map(({ id: _, ...rest }) => rest);
    const head = await news(splitFather.pn, id);
    expect(strip(head)).toEqual(
      strip(listedBefore.head).map((n) =>
        n.textVi.startsWith("Nhắc lại") ? { ...n, textVi: reminder.text_vi } : n,
      ),
    );
    expect(strip(await news(splitMother.pn, id))).toEqual(strip(listedBefore.mother));

    // Again: nothing more.
    const count = async () =>
      (await s.db.query<{ n: number }>("select count(*)::int as n from notifications")).rows[0]?.n;
    const before = await count();
    await runMigration();
    expect(await count()).toBe(before);
    expect((await news(splitFather.pn, id)).map((n) => n.id)).toEqual(head.map((n) => n.id));
  });
});
