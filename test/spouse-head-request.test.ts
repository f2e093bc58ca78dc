import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import type { ListedItem, ListedNotifications } from "./helpers/notifications.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";
import {
  addSpouseApart,
  fatherInLaw,
  husband,
  submitSpouseRequest,
  wife,
} from "./helpers/spouse-household.js";

/**
 * Issue 14, review r15: the head of the spouse's household is told at once. Submitting a
 * `join_spouse_household` dossier queues, in the submission's transaction, the head's SMS and
 * e-mail naming the applicant, her relationship and where to answer (the portal's home page);
 * the applicant's view says whose consent it waits for and since when; the applicant's list of
 * messages sent holds only hers, the officer's holds the head's too. A new-user review: the head's
 * in-app list (the bell, GET /api/me/notifications) holds the request too (its in-app copy,
 * `<dossier id>:h<n>`), linking his home page where he answers; no one else's does.
 */
type View = {
  id: string;
  code: string;
  headConsent: { headName: string | null; waitingSince: string | null } | null;
};
type Told = { personal_number: string; channel: string; event: string; text_vi: string; text_en: string };

let s: TestServer;
const as: Record<string, Browser> = {};
const b = (login: string) => as[login] as Browser;
beforeAll(async () => {
  s = await startTestServer({}, { delivery: "manual" });
  await addSpouseApart(s.db);
  for (const login of [wife.pn, fatherInLaw.pn, husband.pn, "motcua.20197"]) {
    as[login] = new Browser(s.baseUrl);
    await as[login].signIn(login);
  }
  // The head has a phone and an e-mail on file: the demo SMS channel tells him (e-mail needs SMTP).
  const c = await b(fatherInLaw.pn).send("PUT", "/api/me/contact", { phone: "0912000700", email: null });
  expect(c.status, JSON.stringify(c.body)).toBe(200);
});
afterAll(async () => s?.close());

/** The wife files into her husband's household and submits. */
const file = () => submitSpouseRequest<View>(b(wife.pn));
const toldHead = async (id: string) =>
  (
    await s.db.query<Told>(
      `select personal_number, channel, event, text_vi, text_en from notifications
       where dossier_id = $1 and personal_number = $2 and channel <> 'app' order by id`,
      [id, fatherInLaw.pn],
    )
  ).rows;

