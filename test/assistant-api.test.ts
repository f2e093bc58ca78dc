import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AssistantReply } from "../src/domain/api/assistant.js";
import { engine } from "./helpers/db.js";
import { A, addDeceased, people } from "./helpers/fixtures.js";
import { signedIn } from "./helpers/journey.js";
import { Browser, clockFrom, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * POST /api/assistant on a real database: the signed-in citizen's answer uses their registry
 * facts, and every fact used is in their access list (purpose "assistant"); without sign-in no
 * registry is read and nothing is logged or stored.
 */
const deceased = { pn: "048040000104", name: "Nguyễn Văn Cường", birth: "1940-02-10" };

let s: TestServer;
const as: Record<string, Browser> = {};
beforeAll(async () => {
  s = await startTestServer({}, { now: clockFrom(new Date("2026-11-05T09:00:00+07:00")) });
  // The father's father, in household HA-1, died yesterday; the hospital sent a death notice.
  await addDeceased(s.db, deceased, { household: "HA-1", notice: "GBT-TEST-0001", commune: A.commune });
  as.anonymous = new Browser(s.baseUrl);
  Object.assign(
    as,
    await signedIn(s.baseUrl, {
      mother: people.mother.pn,
      father: people.father.pn,
      officer: "motcua.20194",
    }),
  );
});
afterAll(async () => s?.close());

const ask = (who: string, text: string, answers: Record<string, string> = {}) =>
  (as[who] as Browser).send<AssistantReply>("POST", "/api/assistant", { text, answers });

type LogEntry = { purpose: string; fields: string[]; actorId: string; resource: string };
async function assistantEntries(who: string): Promise<LogEntry[]> {
  const r = await (as[who] as Browser).send<{ items: LogEntry[] }>("GET", "/api/me/access-log?limit=100");
  expect(r.status).toBe(200);
  return r.body.items.filter((e) => e.purpose === "assistant");
}

async function assistantRows(subject: string): Promise<number> {
  const { rows } = await s.db.query<{ n: number }>(
    "select count(*)::int as n from access_log where subject_number = $1 and purpose = 'assistant'",
    [subject],
  );
  return rows[0]?.n ?? 0;
}

describe(`the virtual assistant over HTTP (${engine})`, () => {
  it("without sign-in: the catalogue only, no registry read, nothing logged", async () => {
    const before = await s.db.query<{ n: number }>("select count(*)::int as n from access_log");
    const r = await ask("anonymous", "vua sinh con");
    expect(r.status).toBe(200);
    expect(r.body.kind === "procedure" && r.body.procedure.code).toBe("1.001193");
    expect(r.body.kind === "procedure" && r.body.facts).toEqual([]);
    expect(r.body.kind === "procedure" && r.body.group.map((g) => g.code).sort()).toEqual([
      "1.004222",
      "LOCAL.BHYT-TE",
    ]);
    const after = await s.db.query<{ n: number }>("select count(*)::int as n from access_log");
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it("the mother: the waiting birth notice is used and is in her access list", async () => {
    const r = await ask("mother", "vừa sinh con");
    expect(r.status).toBe(200);
    if (r.body.kind !== "procedure") throw new Error(r.body.kind);
    expect(r.body.procedure.code).toBe("1.001193");
    expect(r.body.facts.map((f) => f.fact)).toEqual(["birthNotice"]);
    expect(r.body.facts[0]?.vi).toContain("Bệnh viện Phụ sản - Nhi Đà Nẵng");
    const entries = await assistantEntries("mother");
    for (const f of r.body.facts)
      expect(
        entries.some((e) => e.fields.includes(f.fact)),
        f.fact,
      ).toBe(true);
  });

  it("the father: his father's death notice skips the question; the deceased's read is logged too", async () => {
    const r = await ask("father", "bố tôi vừa mất, làm gì");
    if (r.body.kind !== "procedure") throw new Error(r.body.kind);
    expect(r.body.procedure.code).toBe("LOCAL.KHAI-TU");
    expect(r.body.facts[0]?.vi).toContain(`${deceased.name} (bố của bạn)`);
    expect(r.body.facts[0]?.en).toContain(`${deceased.name} (your father)`);
    expect(r.body.group.map((g) => g.code).sort()).toEqual([
      "LOCAL.MAI-TANG-PHI",
      "LOCAL.TRO-CAP-TUAT",
      "LOCAL.XOA-DKTT",
    ]);
    const entries = await assistantEntries("father");
    for (const f of r.body.facts)
      expect(
        entries.some((e) => e.fields.includes(f.fact)),
        f.fact,
      ).toBe(true);
    expect(await assistantRows(deceased.pn)).toBeGreaterThan(0);
  });

  it("the mother moving in: her household is used, and the head's name read is in his list", async () => {
    const headBefore = await assistantRows(people.father.pn);
    const r = await ask("mother", "chuyển hộ khẩu về nhà chồng");
    if (r.body.kind !== "procedure") throw new Error(r.body.kind);
    expect(r.body.procedure.code).toBe("1.004222");
    expect(r.body.facts.map((f) => f.fact)).toEqual(["household"]);
    expect(r.body.facts[0]?.vi).toContain(people.father.name);
    const entries = await assistantEntries("mother");
    expect(entries.some((e) => e.fields.includes("household"))).toBe(true);
    expect(await assistantRows(people.father.pn)).toBe(headBefore + 1);
  });

  it("a question and a service not offered log nothing; the agency is named", async () => {
    const before = await assistantRows(people.mother.pn);
    const passport = await ask("mother", "hộ chiếu");
    expect(passport.body.kind).toBe("notOffered");
    if (passport.body.kind === "notOffered") expect(passport.body.agency.vi).toContain("xuất nhập cảnh");
    const move = await ask("mother", "chuyển nhà");
    expect(move.body.kind === "question" && move.body.question.id).toBe("stay");
    expect(await assistantRows(people.mother.pn)).toBe(before);
    // A life event and a service not offered in one sentence: both answered.
    const both = await ask("mother", "hộ chiếu cho con mới sinh");
    expect(both.body.kind).toBe("procedure");
    if (both.body.kind === "procedure") {
      expect(both.body.linkedGroup).toBe("birth");
      expect(both.body.notOffered?.service.id).toBe("passport");
      expect(both.body.notOffered?.message.vi).toContain("Phòng Quản lý xuất nhập cảnh");
    }
  });

  it("a lost phone is no death: the father's death notice is neither read nor logged", async () => {
    const [self, dead] = [await assistantRows(people.father.pn), await assistantRows(deceased.pn)];
    for (const text of ["bố tôi mất điện thoại", "bố mất sổ đỏ", "bố tôi mất trí nhớ"]) {
      const r = await ask("father", text);
      expect(r.body.kind, text).not.toBe("procedure");
      expect(r.body.kind === "question", text).toBe(false);
    }
    expect([await assistantRows(people.father.pn), await assistantRows(deceased.pn)]).toEqual([self, dead]);
  });

  it("an officer gets the catalogue's answer, never a citizen's facts", async () => {
    const r = await ask("officer", "vừa sinh con");
    expect(r.body.kind === "procedure" && r.body.facts).toEqual([]);
  });

  it.each([
    ["empty text", { text: "   " }],
    ["too long", { text: "a".repeat(301) }],
    ["unknown field", { text: "vua sinh con", extra: 1 }],
    ["bad answer key", { text: "vua sinh con", answers: { "a.b": "x" } }],
  ])("bad input (%s) → 400 with a bilingual message", async (_n, body) => {
    const r = await (as.anonymous as Browser).send<{ error: { code: string; messageVi: string } }>(
      "POST",
      "/api/assistant",
      body,
    );
    expect(r.status).toBe(400);
    expect(r.body.error.messageVi).toBeTruthy();
  });
});
