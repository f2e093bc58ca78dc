import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { BIRTH_VALUES, people } from "./helpers/fixtures.js";
import { birthNoticeArrives, offerOf, signedIn, writtenBy } from "./helpers/linked.js";
import { type Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Issue 12 (leftovers): a group application's Idempotency-Key answers one application (the same
 * body gets the first group; another group or other answers is 409 IDEMPOTENCY_CONFLICT, nothing
 * written), and two filings from one notice's offers at the same instant give one group (the
 * database's key on the notice, migration 343): the other is 409 OFFER_ALREADY_FILED. The loser of
 * the race wrote nothing at all (filing is one transaction; test/linked-filing-atomic.test.ts).
 */
type Err = { id?: string; error: { code: string; messageVi: string; messageEn: string } };

let s: TestServer;
const clock = () => new Date("2026-11-05T09:00:00+07:00");
beforeAll(async () => {
  s = await startTestServer({}, { now: clock, delivery: "manual" });
});
afterAll(async () => s?.close());

const as = (pn: string) => signedIn(s, pn);
/** Everything a filing by `pn` writes, whatever its state. */
const written = (pn: string) => writtenBy(s, pn);

const groupCount = async () =>
  (
    await s.db.query<{ n: number }>(
      "select count(*)::int as n from linked_groups where applicant_number = any($1::char(12)[])",
      [[people.mother.pn, people.father.pn]],
    )
  ).rows[0]?.n ?? 0;

const birthNotice = (noticeId: string) => birthNoticeArrives(s, noticeId, clock());

describe(`a group application's Idempotency-Key and its offer's notice (${engine})`, () => {
  it("the same key: the same body answers the first group; another body is 409 and writes nothing", async () => {
    const father = await as(people.father.pn);
    const application = {
      group: "birth",
      members: [],
      shared: { ...BIRTH_VALUES, "requester.relationship": "father", "child.fullName": "Trần Thị Khoá" },
    };
    const file = (body: unknown) =>
      father.send<Err>("POST", "/api/linked-applications", body, {
        "idempotency-key": "group-key-reuse-0001",
      });
    const first = await file(application);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const before = await written(people.father.pn);
    // The same body again: the first group, nothing more written.
    const again = await file({ ...application, members: [] });
    expect([again.status, again.body.id]).toEqual([201, first.body.id]);
    // Other answers, and another group: refused in both languages, nothing written.
    for (const other of [
      { ...application, shared: { ...application.shared, "child.fullName": "Trần Thị Khác" } },
      {
        group: "death",
        members: ["deregistration"],
        shared: { "declaration.sworn": true },
        values: { deregistration: { "deceased.relationshipToHead": "bố" } },
      },
    ]) {
      const r = await file(other);
      expect([r.status, r.body.error?.code]).toEqual([409, "IDEMPOTENCY_CONFLICT"]);
      expect(r.body.error.messageVi).toContain("Idempotency-Key");
      expect(r.body.error.messageVi).toContain("yêu cầu khác");
      expect(r.body.error.messageEn).toContain("different request");
      expect(await written(people.father.pn)).toEqual(before);
    }
  });

  it("two parents file from one notice's offers at the same instant: one group, the other 409 OFFER_ALREADY_FILED", async () => {
    await birthNotice("GCS-RACE-0001");
    const mother = await as(people.mother.pn);
    const father = await as(people.father.pn);
    const [hers, his] = [await offerOf(mother, "GCS-RACE-0001"), await offerOf(father, "GCS-RACE-0001")];
    expect(hers && his).toBeTruthy();
    const groupsBefore = await groupCount();
    const before = [await written(people.mother.pn), await written(people.father.pn)];
    const file = (b: Browser, offer: string | undefined, key: string) =>
      b.send<Err>(
        "POST",
        "/api/linked-applications",
        {
          group: "birth",
          members: [],
          shared: { ...BIRTH_VALUES, "requester.relationship": b === mother ? "mother" : "father" },
          offer,
        },
        { "idempotency-key": key },
      );
    // At once on PostgreSQL; PGlite runs one transaction at a time (the second finds the notice taken).
    const answers = await Promise.all([
      file(mother, hers, "race-mother-0001"),
      file(father, his, "race-father-0001"),
    ]);
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses, JSON.stringify(answers.map((r) => r.body))).toEqual([201, 409]);
    const lost = answers.find((r) => r.status === 409);
    expect(lost?.body.error.code).toBe("OFFER_ALREADY_FILED");
    expect(lost?.body.error.messageVi).toContain("đã được nộp");
    expect(lost?.body.error.messageEn).toContain("already filed");
    expect(await groupCount()).toBe(groupsBefore + 1);
    const filings = await s.db.query<{ n: number }>(
      "select count(*)::int as n from linked_notice_filings where notice_id = 'GCS-RACE-0001'",
    );
    expect(filings.rows[0]?.n).toBe(1);
    // The loser wrote nothing at all: no group, no dossier (not even a withdrawn draft), no key, no claim.
    const loser = answers[0]?.status === 409 ? 0 : 1;
    expect(await written(loser === 0 ? people.mother.pn : people.father.pn)).toEqual(before[loser]);
    // The winner's retry with its key answers with its group; the loser's retry is still refused.
    const won = answers.find((r) => r.status === 201);
    const winner =
      answers[0]?.status === 201 ? [mother, hers, "race-mother-0001"] : [father, his, "race-father-0001"];
    const retry = await file(winner[0] as Browser, winner[1] as string, winner[2] as string);
    expect([retry.status, retry.body.id]).toEqual([201, won?.body.id]);
  });
});
