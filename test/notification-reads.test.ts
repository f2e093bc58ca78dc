import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { BIRTH_VALUES, people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Issue 14 point 5, the unread badge kept on the server (migration 271, `notification_reads`):
 * GET /api/me/notifications counts what is unread on every device; POST
 * /api/me/notifications/read marks some (by id) or all read, idempotently, for the citizen's own
 * notifications only, with CSRF like every citizen write; bad input gets a stable code and
 * writes nothing.
 */
type Listed = { items: Array<{ id: string; readAt: string | null; textVi: string }>; unread: number };
type Failure = { error: { code: string; messageVi: string; messageEn: string } };

let s: TestServer;
let phone: Browser;
let laptop: Browser;
let neighbour: Browser;
let id: string;
beforeAll(async () => {
  s = await startTestServer();
  phone = new Browser(s.baseUrl);
  laptop = new Browser(s.baseUrl);
  neighbour = new Browser(s.baseUrl);
  await phone.signIn(people.mother.pn);
  await laptop.signIn(people.mother.pn);
  await neighbour.signIn(people.neighbour.pn);
  const draft = await phone.send<{ id: string }>("POST", "/api/dossiers", { procedureCode: "1.001193" });
  const submitted = await phone.send("POST", `/api/dossiers/${draft.body.id}/submit`, {
    values: BIRTH_VALUES,
  });
  expect(submitted.status).toBe(200);
}, 120_000);
afterAll(async () => s?.close());

const list = async (b: Browser) => (await b.send<Listed>("GET", "/api/me/notifications")).body;
const count = async () =>
  (await s.db.query<{ n: number }>("select count(*)::int as n from notification_reads")).rows[0]?.n;

describe(`unread notifications on every device (${engine})`, () => {
  it("a submission is one unread notification on both devices", async () => {
    const [a, b] = [await list(phone), await list(laptop)];
    expect(a.unread).toBe(1);
    expect(b.unread).toBe(1);
    const first = a.items[0];
    expect(first?.readAt).toBeNull();
    expect(first?.textVi).toContain("đã được nộp");
    id = first?.id ?? "";
  });

  it.each([
    ["an empty body", {}],
    ["no id", { ids: [] }],
    ["an id that is not a notification id", { ids: ["không-phải-mã"] }],
    ["all: false", { all: false }],
    ["ids and all together", { ids: ["x"], all: true }],
    [
      "too many ids",
      { ids: Array.from({ length: 51 }, (_, i) => `00000000-0000-4000-8000-000000000000:${i}`) },
    ],
  ])("%s: 400 VALIDATION_FAILED, nothing written", async (_what, body) => {
    const r = await phone.send<Failure>("POST", "/api/me/notifications/read", body);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("VALIDATION_FAILED");
    expect(await count()).toBe(0);
  });

  it("someone else's notification, or one that does not exist: 404 in plain words, nothing written", async () => {
    for (const ids of [[id], [`${id.split(":")[0]}:999`]]) {
      const r = await neighbour.send<Failure>("POST", "/api/me/notifications/read", { ids });
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe("NOTIFICATION_NOT_FOUND");
      expect(r.body.error.messageVi).toBe("Không tìm thấy thông báo này trong danh sách thông báo của bạn.");
    }
    // One unknown id among known ones: none of them is marked.
    const mixed = await phone.send<Failure>("POST", "/api/me/notifications/read", { ids: [id, `${id}9`] });
    expect(mixed.status).toBe(404);
    expect(await count()).toBe(0);
  });

  it("without the CSRF token a cookie session cannot mark anything read", async () => {
    const r = await phone.fetch("/api/me/notifications/read", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ all: true }),
    });
    expect(r.status).toBe(403);
    expect(await count()).toBe(0);
  });

  it("read on the phone is read on the laptop; marking again changes nothing", async () => {
    const r = await phone.send<{ unread: number }>("POST", "/api/me/notifications/read", { ids: [id] });
    expect(r.status).toBe(200);
    expect(r.body.unread).toBe(0);
    const seen = await list(laptop);
    expect(seen.unread).toBe(0);
    const readAt = seen.items[0]?.readAt;
    expect(readAt).toEqual(expect.any(String));
    for (const body of [{ ids: [id] }, { all: true }]) {
      const again = await laptop.send<{ unread: number }>("POST", "/api/me/notifications/read", body);
      expect(again.body.unread).toBe(0);
    }
    expect((await list(phone)).items[0]?.readAt).toBe(readAt);
    expect(await count()).toBe(1);
  });

  it("an officer has no notifications to mark: 403", async () => {
    const officer = new Browser(s.baseUrl);
    await officer.signIn("motcua.20194");
    expect((await officer.send("POST", "/api/me/notifications/read", { all: true })).status).toBe(403);
  });
});
