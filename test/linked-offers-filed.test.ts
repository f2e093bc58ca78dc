import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { foldVietnamese } from "../src/domain/text.js";
import { loadKeys } from "../src/lib/secrets.js";
import { sendBirthNotice, sendDeathNotice } from "../src/modules/exchange/index.js";
import { engine } from "./helpers/db.js";
import { A, addHouseholdMember, BIRTH_VALUES, people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Issue 12 (review): an offer closes for everyone as soon as anyone files a group from its notice,
 * not only once the registry write-back marks the notice registered. While the first group is in
 * flight (its birth or death not registered yet), the other parent's or relative's offer is no
 * longer listed, and taking or declining it answers 409 OFFER_ALREADY_FILED in both languages:
 * one application per child, one per death.
 */
type Offer = { id: string; noticeId: string };
type Err = { error: { code: string; messageVi: string; messageEn: string } };

let s: TestServer;
const clock = () => new Date("2026-11-05T09:00:00+07:00");
const grandfather = { pn: "048040000104", name: "Nguyễn Văn Cường", birth: "1940-02-10" };
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

async function as(pn: string) {
  const b = new Browser(s.baseUrl);
  await b.signIn(pn);
  return b;
}
const offers = async (b: Browser) =>
  (await b.send<{ items: Offer[] }>("GET", "/api/me/linked-offers")).body.items;
const groups = async (b: Browser) =>
  (await b.send<{ items: unknown[] }>("GET", "/api/me/linked-applications")).body.items.length;

function expectFiled(r: { status: number; body: Err }) {
  expect([r.status, r.body.error?.code]).toEqual([409, "OFFER_ALREADY_FILED"]);
  expect(r.body.error.messageVi).toContain("đã được nộp");
  expect(r.body.error.messageEn).toContain("already filed");
}

describe(`an offer closes for everyone once a group is filed from its notice (${engine})`, () => {
  it("birth: the mother files from her offer; before the birth is registered the father's offer is closed", async () => {
    const keys = await loadKeys(loadConfig({ DATA_DIR: s.tdb.dataDir }));
    await s.db.tx((q) =>
      sendBirthNotice(
        q,
        keys.agencies,
        {
          noticeId: "GCS-FILED-0001",
          facility: "Bệnh viện Đà Nẵng",
          communeCode: A.commune,
          birthAt: "2026-11-03T08:15:00+07:00",
          childSex: "M",
          weightGrams: 3100,
          motherNumber: people.mother.pn,
          fatherNumber: people.father.pn,
        },
        A.province,
        clock(),
      ),
    );
    await s.drain();
    const mother = await as(people.mother.pn);
    const father = await as(people.father.pn);
    const [hers] = await offers(mother);
    const [his] = await offers(father);
    expect([hers?.noticeId, his?.noticeId]).toEqual(["GCS-FILED-0001", "GCS-FILED-0001"]);
    const filed = await mother.send("POST", "/api/linked-applications", {
      group: "birth",
      members: [],
      shared: BIRTH_VALUES,
      offer: hers?.id,
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    // In flight: the birth is not registered yet.
    const notice = await s.db.query<{ registered: boolean }>(
      "select registered from birth_notices where id = 'GCS-FILED-0001'",
    );
    expect(notice.rows.map((r) => r.registered)).toEqual([false, false]);

    expect(await offers(father)).toEqual([]);
    expectFiled(
      await father.send<Err>("POST", "/api/linked-applications", {
        group: "birth",
        members: [],
        shared: BIRTH_VALUES,
        offer: his?.id,
      }),
    );
    expectFiled(await father.send<Err>("POST", `/api/linked-offers/${his?.id}/decline`));
    expect(await groups(father)).toBe(0);
    expect(await groups(mother)).toBe(1);
    // The father did not file it: no group is named to him.
    const his2 = await father.send<Err & { error: { details?: unknown[] } }>(
      "POST",
      "/api/linked-applications",
      {
        group: "birth",
        members: [],
        shared: BIRTH_VALUES,
        offer: his?.id,
      },
    );
    expect(his2.body.error.details).toBeUndefined();
    // The mother's second tab (another intent: another key, or none): the group she filed is named.
    for (const headers of [{ "idempotency-key": "second-tab-0001" }, undefined]) {
      const again = await mother.send<Err & { error: { details?: Array<{ group?: { id: string } }> } }>(
        "POST",
        "/api/linked-applications",
        { group: "birth", members: [], shared: BIRTH_VALUES, offer: hers?.id },
        headers,
      );
      expectFiled(again);
      expect(again.body.error.details?.[0]?.group).toEqual({ id: (filed.body as { id: string }).id });
    }
    expect(await groups(mother)).toBe(1);
  });

  it("death: the father files from the home page (no offer); the mother's offer is closed at once", async () => {
    const keys = await loadKeys(loadConfig({ DATA_DIR: s.tdb.dataDir }));
    await s.db.tx((q) =>
      sendDeathNotice(
        q,
        keys.agencies,
        {
          noticeId: "GBT-FILED-0001",
          communeCode: A.commune,
          personalNumber: grandfather.pn,
          diedAt: "2026-11-04T19:08:00+07:00",
          place: "Bệnh viện Đà Nẵng",
          cause: "Tuổi cao",
        },
        A.province,
        clock(),
      ),
    );
    await s.drain();
    const mother = await as(people.mother.pn);
    const father = await as(people.father.pn);
    const [hers] = await offers(mother);
    expect(hers?.noticeId).toBe("GBT-FILED-0001");
    const mothers = await groups(mother); // her birth group above
    const filed = await father.send("POST", "/api/linked-applications", {
      group: "death",
      members: ["deregistration"],
      shared: { "declaration.sworn": true },
      values: { deregistration: { "deceased.relationshipToHead": "bố" } },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const notice = await s.db.query<{ registered: boolean }>(
      "select registered from death_notices where id = 'GBT-FILED-0001'",
    );
    expect(notice.rows).toEqual([{ registered: false }]);

    expect(await offers(mother)).toEqual([]);
    expectFiled(
      await mother.send<Err>("POST", "/api/linked-applications", {
        group: "death",
        members: ["deregistration"],
        shared: { "declaration.sworn": true },
        values: { deregistration: { "deceased.relationshipToHead": "bố" } },
        offer: hers?.id,
      }),
    );
    expectFiled(await mother.send<Err>("POST", `/api/linked-offers/${hers?.id}/decline`));
    expect(await groups(mother)).toBe(mothers);
  });
});
