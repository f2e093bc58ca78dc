import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Issue 14 review D12, words a person understands in the API's refusals: a unit code that cannot
 * be one names no unit (404, as a well-formed code matching none), and valid JSON refused for a
 * reserved key says so with its own code, not "the JSON could not be parsed".
 */
type ErrorBody = { error: { code: string; status: number; messageVi: string; messageEn: string } };
let s: TestServer;
let citizen: Browser;
beforeAll(async () => {
  s = await startTestServer();
  citizen = new Browser(s.baseUrl);
  await citizen.signIn(people.father.pn);
});
afterAll(async () => s?.close());

async function expectError(res: Response, status: number, code: string): Promise<ErrorBody> {
  const body = (await res.json()) as ErrorBody;
  expect([res.status, body.error.code], JSON.stringify(body)).toEqual([status, code]);
  expect(body.error.messageVi.length).toBeGreaterThan(0);
  expect(body.error.messageEn.length).toBeGreaterThan(0);
  return body;
}

describe(`a unit's code that names none (${engine})`, () => {
  it.each(["abc", "99999", "2019", "201944", "20194x"])(
    "/api/units/communes/%s → 404 COMMUNE_NOT_FOUND",
    async (code) => {
      const body = await expectError(
        await fetch(`${s.baseUrl}/api/units/communes/${code}`),
        404,
        "COMMUNE_NOT_FOUND",
      );
      expect(body.error.messageVi).toBe("Không tìm thấy xã, phường nào có mã này.");
      expect(body.error.messageEn).toBe("No commune has this code.");
    },
  );

  it.each(["xx", "99", "480"])("/api/units/provinces/%s → 404 PROVINCE_NOT_FOUND", async (code) => {
    await expectError(await fetch(`${s.baseUrl}/api/units/provinces/${code}`), 404, "PROVINCE_NOT_FOUND");
  });

  it("a real code still answers its unit", async () => {
    const r = await fetch(`${s.baseUrl}/api/units/communes/20194`);
    expect(r.status).toBe(200);
    expect(((await r.json()) as { code: string }).code).toBe("20194");
  });
});

describe(`valid JSON with a reserved key (${engine})`, () => {
  const put = async (raw: string) =>
    citizen.fetch("/api/me/contact", {
      method: "PUT",
      headers: { "content-type": "application/json", "x-csrf-token": await citizen.csrf() },
      body: raw,
    });

  it.each([
    '{"__proto__": {"admin": true}, "phone": "0905123456"}',
    '{"constructor": {"prototype": {"admin": true}}}',
  ])("%s → 400 RESERVED_JSON_KEY, saying why", async (raw) => {
    const body = await expectError(await put(raw), 400, "RESERVED_JSON_KEY");
    expect(body.error.messageVi).toContain("khóa dành riêng");
    expect(body.error.messageEn).toContain("reserved key");
  });

  it("JSON that cannot be read is still INVALID_JSON", async () => {
    await expectError(await put('{"phone":'), 400, "INVALID_JSON");
  });
});
