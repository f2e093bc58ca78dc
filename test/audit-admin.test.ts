import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forAdministrator, maskPersonalNumbers } from "../src/modules/audit/index.js";
import { engine } from "./helpers/db.js";
import { people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

describe("the administrator's audit view masks personal numbers", () => {
  it.each([
    ["048196609463", "*********463"],
    ["applicant:048196609463", "applicant:*********463"],
    ["KQ-UB.20194.H48-261201-0004", "KQ-UB.20194.H48-261201-0004"],
    ["0481966094631", "0481966094631"],
    ["a 048196609463 and 001203004567", "a *********463 and *********567"],
  ])("%s → %s", (text, shown) => expect(maskPersonalNumbers(text)).toBe(shown));

  it("leaves out a refusal's free-text messages, which may name another person's dossier", () => {
    const row = forAdministrator({
      id: 1,
      at: new Date(0),
      actorKind: "citizen",
      actorId: "048196609463",
      action: "dossier.submit",
      outcome: "denied",
      resource: "dossier:x",
      detail: {
        code: "ALREADY_MARRIED",
        details: [
          { field: "body.partner", messageVi: "Hồ sơ UB.20194.H48-261201-0001", messageEn: "Dossier …" },
        ],
      },
    });
    expect(row).toMatchObject({
      actorId: "*********463",
      detail: { code: "ALREADY_MARRIED", details: [{ field: "body.partner" }] },
    });
    expect(JSON.stringify(row.detail)).not.toContain("261201-0001");
  });
});

describe(`GET /api/admin/audit (${engine})`, () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(async () => s?.close());

  it("shows no citizen's full personal number", async () => {
    const citizen = new Browser(s.baseUrl);
    await citizen.signIn(people.father.pn);
    expect(
      (await citizen.send("POST", "/api/dossiers", { procedureCode: "LOCAL.XAC-NHAN-TTHN" })).status,
    ).toBe(201);
    const admin = new Browser(s.baseUrl);
    await admin.signIn("admin");
    const res = await admin.send<{ items: Array<{ actorId: string | null }> }>("GET", "/api/admin/audit");
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(people.father.pn);
    expect(text).not.toMatch(/(?<![0-9])[0-9]{12}(?![0-9])/);
    expect(res.body.items.map((i) => i.actorId)).toContain(`*********${people.father.pn.slice(-3)}`);
  });
});
