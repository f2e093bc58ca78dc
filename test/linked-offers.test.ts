import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { loadKeys } from "../src/lib/secrets.js";
import { sendBirthNotice } from "../src/modules/exchange/index.js";
import { engine } from "./helpers/db.js";
import { A, BIRTH_VALUES, people } from "./helpers/fixtures.js";
import { Browser, startTestServer, TEST_START, type TestServer } from "./helpers/server.js";

/**
 * Proactive offers (issue 12 point 5): a health facility's birth notice arrives as a signed
 * message; each parent finds the birth group offered in their portal; an offer can be declined,
 * expires 60 days after the birth (injected clock), and files nothing until the person submits.
 * Also point 3: a mother without an unused notice finds her own facts suggested in the mother's block.
 */
type Offer = { id: string; noticeId: string; facility: string | null; expiresAt: string };
type Err = { error: { code: string; messageVi: string; messageEn: string } };

let s: TestServer;
let offset = 0;
const clock = () => new Date(TEST_START.getTime() + offset);
beforeAll(async () => {
  s = await startTestServer({}, { now: clock, delivery: "manual" });
});
afterAll(async () => s?.close());

const NOTICE = {
  noticeId: "GCS-MSG-0007",
  facility: "Bệnh viện Đà Nẵng",
  communeCode: A.commune,
  birthAt: "2026-11-03T08:15:00+07:00",
  childSex: "M" as const,
  weightGrams: 3100,
  motherNumber: people.mother.pn,
  fatherNumber: people.father.pn,
};

async function send(notice = NOTICE) {
  const keys = await loadKeys(loadConfig({ DATA_DIR: s.tdb.dataDir }));
  await s.db.tx((q) => sendBirthNotice(q, keys.agencies, notice, A.province, clock()));
  await s.drain();
}

async function as(pn: string) {
  const b = new Browser(s.baseUrl);
  await b.signIn(pn);
  return b;
}

