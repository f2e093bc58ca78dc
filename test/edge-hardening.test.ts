// Over 400 lines: one file because all these cases share one server start (a server costs seconds per file).
import { createHmac } from "node:crypto";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readKeyFile } from "../src/lib/secrets.js";
import { engine } from "./helpers/db.js";
import { PDF } from "./helpers/files.js";
import { people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * The edge: bodies are refused before they are read when the caller may not send them, slow
 * bodies are cut off, uploads in flight are capped per principal, and characters the database
 * cannot store are refused with 400 wherever they come in (issue 9, points 12 and 14).
 */
type ErrorBody = {
  error: {
    code: string;
    status: number;
    messageVi: string;
    messageEn: string;
    details?: Array<{ field: string; messageEn: string }>;
  };
};

const IDLE_MS = 1500;
const REQUEST_MS = 6000;

let s: TestServer;
let worker: Browser;
let neighbour: Browser;
let receiver: Browser;
let draftId = "";

beforeAll(async () => {
  s = await startTestServer({
    IDLE_TIMEOUT_MS: String(IDLE_MS),
    REQUEST_TIMEOUT_MS: String(REQUEST_MS),
    HEADERS_TIMEOUT_MS: "3000",
    KEEP_ALIVE_TIMEOUT_MS: "1000",
  });
  worker = new Browser(s.baseUrl);
  await worker.signIn(people.worker.pn);
  neighbour = new Browser(s.baseUrl);
  await neighbour.signIn(people.neighbour.pn);
  receiver = new Browser(s.baseUrl);
  await receiver.signIn("motcua.20194");
  const created = await worker.send<{ id: string }>("POST", "/api/dossiers", {
    procedureCode: "LOCAL.DK-TAM-TRU",
  });
  expect(created.status).toBe(201);
  draftId = created.body.id;
});
afterAll(async () => s?.close());

/** A request whose body we send by hand, to see what the server does while it is still arriving. */
function sending(
  method: string,
  url: string,
  headers: Record<string, string>,
): {
  req: http.ClientRequest;
  sent: () => number;
  write: (bytes: number) => void;
  response: Promise<{ status: number; body: string; sentWhenAnswered: number }>;
  closed: Promise<number>;
} {
  let sent = 0;
  const started = Date.now();
  const req = http.request(`${s.baseUrl}${url}`, { method, headers });
  req.on("error", () => undefined); // the server may close while we still write: expected
  const response = new Promise<{ status: number; body: string; sentWhenAnswered: number }>((resolve) => {
    req.on("response", (res) => {
      const sentWhenAnswered = sent;
      let body = "";
      res.on("data", (d) => {
        body += d;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, sentWhenAnswered }));
      res.on("error", () => resolve({ status: res.statusCode ?? 0, body, sentWhenAnswered }));
    });
  });
  const closed = new Promise<number>((resolve) => {
    req.on("socket", (sock) => sock.on("close", () => resolve(Date.now() - started)));
  });
  return {
    req,
    sent: () => sent,
    write(bytes) {
      sent += bytes;
      req.write(Buffer.alloc(bytes, 0x25));
    },
    response,
    closed,
  };
}

const TWENTY_MB = 20 * 1024 * 1024;
const componentUrl = () => `/api/dossiers/${draftId}/components/lawfulResidenceProof`;

async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms)),
  ]);
}

