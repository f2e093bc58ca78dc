import { describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import * as split from "./helpers/split-parents.js";

/**
 * Issue 12, birth group, the child to join the father's household: the head (the father) is asked
 * by SMS when the group is filed (in the filing's transaction: `linked.group_news`, event
 * "head_request"), naming the mother, the child and the group, and where to answer. When he
 * refuses, with his own short reason, the mother is told by SMS which step was cancelled, by
 * whom, why, and what she can do, in the words of the group's page, with the page's address
 * (event "head_refused"). Each is one notification of the group (`notifications.group_id`).
 */
const { splitMother: mother, splitFather: father } = split;

type Told = { personal_number: string; channel: string; event: string; text_vi: string; text_en: string };
type Step = { key: string; state: string; reason: { vi: string; en: string; whatToDoVi: string } | null };
type Group = { group: { nameVi: string; nameEn: string }; steps: Step[] };

const { server, b, drainAll } = split.splitParentsSuite();

const told = async (id: string) =>
  (
    await server().db.query<Told>(
      `select personal_number, channel, event, text_vi, text_en from notifications
        where group_id = $1 and channel <> 'app' order by id`,
      [id],
    )
  ).rows;

describe(`the head is asked at filing; the applicant is told of his refusal (${engine})`, () => {
  let id = "";
  it("filing the group asks the head by SMS: who asks, for which child, the group, where to answer", async () => {
    id = await split.fileIntoFathersHousehold(b(mother.pn), "Đỗ Minh Khang");
    // Queued with the filing, in its transaction: the outbox holds it before any delivery.
    const queued = await server().db.query<{ topic: string }>("select topic from outbox where key = $1", [
      `head-request:${id}`,
    ]);
    expect(queued.rows.map((r) => r.topic)).toEqual(["linked.group_news"]);
    await drainAll();
    const g = (await b(mother.pn).send<Group>("GET", `/api/linked-applications/${id}`)).body;
    const rows = await told(id);
    expect(rows.map((n) => [n.personal_number, n.channel, n.event])).toEqual([
      [father.pn, "sms", "head_request"],
    ]);
    const ask = rows[0] as Told;
    expect(ask.text_vi).toContain(`${mother.name}, mẹ của Đỗ Minh Khang, đề nghị bạn (chủ hộ) đồng ý`);
    expect(ask.text_vi).toContain(`“${g.group.nameVi}”`);
    expect(ask.text_vi).toContain("Đề nghị chờ tôi đồng ý");
    expect(ask.text_vi).not.toContain("Nhắc lại");
    expect(ask.text_en).toContain(`${mother.name}, mother of Đỗ Minh Khang, asks you, as head of household`);
    expect(ask.text_en).toContain(`“${g.group.nameEn}”`);
    // The head's request waits on his home page.
    const asked = await b(father.pn).send<{ items: Array<{ groupId?: string }> }>(
      "GET",
      "/api/me/household-consents",
    );
    expect(asked.body.items.map((x) => x.groupId)).toContain(id);
  });

  it("the head refuses with a reason: the mother is told the step, his refusal and reason, what to do", async () => {
    const reason = "Nhà đang sửa, chưa nhận thêm người";
    const refused = await b(father.pn).send<{ residenceStep: string; refusal: { reason: string } }>(
      "POST",
      `/api/linked-applications/${id}/head-refusal`,
      { reason: `  ${reason} ` },
    );
    expect(refused.status, JSON.stringify(refused.body)).toBe(200);
    expect(refused.body).toMatchObject({ residenceStep: "cancelled", refusal: { reason } });
    const queued = await server().db.query<{ topic: string }>("select topic from outbox where key = $1", [
      `head-refusal:${id}`,
    ]);
    expect(queued.rows.map((r) => r.topic)).toEqual(["linked.group_news"]);
    await drainAll();
    const g = (await b(mother.pn).send<Group>("GET", `/api/linked-applications/${id}`)).body;
    const residence = g.steps.find((x) => x.key === "residence") as Step;
    expect(residence.state).toBe("cancelled");
    expect(residence.reason?.vi).toContain(`Lý do chủ hộ nêu: “${reason}”`);
    expect(residence.reason?.en).toContain(`The head's reason: “${reason}”`);

    const toMother = (await told(id)).filter((n) => n.personal_number === mother.pn);
    expect(toMother.map((n) => [n.channel, n.event])).toEqual([["sms", "head_refused"]]);
    const n = toMother[0] as Told;
    // The step, the head's refusal, what to do: the group page's own words; then the page.
    expect(n.text_vi).toContain(`“${g.group.nameVi}”`);
    expect(n.text_vi).toMatch(/bước “[^”]*thường trú[^”]*” \(Công an/);
    expect(n.text_vi).toContain(residence.reason?.vi as string);
    expect(n.text_vi).toContain(`Chủ hộ ${father.name} không đồng ý`);
    expect(n.text_vi).toContain(`Lý do chủ hộ nêu: “${reason}”`);
    expect(n.text_vi).toContain(residence.reason?.whatToDoVi as string);
    expect(n.text_vi).toMatch(new RegExp(`/lien-thong/${id}$`));
    expect(n.text_en).toContain(residence.reason?.en as string);
    expect(n.text_en).toContain("file permanent residence registration on its own");
    expect(n.text_en).toMatch(new RegExp(`/lien-thong/${id}$`));
    const sms = await server().db.query<{ text_vi: string }>(
      "select text_vi from demo_sms where personal_number = $1 order by id",
      [mother.pn],
    );
    // Her phone got it (beside the birth step's own news), once.
    expect(sms.rows.map((x) => x.text_vi).filter((t) => t.includes("/lien-thong/"))).toEqual([n.text_vi]);
  });

  it("refusing again tells no one again", async () => {
    const again = await b(father.pn).send("POST", `/api/linked-applications/${id}/head-refusal`);
    expect(again.status).toBe(200);
    await drainAll();
    expect((await told(id)).map((n) => n.event)).toEqual(["head_request", "head_refused"]);
  });
});
