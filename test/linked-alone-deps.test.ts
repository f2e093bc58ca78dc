import { describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { people } from "./helpers/fixtures.js";
import { registerBirth, WHOLE_BIRTH_GROUP } from "./helpers/linked.js";
import { type AloneStep, aloneSuite } from "./helpers/linked-alone.js";
import * as split from "./helpers/split-parents.js";

/**
 * Issue 12, "Nộp riêng" and the earlier steps' results (Law on Residence 2020 Art. 21; Decree
 * 63/2024 linked groups): the residence step is neither offered nor accepted on its own while the
 * birth is only submitted (the child has no personal number yet: 409 EARLIER_STEP_PENDING naming
 * the birth registration, nothing created; the group page and the wait's words say when it becomes
 * possible); a birth refused in the group, filed on its own and registered there unblocks the later
 * steps, whose drafts carry the child's personal number with that alone result as its source.
 */
type Field = { key: string; value: unknown; provenance?: { registry: string; sourceVi: string } };
type Draft = { id: string; status: string; fields: Field[] };
type Step = AloneStep;
type Group = {
  childHome: { waiting: { meanwhileVi: string; meanwhileEn: string } | null } | null;
  steps: Step[];
};
type ApiError = { error: { code: string; messageVi: string; messageEn: string } };

const { server, b, view, step, fileAlone, drain, act } = aloneSuite<Group, ApiError>();
const field = (d: Draft, key: string) => d.fields.find((f) => f.key === key);
/** What the applicant's filings wrote: dossiers, and steps filed on their own. */
const written = async (pn: string) =>
  (
    await server().db.query<{ dossiers: number; alone: number }>(
      `select (select count(*)::int from dossiers where applicant_number = $1) as dossiers,
              (select count(*)::int from linked_group_steps st join linked_groups g
                 on g.province_code = st.province_code and g.id = st.group_id
               where g.applicant_number = $1 and st.alone_dossier_id is not null) as alone`,
      [pn],
    )
  ).rows[0];
/** The child's personal number as the population registry holds it from the birth result `resultNumber`. */
const childOf = async (resultNumber: string) =>
  (
    await server().db.query<{ pn: string }>(
      "select personal_number as pn from civil_status_records where kind = 'birth' and registration_number = $1",
      [resultNumber],
    )
  ).rows[0]?.pn;

describe(`the residence step waiting for the head, before the birth's result (${engine})`, () => {
  const mother = split.splitMother.pn;
  let id = "";

  it("is not offered and is refused with 409 EARLIER_STEP_PENDING naming the birth registration; nothing created", async () => {
    id = await split.fileIntoFathersHousehold(b(mother), "Đỗ Minh Khang");
    const g = await view(mother, id);
    const birth = step(g, "birth");
    expect(step(g, "residence")).toMatchObject({ state: "waiting", mayFileAlone: false });
    // The wait's words say filing on its own becomes possible once the birth is registered.
    const wait = g.childHome?.waiting;
    expect(wait?.meanwhileVi).toContain(`Khi bước “${birth.procedureVi}” đã có kết quả`);
    expect(wait?.meanwhileVi).not.toContain("khi hồ sơ đó đã nộp");
    expect(wait?.meanwhileEn).toContain(`Once “${birth.procedureEn}” has its result`);
    const before = await written(mother);
    const r = await fileAlone(mother, id, "residence");
    expect(r.status, JSON.stringify(r.body)).toBe(409);
    expect(r.body.error.code).toBe("EARLIER_STEP_PENDING");
    expect(r.body.error.messageVi).toContain(`bước trước “${birth.procedureVi}” chưa có kết quả`);
    expect(r.body.error.messageEn).toContain(`the earlier step “${birth.procedureEn}” has no result yet`);
    expect(await written(mother)).toEqual(before);
    expect(step(await view(mother, id), "residence").alone).toBeNull();
  });

  it("once the birth is registered: offered, and filed with the child's personal number", async () => {
    await split.registerGroupBirth(server(), b(mother), id);
    const g = await view(mother, id);
    expect(step(g, "birth").state).toBe("done");
    expect(step(g, "residence")).toMatchObject({ state: "waiting", mayFileAlone: true });
    expect(g.childHome?.waiting?.meanwhileVi).toContain("khi hồ sơ đó đã nộp, chủ hộ không cần đồng ý nữa");
    const r = await fileAlone(mother, id, "residence");
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const draft = (await b(mother).send<Draft>("GET", `/api/dossiers/${r.body.id}`)).body;
    const { rows } = await server().db.query<{ pn: string }>(
      "select facts->>'childPersonalNumber' as pn from linked_groups where id = $1",
      [id],
    );
    expect(rows[0]?.pn).toMatch(/^\d{12}$/);
    expect(field(draft, "member.personalNumber")?.value).toBe(rows[0]?.pn);
  });
});

describe(`a birth refused in the group, filed on its own and registered there (${engine})`, () => {
  const mother = people.mother.pn;
  let id = "";
  let aloneBirth = "";

  it("the later steps wait for the birth filed alone: 409 EARLIER_STEP_PENDING naming it until its result", async () => {
    const filed = await b(mother).send<{ id: string }>("POST", "/api/linked-applications", WHOLE_BIRTH_GROUP);
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    id = filed.body.id;
    const birth = step(await view(mother, id), "birth").dossierId as string;
    expect((await act("motcua.20194", birth, "receive")).status).toBe(200);
    expect((await act("chuyenvien.20194", birth, "forward")).status).toBe(200);
    expect((await act("lanhdao.20194", birth, "refuse", "Giấy chứng sinh không khớp.")).body.status).toBe(
      "refused",
    );
    await drain();
    const a = await fileAlone(mother, id, "birth");
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    aloneBirth = a.body.id;
    const sent = await b(mother).send("POST", `/api/dossiers/${aloneBirth}/submit`, {});
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const g = await view(mother, id);
    for (const key of ["residence", "insurance"]) {
      expect(step(g, key)).toMatchObject({ state: "cancelled", mayFileAlone: false });
      const r = await fileAlone(mother, id, key);
      expect(r.status).toBe(409);
      // The birth is on its way (filed on its own): waited for, not "refused or cancelled".
      expect(r.body.error.code).toBe("EARLIER_STEP_PENDING");
      expect(r.body.error.messageVi).toContain(
        `bước trước “${step(g, "birth").procedureVi}” chưa có kết quả`,
      );
    }
  });

  it("registered on its own: the residence step is offered and filed with the child's number, that result its source", async () => {
    expect(await registerBirth(b, aloneBirth)).toEqual([200, 200, 200, 200]);
    await drain();
    const g = await view(mother, id);
    const resultNumber = step(g, "birth").alone?.resultNumber as string;
    expect(resultNumber).toMatch(/^KQ-/);
    expect(step(g, "birth").words.vi).toBe("Đã có kết quả (nộp riêng)");
    for (const key of ["residence", "insurance"])
      expect(step(g, key), key).toMatchObject({ state: "cancelled", mayFileAlone: true });
    const child = await childOf(resultNumber);
    expect(child).toMatch(/^\d{12}$/);

    const r = await fileAlone(mother, id, "residence");
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const draft = (await b(mother).send<Draft>("GET", `/api/dossiers/${r.body.id}`)).body;
    expect(draft.status).toBe("draft");
    // The child, read-only, told as the birth filed on its own's result (not the refused one).
    for (const [key, value] of [
      ["member.personalNumber", child],
      ["member.fullName", WHOLE_BIRTH_GROUP.shared["child.fullName"]],
    ] as const)
      expect(field(draft, key), key).toMatchObject({
        value,
        provenance: {
          registry: "civil_status",
          sourceVi: `kết quả đăng ký khai sinh ${resultNumber}`,
        },
      });
    // The insurance card likewise.
    const card = await fileAlone(mother, id, "insurance");
    expect(card.status, JSON.stringify(card.body)).toBe(201);
    const cardDraft = (await b(mother).send<Draft>("GET", `/api/dossiers/${card.body.id}`)).body;
    expect(field(cardDraft, "child.personalNumber")?.value).toBe(child);
  });

  it("reads each dossier filed on its own once per group page and once per tap again on 'Nộp riêng'", async () => {
    const residence = step(await view(mother, id), "residence").alone?.dossierId as string;
    // The gated read of a dossier with its parts (`findDossierRecord`), by the dossier's id.
    const reads = new Map<string, number>();
    const stop = server().db.observe((sql, params) => {
      if (!/from "dossiers" as "d"/.test(sql) || !/"dossier_actions"/.test(sql)) return;
      for (const p of new Set(params)) if (typeof p === "string") reads.set(p, (reads.get(p) ?? 0) + 1);
    });
    try {
      const g = await view(mother, id);
      expect(step(g, "birth").alone?.resultNumber).toMatch(/^KQ-/);
      expect([reads.get(aloneBirth), reads.get(residence)]).toEqual([1, 1]);
      reads.clear();
      // Tapped again: the same draft, the birth's alone result read once for the rules.
      const again = await fileAlone(mother, id, "residence");
      expect(again.body.id).toBe(residence);
      expect([reads.get(aloneBirth), reads.get(residence)]).toEqual([1, 1]);
    } finally {
      stop();
    }
  });
});
