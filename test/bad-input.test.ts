import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

let s: TestServer;
let officer: Browser;
let admin: Browser;
let citizen: Browser;
beforeAll(async () => {
  s = await startTestServer();
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
    details?: Array<{ field: string }>;
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
