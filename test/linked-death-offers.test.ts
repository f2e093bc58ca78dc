import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { foldVietnamese } from "../src/domain/text.js";
import { loadKeys } from "../src/lib/secrets.js";
import { sendDeathNotice } from "../src/modules/exchange/index.js";
import { engine } from "./helpers/db.js";
import { A, addHouseholdMember, people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Death-notice offers (issue 12 point 5): a signed `health.death_notice@1` arrives for the
 * grandfather of household HA-1 (alive in the registry until his death is registered); the
 * household's adults (the father and the mother, not the child born 2015) find the death group
 * offered; it is prefilled from the notice, declined by one, taken by the other's own filing, and
 * it expires 15 days after the notice arrived (Law on Civil Status 2014, Art. 33; injected clock).
 */
type Offer = {
  id: string;
  groupCode: string;
  noticeId: string;
  expiresAt: string;
  death: { name: string; diedAt: string; place: string } | null;
};
type Err = { error: { code: string; messageVi: string } };

const grandfather = { pn: "048040000104", name: "Nguyễn Văn Cường", birth: "1940-02-10" };
const ARRIVAL = new Date("2026-11-05T09:00:00+07:00");
let offset = 0;
const clock = () => new Date(ARRIVAL.getTime() + offset);
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({}, { now: clock, delivery: "manual" });
  await s.db.query(
    `insert into persons (personal_number, province_code, full_name, search_name, birth_date, sex, ethnicity,
       birth_registration_old_province, permanent_commune_code, permanent_address, household_id, relationship_to_head)
     values ($1, '48', $2, $3, $4, 'M', 'Kinh', '048', $5, 'Số 1, đường Nguyễn Tất Thành', 'HA-1', 'bố')`,
    [grandfather.pn, grandfather.name, foldVietnamese(grandfather.name), grandfather.birth, A.commune],
  );
  await addHouseholdMember(s.db, "HA-1", grandfather.pn);
});
afterAll(async () => s?.close());

const NOTICE = {
  noticeId: "GBT-MSG-0001",
  communeCode: A.commune,
  personalNumber: grandfather.pn,
  diedAt: "2026-11-04T19:08:00+07:00",
  place: "Bệnh viện Đà Nẵng",
  cause: "Tuổi cao",
};

async function send(notice: typeof NOTICE = NOTICE) {
  const keys = await loadKeys(loadConfig({ DATA_DIR: s.tdb.dataDir }));
  await s.db.tx((q) => sendDeathNotice(q, keys.agencies, notice, A.province, clock()));
  await s.drain();
}

async function as(pn: string) {
  const b = new Browser(s.baseUrl);
  await b.signIn(pn);
  return b;
}
const offers = async (b: Browser) =>
  (await b.send<{ items: Offer[] }>("GET", "/api/me/linked-offers")).body.items;

