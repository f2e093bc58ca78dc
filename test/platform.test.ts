import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readKeyFile } from "../src/lib/secrets.js";
import { DEMO_MACHINE_CLIENT } from "../src/modules/identity/index.js";
import { engine } from "./helpers/db.js";
import { people, registerApiClient } from "./helpers/fixtures.js";
import { machineToken, startTestServer, type TestServer } from "./helpers/server.js";

let s: TestServer;
let token: string;
beforeAll(async () => {
  s = await startTestServer({ RATE_LIMIT_SIGNIN_PER_MINUTE: "5", RATE_LIMIT_PUBLIC_PER_MINUTE: "1000" });
  const secret = readKeyFile(path.join(s.tdb.dataDir, "keys.json")).demoMachineSecret ?? "";
  await registerApiClient(s.db, DEMO_MACHINE_CLIENT, secret, "chuyennganh.tinh.48");
  token = await machineToken(s.baseUrl, DEMO_MACHINE_CLIENT, secret);
});
afterAll(async () => s?.close());

describe(`platform endpoints (${engine})`, () => {
  it("serves an OpenAPI 3.1 document generated from the route schemas, and a docs page", async () => {
    const doc = (await (await fetch(`${s.baseUrl}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/persons/{personalNumber}", "/api/units/communes", "/api/me/access-log"]),
    );
    expect(doc.components.schemas).toHaveProperty("ErrorResponse");
    const docs = await fetch(`${s.baseUrl}/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain("swagger");
  });

  it("answers health and readiness", async () => {
    expect(await (await fetch(`${s.baseUrl}/healthz`)).json()).toEqual({ status: "ok" });
    expect(await (await fetch(`${s.baseUrl}/readyz`)).json()).toEqual({ status: "ready", database: engine });
  });

  it("exposes Prometheus metrics with request durations by route to this machine, not to a proxied visitor", async () => {
    await fetch(`${s.baseUrl}/api/units/provinces`);
    const text = await (await fetch(`${s.baseUrl}/metrics`)).text();
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/units\/provinces",status="200"\}/,
    );
    // A visitor a reverse proxy forwarded is not this machine (no METRICS_TOKEN configured here).
    const proxied = await fetch(`${s.baseUrl}/metrics`, { headers: { "x-forwarded-for": "203.0.113.9" } });
    expect(proxied.status).toBe(401);
    expect(((await proxied.json()) as { error: { code: string } }).error.code).toBe("METRICS_TOKEN_REQUIRED");
  });

  it("sends security headers and its own request id (a client's x-request-id is not taken as ours)", async () => {
    const res = await fetch(`${s.baseUrl}/api/units/provinces`, {
      headers: { "x-request-id": "test-req-1" },
    });
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(res.headers.get("x-request-id")).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
  });

  it("rate-limits sign-in with the error shape", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await fetch(`${s.baseUrl}/auth/login`, { redirect: "manual" })).status);
    expect(statuses.slice(0, 5).every((st) => st === 302)).toBe(true);
    const limited = await fetch(`${s.baseUrl}/auth/login`, { redirect: "manual" });
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe("RATE_LIMITED");
  });
});

describe(`bearer tokens for machine clients (${engine})`, () => {
  it("a machine client reads within the jurisdiction of the officer identity it acts as", async () => {
    const ok = await fetch(`${s.baseUrl}/api/persons/${people.neighbour.pn}?purpose=registry-verification`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(ok.status).toBe(200);
    const no = await fetch(`${s.baseUrl}/api/persons/${people.capital.pn}?purpose=registry-verification`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(no.status).toBe(404);
  });

  it("the machine read is in the citizen's access list, named as the client", async () => {
    const { rows } = await s.db.query<{ actor_kind: string; actor_id: string }>(
      "select actor_kind, actor_id from access_log where subject_number = $1",
      [people.neighbour.pn],
    );
    expect(rows).toContainEqual({ actor_kind: "machine", actor_id: DEMO_MACHINE_CLIENT });
  });

  it("bearer writes need no CSRF token but still obey roles", async () => {
    const res = await fetch(`${s.baseUrl}/api/me/contact`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ phone: null, email: null }),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("FORBIDDEN");
  });

  it("a tampered token is refused", async () => {
    const [h, p, sig = ""] = token.split(".");
    // One bit of the signature's first byte flipped (editing its last base64 characters could
    // leave the decoded bytes unchanged: the final character carries padding bits).
    const bytes = Buffer.from(sig, "base64url");
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    const tampered = `${h}.${p}.${bytes.toString("base64url")}`;
    const res = await fetch(`${s.baseUrl}/api/persons/${people.neighbour.pn}?purpose=registry-verification`, {
      headers: { authorization: `Bearer ${tampered}` },
    });
    expect(res.status).toBe(401);
  });
});

describe(`administrative units API (${engine})`, () => {
  it.each(["ha noi", "Hà Nội", "HA NOI", "hà nội"])("province search %s finds Hà Nội", async (q) => {
    const body = (await (
      await fetch(`${s.baseUrl}/api/units/provinces?q=${encodeURIComponent(q)}`)
    ).json()) as {
      items: Array<{ code: string }>;
    };
    expect(body.items.map((p) => p.code)).toEqual(["01"]);
  });

  it("commune search is diacritics-insensitive and paginated", async () => {
    const all = (await (await fetch(`${s.baseUrl}/api/units/communes?limit=10`)).json()) as {
      total: number;
      items: unknown[];
    };
    expect(all.total).toBe(3321);
    expect(all.items).toHaveLength(10);
    const hv = (await (await fetch(`${s.baseUrl}/api/units/communes?q=hai%20van&province=48`)).json()) as {
      items: Array<{ code: string; name: string }>;
    };
    expect(hv.items.map((c) => c.code)).toContain("20194");
    const page2 = (await (
      await fetch(`${s.baseUrl}/api/units/communes?province=01&limit=50&offset=50`)
    ).json()) as {
      total: number;
      items: unknown[];
    };
    expect(page2.total).toBe(126);
    expect(page2.items).toHaveLength(50);
  });

  it("computes a due date with the 15:00 rule across Tết 2026", async () => {
    // Received Fri 13 Feb 2026 at 16:00 (after 15:00): counts from the next working day,
    // which is Mon 23 Feb after the Tết break; +1 working day → end of Tue 24 Feb.
    const res = await fetch(
      `${s.baseUrl}/api/calendar/due?receivedAt=${encodeURIComponent("2026-02-13T16:00:00+07:00")}&days=1`,
    );
    expect(await res.json()).toEqual({
      effectiveReceiptDay: "2026-02-23",
      dueAt: "2026-02-24T10:00:00.000Z",
    });
  });
});
