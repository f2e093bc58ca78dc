import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * A request the validator refuses is told once in each language: our heading, then the
 * validator's detail without its own heading ("Too short or too small: expected string to have
 * >=8 characters", never "Too short or too small: Too small: …").
 */
type Err = {
  error: { code: string; details?: Array<{ field: string; messageVi: string; messageEn: string }> };
};

let s: TestServer;
let citizen: Browser;
beforeAll(async () => {
  s = await startTestServer({});
  citizen = new Browser(s.baseUrl);
  await citizen.signIn(people.mother.pn);
}, 120_000);
afterAll(async () => s?.close());

describe(`validation messages (${engine})`, () => {
  it("a short Idempotency-Key is told once, not with a doubled heading", async () => {
    const r = await citizen.send<Err>(
      "POST",
      "/api/dossiers",
      { procedureCode: "1.001193" },
      { "idempotency-key": "short" },
    );
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("VALIDATION_FAILED");
    const issue = r.body.error.details?.find((d) => d.field === "headers.idempotency-key");
    expect(issue?.messageVi).toBe("Giá trị quá ngắn hoặc quá nhỏ.");
    expect(issue?.messageEn).toBe("Too short or too small: expected string to have >=8 characters");
    expect(issue?.messageEn).not.toMatch(/Too small/);
  });
});