describe(`offers of the death group from a signed death notice (${engine})`, () => {
  it("each adult of the household is offered the group once, the child is not; the notice is kept", async () => {
    await send();
    await send(); // redelivered: applies once
    for (const pn of [people.father.pn, people.mother.pn]) {
      const items = await offers(await as(pn));
      expect(items.map((o) => [o.groupCode, o.noticeId])).toEqual([["death", "GBT-MSG-0001"]]);
      expect(items[0]?.death).toEqual({
        name: grandfather.name,
        diedAt: "2026-11-04T12:08:00.000Z",
        place: "Bệnh viện Đà Nẵng",
      });
      // 15 days after the notice arrived (Law on Civil Status 2014, Art. 33).
      expect(items[0]?.expiresAt).toBe("2026-11-20T02:00:00.000Z");
    }
    expect(await offers(await as(people.child.pn))).toEqual([]);
    expect(await offers(await as(people.neighbour.pn))).toEqual([]);
    const kept = await s.db.query<{ household: string }>(
      "select household_id as household from death_notices where id = 'GBT-MSG-0001'",
    );
    expect(kept.rows).toEqual([{ household: "HA-1" }]);
    const made = await s.db.query<{ n: number }>(
      "select count(*)::int as n from linked_offers where notice_id = 'GBT-MSG-0001'",
    );
    expect(made.rows[0]?.n).toBe(2);
  });

  it("a forged notice (signed by another agency's key) is refused and offers nothing", async () => {
    const keys = await loadKeys(loadConfig({ DATA_DIR: s.tdb.dataDir }));
    const forged = { ...keys.agencies, "y-te": keys.agencies.ubnd } as typeof keys.agencies;
    await s.db.tx((q) =>
      sendDeathNotice(q, forged, { ...NOTICE, noticeId: "GBT-MSG-0099" }, A.province, clock()),
    );
    await s.drain();
    const kept = await s.db.query("select 1 from death_notices where id = 'GBT-MSG-0099'");
    expect(kept.rows).toEqual([]);
    expect((await offers(await as(people.father.pn))).map((o) => o.noticeId)).toEqual(["GBT-MSG-0001"]);
  });

  it("the form is prefilled from the notice; nothing was filed by the offer", async () => {
    const father = await as(people.father.pn);
    const r = await father.send<{ fields: Array<{ key: string; value: unknown }> }>(
      "GET",
      "/api/procedures/LOCAL.KHAI-TU/prefill",
    );
    const value = (k: string) => r.body.fields.find((f) => f.key === k)?.value;
    expect(value("deceased.fullName")).toBe(grandfather.name);
    expect(value("deceased.personalNumber")).toBe(grandfather.pn);
    expect(String(value("death.at"))).toContain("2026-11-04");
    expect(value("requester.relationship")).toBe("child");
    expect(
      (await father.send<{ items: unknown[] }>("GET", "/api/me/linked-applications")).body.items,
    ).toEqual([]);
  });

  it("the mother declines: gone for her, not for the father; a second decline answers the same", async () => {
    const mother = await as(people.mother.pn);
    const [offer] = await offers(mother);
    expect((await mother.send("POST", `/api/linked-offers/${offer?.id}/decline`)).status).toBe(200);
    expect(await offers(mother)).toEqual([]);
    const again = await mother.send<{ state: string }>("POST", `/api/linked-offers/${offer?.id}/decline`);
    expect([again.status, again.body.state]).toEqual([200, "declined"]);
    expect(await offers(mother)).toEqual([]);
    expect(await offers(await as(people.father.pn))).toHaveLength(1);
  });

  it("the father's own filing takes the offer, even filed from the home page; it cannot be used again", async () => {
    const father = await as(people.father.pn);
    const [offer] = await offers(father);
    const application = {
      group: "death",
      members: ["deregistration"],
      shared: { "declaration.sworn": true },
      values: { deregistration: { "deceased.relationshipToHead": "bố" } },
    };
    // Filed without opening the offer (the life event on the home page): the offer is answered too.
    const filed = await father.send<{ id: string }>("POST", "/api/linked-applications", application);
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(await offers(father)).toEqual([]);
    const group = await father.send<{ steps: Array<{ key: string; state: string }> }>(
      "GET",
      `/api/linked-applications/${filed.body.id}`,
    );
    expect(group.body.steps.map((x) => [x.key, x.state])).toEqual([
      ["death", "started"],
      ["deregistration", "waiting"],
    ]);
    const reused = await father.send<Err>("POST", "/api/linked-applications", {
      ...application,
      offer: offer?.id,
    });
    expect([reused.status, reused.body.error?.code]).toEqual([409, "OFFER_ALREADY_FILED"]);
  });

  it("an offer expires 15 days after the notice arrived: not shown, not usable", async () => {
    await send({ ...NOTICE, noticeId: "GBT-MSG-0002" });
    const mother = await as(people.mother.pn);
    const [offer] = await offers(mother);
    expect(offer?.noticeId).toBe("GBT-MSG-0002");
    offset = 16 * 86_400_000;
    try {
      expect(await offers(mother)).toEqual([]);
      const late = await mother.send<Err>("POST", `/api/linked-offers/${offer?.id}/decline`);
      expect([late.status, late.body.error.code]).toEqual([409, "OFFER_CLOSED"]);
    } finally {
      offset = 0;
    }
  });

  it("once the death is registered (by anyone), the household's other offers of that notice are gone", async () => {
    await send({ ...NOTICE, noticeId: "GBT-MSG-0003" });
    const mother = await as(people.mother.pn);
    expect((await offers(mother)).map((o) => o.noticeId)).toContain("GBT-MSG-0003");
    // The registry marks the notice registered, as the death registration's write-back does.
    await s.db.query(
      "update death_notices set registered = true where household_id = 'HA-1' and id = 'GBT-MSG-0003'",
    );
    expect((await offers(mother)).map((o) => o.noticeId)).not.toContain("GBT-MSG-0003");
  });
});
