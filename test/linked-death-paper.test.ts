import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grandfather, grandfatherJoins } from "./browser/death-notice.js";
import { engine } from "./helpers/db.js";
import { PDF } from "./helpers/files.js";
import { people } from "./helpers/fixtures.js";
import { Browser, clockFrom, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * A death at home (issue 14): no electronic death notice ever comes, the family holds the paper
 * "giấy báo tử". The head of household HA-1 chooses his father, living in the registry and a
 * member of his household, as the deceased: the registries fill the deceased's facts (read-only,
 * each read in the father's access list), he types when and where the death happened, uploads a
 * scan of the paper notice into the death registration's draft and files the group with it.
 */
type Err = {
  error: { code: string; messageVi: string; messageEn: string; details?: Array<{ field: string }> };
};
type Preview = {
  fields: Array<{ key: string; value: unknown; readOnly: boolean; provenance: { registry: string } | null }>;
  components: Array<{ key: string; replaced: boolean }>;
};
type Relative = { personalNumber: string; fullName: string; birthDate: string; kin: string | null };
type Dossier = {
  id: string;
  status: string;
  fields: Array<{ key: string; value: unknown; readOnly: boolean }>;
};

const KHAI_TU = "LOCAL.KHAI-TU";
const grandpa = grandfather;
const TYPED = {
  "death.at": "2026-11-04T19:08:00+07:00",
  "death.place": "Tại nhà, số 1 đường Nguyễn Tất Thành, phường Hải Vân",
  "declaration.sworn": true,
};

let s: TestServer;
let father: Browser;
beforeAll(async () => {
  s = await startTestServer(
    {},
    { now: clockFrom(new Date("2026-11-05T09:00:00+07:00")), delivery: "manual" },
  );
  // The grandfather, living in the registry (nobody has told it of his death), in household HA-1.
  await grandfatherJoins(s);
  father = new Browser(s.baseUrl);
  await father.signIn(people.father.pn);
});
afterAll(async () => s?.close());

const reads = async (subject: string) =>
  (
    await s.db.query<{ actor_id: string; purpose: string; fields: string[]; resource: string }>(
      "select actor_id, purpose, fields, resource from access_log where subject_number = $1 order by id",
      [subject],
    )
  ).rows;

describe(`a death with a paper notice, the deceased chosen from the household (${engine})`, () => {
  it("lists the other living members of his household, each read logged in that member's list", async () => {
    const r = await father.send<{ items: Relative[] }>("GET", "/api/me/household/relatives");
    expect(r.status).toBe(200);
    expect(r.body.items).toEqual(
      [
        {
          personalNumber: people.mother.pn,
          fullName: people.mother.name,
          birthDate: people.mother.birth,
          kin: "spouse",
          relationshipToHead: "vợ",
        },
        {
          personalNumber: people.child.pn,
          fullName: people.child.name,
          birthDate: people.child.birth,
          kin: "child",
          relationshipToHead: "con",
        },
        {
          personalNumber: grandpa.pn,
          fullName: grandpa.name,
          birthDate: grandpa.birth,
          kin: "father",
          relationshipToHead: "bố",
        },
      ].sort((a, b) => a.birthDate.localeCompare(b.birthDate)),
    );
    expect(await reads(grandpa.pn)).toContainEqual({
      actor_id: people.father.pn,
      purpose: "prefill",
      fields: ["fullName", "birthDate", "household", "parents"],
      resource: "household-relatives:HA-1",
    });
  });

  it("the preview fills the deceased's facts from the registry, read-only; the paper notice is to upload", async () => {
    const r = await father.send<Preview>("GET", `/api/procedures/${KHAI_TU}/prefill?deceased=${grandpa.pn}`);
    expect(r.status).toBe(200);
    const v = (k: string) => r.body.fields.find((f) => f.key === k);
    expect(v("deceased.fullName")).toMatchObject({
      value: grandpa.name,
      readOnly: true,
      provenance: { registry: "population" },
    });
    expect(v("deceased.personalNumber")).toMatchObject({ value: grandpa.pn, readOnly: true });
    expect(v("deceased.birthDate")).toMatchObject({ value: grandpa.birth, readOnly: true });
    // His relationship from the household: the head's father is his "child"'s parent.
    expect(v("requester.relationship")).toMatchObject({ value: "child", readOnly: true });
    // What only a notice would say is his to type.
    expect(v("death.at")).toMatchObject({ value: null, readOnly: false });
    expect(v("death.place")).toMatchObject({ value: null, readOnly: false });
    expect(r.body.components.find((c) => c.key === "deathNotice")).toMatchObject({ replaced: false });
    const logged = await reads(grandpa.pn);
    expect(logged.filter((x) => x.resource === `prefill:${people.father.pn}`).map((x) => x.fields)).toEqual([
      expect.arrayContaining(["fullName", "birthDate", "sex"]),
    ]);
  });

  it("someone outside his household, or himself, is refused in both languages; nothing is read", async () => {
    for (const pn of [people.neighbour.pn, people.father.pn]) {
      const r = await father.send<Err>("GET", `/api/procedures/${KHAI_TU}/prefill?deceased=${pn}`);
      expect([r.status, r.body.error.code]).toEqual([422, "DECEASED_NOT_IN_HOUSEHOLD"]);
      expect(r.body.error.messageVi).toContain("thành viên còn sống trong hộ");
      expect(r.body.error.messageEn).toContain("living member of your household");
      const d = await father.send<Err>("POST", "/api/dossiers", {
        procedureCode: KHAI_TU,
        deceasedNumber: pn,
      });
      expect([d.status, d.body.error.code]).toEqual([422, "DECEASED_NOT_IN_HOUSEHOLD"]);
    }
    expect((await reads(people.neighbour.pn)).filter((x) => x.actor_id === people.father.pn)).toEqual([]);
  });

  it("files the group with the draft: refused without the scan, then submitted with it", async () => {
    const created = await father.send<Dossier>("POST", "/api/dossiers", {
      procedureCode: KHAI_TU,
      deceasedNumber: grandpa.pn,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    expect(created.body.fields.find((f) => f.key === "deceased.fullName")).toMatchObject({
      value: grandpa.name,
      readOnly: true,
    });
    const application = {
      group: "death",
      members: ["deregistration"],
      shared: TYPED,
      deceased: grandpa.pn,
      drafts: { death: id },
    };
    const refused = await father.send<Err>("POST", "/api/linked-applications", application);
    expect([refused.status, refused.body.error.code]).toEqual([400, "COMPONENT_MISSING"]);
    expect(refused.body.error.details?.map((d) => d.field)).toEqual(["components.deathNotice"]);
    expect((await father.send<Dossier>("GET", `/api/dossiers/${id}`)).body.status).toBe("draft");

    const up = await father.fetch(`/api/dossiers/${id}/components/deathNotice`, {
      method: "PUT",
      headers: {
        "content-type": "application/pdf",
        "x-filename": encodeURIComponent("giay-bao-tu.pdf"),
        "x-csrf-token": await father.csrf(),
      },
      body: new Uint8Array(PDF),
    });
    expect(up.status, await up.clone().text()).toBe(201);
    const filed = await father.send<{ id: string }>("POST", "/api/linked-applications", application);
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const g = await father.send<{ steps: Array<{ key: string; dossierId: string | null; state: string }> }>(
      "GET",
      `/api/linked-applications/${filed.body.id}`,
    );
    expect(g.body.steps.map((x) => [x.key, x.state])).toEqual([
      ["death", "started"],
      ["deregistration", "waiting"],
    ]);
    expect(g.body.steps[0]?.dossierId).toBe(id);
    const d = await father.send<Dossier>("GET", `/api/dossiers/${id}`);
    expect(d.body.status).toBe("submitted");
    const value = (k: string) => d.body.fields.find((f) => f.key === k)?.value;
    expect([value("deceased.fullName"), value("deceased.personalNumber"), value("death.place")]).toEqual([
      grandpa.name,
      grandpa.pn,
      TYPED["death.place"],
    ]);
    // The later step's fact of the deceased (his place in the household) came from his record.
    const step = await s.db.query<{ values: Record<string, unknown> }>(
      "select values from linked_group_steps where step_key = 'deregistration' and group_id = $1",
      [filed.body.id],
    );
    expect(step.rows[0]?.values["deceased.relationshipToHead"]).toBe("bố");
  });

  it("another person than the draft's deceased is refused naming the field", async () => {
    const created = await father.send<Dossier>("POST", "/api/dossiers", {
      procedureCode: KHAI_TU,
      deceasedNumber: people.mother.pn,
    });
    const r = await father.send<Err>("POST", "/api/linked-applications", {
      group: "death",
      members: ["deregistration"],
      shared: TYPED,
      deceased: grandpa.pn,
      drafts: { death: created.body.id },
    });
    expect([r.status, r.body.error.details?.[0]?.field]).toEqual([400, "body.deceased"]);
  });
});
