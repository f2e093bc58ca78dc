import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { people } from "./helpers/fixtures.js";
import {
  BIRTH_REGISTRATION_ACTIONS,
  decideAtHaiVan,
  registerBirth,
  signedIn,
  WHOLE_BIRTH_GROUP,
} from "./helpers/linked.js";
import { type Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Issue 12's new-user review, the birth group's ends: a birth step refused leaves nothing to file
 * the later steps from (no "Nộp riêng", 409 EARLIER_STEP_NO_RESULT, no "results stand"); a step
 * filed on its own and given its result counts as done; the child's card is the child's.
 */
type Step = {
  key: string;
  state: string;
  dossierId: string | null;
  status: string | null;
  reason: { vi: string; whatToDoVi?: string; whatToDoEn?: string } | null;
  mayFileAlone: boolean;
  words: { vi: string; en: string };
  alone: { dossierId: string; status: string; resultNumber: string | null } | null;
};
type Group = { id: string; state: string; steps: Step[] };
type ApiError = { error: { code: string; messageVi: string; messageEn: string } };

let s: TestServer;
const sessions = new Map<string, Browser>();
beforeAll(async () => {
  s = await startTestServer({}, { delivery: "manual" });
  const logins = [people.mother.pn, ...BIRTH_REGISTRATION_ACTIONS.map(([who]) => who)];
  for (const login of new Set(logins)) sessions.set(login, await signedIn(s, login));
});
afterAll(async () => s?.close());

const b = (who: string) => sessions.get(who) as Browser;
const mother = () => b(people.mother.pn);
const view = async (id: string) => (await mother().send<Group>("GET", `/api/linked-applications/${id}`)).body;
const step = (g: Group, key: string) => g.steps.find((x) => x.key === key) as Step;
const act = (who: string, id: string, action: string, reason?: string) =>
  b(who).send<{ status: string }>("POST", `/api/dossiers/${id}/actions`, {
    action,
    ...(reason ? { reason } : {}),
  });

describe(`a birth group whose birth step is refused (${engine})`, () => {
  it("offers no filing alone of the later steps, refuses it (409), and says no result stands", async () => {
    const filed = await mother().send<{ id: string }>("POST", "/api/linked-applications", WHOLE_BIRTH_GROUP);
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id = filed.body.id;
    const birth = step(await view(id), "birth").dossierId as string;
    // The officer queue marks a linked step with its place in the group.
    const queue = await b("motcua.20194").send<{ items: Array<{ id: string; linkedStep: unknown }> }>(
      "GET",
      "/api/officer/dossiers?limit=100",
    );
    expect(queue.body.items.find((d) => d.id === birth)?.linkedStep).toEqual({ position: 1, of: 3 });
    expect((await act("motcua.20194", birth, "receive")).status).toBe(200);
    expect((await act("chuyenvien.20194", birth, "forward")).status).toBe(200);
    expect((await act("lanhdao.20194", birth, "refuse", "Giấy chứng sinh không khớp.")).body.status).toBe(
      "refused",
    );
    await s.drain();
    const g = await view(id);
    expect(step(g, "birth")).toMatchObject({ state: "failed", mayFileAlone: true });
    // Nothing was issued: no "results already issued stand".
    expect(step(g, "birth").reason?.whatToDoVi).not.toContain("Các kết quả đã cấp");
    expect(step(g, "birth").reason?.whatToDoEn).not.toContain("Results already issued");
    for (const key of ["residence", "insurance"]) {
      expect(step(g, key)).toMatchObject({ state: "cancelled", mayFileAlone: false });
      const alone = await mother().send<ApiError>(
        "POST",
        `/api/linked-applications/${id}/steps/${key}/alone`,
      );
      expect(alone.status).toBe(409);
      expect(alone.body.error.code).toBe("EARLIER_STEP_NO_RESULT");
      expect(alone.body.error.messageVi).toContain("bước trước");
      expect(alone.body.error.messageEn).toContain("earlier step");
    }
    expect(
      (await s.db.query("select 1 from dossiers where applicant_number = $1", [people.mother.pn])).rows,
    ).toHaveLength(1);
  });
});

describe(`a step filed on its own and given its result (${engine})`, () => {
  it("counts as done for the group, on its page and in My dossiers, its result linked", async () => {
    const filed = await mother().send<{ id: string }>("POST", "/api/linked-applications", WHOLE_BIRTH_GROUP);
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id = filed.body.id;
    const birth = step(await view(id), "birth").dossierId as string;
    expect(await registerBirth(b, birth)).toEqual([200, 200, 200, 200]);
    for (let i = 0; i < 3; i++) await s.drain();
    let g = await view(id);
    const residence = step(g, "residence").dossierId as string;
    const insurance = step(g, "insurance").dossierId as string;
    expect((await act("chuyenvien.20194", residence, "forward")).status).toBe(200);
    expect((await act("lanhdao.20194", residence, "refuse", "Thiếu xác nhận của chủ hộ.")).body.status).toBe(
      "refused",
    );
    // The queue lists both groups' steps (their places in the group): the group's definition is
    // read once for the page, not once per row.
    const versionReads: string[] = [];
    const stop = s.db.observe((sql) => {
      if (/from "?linked_group_versions"?/.test(sql)) versionReads.push(sql);
    });
    const queue = await b("motcua.20194").send<{ items: Array<{ id: string; linkedStep: unknown }> }>(
      "GET",
      "/api/officer/dossiers?limit=100",
    );
    stop();
    const linkedRows = queue.body.items.filter((d) => d.linkedStep !== null);
    expect(linkedRows.map((d) => d.id)).toEqual(expect.arrayContaining([birth, residence]));
    expect(versionReads).toHaveLength(1);
    // The card needs no officer: the group's version decides it automatically (Law on Health Insurance, Art. 12).
    expect(step(g, "insurance")).toMatchObject({ state: "done", status: "result_issued" });
    // The card is the child's (Nguyễn Ngọc Diệp): its verification names the child, masked, as the PDF does.
    const meta = await mother().send<{ downloadUrl: string }>("GET", `/api/dossiers/${insurance}/result`);
    const pdf = Buffer.from(await (await mother().fetch(meta.body.downloadUrl)).arrayBuffer());
    const checked = await fetch(`${s.baseUrl}/api/results/verify`, {
      method: "POST",
      headers: { "content-type": "application/pdf" },
      body: pdf,
    });
    expect(((await checked.json()) as { holderName: string }).holderName).toBe("N*** N*** D***");
    await s.drain();
    // The residence step filed on its own, and processed to its result.
    const alone = await mother().send<{ id: string }>(
      "POST",
      `/api/linked-applications/${id}/steps/residence/alone`,
    );
    expect(alone.status, JSON.stringify(alone.body)).toBe(201);
    const sent = await mother().send(
      "POST",
      `/api/dossiers/${alone.body.id}/submit`,
      {},
      { "idempotency-key": "res-alone" },
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    // Filed on its own, it has its own fee: paid at the (demo) bank.
    const fee = await mother().send<{ demoBankUrl?: string }>(
      "GET",
      `/api/dossiers/${alone.body.id}/payment`,
    );
    expect((await mother().fetch(fee.body.demoBankUrl ?? "", { method: "POST" })).status).toBe(303);
    expect(await decideAtHaiVan(b, alone.body.id)).toEqual([200, 200, 200, 200]);
    await s.drain();
    g = await view(id);
    expect(step(g, "residence").alone).toMatchObject({
      dossierId: alone.body.id,
      status: "result_issued",
      resultNumber: expect.stringMatching(/^KQ-/),
    });
    expect(step(g, "residence").words.vi).toBe("Đã có kết quả (nộp riêng)");
    expect(g.state).toBe("done");
    const mine = await mother().send<{
      items: Array<{ id: string; state: string; steps: number; done: number }>;
    }>("GET", "/api/me/linked-applications");
    expect(mine.body.items.find((x) => x.id === id)).toMatchObject({ state: "done", steps: 3, done: 3 });
  });
});