describe(`offers of the birth group from a facility's signed birth notice (${engine})`, () => {
  it("each parent is offered the group once (a redelivered notice changes nothing); the notice is kept", async () => {
    await send();
    await send();
    for (const pn of [people.mother.pn, people.father.pn]) {
      const r = await (await as(pn)).send<{ items: Offer[] }>("GET", "/api/me/linked-offers");
      expect(r.status).toBe(200);
      expect(r.body.items.map((o) => [o.noticeId, o.facility])).toEqual([
        ["GCS-MSG-0007", "Bệnh viện Đà Nẵng"],
      ]);
      // 60 days after the birth (Law on Civil Status 2014, Art. 15).
      expect(r.body.items[0]?.expiresAt).toBe("2027-01-02T01:15:00.000Z");
    }
    const kept = await s.db.query("select personal_number from birth_notices where id = 'GCS-MSG-0007'");
    expect(kept.rows).toHaveLength(2);
    const other = await (await as(people.neighbour.pn)).send<{ items: Offer[] }>(
      "GET",
      "/api/me/linked-offers",
    );
    expect(other.body.items).toEqual([]);
  });

  it("the father declines: the offer is gone for him, not for the mother; a second decline answers the same, changing nothing", async () => {
    const father = await as(people.father.pn);
    const [offer] = (await father.send<{ items: Offer[] }>("GET", "/api/me/linked-offers")).body.items;
    expect((await father.send("POST", `/api/linked-offers/${offer?.id}/decline`)).status).toBe(200);
    expect((await father.send<{ items: Offer[] }>("GET", "/api/me/linked-offers")).body.items).toEqual([]);
    const decided = async () =>
      (
        await s.db.query<{ state: string; at: Date }>(
          "select state, decided_at as at from linked_offers where id = $1",
          [offer?.id],
        )
      ).rows.map((r) => [r.state, r.at.toISOString()]);
    const first = await decided();
    // A double tap, a retried request: declined already, answered as the first time (issue 12 low f).
    const again = await father.send<{ id: string; state: string }>(
      "POST",
      `/api/linked-offers/${offer?.id}/decline`,
    );
    expect([again.status, again.body.state]).toEqual([200, "declined"]);
    expect(await decided()).toEqual(first);
    const mother = await as(people.mother.pn);
    expect((await mother.send<{ items: Offer[] }>("GET", "/api/me/linked-offers")).body.items).toHaveLength(
      1,
    );
    // The mother cannot decline the father's offer: not hers, so not found for her.
    const hers = await mother.send<Err>("POST", `/api/linked-offers/${offer?.id}/decline`);
    expect([hers.status, hers.body.error.code]).toEqual([404, "OFFER_NOT_FOUND"]);
    // Its link's page: declined, for him (he can still file as usual); not found for anyone else.
    const own = await father.send<{ state: string }>("GET", `/api/me/linked-offers/${offer?.id}`);
    expect([own.status, own.body.state]).toEqual([200, "declined"]);
    expect((await mother.send<Err>("GET", `/api/me/linked-offers/${offer?.id}`)).body.error.code).toBe(
      "OFFER_NOT_FOUND",
    );
    // Filing with another household's offer: not found (never "closed", which would reveal it).
    const neighbour = await as(people.neighbour.pn);
    const theirs = await neighbour.send<Err>("POST", "/api/linked-applications", {
      group: "birth",
      members: [],
      shared: BIRTH_VALUES,
      offer: offer?.id,
    });
    expect([theirs.status, theirs.body.error.code]).toEqual([404, "OFFER_NOT_FOUND"]);
  });

  it("nothing was filed by the offer; the mother's own submission takes it and lists the group", async () => {
    const mother = await as(people.mother.pn);
    expect(
      (await mother.send<{ items: unknown[] }>("GET", "/api/me/linked-applications")).body.items,
    ).toEqual([]);
    const [offer] = (await mother.send<{ items: Offer[] }>("GET", "/api/me/linked-offers")).body.items;
    const filed = await mother.send<{ id: string }>("POST", "/api/linked-applications", {
      group: "birth",
      members: [],
      shared: BIRTH_VALUES,
      offer: offer?.id,
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect((await mother.send<{ items: Offer[] }>("GET", "/api/me/linked-offers")).body.items).toEqual([]);
    const mine = await mother.send<{ items: Array<{ id: string; state: string; words: { vi: string } }> }>(
      "GET",
      "/api/me/linked-applications",
    );
    expect(mine.body.items.map((g) => [g.id, g.state])).toEqual([[filed.body.id, "in_progress"]]);
    const reused = await mother.send<Err>("POST", "/api/linked-applications", {
      group: "birth",
      members: [],
      shared: BIRTH_VALUES,
      offer: offer?.id,
    });
    expect([reused.status, reused.body.error?.code]).toEqual([409, "OFFER_ALREADY_FILED"]);
  });

  it("an offer expires 60 days after the birth: not shown, not usable", async () => {
    await send({ ...NOTICE, noticeId: "GCS-MSG-0008", birthAt: "2026-11-04T07:00:00+07:00" });
    const mother = await as(people.mother.pn);
    const [offer] = (await mother.send<{ items: Offer[] }>("GET", "/api/me/linked-offers")).body.items;
    expect(offer?.noticeId).toBe("GCS-MSG-0008");
    offset = 61 * 86_400_000;
    try {
      expect((await mother.send<{ items: Offer[] }>("GET", "/api/me/linked-offers")).body.items).toEqual([]);
      const late = await mother.send<Err>("POST", `/api/linked-offers/${offer?.id}/decline`);
      expect([late.status, late.body.error.code]).toEqual([409, "OFFER_CLOSED"]);
    } finally {
      offset = 0;
    }
  });
});

describe(`an offer closes for everyone once its notice is registered (${engine})`, () => {
  it("the mother's filing registers the birth: the father's offer of the same notice is gone and cannot be used", async () => {
    await send({ ...NOTICE, noticeId: "GCS-MSG-0009", birthAt: "2026-11-05T07:00:00+07:00" });
    const father = await as(people.father.pn);
    const listed = async () =>
      (await father.send<{ items: Offer[] }>("GET", "/api/me/linked-offers")).body.items.map(
        (o) => o.noticeId,
      );
    expect(await listed()).toContain("GCS-MSG-0009");
    const offer = (await father.send<{ items: Offer[] }>("GET", "/api/me/linked-offers")).body.items.find(
      (o) => o.noticeId === "GCS-MSG-0009",
    );
    // The registry marks the notice registered (as the birth registration's write-back does, under each parent).
    await s.db.query(
      "update birth_notices set registered = true where id = 'GCS-MSG-0009' and personal_number = any($1::char(12)[])",
      [[people.mother.pn, people.father.pn]],
    );
    expect(await listed()).not.toContain("GCS-MSG-0009");
    const late = await father.send<Err>("POST", "/api/linked-applications", {
      group: "birth",
      members: [],
      shared: BIRTH_VALUES,
      offer: offer?.id,
    });
    expect([late.status, late.body.error?.code]).toEqual([409, "OFFER_CLOSED"]);
    const decline = await father.send<Err>("POST", `/api/linked-offers/${offer?.id}/decline`);
    expect([decline.status, decline.body.error?.code]).toEqual([409, "OFFER_CLOSED"]);
    // An id that was never an offer of theirs: not found, in both languages, with its stable code.
    const unknown = await father.send<Err>(
      "POST",
      "/api/linked-offers/48000000-0000-8000-8000-00000000dead/decline",
    );
    expect([unknown.status, unknown.body.error?.code]).toEqual([404, "OFFER_NOT_FOUND"]);
    expect(unknown.body.error?.messageVi).toContain("Không tìm thấy");
    expect(unknown.body.error?.messageEn).toContain("No such offer");
  });
});

describe(`the applicant parent's own facts without an unused notice (${engine})`, () => {
  it("a mother with no notice finds her name, birth year, ethnicity and residence suggested, editable", async () => {
    const neighbour = await as(people.neighbour.pn);
    const r = await neighbour.send<{ fields: Array<{ key: string; value: unknown; readOnly: boolean }> }>(
      "GET",
      "/api/procedures/1.001193/prefill",
    );
    const field = (k: string) => r.body.fields.find((f) => f.key === k);
    expect(field("mother.fullName")).toMatchObject({ value: people.neighbour.name, readOnly: false });
    expect(field("mother.birthYear")).toMatchObject({ value: 1990, readOnly: false });
    expect(field("mother.ethnicity")?.value).toBe("Kinh");
    expect(String(field("mother.residence")?.value)).toContain("Liên Chiểu");
    expect(field("father.fullName")?.value).toBeNull();
    const draft = await neighbour.send<{ fields: Array<{ key: string; value: unknown }> }>(
      "POST",
      "/api/dossiers",
      {
        procedureCode: "1.001193",
      },
    );
    expect(draft.body.fields.find((f) => f.key === "mother.fullName")?.value).toBe(people.neighbour.name);
  });
});
