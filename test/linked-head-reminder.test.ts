import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatInstantShort } from "../src/domain/vietnamese-dates.js";
import { engine } from "./helpers/db.js";
import { people } from "./helpers/fixtures.js";
import { Browser, clockFrom, startTestServer, TEST_START, type TestServer } from "./helpers/server.js";
import {
  addSplitParents,
  fileIntoFathersHousehold,
  splitFather,
  splitMother,
} from "./helpers/split-parents.js";

/**
 * Issue 12, birth group, the child to join the father's household: while the head (the father)
 * has not answered, the mother's group page says since when (in working days) and she may remind
 * him, once in 24 hours (the server's clock): he is told by SMS naming her, the child and the
 * group, and the group's page lists the reminder. A second within 24 hours, anyone else, or a
 * request the head answered: refused with a stable code, nothing sent.
 */
const mother = splitMother;
const father = splitFather;

type Wait = {
  headName: string;
  since: string;
  workingDays: number;
  nextReminderAt: string | null;
  meanwhileVi: string;
};
type Group = {
  group: { nameVi: string; nameEn: string };
  childHome: { reminders: string[]; waiting: Wait | null } | null;
};
type ApiError = { error: { code: string; messageVi: string; messageEn: string } };
type Told = { channel: string; text_vi: string; text_en: string; event: string };

// The server's clock: TEST_START's pace, moved on by `shift` (a day later, without waiting a day).
let shift = 0;
let base = clockFrom(TEST_START);
let s: TestServer;
const as: Record<string, Browser> = {};
const b = (login: string) => as[login] as Browser;
beforeAll(async () => {
  s = await startTestServer({}, { delivery: "manual", now: () => new Date(base().getTime() + shift) });
  await addSplitParents(s.db);
  for (const login of [mother.pn, father.pn, people.mother.pn, "motcua.20194"]) {
    as[login] = new Browser(s.baseUrl);
    await as[login].signIn(login);
  }
  // The father has a phone on file: the demo SMS channel tells him.
  expect(
    (await b(father.pn).send("PUT", "/api/me/contact", { phone: "0912000301", email: null })).status,
  ).toBe(200);
  // The clock starts now at TEST_START (09:00 on a Wednesday), whatever the database's start took.
  base = clockFrom(TEST_START);
}, 120_000);
afterAll(async () => s?.close());

const remind = (login: string, id: string) =>
  b(login).send<ApiError & { remindedAt: string; nextReminderAt: string }>(
    "POST",
    `/api/linked-applications/${id}/head-reminder`,
  );
const group = async (id: string) =>
  (await b(mother.pn).send<Group>("GET", `/api/linked-applications/${id}`)).body;
const toldHead = async (id: string) =>
  (
    await s.db.query<Told>(
      `select channel, text_vi, text_en, event from notifications
        where personal_number = $1 and group_id = $2 and event = 'head_reminder' and channel <> 'app' order by id`,
      [father.pn, id],
    )
  ).rows;

