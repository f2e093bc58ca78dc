import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { BIRTH_VALUES, people } from "./helpers/fixtures.js";
import { registerBirth, WHOLE_BIRTH_GROUP } from "./helpers/linked.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Issue 12 (review): a step whose registry write-back died in delivery (the birth registered, its
 * `civil_status.*` message dead after its attempts) blocks the steps depending on it. The citizen's
 * page says so in plain words, the leader's groups at risk list the group with that reason, and the
 * administrator's retry (POST /api/admin/outbox/retry) delivers it: the residence and insurance
 * steps then start by themselves, prefilled with the child's new personal number.
 */
type Step = { key: string; state: string; dossierId: string | null; registryUpdateFailed: boolean };
type Group = { id: string; steps: Step[] };
type AtRisk = { groupId: string; reasons: Array<{ code: string; vi: string; en: string }> };

let s: TestServer;
const as: Record<string, Browser> = {};
beforeAll(async () => {
  s = await startTestServer({}, { delivery: "manual" });
  for (const login of [people.mother.pn, "motcua.20194", "chuyenvien.20194", "lanhdao.20194", "admin"]) {
    as[login] = new Browser(s.baseUrl);
    await as[login].signIn(login);
  }
});
afterAll(async () => s?.close());

const b = (who: string) => as[who] as Browser;
const group = async (id: string) =>
  (await b(people.mother.pn).send<Group>("GET", `/api/linked-applications/${id}`)).body;
const step = (g: Group, key: string) => g.steps.find((x) => x.key === key) as Step;
const atRisk = async () =>
  (await b("lanhdao.20194").send<{ items: AtRisk[] }>("GET", "/api/leader/linked-groups")).body.items;

describe(`a registry write-back that died, retried by the administrator (${engine})`, () => {
  it("blocks the dependent steps, is told and listed; the retry starts them by themselves, prefilled", async () => {
    const filed = await b(people.mother.pn).send<{ id: string }>(
      "POST",
      "/api/linked-applications",
      WHOLE_BIRTH_GROUP,
    );
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id = filed.body.id;
    const birth = step(await group(id), "birth").dossierId as string;
    expect(await registerBirth(b, birth)).toEqual([200, 200, 200, 200]);
    // The registry's endpoint refused every attempt: the write-back is dead.
    const killed = await s.db.query<{ id: number; province: string }>(
      `update outbox set state = 'dead', attempts = 8, last_error = 'registry endpoint refused: 502 Bad Gateway'
       where key = $1 and topic like 'civil_status.%' and state = 'pending'
       returning id, province_code as province`,
      [birth],
    );
    expect(killed.rows).toHaveLength(1);
    await s.drain();
    await s.drain();

    let g = await group(id);
    expect(step(g, "birth")).toMatchObject({ state: "done", registryUpdateFailed: true });
    for (const key of ["residence", "insurance"]) expect(step(g, key).state).toBe("waiting");
    const listed = (await atRisk()).find((x) => x.groupId === id);
    expect(listed?.reasons.map((r) => r.code)).toEqual(["registry_update_failed"]);
    expect(listed?.reasons[0]?.vi).toContain("chưa cập nhật được vào cơ sở dữ liệu");
    expect(listed?.reasons[0]?.en).toContain("has not reached the registry");

    const dead = killed.rows[0] as { id: number; province: string };
    const retried = await b("admin").send("POST", "/api/admin/outbox/retry", {
      provinceCode: dead.province,
      id: dead.id,
      reason: "Cơ sở dữ liệu hộ tịch đã hoạt động lại.",
    });
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    for (let i = 0; i < 4; i++) await s.drain();

    g = await group(id);
    expect(step(g, "birth")).toMatchObject({ state: "done", registryUpdateFailed: false });
    const { rows } = await s.db.query<{ pn: string }>(
      "select personal_number as pn from persons where mother_number = $1 and full_name = $2",
      [people.mother.pn, BIRTH_VALUES["child.fullName"]],
    );
    const child = rows[0]?.pn as string;
    expect(child).toMatch(/^\d{12}$/);
    expect(step(g, "residence").state).toBe("started");
    // The card is decided automatically (the birth group's version 2): started and issued at once.
    expect(step(g, "insurance")).toMatchObject({ state: "done", status: "result_issued" });
    const residence = await b(people.mother.pn).send<{ fields: Array<{ key: string; value: unknown }> }>(
      "GET",
      `/api/dossiers/${step(g, "residence").dossierId}`,
    );
    expect(residence.body.fields.find((f) => f.key === "member.personalNumber")?.value).toBe(child);
    expect((await atRisk()).map((x) => x.groupId)).not.toContain(id);
  });
});
