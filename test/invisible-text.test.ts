import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { MARITAL, people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

// Text a person cannot see is no text: a reason or an officer's name made of Hangul fillers,
// zero-width or bidi characters is refused as blank, and nothing is written.
type ErrorBody = {
  error: { code: string; details?: Array<{ field: string; messageVi: string; messageEn: string }> };
};

let s: TestServer;
let citizen: Browser;
let receiver: Browser;
let admin: Browser;
beforeAll(async () => {
  s = await startTestServer();
  citizen = new Browser(s.baseUrl);
  await citizen.signIn(people.neighbour.pn);
  receiver = new Browser(s.baseUrl);
  await receiver.signIn("motcua.20197");
  admin = new Browser(s.baseUrl);
  await admin.signIn("admin");
});
afterAll(async () => s?.close());

describe(`invisible text is blank (${engine})`, () => {
  it.each(["\u3164", "\u115F\u1160", "\uFFA0 ", "\u202E\u200b  "])(
    "refuse_receipt with reason %j: 400, the dossier stays submitted",
    async (reason) => {
      const d = await citizen.send<{ id: string }>("POST", "/api/dossiers", { procedureCode: MARITAL.code });
      expect(
        (await citizen.send("POST", `/api/dossiers/${d.body.id}/submit`, { values: MARITAL.values })).status,
      ).toBe(200);
      const r = await receiver.send<ErrorBody>("POST", `/api/dossiers/${d.body.id}/actions`, {
        action: "refuse_receipt",
        reason,
      });
      expect(r.status).toBe(400);
      expect(r.body.error.details).toEqual([
        { field: "body.reason", messageVi: "Cần nêu lý do.", messageEn: "A reason is required." },
      ]);
      const v = await citizen.send<{ status: string }>("GET", `/api/dossiers/${d.body.id}`);
      expect(v.body.status).toBe("submitted");
    },
  );

  const officerCount = async () =>
    (await s.db.query<{ n: number }>("select count(*)::int as n from officers")).rows[0]?.n;
  const newOfficer = (username: string, fullName: string) =>
    admin.send<ErrorBody & { fullName: string }>("POST", "/api/admin/officers", {
      username,
      fullName,
      role: "receiver",
      jurisdiction: { level: "commune", code: "20194" },
    });

  it.each([
    ["\u202E\u200b  ", "Full name needs at least 2 visible characters."],
    ["\u3164\u3164", "Full name needs at least 2 visible characters."],
    ["김민준", "Full name must be written in Vietnamese (Latin) letters, not in another script."],
    [
      `A${"\u0301".repeat(1500)}b`,
      "Full name has a character with too many marks (at most 3 on one character).",
    ],
  ])("an officer named %j is refused: %s; nothing is written", async (fullName, messageEn) => {
    const before = await officerCount();
    const r = await newOfficer("motcua.invisible", fullName);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("VALIDATION_FAILED");
    expect(r.body.error.details?.map((d) => [d.field, d.messageEn])).toEqual([["body.fullName", messageEn]]);
    expect(await officerCount()).toBe(before);
  });

  it("an officer's name is stored without its invisible characters", async () => {
    const r = await newOfficer("motcua.lan", "\u202ENguyễn\u200b Thị\u3164  Lan ");
    expect(r.status).toBe(201);
    expect(r.body.fullName).toBe("Nguyễn Thị Lan");
  });
});