describe(`bodies before identity (${engine})`, () => {
  it.each<[string, () => Browser | undefined, number, string, string | undefined]>([
    [
      "an anonymous 20 MB upload is answered 401 while the client is still sending, without reading the body",
      () => undefined,
      401,
      "UNAUTHENTICATED",
      undefined,
    ],
    [
      "another citizen's 20 MB upload into someone else's dossier is answered 404 before the body",
      () => neighbour,
      404,
      "NOT_FOUND",
      undefined,
    ],
    [
      "the owner's declared 20 MB into a 5 MB component is answered 413 before the body",
      () => worker,
      413,
      "UPLOAD_TOO_LARGE",
      "The file is 20.0 MB; the limit is 5.0 MB.",
    ],
  ])("%s", async (_name, who, status, code, detail) => {
    const b = who();
    // The token first: fetching it may set the session cookie that holds its secret.
    const token = b ? await b.csrf() : "";
    const up = sending("PUT", componentUrl(), {
      "content-type": "application/pdf",
      "content-length": String(TWENTY_MB),
      ...(b ? { cookie: b.cookieHeader(), "x-csrf-token": token } : {}),
    });
    up.write(64 * 1024);
    const res = await within(up.response, 5000, "answer");
    const err = (JSON.parse(res.body) as ErrorBody).error;
    expect([res.status, err.code]).toEqual([status, code]);
    expect(res.sentWhenAnswered).toBe(64 * 1024); // 0.3 % of the body: the server did not wait for it
    if (detail) expect(err.details?.[0]?.messageEn).toBe(detail);
    up.req.destroy();
  });

  it("the owner's upload with a wrong CSRF token is answered 403 before the body", async () => {
    const up = sending("PUT", componentUrl(), {
      "content-type": "application/pdf",
      "content-length": String(TWENTY_MB),
      cookie: worker.cookieHeader(),
      "x-csrf-token": "not-the-token",
    });
    up.write(64 * 1024);
    const res = await within(up.response, 5000, "answer");
    expect([res.status, (JSON.parse(res.body) as ErrorBody).error.code]).toEqual([403, "CSRF_INVALID"]);
    expect(res.sentWhenAnswered).toBe(64 * 1024);
    up.req.destroy();
  });

  it("the public result verification refuses a declared body over its limit before reading it", async () => {
    const up = sending("POST", "/api/results/verify", {
      "content-type": "application/pdf",
      "content-length": String(TWENTY_MB),
    });
    up.write(64 * 1024);
    const res = await within(up.response, 5000, "answer");
    expect([res.status, (JSON.parse(res.body) as ErrorBody).error.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
    up.req.destroy();
  });
});

describe(`slow bodies and uploads in flight (${engine})`, () => {
  const ownerHeaders = async (length: number) => ({
    "content-type": "application/pdf",
    "content-length": String(length),
    cookie: worker.cookieHeader(),
    "x-csrf-token": await worker.csrf(),
  });

  it("the server runs with the configured timeouts", () => {
    const server = s.app.server;
    expect([server.requestTimeout, server.headersTimeout, server.timeout, server.keepAliveTimeout]).toEqual([
      REQUEST_MS,
      3000,
      IDLE_MS,
      1000,
    ]);
  });

  it("a stalled body is cut off by the idle timeout", async () => {
    const up = sending("PUT", componentUrl(), await ownerHeaders(1024 * 1024));
    up.write(1024);
    const closedAfter = await within(up.closed, IDLE_MS + 5000, "close");
    expect(closedAfter).toBeGreaterThanOrEqual(IDLE_MS - 100);
    expect(closedAfter).toBeLessThan(IDLE_MS + 4000);
  });

  it("a body trickling in (never idle) is cut off by the request timeout", async () => {
    const up = sending("PUT", componentUrl(), await ownerHeaders(1024 * 1024));
    up.write(1024);
    const trickle = setInterval(() => up.write(1), 300);
    try {
      const closedAfter = await within(up.closed, REQUEST_MS + 5000, "close");
      expect(closedAfter).toBeGreaterThanOrEqual(REQUEST_MS - 100);
      expect(closedAfter).toBeLessThan(REQUEST_MS + 4000);
      expect(up.sent()).toBeLessThan(1024 + 40); // the rest of the megabyte never came
    } finally {
      clearInterval(trickle);
    }
  });

  it("the 4th concurrent upload of one citizen gets 429; a freed slot takes the next", async () => {
    const open: Array<ReturnType<typeof sending>> = [];
    for (let i = 0; i < 3; i++) {
      const up = sending("PUT", componentUrl(), await ownerHeaders(100 * 1024));
      up.write(1024);
      open.push(up);
    }
    const keepAlive = setInterval(() => {
      for (const up of open) up.write(1);
    }, 300);
    try {
      // Wait until all three are in flight on the server (each answered nothing yet).
      await new Promise((r) => setTimeout(r, 500));
      const fourth = await worker.fetch(componentUrl(), {
        method: "PUT",
        headers: { "content-type": "application/pdf", "x-csrf-token": await worker.csrf() },
        body: new Uint8Array(PDF),
      });
      expect(fourth.status).toBe(429);
      const err = ((await fourth.json()) as ErrorBody).error;
      expect(err.code).toBe("TOO_MANY_UPLOADS");
      expect(err.messageVi).toContain("quá nhiều tệp cùng lúc");
      // Another citizen is not affected by this one's uploads.
      const other = await neighbour.send<{ id: string }>("POST", "/api/dossiers", {
        procedureCode: "LOCAL.DK-TAM-TRU",
      });
      const theirs = await neighbour.fetch(`/api/dossiers/${other.body.id}/components/lawfulResidenceProof`, {
        method: "PUT",
        headers: { "content-type": "application/pdf", "x-csrf-token": await neighbour.csrf() },
        body: new Uint8Array(PDF),
      });
      expect(theirs.status).toBe(201);
      // The first one gives up: its slot is freed.
      open[0]?.req.destroy();
      await open[0]?.closed;
      await new Promise((r) => setTimeout(r, 200));
      const next = await worker.fetch(componentUrl(), {
        method: "PUT",
        headers: { "content-type": "application/pdf", "x-csrf-token": await worker.csrf() },
        body: new Uint8Array(PDF),
      });
      expect(next.status).toBe(201);
    } finally {
      clearInterval(keepAlive);
      for (const up of open) up.req.destroy();
    }
  });

  it("more than two verifications in flight from one address get 429", async () => {
    const open: Array<ReturnType<typeof sending>> = [];
    for (let i = 0; i < 2; i++) {
      const up = sending("POST", "/api/results/verify", {
        "content-type": "application/pdf",
        "content-length": String(100 * 1024),
      });
      up.write(1024);
      open.push(up);
    }
    const keepAlive = setInterval(() => {
      for (const up of open) up.write(1);
    }, 300);
    try {
      await new Promise((r) => setTimeout(r, 500));
      const third = await fetch(`${s.baseUrl}/api/results/verify`, {
        method: "POST",
        headers: { "content-type": "application/pdf" },
        body: new Uint8Array(PDF),
      });
      expect([third.status, ((await third.json()) as ErrorBody).error.code]).toEqual([
        429,
        "TOO_MANY_UPLOADS",
      ]);
    } finally {
      clearInterval(keepAlive);
      for (const up of open) up.req.destroy();
    }
  });
});

describe(`bytes that break the database are refused at the edge (${engine})`, () => {
  async function expectInvalid(res: Response): Promise<ErrorBody> {
    const body = (await res.json()) as ErrorBody;
    expect([res.status, body.error.code]).toEqual([400, "INVALID_CHARACTERS"]);
    expect(body.error.messageVi.length).toBeGreaterThan(0);
    expect(body.error.messageEn.length).toBeGreaterThan(0);
    return body;
  }

  it.each([
    ["NUL in the path", "/api/results/KQ%00-1"],
    ["a lone surrogate (UTF-8 encoded) in the path", "/api/results/KQ%ED%A0%80"],
    ["bytes that are not UTF-8 in the path", "/api/results/KQ%C3%28"],
    ["NUL in the query", "/api/units/communes?q=ha%00noi"],
    ["a lone surrogate in the query", "/api/units/communes?q=%ED%B0%80"],
    ["NUL in the identity provider's query", "/oidc/auth?client_id=mot-lan-web&state=%00"],
  ])("anonymous: %s → 400", async (_name, url) => {
    await expectInvalid(await fetch(`${s.baseUrl}${url}`, { redirect: "manual" }));
  });

  it("the same addresses with clean text answer normally", async () => {
    expect((await fetch(`${s.baseUrl}/api/results/KQ-1`)).status).toBe(200);
    expect((await fetch(`${s.baseUrl}/api/units/communes?q=h%E1%BA%A3i%20v%C3%A2n`)).status).toBe(200);
  });

  it("an officer's registry search with NUL → 400", async () => {
    await expectInvalid(await receiver.fetch("/api/persons?purpose=dossier-processing&q=Nguy%00"));
  });

  it.each([
    ["NUL", "Phòng 7\u0000"],
    ["a lone high surrogate", "Phòng \ud83d 7"],
    ["a lone low surrogate", "Phòng \ude00 7"],
  ])("a form value with %s → 400 naming the field, nothing saved", async (_name, value) => {
    const before = await s.db.query<{ form: unknown; last_seq: number }>(
      "select form, last_seq from dossiers where id = $1",
      [draftId],
    );
    const res = await worker.fetch(`/api/dossiers/${draftId}/form`, {
      method: "PUT",
      headers: { "content-type": "application/json", "x-csrf-token": await worker.csrf() },
      body: JSON.stringify({ values: { "stay.address": value } }),
    });
    const body = await expectInvalid(res);
    expect(body.error.details?.[0]?.field).toBe("body.values.stay.address");
    const after = await s.db.query("select form, last_seq from dossiers where id = $1", [draftId]);
    expect(after.rows).toEqual(before.rows);
  });

  it("a well-formed pair (an emoji) is not a lone surrogate: saved", async () => {
    const res = await worker.send<{ status: string }>("PUT", `/api/dossiers/${draftId}/form`, {
      values: { "stay.address": "Phòng 7 🏠" },
    });
    expect(res.status).toBe(200);
  });

  it("NUL in a JSON key or in the procedure code of a new dossier → 400", async () => {
    await expectInvalid(
      await worker.fetch("/api/dossiers", {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": await worker.csrf() },
        body: JSON.stringify({ procedureCode: "LOCAL.DK-TAM-TRU\u0000" }),
      }),
    );
    await expectInvalid(
      await worker.fetch(`/api/dossiers/${draftId}/form`, {
        method: "PUT",
        headers: { "content-type": "application/json", "x-csrf-token": await worker.csrf() },
        body: JSON.stringify({ values: { "stay.\u0000address": "x" } }),
      }),
    );
  });

  it("the sign-in form with NUL → 400", async () => {
    const page = await new Browser(s.baseUrl).navigate("/auth/login");
    const action = /action="([^"]+)"/.exec(await page.text())?.[1] ?? "";
    const res = await fetch(`${s.baseUrl}${action}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "login=04808500%000101",
    });
    await expectInvalid(res);
  });

  describe("the bank callback: refused, and logged all the same", () => {
    const bankKey = () => readKeyFile(path.join(s.tdb.dataDir, "keys.json")).bankCallback ?? "";
    const post = (
      body: string | Uint8Array,
      signature = createHmac("sha256", bankKey()).update(body).digest("hex"),
    ) =>
      fetch(`${s.baseUrl}/api/payments/demo-bank/callback`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-bank-signature": signature },
        body: typeof body === "string" ? body : new Uint8Array(body),
      });
    async function logged(): Promise<{ callbacks: string[]; audits: string[] }> {
      const c = await s.db.query<{ outcome: string }>("select outcome from payment_callbacks order by id");
      const a = await s.db.query<{ outcome: string }>(
        "select detail->>'outcome' as outcome from audit_log where action = 'payment.callback' order by id",
      );
      return { callbacks: c.rows.map((r) => r.outcome), audits: a.rows.map((r) => r.outcome) };
    }

    it.each([
      ["a correctly signed NUL escape", '{"paymentId":"\\u0000","amount":1,"bankRef":"X"}', true],
      ["a forged NUL escape", '{"paymentId":"\\u0000","amount":1,"bankRef":"X"}', false],
      ["a raw NUL byte", '{"paymentId":"a\u0000b","amount":1,"bankRef":"X"}', false],
      ["a lone surrogate", '{"paymentId":"\\ud800","amount":1,"bankRef":"X"}', true],
      [
        "bytes that are not UTF-8, correctly signed",
        Buffer.concat([
          Buffer.from('{"paymentId":"a'),
          Buffer.from([0xc3, 0x28]),
          Buffer.from('","amount":1}'),
        ]),
        true,
      ],
    ])("%s → 400 INVALID_CHARACTERS, one callback row and one audit row", async (_name, body, signed) => {
      const before = await logged();
      await expectInvalid(await (signed ? post(body) : post(body, "0".repeat(64))));
      const after = await logged();
      expect(after.callbacks.slice(before.callbacks.length)).toEqual(["invalid_characters"]);
      expect(after.audits.slice(before.audits.length)).toEqual(["invalid_characters"]);
      const { rows } = await s.db.query<{ body: string }>(
        "select body from payment_callbacks order by id desc limit 1",
      );
      expect(rows[0]?.body).not.toContain("\u0000");
    });

    it("a callback refused by Node's parser (a control character in x-bank-signature) is logged too", async () => {
      const before = await logged();
      const { port } = new URL(s.baseUrl);
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(Number(port), "127.0.0.1", () =>
          socket.write(
            "POST /api/payments/demo-bank/callback HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\n" +
              "x-bank-signature: ab\u0001cd\r\ncontent-length: 2\r\n\r\n{}",
          ),
        );
        let text = "";
        socket.on("data", (d) => {
          text += d.toString();
        });
        socket.on("close", () => resolve(text));
        socket.on("error", reject);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expect(answer).toContain("INVALID_CHARACTERS");
      // Both log rows are written before the answer.
      const after = await logged();
      expect(after.callbacks.slice(before.callbacks.length)).toEqual(["invalid_characters"]);
      expect(after.audits.slice(before.audits.length)).toEqual(["invalid_characters"]);
    });

    it("a callback refused before its handler (too large) is logged too", async () => {
      const before = await logged();
      const res = await post(`{"pad":"${"x".repeat(20_000)}"}`);
      expect(res.status).toBe(413);
      const after = await logged();
      expect(after.callbacks.slice(before.callbacks.length)).toEqual(["bad_request"]);
      expect(after.audits.slice(before.audits.length)).toEqual(["bad_request"]);
    });

    it("a forged callback with a bad signature is still logged (as before)", async () => {
      const before = await logged();
      const res = await post(
        '{"paymentId":"00000000-0000-4000-8000-000000000000","amount":1,"bankRef":"X"}',
        "00",
      );
      expect(res.status).toBe(400);
      const after = await logged();
      expect(after.callbacks.slice(before.callbacks.length)).toEqual(["bad_signature"]);
      expect(after.audits.slice(before.audits.length)).toEqual(["bad_signature"]);
    });
  });
});
