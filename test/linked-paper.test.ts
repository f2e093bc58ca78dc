import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { PDF } from "./helpers/files.js";
import { people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * A birth group without an electronic birth notice (issue 12): the first step's draft, with the
 * paper birth certificate uploaded through the dossier's own upload flow, goes with the group.
 * Without the upload the group is refused naming it, and the draft (with what it holds) stays.
 */
type Err = { error: { code: string; details?: Array<{ field: string }> } };
type Group = { steps: Array<{ key: string; dossierId: string | null; state: string }> };

let s: TestServer;
let mother: Browser;
beforeAll(async () => {
  s = await startTestServer({}, { delivery: "manual" });
  mother = new Browser(s.baseUrl);
  await mother.signIn(people.neighbour.pn);
});
afterAll(async () => s?.close());

// What the neighbour types: the birth facts a notice would have given, and the child's name.
const SHARED = {
  "child.fullName": "Lê Minh Khang",
  "child.birthDate": "2026-11-02",
  "child.sex": "M",
  "child.placeOfBirth": "Trạm y tế phường Liên Chiểu",
  "child.ethnicity": "Kinh",
  "child.nationality": "VN",
  "child.homeTown": "Liên Chiểu, Đà Nẵng",
  "requester.relationship": "mother",
  "declaration.sworn": true,
};

const draft = async (b: Browser) =>
  (await b.send<{ id: string }>("POST", "/api/dossiers", { procedureCode: "1.001193" })).body.id;

describe(`a birth group filed with the paper birth certificate (${engine})`, () => {
  it("without the upload: refused naming the certificate; the draft stays a draft", async () => {
    const id = await draft(mother);
    const r = await mother.send<Err>("POST", "/api/linked-applications", {
      group: "birth",
      members: [],
      shared: SHARED,
      drafts: { birth: id },
    });
    expect([r.status, r.body.error.code]).toEqual([400, "COMPONENT_MISSING"]);
    expect(r.body.error.details?.map((d) => d.field)).toEqual(["components.birthCertificate"]);
    const d = await mother.send<{ status: string }>("GET", `/api/dossiers/${id}`);
    expect(d.body.status).toBe("draft");
  });

  it("with the certificate uploaded to the draft: the group is filed with that draft as its first step", async () => {
    const id = await draft(mother);
    const up = await mother.fetch(`/api/dossiers/${id}/components/birthCertificate`, {
      method: "PUT",
      headers: {
        "content-type": "application/pdf",
        "x-filename": encodeURIComponent("giay-chung-sinh.pdf"),
        "x-csrf-token": await mother.csrf(),
      },
      body: new Uint8Array(PDF),
    });
    expect(up.status, await up.clone().text()).toBe(201);
    const r = await mother.send<{ id: string }>("POST", "/api/linked-applications", {
      group: "birth",
      members: ["insurance"],
      shared: SHARED,
      values: { insurance: { "healthcare.facility": "Trạm y tế phường Liên Chiểu" } },
      drafts: { birth: id },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const g = await mother.send<Group>("GET", `/api/linked-applications/${r.body.id}`);
    expect(g.body.steps.find((x) => x.key === "birth")).toMatchObject({ dossierId: id, state: "started" });
    const d = await mother.send<{ status: string; fields: Array<{ key: string; value: unknown }> }>(
      "GET",
      `/api/dossiers/${id}`,
    );
    expect(d.body.status).toBe("submitted");
    // Her own facts filled the mother's block (suggested from her population record).
    expect(d.body.fields.find((f) => f.key === "mother.fullName")?.value).toBe(people.neighbour.name);
  });

  it("someone else's draft, or a draft of another procedure, is refused", async () => {
    const other = new Browser(s.baseUrl);
    await other.signIn(people.mother.pn);
    const hers = await draft(other);
    const marital = (
      await mother.send<{ id: string }>("POST", "/api/dossiers", { procedureCode: "LOCAL.XAC-NHAN-TTHN" })
    ).body.id;
    for (const id of [hers, marital]) {
      const r = await mother.send<Err>("POST", "/api/linked-applications", {
        group: "birth",
        members: [],
        shared: SHARED,
        drafts: { birth: id },
      });
      expect([r.status, r.body.error.details?.[0]?.field]).toEqual([400, "body.drafts.birth"]);
    }
  });
});