describe(`the head of the spouse's household is told of the request (${engine})`, () => {
  let d: View;
  it("submit queues the head's notice in the same transaction; delivered, it names the applicant, her relationship and where to answer", async () => {
    d = await file();
    const queued = await s.db.query<{ payload: { personalNumber: string } }>(
      "select payload from outbox where topic = 'notify.head_request' and key = $1",
      [`head-request:${d.id}`],
    );
    expect(queued.rows.map((r) => r.payload.personalNumber)).toEqual([fatherInLaw.pn]);
    for (let i = 0; i < 3; i++) await s.drain();
    const told = await toldHead(d.id);
    expect(told.map((n) => [n.personal_number, n.channel, n.event])).toEqual([
      [fatherInLaw.pn, "sms", "head_request"],
    ]);
    const n = told[0] as Told;
    expect(n.text_vi).toContain(`${wife.name}, con dâu của bạn,`);
    expect(n.text_vi).toContain(d.code);
    expect(n.text_vi).toContain("Đề nghị chờ tôi đồng ý");
    expect(n.text_vi).not.toContain("VNeID");
    expect(n.text_en).toContain(`${wife.name}, your daughter-in-law,`);
    expect(n.text_en).toContain("Requests waiting for my consent");
    expect(n.text_en).toMatch(/https?:\/\/\S+\/$/);
    const sms = await s.db.query<{ text_vi: string }>(
      "select text_vi from demo_sms where personal_number = $1",
      [fatherInLaw.pn],
    );
    expect(sms.rows.map((r) => r.text_vi)).toEqual([n.text_vi]);
  });

  it("the head's in-app list holds the request, linking his home page; read on marking; no one else's list holds it", async () => {
    const list = async (pn: string) =>
      (await b(pn).send<ListedNotifications>("GET", "/api/me/notifications")).body;
    const head = await list(fatherInLaw.pn);
    const asked = head.items.filter((n) => n.dossierId === d.id);
    expect(asked).toHaveLength(1);
    const n = asked[0] as ListedItem;
    expect(n.id).toMatch(new RegExp(`^${d.id}:h[0-9]+$`));
    expect(n).toMatchObject({ dossierCode: d.code, groupId: null, link: "/", readAt: null });
    expect(n.textVi).toContain(`${wife.name}, con dâu của bạn, đã nộp hồ sơ “`);
    expect(n.textVi).toContain(`(mã ${d.code})`);
    expect(n.textVi).toContain("Theo Luật Cư trú 2020 (Điều 21), cần chủ hộ đồng ý.");
    expect(n.textVi).toContain("mục “Đề nghị chờ tôi đồng ý” trên trang chủ");
    // The list links the page itself: no portal address in its words (the SMS ends with it).
    expect(n.textVi).not.toMatch(/https?:/);
    expect(n.textEn).toContain(`${wife.name}, your daughter-in-law,`);
    expect(n.textEn).not.toMatch(/https?:/);
    // Written once, whatever channels reach him; never sent.
    const copies = await s.db.query<{ status: string; event: string }>(
      "select status, event from notifications where dossier_id = $1 and channel = 'app'",
      [d.id],
    );
    expect(copies.rows).toEqual([{ status: "delivered", event: "head_request" }]);
    // The applicant and her husband are not told this in their lists.
    for (const pn of [wife.pn, husband.pn])
      expect((await list(pn)).items.some((x) => x.id === n.id || x.textVi === n.textVi)).toBe(false);
    // Another citizen cannot mark it read (not one of theirs); a malformed id is 400.
    const other = await b(husband.pn).send<{ error: { code: string } }>(
      "POST",
      "/api/me/notifications/read",
      {
        ids: [n.id],
      },
    );
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe("NOTIFICATION_NOT_FOUND");
    const bad = await b(fatherInLaw.pn).send("POST", "/api/me/notifications/read", {
      ids: [`${d.id}:x${n.id.split(":h")[1]}`],
    });
    expect(bad.status).toBe(400);
    const read = await b(fatherInLaw.pn).send<{ unread: number }>("POST", "/api/me/notifications/read", {
      ids: [n.id],
    });
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body.unread).toBe(head.unread - 1);
    const after = (await list(fatherInLaw.pn)).items.find((x) => x.id === n.id);
    expect(after?.readAt).toBeTruthy();
  });

  it("the applicant's view names the head and since when; her messages list holds only hers, the officer's the head's too", async () => {
    const v = (await b(wife.pn).send<View>("GET", `/api/dossiers/${d.id}`)).body;
    expect(v.headConsent).toMatchObject({ headName: fatherInLaw.name });
    expect(v.headConsent?.waitingSince).toBeTruthy();
    type Items = { items: Array<{ event: string; textVi: string }> };
    const mine = (await b(wife.pn).send<Items>("GET", `/api/dossiers/${d.id}/notifications`)).body.items;
    expect(mine.some((x) => x.event === "head_request")).toBe(false);
    const officer = (await b("motcua.20197").send<Items>("GET", `/api/dossiers/${d.id}/notifications`)).body
      .items;
    expect(officer.filter((x) => x.event === "head_request")).toHaveLength(1);
    // The head's card names her relationship in each language ("con dâu", "daughter-in-law").
    type Asked = { items: Array<{ dossierId?: string; relationship?: string; relationshipEn?: string }> };
    const asked = (await b(fatherInLaw.pn).send<Asked>("GET", "/api/me/household-consents")).body.items;
    expect(asked.find((x) => x.dossierId === d.id)).toMatchObject({
      relationship: "con dâu",
      relationshipEn: "daughter-in-law",
    });
  });

  it("one request into the household at a time: a second start or submission is 409 naming the open dossier, nothing written", async () => {
    type Err = { error: { code: string; messageVi: string; messageEn: string } };
    const start = await b(wife.pn).send<Err>("POST", "/api/dossiers", {
      procedureCode: "1.004222",
      household: "spouse",
    });
    expect(start.status).toBe(409);
    expect(start.body.error.code).toBe("SPOUSE_REQUEST_OPEN");
    expect(start.body.error.messageVi).toContain(`(mã ${d.code})`);
    expect(start.body.error.messageEn).toContain(`(${d.code})`);
    // A draft started before the first was submitted cannot be submitted either.
    const count = async () =>
      (
        await s.db.query("select 1 from dossiers where applicant_number = $1 and status <> 'draft'", [
          wife.pn,
        ])
      ).rows.length;
    await s.db.query("update dossiers set status = 'withdrawn' where id = $1", [d.id]);
    const draft = await b(wife.pn).send<View>("POST", "/api/dossiers", {
      procedureCode: "1.004222",
      household: "spouse",
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    await s.db.query("update dossiers set status = 'submitted' where id = $1", [d.id]);
    const before = await count();
    const sub = await b(wife.pn).send<Err>("POST", `/api/dossiers/${draft.body.id}/submit`, {
      values: { "household.headConsent": true },
    });
    expect(sub.status).toBe(409);
    expect(sub.body.error.code).toBe("SPOUSE_REQUEST_OPEN");
    expect(sub.body.error.messageVi).toContain(d.code);
    expect(await count()).toBe(before);
    const queued = await s.db.query("select 1 from outbox where key = $1", [`head-request:${draft.body.id}`]);
    expect(queued.rows).toEqual([]);
  });

  it("the consent's help says the Một Lần portal, not VNeID (published as version 4)", async () => {
    type Field = { key: string; helpVi?: string; helpEn?: string };
    const p = await b(wife.pn).send<{ version: number; definition: { form: Field[] } }>(
      "GET",
      "/api/procedures/1.004222",
    );
    expect(p.body.version).toBe(4);
    const f = p.body.definition.form.find((x) => x.key === "household.headConsent");
    expect(f?.helpVi).toContain("Cổng Một Lần");
    expect(f?.helpVi).not.toContain("VNeID");
    expect(f?.helpEn).toContain("Một Lần portal");
  });
});
