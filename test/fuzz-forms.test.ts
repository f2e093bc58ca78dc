import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Fuzzing the form endpoints and the search parameters with arbitrary Unicode (issue 9, "Must
 * hold"): NUL, lone surrogates, NFD, bidirectional and zero-width characters, 100 KB strings.
 * Whatever arrives: never a 5xx, an error always in the one bilingual shape, nothing half-written
 * (a refused save leaves the form and the log as they were), and what is stored is NFC text
 * without invisible characters.
 */
let s: TestServer;
let citizen: Browser;
let officer: Browser;
let draftId = "";
beforeAll(async () => {
  s = await startTestServer();
  citizen = new Browser(s.baseUrl);
  await citizen.signIn(people.mother.pn);
  officer = new Browser(s.baseUrl);
  await officer.signIn("motcua.20194");
  const r = await citizen.send<{ id: string }>("POST", "/api/dossiers", { procedureCode: "1.001193" });
  draftId = r.body.id;
});
afterAll(async () => s?.close());

// Characters that broke or fooled peer systems, one "unit" each.
const NASTY = [
  "\u0000", // NUL: PostgreSQL text refuses it
  "\uD800", // lone high surrogate
  "\uDFFF", // lone low surrogate
  "\u202E", // right-to-left override
  "\u2066", // left-to-right isolate
  "\u200B", // zero-width space
  "\u200D", // zero-width joiner
  "\uFEFF", // byte-order mark
  "\u0007", // bell
  "\u0301", // combining acute accent, alone
  "e\u0302\u0303", // ễ decomposed (NFD)
  "\r\n",
  "%",
  "_",
  "\\",
  "'",
  '"',
  "ﬁ",
  "🌸",
  "👨‍👩‍👧",
];
const unit = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }),
  fc.constantFrom("Nguyễn", "Thị", "Bình", " ", "Ly", "1", "2026-11-04"),
);
const nastyText = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit, maxLength: 40 }) },
  // 100 KB strings: one repeated unit (the body limit or a length limit refuses them, never a 5xx).
  { weight: 1, arbitrary: fc.constantFrom(...NASTY).map((u) => u.repeat(Math.ceil(100_000 / u.length))) },
);

const FORM_KEYS = [
  "child.fullName",
  "child.ethnicity",
  "child.homeTown",
  "child.nationality",
  "requester.relationship",
  "parents.married",
  "declaration.sworn",
  "father.fullName",
];
const formValue = fc.oneof(
  { weight: 6, arbitrary: nastyText },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }) },
);
const formValues = fc.dictionary(
  fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FORM_KEYS) }, { weight: 1, arbitrary: nastyText }),
  formValue,
  { maxKeys: 6 },
);

/**
 * A query-string value as a client may send it, percent-encoded byte by byte: well-formed text
 * as UTF-8, a lone surrogate as the three bytes a careless encoder writes for it (WTF-8).
 */
function encodeQuery(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join("");
    } else out += encodeURIComponent(text[i] as string);
  }
  return out;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: what must never be stored
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\p{Cf}\p{Cs}]/u;

/** A refusal is a 4xx in the one error shape with both languages; a 5xx is always a failure. */
async function judged(res: Response): Promise<{ status: number; body: unknown }> {
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBeLessThan(500);
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // 431 for an oversized URL comes from Node's HTTP parser with no body: still not a 5xx.
  }
  if (res.status >= 400 && res.status !== 431) {
    const error = (body as { error?: { code?: string; messageVi?: string; messageEn?: string } }).error;
    expect(error?.code, text.slice(0, 300)).toMatch(/^[A-Z_]+$/);
    expect(error?.messageVi?.length).toBeGreaterThan(0);
    expect(error?.messageEn?.length).toBeGreaterThan(0);
  }
  return { status: res.status, body };
}

async function snapshot(id: string) {
  const { rows } = await s.db.query<{ form: Record<string, unknown>; status: string; last_seq: number }>(
    "select form, status, last_seq from dossiers where id = $1",
    [id],
  );
  return rows[0];
}

async function jsonCall(b: Browser, method: string, path: string, body: unknown) {
  return b.fetch(path, {
    method,
    headers: { "content-type": "application/json", "x-csrf-token": await b.csrf() },
    body: JSON.stringify(body),
  });
}

describe(`fuzzing typed text (${engine})`, () => {
  it("PUT /api/dossiers/:id/form: no 5xx; refused saves change nothing; stored text is NFC and visible", async () => {
    let saved = 0;
    await fc.assert(
      fc.asyncProperty(formValues, async (values) => {
        const before = await snapshot(draftId);
        const { status } = await judged(
          await jsonCall(citizen, "PUT", `/api/dossiers/${draftId}/form`, { values }),
        );
        const after = await snapshot(draftId);
        if (status !== 200) {
          expect(after).toEqual(before);
          return;
        }
        saved++;
        for (const v of Object.values(after?.form ?? {})) {
          if (typeof v !== "string") continue;
          expect(v).toBe(v.normalize("NFC"));
          expect(v).not.toMatch(INVISIBLE);
        }
      }),
      { numRuns: 80, seed: 20261104 },
    );
    // The generator is not all noise: some saves go through and are checked above.
    expect(saved).toBeGreaterThan(0);
  });

  it("POST /api/dossiers/:id/submit: no 5xx; a refused submission leaves the draft as it was", async () => {
    await fc.assert(
      fc.asyncProperty(formValues, async (values) => {
        const before = await snapshot(draftId);
        const { status } = await judged(
          await jsonCall(citizen, "POST", `/api/dossiers/${draftId}/submit`, { values }),
        );
        if (status !== 200) expect(await snapshot(draftId)).toEqual(before);
      }),
      { numRuns: 40, seed: 20261105 },
    );
  });

  it("POST /api/dossiers: no 5xx; a refused start creates no dossier", async () => {
    const count = async () =>
      (await s.db.query<{ n: number }>("select count(*)::int as n from dossiers")).rows[0]?.n ?? -1;
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            procedureCode: fc.oneof(nastyText, fc.constantFrom("1.001193", "LOCAL.KET-HON")),
            communeCode: nastyText,
          },
          { requiredKeys: ["procedureCode"] },
        ),
        async (body) => {
          const before = await count();
          const { status } = await judged(await jsonCall(citizen, "POST", "/api/dossiers", body));
          if (status >= 400) expect(await count()).toBe(before);
        },
      ),
      { numRuns: 30, seed: 20261106 },
    );
  });

  it.each([
    ["/api/procedures?q=", "anonymous"],
    ["/api/units/communes?q=", "anonymous"],
    ["/api/officer/dossiers?q=", "officer"],
  ])("GET %s with arbitrary text: no 5xx", async (path, who) => {
    const b = who === "officer" ? officer : new Browser(s.baseUrl);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          { weight: 9, arbitrary: fc.string({ unit, maxLength: 60 }) },
          { weight: 1, arbitrary: nastyText },
        ),
        async (q) => {
          await judged(await b.fetch(`${path}${encodeQuery(q)}`));
        },
      ),
      { numRuns: 40, seed: 20261107 },
    );
  });
});
