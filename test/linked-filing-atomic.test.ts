import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { loadKeys } from "../src/lib/secrets.js";
import { sendBirthNotice } from "../src/modules/exchange/index.js";
import { engine } from "./helpers/db.js";
import { A, BIRTH_VALUES, people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Issue 12: filing a linked group is one transaction. A first step refused at its submission leaves
 * nothing: no group, no dossier (not even a withdrawn draft), no claim of the notice, the offer
 * still open. Two filings from one notice at the same instant make one group; the other is a
 * bilingual 409 and wrote nothing at all.
 */
type Err = { id?: string; error: { code: string; messageVi: string; messageEn: string } };

let s: TestServer;
const clock = () => new Date("2026-11-05T09:00:00+07:00");
beforeAll(async () => {
  s = await startTestServer({}, { now: clock, delivery: "manual" });
});
afterAll(async () => s?.close());

async function as(pn: string) {
  const b = new Browser(s.baseUrl);
  await b.signIn(pn);
  return b;
}

/** Everything a filing by `pn` writes, whatever its state. */
const written = async (pn: string) =>
  (
    await s.db.query<{ groups: number; dossiers: number; steps: number; keys: number; filings: number }>(
      `select (select count(*)::int from linked_groups where applicant_number = $1) as groups,
              (select count(*)::int from dossiers where applicant_number = $1) as dossiers,
              (select count(*)::int from linked_group_steps s join linked_groups g
                 on g.province_code = s.province_code and g.id = s.group_id where g.applicant_number = $1) as steps,
              (select count(*)::int from idempotency_keys where actor_id = $1) as keys,
              (select count(*)::int from linked_notice_filings where filed_by = $1) as filings`,
      [pn],
    )
  ).rows[0];

async function birthNotice(noticeId: string) {
  const keys = await loadKeys(loadConfig({ DATA_DIR: s.tdb.dataDir }));
  await s.db.tx((q) =>
    sendBirthNotice(
      q,
      keys.agencies,
      {
        noticeId,
        facility: "Bệnh viện Đà Nẵng",
        communeCode: A.commune,
        birthAt: "2026-11-03T08:15:00+07:00",
        childSex: "F",
        weightGrams: 3000,
        motherNumber: people.mother.pn,
        fatherNumber: people.father.pn,
      },
      A.province,
      clock(),
    ),
  );
  await s.drain();
}
const offerOf = async (b: Browser, noticeId: string) =>
  (
    await b.send<{ items: Array<{ id: string; noticeId: string }> }>("GET", "/api/me/linked-offers")
  ).body.items.find((o) => o.noticeId === noticeId)?.id;

describe(`filing a linked group is one transaction (${engine})`, () => {
  it("a first step refused at submission leaves nothing; the offer stays open and files afterwards", async () => {
    await birthNotice("GCS-ATOMIC-0001");
    const mother = await as(people.mother.pn);
    const offer = await offerOf(mother, "GCS-ATOMIC-0001");
    expect(offer).toBeTruthy();
    const before = await written(people.mother.pn);
    const { "child.fullName": _name, ...unnamed } = BIRTH_VALUES;
    const refused = await mother.send<Err & { error: { details?: Array<{ field: string }> } }>(
      "POST",
      "/api/linked-applications",
      { group: "birth", members: [], shared: unnamed, offer },
      { "idempotency-key": "atomic-refused-0001" },
    );
    expect(refused.status, JSON.stringify(refused.body)).toBe(400);
    expect(refused.body.error.code).toBe("FORM_INVALID");
    expect(refused.body.error.details?.map((d) => d.field)).toContain("form.child.fullName");
    expect(await written(people.mother.pn)).toEqual(before);
    expect(await offerOf(mother, "GCS-ATOMIC-0001")).toBe(offer);
    // Corrected, the same offer (and the same key: nothing held it) files the group.
    const filed = await mother.send<Err>(
      "POST",
      "/api/linked-applications",
      { group: "birth", members: [], shared: BIRTH_VALUES, offer },
      { "idempotency-key": "atomic-refused-0001" },
    );
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const after = await written(people.mother.pn);
    expect(after).toEqual({
      groups: (before?.groups ?? 0) + 1,
      dossiers: (before?.dossiers ?? 0) + 1,
      steps: (before?.steps ?? 0) + 1,
      keys: (before?.keys ?? 0) + 1,
      filings: (before?.filings ?? 0) + 1,
    });
    const claim = await s.db.query<{ groupId: string }>(
      `select group_id::text as "groupId" from linked_notice_filings where notice_id = 'GCS-ATOMIC-0001'`,
    );
    expect(claim.rows).toEqual([{ groupId: filed.body.id }]);
  });

  it("two filings of one notice at once: one group; the other 409 in both languages, nothing written", async () => {
    await birthNotice("GCS-ATOMIC-0002");
    const mother = await as(people.mother.pn);
    const father = await as(people.father.pn);
    const [hers, his] = [await offerOf(mother, "GCS-ATOMIC-0002"), await offerOf(father, "GCS-ATOMIC-0002")];
    expect(hers && his).toBeTruthy();
    const before = [await written(people.mother.pn), await written(people.father.pn)];
    const file = (b: Browser, offer: string | undefined, relationship: string, key: string) =>
      b.send<Err>(
        "POST",
        "/api/linked-applications",
        {
          group: "birth",
          members: ["residence"],
          shared: { ...BIRTH_VALUES, "requester.relationship": relationship, "child.fullName": "Lê Thị Một" },
          values: {
            residence: {
              request: "join_household",
              "member.relationshipToHead": "con",
              "household.headConsent": true,
            },
          },
          offer,
        },
        { "idempotency-key": key },
      );
    const answers = await Promise.all([
      file(mother, hers, "mother", "atomic-race-mother"),
      file(father, his, "father", "atomic-race-father"),
    ]);
    expect(answers.map((r) => r.status).sort(), JSON.stringify(answers.map((r) => r.body))).toEqual([
      201, 409,
    ]);
    const lost = answers.find((r) => r.status === 409) as { body: Err };
    expect(lost.body.error.code).toBe("OFFER_ALREADY_FILED");
    expect(lost.body.error.messageVi).toContain("đã được nộp");
    expect(lost.body.error.messageEn).toContain("already filed");
    const groups = await s.db.query<{ n: number }>(
      `select count(*)::int as n from linked_notice_filings f join linked_groups g
         on g.province_code = f.group_province_code and g.id = f.group_id where f.notice_id = 'GCS-ATOMIC-0002'`,
    );
    expect(groups.rows[0]?.n).toBe(1);
    const loser = answers[0]?.status === 409 ? 0 : 1;
    const pn = loser === 0 ? people.mother.pn : people.father.pn;
    expect(await written(pn)).toEqual(before[loser]);
  });
});
