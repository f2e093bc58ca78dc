import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AssistantReply } from "../src/domain/api/assistant.js";
import { engine } from "./helpers/db.js";
import { A, addDeceased, people } from "./helpers/fixtures.js";
import { FAMILY, signedIn } from "./helpers/journey.js";
import { type Browser, clockFrom, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Issue 14 new-user review, through POST /api/assistant and POST /api/dossiers on a real database:
 * (1) a waiting death notice of another relative than the one named never leads to a form
 * prefilled with that relative; (4) a married citizen asking to register a marriage is told the
 * rule's refusal (ALREADY_MARRIED) before any draft exists, the read logged (purpose "assistant").
 */
const grandmother = { pn: "048040000106", name: "Lê Thị Hoa", birth: "1942-06-01" };

let s: TestServer;
const as: Record<string, Browser> = {};
beforeAll(async () => {
  s = await startTestServer({}, { now: clockFrom(new Date("2026-11-05T09:00:00+07:00")) });
  // The head's mother, in household HA-1, died yesterday; the hospital sent a death notice.
  await addDeceased(
    s.db,
    { ...grandmother, sex: "F", relationship: "mẹ" },
    { household: "HA-1", notice: "GBT-TEST-0002", commune: A.commune },
  );
  Object.assign(as, await signedIn(s.baseUrl, FAMILY));
});
afterAll(async () => s?.close());

const ask = (who: string, text: string, answers: Record<string, string> = {}) =>
  (as[who] as Browser).send<AssistantReply>("POST", "/api/assistant", { text, answers });

describe(`a waiting death notice of another relative (${engine})`, () => {
  it("father named, his mother's notice waiting: plain guidance, her group offered apart, no prefilled form", async () => {
    const q = await ask("father", "bố tôi vừa mất");
    expect(q.body.kind === "question" && q.body.question.vi).toContain("không phải của bố bạn");
    const r = await ask("father", "bố tôi vừa mất", { deathRegistered: "no" });
    expect(r.status).toBe(200);
    if (r.body.kind !== "guidance") throw new Error(r.body.kind);
    expect(r.body.message.vi).toContain("Ủy ban nhân dân cấp xã");
    expect(r.body.offer?.linkedGroup).toBe("death");
    expect(r.body.offer?.vi).toMatch(/^Giấy báo tử của mẹ bạn đang chờ/);
    expect(r.body.facts[0]?.vi).toContain(grandmother.name);
  });
  it("his mother named: her group, prefilled", async () => {
    const r = await ask("father", "mẹ tôi vừa mất");
    expect(r.body.kind === "procedure" && r.body.linkedGroup).toBe("death");
  });
});

describe(`a married citizen and the marriage registration (${engine})`, () => {
  const drafts = async (pn: string) =>
    (
      await s.db.query<{ n: number }>(
        "select count(*)::int as n from dossiers where applicant_number = $1 and procedure_code = 'LOCAL.KET-HON'",
        [pn],
      )
    ).rows[0]?.n;
  const assistantReads = async (pn: string) =>
    (
      await s.db.query<{ n: number }>(
        `select count(*)::int as n from access_log where subject_number = $1 and purpose = 'assistant'
           and resource = 'procedure:LOCAL.KET-HON/eligibility'`,
        [pn],
      )
    ).rows[0]?.n ?? 0;

  it("the assistant says she is recorded as married and offers no form; the read is logged", async () => {
    const before = await assistantReads(people.mother.pn);
    const draftsBefore = await drafts(people.mother.pn);
    const r = await ask("mother", "tôi muốn đăng ký kết hôn");
    if (r.body.kind !== "guidance") throw new Error(r.body.kind);
    expect(r.body.refusal).toBe("ALREADY_MARRIED");
    expect(r.body.message.vi).toMatch(
      /^Bạn đang được ghi nhận là đã kết hôn theo hồ sơ đăng ký kết hôn số KH-20194-2012-0001/,
    );
    expect(r.body.message.vi).toContain("chưa thể làm thủ tục “Đăng ký kết hôn”");
    expect(await assistantReads(people.mother.pn)).toBe(before + 1);
    // No draft is started for her.
    expect(await drafts(people.mother.pn)).toBe(draftsBefore);
  });
  it("a single citizen: the procedure, and a draft", async () => {
    const r = await ask("worker", "tôi muốn đăng ký kết hôn");
    expect(r.body.kind === "procedure" && r.body.procedure.code).toBe("LOCAL.KET-HON");
    const d = await (as.worker as Browser).send("POST", "/api/dossiers", { procedureCode: "LOCAL.KET-HON" });
    expect(d.status).toBe(201);
  });
});
