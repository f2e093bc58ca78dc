import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { BIRTH_VALUES, people } from "./helpers/fixtures.js";
import { birthNoticeArrives, offerOf, signedIn } from "./helpers/linked.js";
import { startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Issue 12: a filing from a proactive offer is pinned to that offer's notice. Two birth notices of
 * one instant for one mother (twins: a boy, GCS-TWIN-0001, and a girl, GCS-TWIN-0002): prefill
 * alone reads "the newest" (the girl's, by id), so the boy's offer used to file the girl's birth,
 * refused DUPLICATE_LIFE_EVENT once hers was filed. Each offer now files its own notice, and the
 * combined form shows the offer's notice (`?notice=` on the prefill preview). A filing without an
 * offer takes only the offers of the notice it was filled from: the other twin's stays open.
 */
type Field = { key: string; value: unknown };
type Err = { id?: string; error?: { code: string } };

let s: TestServer;
const clock = () => new Date("2026-11-05T09:00:00+07:00");
beforeAll(async () => {
  s = await startTestServer({}, { now: clock, delivery: "manual" });
  await birthNoticeArrives(s, "GCS-TWIN-0001", clock(), "M");
  await birthNoticeArrives(s, "GCS-TWIN-0002", clock(), "F");
});
afterAll(async () => s?.close());

/** The first step's dossier of a group: its life event and the child's sex its form holds. */
async function birthStepOf(groupId: string) {
  const { rows } = await s.db.query<{ key: string; sex: string; name: string }>(
    `select d.life_event_key as key, d.form->>'child.sex' as sex, d.form->>'child.fullName' as name
     from linked_group_steps st join dossiers d on d.province_code = st.province_code and d.id = st.dossier_id
     where st.group_id = $1 and st.step_key = 'birth'`,
    [groupId],
  );
  return rows[0];
}

describe(`a filing from an offer is pinned to the offer's notice (${engine})`, () => {
  it("the combined form shows the offer's notice, not the newest of the same instant", async () => {
    const mother = await signedIn(s, people.mother.pn);
    const sexOf = async (query: string) =>
      (
        await mother.send<{ fields: Field[] }>("GET", `/api/procedures/1.001193/prefill${query}`)
      ).body.fields.find((f) => f.key === "child.sex")?.value;
    expect(await sexOf("")).toBe("F"); // the newest: the girl's notice (the higher id)
    expect(await sexOf("?notice=GCS-TWIN-0001")).toBe("M");
    expect(await sexOf("?notice=GCS-TWIN-0002")).toBe("F");
    // The later steps' questions are read from the offer's notice as well (answered, not refused).
    const offer = await offerOf(mother, "GCS-TWIN-0001");
    const questions = await mother.send("POST", "/api/linked-applications/questions", {
      group: "birth",
      members: [],
      shared: BIRTH_VALUES,
      offer,
    });
    expect(questions.status).toBe(200);
  });

  it("each twin's offer files its own notice, whichever is filed first", async () => {
    const mother = await signedIn(s, people.mother.pn);
    const girl = await offerOf(mother, "GCS-TWIN-0002");
    const boy = await offerOf(mother, "GCS-TWIN-0001");
    expect(girl && boy).toBeTruthy();
    const file = (offer: string | undefined, name: string) =>
      mother.send<Err>("POST", "/api/linked-applications", {
        group: "birth",
        members: [],
        shared: { ...BIRTH_VALUES, "child.fullName": name },
        offer,
      });
    const first = await file(girl, "Nguyễn Ngọc Diệp");
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    // The boy's offer: before, prefilled from the girl's notice and refused DUPLICATE_LIFE_EVENT.
    const second = await file(boy, "Nguyễn Minh Khang");
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(await birthStepOf(first.body.id as string)).toEqual({
      key: "birth-notice:GCS-TWIN-0002",
      sex: "F",
      name: "Nguyễn Ngọc Diệp",
    });
    expect(await birthStepOf(second.body.id as string)).toEqual({
      key: "birth-notice:GCS-TWIN-0001",
      sex: "M",
      name: "Nguyễn Minh Khang",
    });
    const claims = await s.db.query<{ notice: string; group: string }>(
      `select notice_id as notice, group_id::text as group from linked_notice_filings
       where notice_id like 'GCS-TWIN-%' order by notice_id`,
    );
    expect(claims.rows).toEqual([
      { notice: "GCS-TWIN-0001", group: second.body.id },
      { notice: "GCS-TWIN-0002", group: first.body.id },
    ]);
    // Both notices are filed: the father is offered neither any more.
    const father = await signedIn(s, people.father.pn);
    expect(await offerOf(father, "GCS-TWIN-0001")).toBeUndefined();
    expect(await offerOf(father, "GCS-TWIN-0002")).toBeUndefined();
  });

  it("a filing without an offer takes only the offers of the notice it was filled from", async () => {
    await birthNoticeArrives(s, "GCS-TWIN-0003", clock(), "M");
    await birthNoticeArrives(s, "GCS-TWIN-0004", clock(), "F");
    const mother = await signedIn(s, people.mother.pn);
    // From the home page's life event: the newest notice fills it (the girl's, GCS-TWIN-0004).
    const filed = await mother.send<Err>("POST", "/api/linked-applications", {
      group: "birth",
      members: [],
      shared: { ...BIRTH_VALUES, "child.fullName": "Nguyễn Ngọc Hà" },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect((await birthStepOf(filed.body.id as string))?.key).toBe("birth-notice:GCS-TWIN-0004");
    // The boy's offer still waits, for his parents both; the girl's is taken.
    expect(await offerOf(mother, "GCS-TWIN-0004")).toBeUndefined();
    expect(await offerOf(mother, "GCS-TWIN-0003")).toBeTruthy();
    const father = await signedIn(s, people.father.pn);
    expect(await offerOf(father, "GCS-TWIN-0004")).toBeUndefined();
    expect(await offerOf(father, "GCS-TWIN-0003")).toBeTruthy();
  });
});
