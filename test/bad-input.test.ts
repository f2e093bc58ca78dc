// Over 400 lines: one server start for every bad-input table (a server costs seconds per file).
import type { RouteOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { MARITAL, people } from "./helpers/fixtures.js";
import { type RawRequest, rawRequest } from "./helpers/raw-http.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

let s: TestServer;
let officer: Browser;
let admin: Browser;
let citizen: Browser;
/**
 * Every route that takes a body, as the application registers them: method, URL, its body schema,
 * and whether it reads its body as its own bytes (a declared `consumes`, or `checksOwnBody`).
 */
const writes: Array<{
  method: string;
  url: string;
  body?: { safeParse(v: unknown): { success: boolean } };
  ownBytes: boolean;
}> = [];
beforeAll(async () => {
  s = await startTestServer(
    {},
    {
      onRoute: (r: RouteOptions) => {
        for (const method of [r.method].flat()) {
          if (!["POST", "PUT", "PATCH", "DELETE"].includes(method) || r.url.includes("*")) continue;
          const schema = r.schema as { body?: never; consumes?: unknown } | undefined;
          const ownBytes = Boolean(schema?.consumes || r.config?.checksOwnBody);
          writes.push({ method, url: r.url, body: schema?.body, ownBytes });
        }
      },
    },
  );
  officer = new Browser(s.baseUrl);
  await officer.signIn("motcua.20194");
  admin = new Browser(s.baseUrl);
  await admin.signIn("admin");
  citizen = new Browser(s.baseUrl);
  await citizen.signIn(people.father.pn);
});
afterAll(async () => s?.close());

type ErrorBody = {
  error: {
    code: string;
    status: number;
    messageVi: string;
    messageEn: string;
    details?: Array<{ field: string; messageEn: string }>;
  };
};

async function expectError(res: Response | undefined, status: number, code: string): Promise<ErrorBody> {
  expect(res?.status).toBe(status);
  const body = (await res?.json()) as ErrorBody;
  expect(body.error.code).toBe(code);
  expect(body.error.status).toBe(status);
  expect(body.error.messageVi.length).toBeGreaterThan(0);
  expect(body.error.messageEn.length).toBeGreaterThan(0);
  return body;
}

async function count(table: string): Promise<number> {
  const { rows } = await s.db.query<{ n: number }>(`select count(*)::int as n from ${table}`);
  return rows[0]?.n ?? 0;
}

async function jsonWrite(b: Browser, method: string, path: string, body: unknown, raw?: string) {
  return b.fetch(path, {
    method,
    headers: { "content-type": "application/json", "x-csrf-token": await b.csrf() },
    body: raw ?? JSON.stringify(body),
  });
}

describe(`malformed personal numbers (${engine})`, () => {
  it.each([
    ["too short", "04808500010"],
    ["letters", "04808500010a"],
    ["unknown province of registration", "003085000101"],
    ["13 digits", "0480850001010"],
  ])("%s → 400 INVALID_PERSONAL_NUMBER", async (_name, pn) => {
    const body = await expectError(
      await officer.fetch(`/api/persons/${pn}?purpose=dossier-processing`),
      400,
      "INVALID_PERSONAL_NUMBER",
    );
    expect(body.error.details?.[0]?.field).toBe("params.personalNumber");
  });
});

describe(`a malformed id in the path names nothing (${engine})`, () => {
  it.each(["/api/dossiers/not-a-uuid", "/api/linked-applications/xyz"])(
    "%s → 404 NOT_FOUND, as an id that matches nothing",
    async (path) => {
      const body = await expectError(await citizen.fetch(path), 404, "NOT_FOUND");
      expect(body.error.messageVi).toBe("Không tìm thấy.");
    },
  );
});

describe(`unknown codes and wrong types (${engine})`, () => {
  it("unknown commune code in a search → 400 UNKNOWN_COMMUNE", async () => {
    await expectError(
      await officer.fetch("/api/persons?purpose=dossier-processing&commune=99999"),
      400,
      "UNKNOWN_COMMUNE",
    );
    await expectError(
      await officer.fetch("/api/persons?purpose=dossier-processing&commune=abc"),
      400,
      "UNKNOWN_COMMUNE",
    );
  });

  it("unknown province → 400 UNKNOWN_PROVINCE", async () => {
    await expectError(await officer.fetch("/api/units/communes?province=99"), 400, "UNKNOWN_PROVINCE");
  });

  it("missing or unknown purpose → 400", async () => {
    await expectError(await officer.fetch(`/api/persons/${people.father.pn}`), 400, "VALIDATION_FAILED");
    await expectError(
      await officer.fetch(`/api/persons/${people.father.pn}?purpose=curiosity`),
      400,
      "VALIDATION_FAILED",
    );
  });

  it("creating an officer in an unknown commune writes nothing", async () => {
    const before = await count("officers");
    const body = await expectError(
      await jsonWrite(admin, "POST", "/api/admin/officers", {
        username: "motcua.new",
        fullName: "Cán bộ mới",
        role: "receiver",
        jurisdiction: { level: "commune", code: "99999" },
      }),
      400,
      "UNKNOWN_COMMUNE",
    );
    expect(body.error.details?.[0]?.field).toBe("body.jurisdiction.code");
    expect(await count("officers")).toBe(before);
  });

  it("an admin creates an officer with a valid commune, and it is audited", async () => {
    const res = await jsonWrite(admin, "POST", "/api/admin/officers", {
      username: "chuyenvien2.20194",
      fullName: "Võ Thị Hạnh",
      role: "specialist",
      jurisdiction: { level: "commune", code: "20194" },
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { provinceCode: string }).provinceCode).toBe("48");
    const again = await jsonWrite(admin, "POST", "/api/admin/officers", {
      username: "chuyenvien2.20194",
      fullName: "Võ Thị Hạnh",
      role: "specialist",
      jurisdiction: { level: "commune", code: "20194" },
    });
    await expectError(again, 409, "CONFLICT");
    const { rows } = await s.db.query(
      "select 1 from audit_log where action = 'officer.create' and resource = 'officer:chuyenvien2.20194'",
    );
    expect(rows).toHaveLength(1);
  });

  it("a non-admin cannot create officers", async () => {
    await expectError(
      await jsonWrite(officer, "POST", "/api/admin/officers", {
        username: "x.y",
        fullName: "X Y",
        role: "admin",
        jurisdiction: { level: "country" },
      }),
      403,
      "FORBIDDEN",
    );
  });

  it.each([
    ["phone as a number", { phone: 905123456, email: null }],
    ["phone not a mobile number", { phone: "12345", email: null }],
    ["bad e-mail", { phone: null, email: "not-an-email" }],
    ["unknown field", { phone: null, email: null, role: "admin" }],
  ])("contact update with %s → 400, nothing written", async (_name, body) => {
    await expectError(await jsonWrite(citizen, "PUT", "/api/me/contact", body), 400, "VALIDATION_FAILED");
    const { rows } = await s.db.query<{ phone: string }>(
      "select phone from persons where personal_number = $1",
      [people.father.pn],
    );
    expect(rows[0]?.phone).toBe("0905123456");
  });

  it("broken JSON → 400 INVALID_JSON", async () => {
    await expectError(
      await jsonWrite(citizen, "PUT", "/api/me/contact", null, "{not json"),
      400,
      "INVALID_JSON",
    );
  });

  it("oversized body → 413, nothing written", async () => {
    const huge = { phone: "0912345678", email: null, padding: "x".repeat(300 * 1024) };
    await expectError(await jsonWrite(citizen, "PUT", "/api/me/contact", huge), 413, "PAYLOAD_TOO_LARGE");
    const { rows } = await s.db.query<{ phone: string }>(
      "select phone from persons where personal_number = $1",
      [people.father.pn],
    );
    expect(rows[0]?.phone).toBe("0905123456");
  });

  it("a cookie-session write without the CSRF token is refused, nothing written", async () => {
    const res = await citizen.fetch("/api/me/contact", {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ phone: "0912345678", email: null }),
    });
    await expectError(res, 403, "CSRF_INVALID");
    const { rows } = await s.db.query<{ phone: string }>(
      "select phone from persons where personal_number = $1",
      [people.father.pn],
    );
    expect(rows[0]?.phone).toBe("0905123456");
  });

  it("a valid contact update is written", async () => {
    const res = await jsonWrite(citizen, "PUT", "/api/me/contact", {
      phone: "0387654321",
      email: "an@example.vn",
    });
    expect(res.status).toBe(200);
    const { rows } = await s.db.query<{ phone: string }>(
      "select phone from persons where personal_number = $1",
      [people.father.pn],
    );
    expect(rows[0]?.phone).toBe("0387654321");
  });

  it("unauthenticated calls get 401 with the error shape", async () => {
    await expectError(await fetch(`${s.baseUrl}/api/me/data`), 401, "UNAUTHENTICATED");
    await expectError(
      await fetch(`${s.baseUrl}/api/me/data`, { headers: { authorization: "Bearer not.a.jwt" } }),
      401,
      "INVALID_TOKEN",
    );
  });

  it("an unknown route → 404 with the error shape", async () => {
    await expectError(await fetch(`${s.baseUrl}/api/nothing-here`), 404, "NOT_FOUND");
  });
});

