import { beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import * as split from "./helpers/split-parents.js";

/**
 * Issue 12, birth group, the child to join the father's household: the residence step is never
 * registered twice. While it waits for the head (the father), the mother may file it on its own
 * ("Nộp riêng"). A draft of it does not block: the father still sees the request and may consent;
 * his consent withdraws that draft (its reason on its page), which can then not be submitted. Once
 * she submitted it, his consent is no longer needed: the request leaves his list, his consent and
 * her reminder are refused with 409 STEP_FILED_ALONE naming the dossier, nothing written; her
 * group page says so instead of the wait.
 */
const { splitMother: mother, splitFather: father } = split;

type ApiError = { error: { code: string; messageVi: string; messageEn: string } };
type Alone = { dossierId: string; code: string | null; status: string };
type Step = { key: string; state: string; words: { vi: string }; awaiting: unknown; alone: Alone | null };
type Group = {
  childHome: {
    consent: unknown;
    waiting: unknown;
    filedAlone: { dossierId: string; code: string | null } | null;
  };
  steps: Step[];
};
type Dossier = { id: string; status: string; code: string | null };

const { server, b, fresh, registerBirth } = split.splitParentsSuite();

const view = async (id: string) =>
  (await b(mother.pn).send<Group>("GET", `/api/linked-applications/${id}`)).body;
const residence = (g: Group) => g.steps.find((x) => x.key === "residence") as Step;
const asked = async () =>
  (
    await b(father.pn).send<{ items: Array<{ groupId?: string }> }>("GET", "/api/me/household-consents")
  ).body.items.map((x) => x.groupId);
const fileAlone = async (id: string) =>
  b(mother.pn).send<ApiError & { id: string }>(
    "POST",
    `/api/linked-applications/${id}/steps/residence/alone`,
  );
const groupRow = async (id: string) =>
  (await server().db.query("select child_home from linked_groups where id = $1", [id])).rows[0];

describe(`a residence step filed on its own and the head's consent (${engine})`, () => {
  let id = "";
  let draft = "";

  it("a draft filed on its own does not block: the head still sees the request", async () => {
    id = await split.fileIntoFathersHousehold(b(mother.pn), "Đỗ Minh Khang");
    // Filed on its own only once the birth is registered (the child's personal number).
    await registerBirth(id);
    const r = await fileAlone(id);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    draft = r.body.id;
    expect(residence(await view(id)).alone).toMatchObject({ dossierId: draft, status: "draft" });
    expect(await asked()).toContain(id);
  });

  it("the head consents: the draft is withdrawn with its reason and can no longer be submitted", async () => {
    const c = await b(father.pn).send<ApiError>("POST", `/api/linked-applications/${id}/head-consent`);
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    const d = (await b(mother.pn).send<Dossier>("GET", `/api/dossiers/${draft}`)).body;
    expect(d.status).toBe("withdrawn");
    const { rows } = await server().db.query<{ payload: { reasonVi?: string; cancelledBy?: string } }>(
      "select payload from dossier_actions where dossier_id = $1 and action = 'withdraw'",
      [draft],
    );
    expect(rows[0]?.payload.cancelledBy).toBe("system");
    expect(rows[0]?.payload.reasonVi).toContain("không bị đăng ký hai lần");
    // Submitting the withdrawn draft now: refused (never a second registration), no 5xx.
    const sub = await b(mother.pn).send<ApiError>("POST", `/api/dossiers/${draft}/submit`, {
      values: split.CHILD_INTO_OWN_HOUSEHOLD,
    });
    expect(sub.status, JSON.stringify(sub.body)).toBe(409);
    expect(sub.body.error.messageVi).toBeTruthy();
    expect(sub.body.error.messageEn).toBeTruthy();
    // The group's step goes on; no new draft on its own while it is in the group's hands.
    const g = await view(id);
    expect(g.childHome.consent).not.toBeNull();
    expect(residence(g).alone).toBeNull();
    const again = await fileAlone(id);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("STEP_NOT_ENDED");
  });
});

describe(`a residence step filed on its own and submitted (${engine})`, () => {
  let id = "";
  let filed: Dossier = { id: "", status: "", code: null };

  // Another child of the same parents: a fresh server's registries (the notice is new there).
  beforeAll(fresh, 120_000);

  it("submitted on its own: the head's list lacks it, his consent and her reminder are 409 STEP_FILED_ALONE, nothing written", async () => {
    id = await split.fileIntoFathersHousehold(b(mother.pn), "Đỗ Minh An");
    await registerBirth(id);
    filed = await split.submitResidenceAlone(b(mother.pn), id);
    expect(filed.code).toBeTruthy();
    expect(await asked()).not.toContain(id);

    const before = await groupRow(id);
    const c = await b(father.pn).send<ApiError>("POST", `/api/linked-applications/${id}/head-consent`);
    expect(c.status).toBe(409);
    expect(c.body.error.code).toBe("STEP_FILED_ALONE");
    expect(c.body.error.messageVi).toContain(`hồ sơ ${filed.code}`);
    expect(c.body.error.messageVi).toContain("không cần chủ hộ đồng ý");
    expect(c.body.error.messageEn).toContain(`dossier ${filed.code}`);
    expect(c.body.error.messageEn).toContain("no longer needed");
    const remind = await b(mother.pn).send<ApiError>("POST", `/api/linked-applications/${id}/head-reminder`);
    expect(remind.status).toBe(409);
    expect(remind.body.error.code).toBe("STEP_FILED_ALONE");
    expect(remind.body.error.messageVi).toContain(`hồ sơ ${filed.code}`);
    expect(await groupRow(id)).toEqual(before);
    const { rows } = await server().db.query<{ n: number }>(
      "select count(*)::int as n from notifications where group_id = $1 and event = 'head_reminder'",
      [id],
    );
    expect(rows[0]?.n).toBe(0);
    // Still a submitted dossier of its own.
    const d = (await b(mother.pn).send<Dossier>("GET", `/api/dossiers/${filed.id}`)).body;
    expect(d.status).not.toBe("withdrawn");
  });

  it("her group page says the head's consent is no longer needed, not the wait nor the reminder", async () => {
    const g = await view(id);
    expect(g.childHome.waiting).toBeNull();
    expect(g.childHome.filedAlone).toEqual({ dossierId: filed.id, code: filed.code });
    const step = residence(g);
    expect(step.awaiting).toBeNull();
    expect(step.words.vi).toBe("Đã nộp riêng");
    expect(step.alone).toMatchObject({ dossierId: filed.id, code: filed.code });
  });
});

describe(`the head's consent and the draft's submission at the same moment (${engine})`, () => {
  beforeAll(fresh, 120_000);

  it("exactly one passes: the consent (the draft withdrawn) or the submission (the consent 409 STEP_FILED_ALONE)", async () => {
    const id = await split.fileIntoFathersHousehold(b(mother.pn), "Đỗ Minh Tâm");
    await registerBirth(id);
    const draft = (await fileAlone(id)).body.id;
    const [consent, submitted] = await Promise.all([
      b(father.pn).send<ApiError>("POST", `/api/linked-applications/${id}/head-consent`),
      b(mother.pn).send<ApiError & Dossier>("POST", `/api/dossiers/${draft}/submit`, {
        values: split.CHILD_INTO_OWN_HOUSEHOLD,
      }),
    ]);
    const d = (await b(mother.pn).send<Dossier>("GET", `/api/dossiers/${draft}`)).body;
    const home = (await groupRow(id))?.child_home as { consent: unknown };
    if (consent.status === 200) {
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(409);
      expect(d.status).toBe("withdrawn");
      expect(home.consent).not.toBeNull();
    } else {
      expect(consent.status, JSON.stringify(consent.body)).toBe(409);
      expect(consent.body.error.code).toBe("STEP_FILED_ALONE");
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
      expect(d.status).not.toBe("withdrawn");
      expect(home.consent).toBeNull();
    }
  });
});
