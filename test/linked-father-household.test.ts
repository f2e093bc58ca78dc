import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { A, B, BIRTH_VALUES } from "./helpers/fixtures.js";
import { registerBirth, WHOLE_BIRTH_GROUP, writtenBy } from "./helpers/linked.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";
import { addSplitParents, splitFather, splitMother } from "./helpers/split-parents.js";

/**
 * Issue 12, birth group: the child joins the father's household, in another commune (B, Liên
 * Chiểu) than the mother's (A, Hải Vân). The residence step is filed at B's police (its agency
 * code, queue, clock), waits for the head's (the father's) consent, and its result puts the child
 * in the father's household; the insurance step still gets the child's number. A household that is
 * not a parent's is refused in both languages, nothing written.
 */
const mother = splitMother;
const father = splitFather;

type Step = {
  key: string;
  state: string;
  words: { vi: string; en: string };
  awaiting: { vi: string; en: string } | null;
  communeName: string | null;
  dossierId: string | null;
  code: string | null;
};
type Group = {
  childHome: { of: string; headName: string; address: string; communeName: string; consent: unknown } | null;
  steps: Step[];
};
type Options = {
  applicant: string;
  options: Array<{ of: string; householdId: string; headName: string; address: string; own: boolean }>;
};
type Dossier = { agencyCode: string; communeCode: string; fields: Array<{ key: string; value: unknown }> };

let s: TestServer;
const as: Record<string, Browser> = {};
const b = (login: string) => as[login] as Browser;
beforeAll(async () => {
  s = await startTestServer({}, { delivery: "manual" });
  await addSplitParents(s.db);
  for (const login of [
    mother.pn,
    father.pn,
    "motcua.20194",
    "chuyenvien.20194",
    "lanhdao.20194",
    "chuyenvien.20197",
    "lanhdao.20197",
    "motcua.20197",
  ]) {
    as[login] = new Browser(s.baseUrl);
    await as[login].signIn(login);
  }
});
afterAll(async () => s?.close());

const application = (childHome: string) => ({
  ...WHOLE_BIRTH_GROUP,
  shared: { ...BIRTH_VALUES, "parents.married": false, "child.fullName": "Đỗ Minh Quân" },
  childHome,
});
const group = async (id: string) =>
  (await b(mother.pn).send<Group>("GET", `/api/linked-applications/${id}`)).body;
const step = (g: Group, key: string) => g.steps.find((x) => x.key === key) as Step;
const dossier = async (id: string) => (await b(mother.pn).send<Dossier>("GET", `/api/dossiers/${id}`)).body;
const field = (d: Dossier, key: string) => d.fields.find((f) => f.key === key)?.value;

