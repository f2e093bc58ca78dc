import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { BIRTH_VALUES, people } from "./helpers/fixtures.js";
import { birthNoticeArrives, offerOf, signedIn, writtenBy } from "./helpers/linked.js";
import { startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Issue 12: filing a linked group is one transaction. A first step refused at its submission leaves
 * nothing: no group, no dossier (not even a withdrawn draft), no key, no claim of the notice, and
 * the offer stays open. (Two filings of one notice at once: test/linked-group-keys.test.ts.)
 */
type Err = { id?: string; error: { code: string; messageVi: string; messageEn: string } };

let s: TestServer;
const clock = () => new Date("2026-11-05T09:00:00+07:00");
beforeAll(async () => {
  s = await startTestServer({}, { now: clock, delivery: "manual" });
});
afterAll(async () => s?.close());
const written = (pn: string) => writtenBy(s, pn);
const birthNotice = (noticeId: string) => birthNoticeArrives(s, noticeId, clock());
const as = (pn: string) => signedIn(s, pn);

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
});