describe(`one error shape at the edge, nothing half-written, never a 5xx (${engine})`, () => {
  let draft = "";
  let auth: Record<string, string> = {};
  beforeAll(async () => {
    draft = (await citizen.send<{ id: string }>("POST", "/api/dossiers", { procedureCode: MARITAL.code }))
      .body.id;
    const token = await citizen.csrf(); // first: it may set the session cookie sent below
    auth = { cookie: citizen.cookieHeader(), "x-csrf-token": token };
  });
  const json = { "content-type": "application/json" };
  const form = { "content-type": "application/x-www-form-urlencoded" };
  const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => Buffer.from(p)));
  /** A draft's form values whose `purpose` holds these raw bytes. */
  const saveWith = (...raw: number[]): RawRequest => ({
    method: "PUT",
    path: `/api/dossiers/${draft}/form`,
    headers: { ...auth, ...json },
    body: bytes('{"values":{"purpose":"Để ', raw, '"}}'),
  });
  const get = (path: string, headers: Record<string, string> = {}): RawRequest => ({
    method: "GET",
    path,
    headers,
  });
  const signIn = (body: string | Uint8Array): RawRequest => ({
    method: "POST",
    path: "/signin/some-interaction",
    headers: form,
    body,
  });
  const U = "400 INVALID_CHARACTERS";
  const send = (
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: string,
  ): RawRequest => ({
    method,
    path,
    headers: { ...auth, ...headers },
    body,
  });
  const hugeJson = () => JSON.stringify({ procedureCode: "x".repeat(300 * 1024) });

  // [what is sent, the request, "status CODE", "field: words of its detail"]
  it.each<[string, () => RawRequest, string, string?]>([
    // Bytes that are not UTF-8: refused, never stored with U+FFFD in their place.
    ["a JSON body with C3 28 (a cut sequence)", () => saveWith(0xc3, 0x28), U, "body: not UTF-8"],
    ["a JSON body with the byte FF", () => saveWith(0xff), U, "body: not UTF-8"],
    [
      "a JSON body with an encoded surrogate (ED A0 80)",
      () => saveWith(0xed, 0xa0, 0x80),
      U,
      "body: not UTF-8",
    ],
    ["a form body with %C3%28", () => signIn("login=%C3%28"), U, "body: not UTF-8"],
    ["a form body with %FF", () => signIn("login=048085%FF"), U, "body: not UTF-8"],
    ["a form body with the raw byte FF", () => signIn(bytes("login=", [0xff])), U, "body: not UTF-8"],
    ["a query with %C3%28", () => get("/api/units/communes?q=h%C3%28i"), U, "url.query: not UTF-8"],
    ["a query with %FF", () => get("/api/units/communes?q=%FF"), U, "url.query: not UTF-8"],
    ["a path segment with %FF", () => get("/api/results/KQ%FF"), U, "url.path: not UTF-8"],
    [
      "a path segment with %C3%28, clean query",
      () => get("/api/results/KQ%C3%28?x=1"),
      U,
      "url.path: not UTF-8",
    ],
    // What Node's HTTP parser refuses before there is a request.
    [
      "a control character in a header",
      () => get("/api/units", { "x-note": "a\u0001b" }),
      U,
      "headers: control",
    ],
    [
      "NUL in the Idempotency-Key of a submit",
      () =>
        send("POST", `/api/dossiers/${draft}/submit`, { ...json, "idempotency-key": "abcdefgh\u0000" }, "{}"),
      U,
      "headers: control",
    ],
    ["a control character in the request target", () => get("/api/units/\u0001"), U, "url: control"],
    [
      "headers over Node's limit (16 KiB)",
      () => get("/api/units", { "x-pad": "x".repeat(20_000) }),
      "431 HEADERS_TOO_LARGE",
    ],
    // Bodies Fastify refuses, and bodies that are missing.
    ["no body where one is needed", () => send("POST", "/api/dossiers", {}), "400 BODY_REQUIRED"],
    [
      "an empty JSON body where one is needed",
      () => send("POST", "/api/dossiers", json, ""),
      "400 BODY_REQUIRED",
    ],
    [
      "the JSON null where a body is needed",
      () => send("POST", "/api/dossiers", json, "null"),
      "400 BODY_REQUIRED",
    ],
    ["malformed JSON", () => send("POST", "/api/dossiers", json, '{"procedureCode":'), "400 INVALID_JSON"],
    [
      "a text/plain body",
      () => send("POST", "/api/dossiers", { "content-type": "text/plain" }, "x"),
      "415 UNSUPPORTED_MEDIA_TYPE",
    ],
    [
      "an XML body",
      () => send("POST", "/api/dossiers", { "content-type": "application/xml" }, "<a/>"),
      "415 UNSUPPORTED_MEDIA_TYPE",
    ],
    [
      "a JSON body over 256 KiB",
      () => send("POST", "/api/dossiers", json, hugeJson()),
      "413 PAYLOAD_TOO_LARGE",
    ],
  ])("%s → %s", async (_name, request, answer, detail) => {
    const state = () =>
      s.db.query("select form, last_seq, status from dossiers where id = $1", [draft]).then((r) => r.rows);
    const before = await state();
    const drafts = await count("dossiers");
    const res = await rawRequest(s.baseUrl, request());
    const [status, code] = answer.split(" ");
    expect(res.status, res.text).toBe(Number(status));
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    const { error } = JSON.parse(res.text) as ErrorBody;
    expect(error).toMatchObject({ code, status: Number(status) });
    expect(error.messageVi).not.toBe(error.messageEn);
    expect(error.messageVi.length * error.messageEn.length).toBeGreaterThan(0);
    if (detail) {
      const [field, words = ""] = detail.split(": ");
      expect(error.details?.[0]?.field).toBe(field);
      expect(error.details?.[0]?.messageEn).toContain(words);
    }
    // Nothing half-written.
    expect(await state()).toEqual(before);
    expect(await count("dossiers")).toBe(drafts);
  });

  it.each<[string, { headers?: Record<string, string>; body?: string }]>([
    ["no body and no Content-Type", {}],
    ["an empty JSON body", { headers: json, body: "" }],
    ["the JSON literal null", { headers: json, body: "null" }],
  ])("a submit with %s submits the saved draft (its body is optional)", async (_name, request) => {
    const { id } = (
      await citizen.send<{ id: string }>("POST", "/api/dossiers", { procedureCode: MARITAL.code })
    ).body;
    expect((await citizen.send("PUT", `/api/dossiers/${id}/form`, { values: MARITAL.values })).status).toBe(
      200,
    );
    const res = await rawRequest(s.baseUrl, {
      method: "POST",
      path: `/api/dossiers/${id}/submit`,
      ...request,
      headers: { ...auth, ...request.headers },
    });
    expect(res.status, res.text).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({
      id,
      status: "submitted",
      code: expect.stringMatching(/^UB\./),
    });
  });

  /** Routes that read their own bytes: what each answers to a missing body, per way of sending none. */
  const OWN_BYTES: Record<string, Record<"no body" | "empty JSON", [number, string]>> = {
    // Authorised before a byte is read: an unknown dossier is 404, a declared JSON body 415.
    "PUT /api/dossiers/:id/components/:key": {
      "no body": [404, "NOT_FOUND"],
      "empty JSON": [415, "UPLOAD_TYPE_MISMATCH"],
    },
    "POST /api/results/verify": { "no body": [400, "BODY_REQUIRED"], "empty JSON": [400, "BODY_REQUIRED"] },
    // An external agency's signed message (application/jose): nothing to verify without one.
    "POST /api/agency-messages": { "no body": [400, "BODY_REQUIRED"], "empty JSON": [400, "BODY_REQUIRED"] },
    // Logged as a refused callback, then refused.
    "POST /api/payments/demo-bank/callback": {
      "no body": [400, "PAYMENT_REJECTED"],
      "empty JSON": [400, "PAYMENT_REJECTED"],
    },
  };

  it("every route that takes a body: a missing one is BODY_REQUIRED where it needs one, taken where not; never a 5xx", async () => {
    const walker = new Browser(s.baseUrl);
    await walker.signIn(people.worker.pn);
    const token = await walker.csrf();
    const headers = { cookie: walker.cookieHeader(), "x-csrf-token": token };
    const FAKE = "48000000-0000-8000-8000-000000000000";
    const verdicts: Record<"needed" | "taken" | "own", string[]> = { needed: [], taken: [], own: [] };
    const wrong: string[] = [];
    // Signing out last, so that every other route is walked signed in.
    const routes = [...writes].sort(
      (a, b) => Number(a.url === "/auth/logout") - Number(b.url === "/auth/logout"),
    );
    for (const r of routes) {
      const route = `${r.method} ${r.url}`;
      const needed = r.body !== undefined && !r.body.safeParse(undefined).success;
      verdicts[r.ownBytes ? "own" : needed ? "needed" : "taken"].push(route);
      const path = r.url
        // A case kept in its province's table: a real province and a numeric id, so that the body
        // (not the path) is what the route answers about.
        .replace(/:provinceCode\/:id\b/, "48/999999999")
        .replace(/:id\b/, FAKE)
        // A complaint's id is a UUID too: a malformed one is 404 before the body is read.
        .replace(/:complaintId\b/, FAKE)
        .replace(/:version\b/, "1")
        .replace(/:username\b/, "nobody.here")
        .replace(/:[a-zA-Z]+/g, "x");
      for (const [how, extra] of [
        ["no body", {}],
        ["empty JSON", { "content-type": "application/json", "content-length": "0" }],
      ] as const) {
        const res = await rawRequest(s.baseUrl, {
          method: r.method,
          path,
          headers: { ...headers, ...extra },
        });
        const error = res.status >= 400 ? (JSON.parse(res.text) as ErrorBody).error : undefined;
        const own = OWN_BYTES[route]?.[how];
        const ok = r.ownBytes
          ? own !== undefined && res.status === own[0] && error?.code === own[1]
          : needed
            ? res.status === 400 && error?.code === "BODY_REQUIRED"
            : res.status < 500 &&
              !["BODY_REQUIRED", "INVALID_JSON"].includes(error?.code ?? "") &&
              !error?.details?.some((d) => d.field === "body");
        if (!ok || (error && !(error.messageVi && error.messageEn))) {
          wrong.push(`${route} (${how}): ${res.status} ${res.text.slice(0, 200)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(verdicts.own.sort()).toEqual(Object.keys(OWN_BYTES).sort());
    expect(verdicts.needed).toEqual(
      expect.arrayContaining([
        "POST /api/dossiers",
        "PUT /api/dossiers/:id/form",
        "POST /api/dossiers/:id/actions",
      ]),
    );
    expect(verdicts.taken).toEqual(
      expect.arrayContaining([
        "POST /api/dossiers/:id/submit",
        "POST /api/dossiers/:id/confirm",
        "POST /auth/logout",
      ]),
    );
  });
});