describe(`the mother reminds the head of the father's household (${engine})`, () => {
  let id = "";
  it("the page says since when; a reminder tells the head by SMS, naming the mother, the child and the group", async () => {
    id = await fileIntoFathersHousehold(b(mother.pn), "Đỗ Minh Khang");
    const before = await group(id);
    expect(before.childHome?.reminders).toEqual([]);
    expect(before.childHome?.waiting).toMatchObject({
      headName: father.name,
      workingDays: 0,
      nextReminderAt: null,
    });
    expect(before.childHome?.waiting?.meanwhileVi).toContain("vào hộ của mình");

    const r = await remind(mother.pn, id);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    for (let i = 0; i < 3; i++) await s.drain();
    const told = await toldHead(id);
    expect(told.map((n) => [n.channel, n.event])).toEqual([["sms", "head_reminder"]]);
    // And in his in-app notifications, naming the group, linking his requests (the home page).
    const listed = await b(father.pn).send<{
      items: Array<{ groupId: string | null; link: string; textVi: string }>;
    }>("GET", "/api/me/notifications");
    const reminder = listed.body.items.filter((n) => n.groupId === id && n.textVi.startsWith("Nhắc lại"));
    expect(reminder).toHaveLength(1);
    expect(reminder[0]).toMatchObject({ link: "/" });
    expect(reminder[0]?.textVi).toContain(`“${before.group.nameVi}”`);
    expect(told[0]?.text_vi).toContain(`${mother.name}, mẹ của Đỗ Minh Khang`);
    expect(told[0]?.text_vi).toContain("nhắc bạn đồng ý");
    const sms = await s.db.query<{ text_vi: string; text_en: string }>(
      "select text_vi, text_en from demo_sms where personal_number = $1 order by id",
      [father.pn],
    );
    // The first SMS asked him when the group was filed (test/linked-head-notices.test.ts); this one reminds.
    expect(sms.rows.map((x) => x.text_vi)).toHaveLength(2);
    expect(sms.rows[1]?.text_vi).toBe(told[0]?.text_vi);
    expect(sms.rows[1]?.text_en).toContain(`Reminder: ${mother.name}, mother of Đỗ Minh Khang`);
    expect(told[0]?.text_vi).toContain(`“${before.group.nameVi}”`);
    expect(sms.rows[1]?.text_en).toContain(`“${before.group.nameEn}”`);

    const after = await group(id);
    expect(after.childHome?.reminders).toEqual([r.body.remindedAt]);
    expect(after.childHome?.waiting?.nextReminderAt).toBe(r.body.nextReminderAt);
  });

  it("a second reminder within 24 hours: 409 naming when the next is possible; after 24 hours: sent", async () => {
    shift = 23 * 3600_000;
    const again = await remind(mother.pn, id);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("HEAD_REMINDER_TOO_SOON");
    // 09:00 on Wednesday 4 November 2026 (Vietnam), plus 24 hours, as the group's page writes it
    // ("Có thể nhắc lại từ 09:00 ngày 05/11/2026", formatInstantShort): the same words, both places.
    const next = (await group(id)).childHome?.waiting?.nextReminderAt as string;
    expect(again.body.error.messageVi).toContain(`nhắc lại từ ${formatInstantShort(next)}.`);
    expect(again.body.error.messageVi).toMatch(/nhắc lại từ 09:\d\d ngày 05\/11\/2026\./);
    expect(again.body.error.messageEn).toContain(`remind again from ${formatInstantShort(next, "en")}.`);
    for (let i = 0; i < 2; i++) await s.drain();
    expect(await toldHead(id)).toHaveLength(1);

    shift = 24 * 3600_000 + 60_000;
    const later = await remind(mother.pn, id);
    expect(later.status, JSON.stringify(later.body)).toBe(200);
    for (let i = 0; i < 3; i++) await s.drain();
    expect(await toldHead(id)).toHaveLength(2);
    const g = await group(id);
    expect(g.childHome?.reminders).toHaveLength(2);
    expect(g.childHome?.waiting?.workingDays).toBe(1);
  });

  it("anyone but the applicant: 404, nothing recorded", async () => {
    for (const login of [father.pn, people.mother.pn]) {
      const r = await remind(login, id);
      expect([login, r.status]).toEqual([login, 404]);
    }
    expect((await remind("motcua.20194", id)).status).toBe(403);
    expect((await group(id)).childHome?.reminders).toHaveLength(2);
  });

  it("a head neither SMS nor e-mail reaches (no phone; e-mail without SMTP): 409 HEAD_UNREACHABLE, nothing recorded, no lock", async () => {
    shift = 2 * 24 * 3600_000 + 120_000; // a day after the last reminder: one is allowed
    const reminders = (await group(id)).childHome?.reminders;
    const queued = async () =>
      (await s.db.query("select 1 from outbox where key = $1", [`head-reminder:${id}`])).rows.length;
    const before = await queued();
    // The test server has no SMTP (SMTP_URL unset): an address on file reaches nobody.
    for (const contact of [
      { phone: null, email: "cha.dominh@example.vn" },
      { phone: null, email: null },
    ]) {
      expect((await b(father.pn).send("PUT", "/api/me/contact", contact)).status).toBe(200);
      const r = await remind(mother.pn, id);
      expect([contact, r.status, r.body.error?.code]).toEqual([contact, 409, "HEAD_UNREACHABLE"]);
      expect(r.body.error.messageVi).toContain("Không thể nhắc chủ hộ qua tin nhắn hoặc thư điện tử");
      expect(r.body.error.messageVi).toContain("báo trực tiếp cho chủ hộ");
      expect(r.body.error.messageEn).toContain("cannot be reminded by SMS or e-mail");
      expect(r.body.error.messageEn).toContain("sign in to Một Lần");
    }
    const g = await group(id);
    expect(g.childHome?.reminders).toEqual(reminders);
    expect(g.childHome?.waiting?.nextReminderAt).toBeNull();
    expect(await queued()).toBe(before);
    // A phone again: the reminder goes (no lock was set by the refused ones).
    expect(
      (await b(father.pn).send("PUT", "/api/me/contact", { phone: "0912000301", email: null })).status,
    ).toBe(200);
    const r = await remind(mother.pn, id);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((await group(id)).childHome?.reminders).toHaveLength(3);
  });

  it("once the head consented: 409 HEAD_NOT_WAITING; the page keeps the reminders and shows no wait", async () => {
    shift = 3 * 24 * 3600_000;
    const consent = await b(father.pn).send("POST", `/api/linked-applications/${id}/head-consent`);
    expect(consent.status, JSON.stringify(consent.body)).toBe(200);
    const r = await remind(mother.pn, id);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("HEAD_NOT_WAITING");
    expect(r.body.error.messageVi).toContain("chủ hộ đã trả lời");
    const g = await group(id);
    expect(g.childHome?.waiting).toBeNull();
    expect(g.childHome?.reminders).toHaveLength(3);
  });
});