describe(`the child joins the father's household in another commune (${engine})`, () => {
  it("the form offers the mother's and the father's households, each by its head and address; the reads are logged", async () => {
    const r = await b(mother.pn).send<Options>("GET", "/api/linked-applications/child-homes");
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.applicant).toBe("mother");
    expect(r.body.options.map((o) => [o.of, o.householdId, o.headName, o.own])).toEqual([
      ["mother", mother.hh, mother.name, true],
      ["father", father.hh, father.name, false],
    ]);
    expect(r.body.options[1]?.address).toContain("Liên Chiểu");
    // The father's household and name were read for the mother: in his access list.
    const { rows } = await s.db.query<{ fields: string[] }>(
      "select fields from access_log where subject_number = $1 and actor_id = $2 and purpose = 'prefill'",
      [father.pn, mother.pn],
    );
    expect(rows.flatMap((x) => x.fields)).toEqual(expect.arrayContaining(["household", "fullName"]));
  });

  it("a household that is not a parent's is refused in both languages, nothing written", async () => {
    const r = await b(mother.pn).send<{ error: { code: string; messageVi: string; messageEn: string } }>(
      "POST",
      "/api/linked-applications",
      application("HB-1"),
    );
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe("CHILD_HOME_NOT_PARENTS");
    expect(r.body.error.messageVi).toContain("không phải hộ của mẹ hoặc của cha");
    expect(r.body.error.messageEn).toContain("not the mother's or the father's household");
    expect(await writtenBy(s, mother.pn)).toEqual({ groups: 0, dossiers: 0, steps: 0, keys: 0, filings: 0 });
  });

  let id = "";
  it("filed once: the residence step waits for the father's consent, named with his commune", async () => {
    const r = await b(mother.pn).send<{ id: string }>(
      "POST",
      "/api/linked-applications",
      application(father.hh),
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    id = r.body.id;
    const g = await group(id);
    expect(g.childHome).toMatchObject({ of: "father", headName: father.name, consent: null });
    expect(g.childHome?.communeName).toContain("Liên Chiểu");
    const residence = step(g, "residence");
    expect(residence.state).toBe("waiting");
    expect(residence.words.vi).toBe("Chờ chủ hộ đồng ý");
    expect(residence.awaiting?.vi).toContain(`cha của trẻ, chủ hộ ${father.name}`);
    expect(residence.communeName).toContain("Liên Chiểu");
  });

  let number = "";
  it("the birth registered, the insurance card is issued automatically with the child's number; residence still waits", async () => {
    const birth = step(await group(id), "birth").dossierId as string;
    expect(await registerBirth(b, birth)).toEqual([200, 200, 200, 200]);
    for (let i = 0; i < 3; i++) await s.drain();
    const { rows } = await s.db.query<{ pn: string }>(
      "select personal_number as pn from persons where mother_number = $1",
      [mother.pn],
    );
    number = (rows[0]?.pn ?? "").trim();
    expect(number).toMatch(/^\d{12}$/);
    const g = await group(id);
    // The birth group's version 2 decides the card automatically (issue 12 point 2): issued by the platform.
    expect(step(g, "insurance")).toMatchObject({ state: "done", status: "result_issued" });
    expect(field(await dossier(step(g, "insurance").dossierId as string), "child.personalNumber")).toBe(
      number,
    );
    expect(step(g, "residence").state).toBe("waiting");
  });

  it("only the head consents; then the residence step is filed at the father's commune", async () => {
    // The mother is not the head: refused, nothing recorded.
    const notHead = await b(mother.pn).send<{ error: { code: string } }>(
      "POST",
      `/api/linked-applications/${id}/head-consent`,
    );
    expect(notHead.status).toBe(404);
    expect(notHead.body.error.code).toBe("CHILD_HOME_NOT_HEAD");
    const asked = await b(father.pn).send<{ items: Array<{ groupId: string; childName: string }> }>(
      "GET",
      "/api/me/household-consents",
    );
    expect(asked.body.items).toEqual([expect.objectContaining({ groupId: id, childName: "Đỗ Minh Quân" })]);
    const consent = await b(father.pn).send<{ residenceStep: string }>(
      "POST",
      `/api/linked-applications/${id}/head-consent`,
    );
    expect(consent.status, JSON.stringify(consent.body)).toBe(200);
    expect(consent.body.residenceStep).toBe("started");
    // A second tap or a retried request: the consent on record, not "nothing waiting".
    const again = await b(father.pn).send<{ residenceStep: string; consent: { as: string } }>(
      "POST",
      `/api/linked-applications/${id}/head-consent`,
    );
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toMatchObject({ residenceStep: "started", consent: { as: "head" } });
    // Consent given cannot turn into a refusal.
    const late = await b(father.pn).send<{ error: { code: string; messageVi: string; messageEn: string } }>(
      "POST",
      `/api/linked-applications/${id}/head-refusal`,
    );
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("CHILD_HOME_CONSENTED");
    expect(late.body.error.messageVi).toContain("đã đồng ý");
    const g = await group(id);
    expect(g.childHome?.consent).toMatchObject({ as: "head" });
    const residence = step(g, "residence");
    expect(residence.code).toMatch(/^CA\./);
    const d = await dossier(residence.dossierId as string);
    expect(d.agencyCode).toBe(`CA.${B.commune}.H48`);
    expect(d.communeCode).toBe(B.commune);
    expect(field(d, "authority.commune")).toBe(B.commune);
    expect(field(d, "household.headNumber")).toBe(father.pn);
    expect(field(d, "household.headName")).toBe(father.name);
    expect(field(d, "request")).toBe("child_joins_household");
    expect(field(d, "member.personalNumber")).toBe(number);
    expect(field(d, "household.headConsent")).toBe(true);
    // Commune A's officers do not have it in their queue; B's do.
    const queueA = await b("chuyenvien.20194").send<{ items: Array<{ id: string }> }>(
      "GET",
      "/api/officer/dossiers",
    );
    expect(queueA.body.items.map((x) => x.id)).not.toContain(residence.dossierId);
    const queueB = await b("chuyenvien.20197").send<{ items: Array<{ id: string }> }>(
      "GET",
      "/api/officer/dossiers",
    );
    expect(queueB.body.items.map((x) => x.id)).toContain(residence.dossierId);
  });

  it("the result puts the child in the father's household; the mother keeps hers; prefill then shows it", async () => {
    const residence = step(await group(id), "residence").dossierId as string;
    for (const [who, action] of [
      ["chuyenvien.20197", "forward"],
      ["lanhdao.20197", "approve"],
      ["lanhdao.20197", "issue_result"],
    ] as const) {
      const r = await b(who).send("POST", `/api/dossiers/${residence}/actions`, { action });
      expect(r.status, `${who} ${action} ${JSON.stringify(r.body)}`).toBe(200);
    }
    for (let i = 0; i < 3; i++) await s.drain();
    const person = async (pn: string) =>
      (
        await s.db.query<{ hh: string; rel: string | null; commune: string }>(
          `select household_id as hh, relationship_to_head as rel, permanent_commune_code as commune
           from persons where personal_number = $1`,
          [pn],
        )
      ).rows[0];
    expect(await person(number)).toMatchObject({ hh: father.hh, rel: "con", commune: B.commune });
    expect(await person(mother.pn)).toMatchObject({ hh: mother.hh, commune: A.commune });
    const { rows } = await s.db.query<{ members: string[] }>(
      "select member_numbers as members from households where id = $1",
      [father.hh],
    );
    expect(rows[0]?.members.map((m) => m.trim())).toContain(number);
    expect(step(await group(id), "residence").state).toBe("done");
    // The next prefill for the child (a counter start at B) reads the father's household.
    const started = await b("motcua.20197").send<Dossier & { id: string }>("POST", "/api/dossiers", {
      procedureCode: "1.004222",
      applicantNumber: number,
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(field(started.body, "household.headNumber")).toBe(father.pn);
    expect(field(started.body, "household.relationshipToHead")).toBe("con");
  });
});
