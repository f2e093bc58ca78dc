import { describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import type { ListedItem, ListedNotifications } from "./helpers/notifications.js";
import * as split from "./helpers/split-parents.js";

/**
 * Issue 12, birth group, the child to join the father's household. A group's news (the head asked
 * at filing, the applicant told of the head's refusal) is in each person's in-app notifications
 * (GET /api/me/notifications, the unread badge) beside the SMS: in plain words naming the group,
 * linking the group's page (the applicant) or the home page's requests (the head), never the SMS's
 * raw address. While the head has not answered, the mother may file the residence step on its own
 * (the head-wait screen): the draft comes from the group, and the step keeps it.
 */
const { splitMother: mother, splitFather: father } = split;

type Item = ListedItem;
type List = ListedNotifications;
type Alone = { dossierId: string; code: string | null; status: string };
type Step = { key: string; state: string; dossierId: string | null; alone: Alone | null };
type Group = { group: { nameVi: string; nameEn: string }; steps: Step[] };
type Field = { key: string; value: unknown; readOnly: boolean };
type Draft = { status: string; procedure: { code: string }; fields: Field[] };

const { b, drainAll, registerBirth } = split.splitParentsSuite();

const list = async (who: string) => (await b(who).send<List>("GET", "/api/me/notifications")).body;
const view = async (id: string) =>
  (await b(mother.pn).send<Group>("GET", `/api/linked-applications/${id}`)).body;
const step = (g: Group, key: string) => g.steps.find((x) => x.key === key) as Step;

describe(`a linked group's news in the in-app notifications (${engine})`, () => {
  let id = "";
  let waitDraft = "";

  it("the head's request is in his notifications and badge, naming the group, linking his requests", async () => {
    id = await split.fileIntoFathersHousehold(b(mother.pn), "Đỗ Minh Khang");
    await drainAll();
    const g = await view(id);
    const mine = await list(father.pn);
    const asked = mine.items.filter((n) => n.groupId === id);
    expect(asked).toHaveLength(1);
    const n = asked[0] as Item;
    expect(n).toMatchObject({
      dossierId: null,
      link: "/",
      readAt: null,
      id: `${id}:g${n.id.split(":g")[1]}`,
    });
    expect(n.textVi).toContain(`“${g.group.nameVi}”`);
    expect(n.textVi).toContain("đề nghị bạn (chủ hộ) đồng ý");
    expect(n.textVi).toContain("Đề nghị chờ tôi đồng ý");
    expect(n.textEn).toContain(`“${g.group.nameEn}”`);
    for (const t of [n.textVi, n.textEn]) expect(t).not.toMatch(/https?:\/\//);
    expect(mine.unread).toBeGreaterThanOrEqual(1);
    // Read on one device: read everywhere; the badge counts one fewer.
    const read = await b(father.pn).send<{ unread: number }>("POST", "/api/me/notifications/read", {
      ids: [n.id],
    });
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body.unread).toBe(mine.unread - 1);
    expect((await list(father.pn)).items.find((x) => x.id === n.id)?.readAt).not.toBeNull();
    // The mother's own step news (her submission of the birth step) links her group too.
    const hers = await list(mother.pn);
    const birth = step(g, "birth").dossierId;
    expect(hers.items.find((x) => x.dossierId === birth)).toMatchObject({
      groupId: id,
      link: `/ho-so/${birth}`,
    });
    // She is not the head: the request is not hers.
    expect(hers.items.filter((x) => x.groupId === id && x.dossierId === null)).toEqual([]);
  });

  it("while the head has not answered, the residence step filed on its own starts from the group; a second tap opens it", async () => {
    // Filed on its own only once the birth is registered (the child's personal number).
    await registerBirth(id);
    expect(step(await view(id), "residence").state).toBe("waiting");
    const path = `/api/linked-applications/${id}/steps/residence/alone`;
    const r = await b(mother.pn).send<{ id: string }>("POST", path, undefined, {
      "idempotency-key": "wait-key-1",
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    waitDraft = r.body.id;
    const d = (await b(mother.pn).send<Draft>("GET", `/api/dossiers/${waitDraft}`)).body;
    expect(d).toMatchObject({ status: "draft", procedure: { code: "1.004222" } });
    // The child's name as the group has it; the father's household is not carried.
    expect(d.fields.find((f) => f.key === "member.fullName")?.value).toBe("Đỗ Minh Khang");
    expect(d.fields.find((f) => f.key === "request")?.value).not.toBe("child_joins_household");
    const again = await b(mother.pn).send<{ id: string }>("POST", path, undefined, {
      "idempotency-key": "wait-key-2",
    });
    expect(again.body.id).toBe(waitDraft);
    const g = await view(id);
    expect(step(g, "residence")).toMatchObject({
      state: "waiting",
      alone: { dossierId: waitDraft, code: null, status: "draft" },
    });
    // A step the group gave its result is not filed on its own.
    const insurance = await b(mother.pn).send<{ error: { code: string } }>(
      "POST",
      `/api/linked-applications/${id}/steps/insurance/alone`,
    );
    expect(insurance.status).toBe(409);
    // The insurance card is issued by then (automatic): it has its result (review h12 L2).
    expect(insurance.body.error.code).toBe("STEP_ALREADY_DONE");
  });

  it("the head refuses: the mother's notifications tell it in plain words, linking the group's page", async () => {
    const before = (await list(mother.pn)).unread;
    expect((await b(father.pn).send("POST", `/api/linked-applications/${id}/head-refusal`)).status).toBe(200);
    await drainAll();
    const g = await view(id);
    const mine = await list(mother.pn);
    const told = mine.items.filter((n) => n.groupId === id && n.dossierId === null);
    expect(told).toHaveLength(1);
    const n = told[0] as Item;
    expect(n).toMatchObject({ link: `/lien-thong/${id}`, readAt: null });
    expect(n.textVi).toContain(`Nhóm hồ sơ liên thông “${g.group.nameVi}”`);
    expect(n.textVi).toMatch(/bước “[^”]*thường trú[^”]*” \(Công an/);
    expect(n.textVi).toContain(`Chủ hộ ${father.name} không đồng ý`);
    expect(n.textVi).toMatch(/\.$/);
    expect(n.textEn).toContain(`Linked application “${g.group.nameEn}”`);
    for (const t of [n.textVi, n.textEn])
      expect(t).not.toMatch(/https?:\/\/|Xem nhóm hồ sơ:|See the application:/);
    expect(mine.unread).toBeGreaterThan(before);
    // The step cancelled, the draft she started while waiting is still the step's.
    expect(step(g, "residence")).toMatchObject({ state: "cancelled", alone: { dossierId: waitDraft } });
    const r = await b(mother.pn).send<{ id: string }>(
      "POST",
      `/api/linked-applications/${id}/steps/residence/alone`,
    );
    expect(r.body.id).toBe(waitDraft);
  });

  it("a malformed notification id is refused in both languages", async () => {
    const r = await b(mother.pn).send<{ error: { code: string; messageVi: string; messageEn: string } }>(
      "POST",
      "/api/me/notifications/read",
      { ids: [`${id}:x1`] },
    );
    expect(r.status).toBe(400);
    expect(r.body.error.messageVi).toBeTruthy();
    expect(r.body.error.messageEn).toBeTruthy();
  });
});
