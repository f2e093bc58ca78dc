import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.close());

describe(`sign-in through OpenID Connect (${engine})`, () => {
  it("a citizen signs in with a personal number and the session knows who they are", async () => {
    const b = new Browser(s.baseUrl);
    const home = await b.signIn(people.father.pn);
    expect(home.status).toBe(200);
    const session = (await (await b.fetch("/api/session")).json()) as {
      principal: { kind: string; personalNumber: string };
    };
    expect(session.principal).toMatchObject({
      kind: "citizen",
      personalNumber: people.father.pn,
      name: people.father.name,
    });
  });

  it("an officer signs in by username and gets role and jurisdiction", async () => {
    const b = new Browser(s.baseUrl);
    await b.signIn("motcua.20194");
    const session = (await (await b.fetch("/api/session")).json()) as { principal: Record<string, unknown> };
    expect(session.principal).toMatchObject({
      kind: "officer",
      role: "receiver",
      jurisdiction: { level: "commune", code: "20194" },
    });
  });

  it("an unknown account is refused on the sign-in page and no session is created", async () => {
    const b = new Browser(s.baseUrl);
    const res = await b.signIn("048090999999");
    expect(res.status).toBe(401);
    expect(await res.text()).toContain("Không tìm thấy tài khoản");
    const session = (await (await b.fetch("/api/session")).json()) as { principal: unknown };
    expect(session.principal).toBeNull();
  });

  it("signing out ends the session", async () => {
    const b = new Browser(s.baseUrl);
    await b.signIn(people.mother.pn);
    const token = await b.csrf();
    const out = await b.fetch("/auth/logout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: token }).toString(),
    });
    expect(out.status).toBe(303);
    const me = await b.fetch("/api/me/data");
    expect(me.status).toBe(401);
  });
});
