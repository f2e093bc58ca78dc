import { describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { registerBirth, signedIn } from "./helpers/linked.js";
import type { Browser } from "./helpers/server.js";
import * as split from "./helpers/split-parents.js";

/**
 * Issue 12 (low): a stale page of the head (the father) can still send his refusal after the
 * mother filed the residence step on its own and submitted it. Like his consent, the refusal is
 * judged under the group's lock: 409 STEP_FILED_ALONE naming her dossier, in both languages, and
 * nothing recorded (no refusal on the group, the step not cancelled, the mother not told).
 * The birth is registered first (a residence step filed on its own starts from the child's number).
 */
const { splitMother: mother, splitFather: father } = split;
type ApiError = { error: { code: string; messageVi: string; messageEn: string } };
type Step = { key: string; state: string; dossierId: string | null };
type Group = { childHome: { refusal: unknown; consent: unknown }; steps: Step[] };

const { server, b, drainAll } = split.splitParentsSuite();
const view = async (id: string) =>
  (await b(mother.pn).send<Group>("GET", `/api/linked-applications/${id}`)).body;
const step = (g: Group, key: string) => g.steps.find((x) => x.key === key) as Step;

describe(`the head's refusal after the residence step was filed on its own (${engine})`, () => {
  it("filed alone and submitted, then the head refuses: 409 STEP_FILED_ALONE, nothing recorded", async () => {
    const id = await split.fileIntoFathersHousehold(b(mother.pn), "Đỗ Minh Quân");
    const officers: Record<string, Browser> = {};
    for (const login of ["motcua.20194", "chuyenvien.20194", "lanhdao.20194"])
      officers[login] = await signedIn(server(), login);
    const birth = step(await view(id), "birth").dossierId as string;
    expect(await registerBirth((login) => officers[login] as Browser, birth)).toEqual([200, 200, 200, 200]);
    await drainAll();
    expect(step(await view(id), "birth").state).toBe("done");

    const filed = await split.submitResidenceAlone(b(mother.pn), id);
    expect(filed.code).toBeTruthy();
    const before = await server().db.query(
      "select child_home, (select json_agg(s order by step_key) from linked_group_steps s where s.group_id = g.id) as steps from linked_groups g where id = $1",
      [id],
    );
    const news = async () =>
      (
        await server().db.query<{ n: number }>("select count(*)::int as n from outbox where key = $1", [
          `head-refusal:${id}`,
        ])
      ).rows[0]?.n;
    expect(await news()).toBe(0);

    const r = await b(father.pn).send<ApiError>("POST", `/api/linked-applications/${id}/head-refusal`, {
      reason: "Nhà chật",
    });
    expect(r.status, JSON.stringify(r.body)).toBe(409);
    expect(r.body.error.code).toBe("STEP_FILED_ALONE");
    expect(r.body.error.messageVi).toContain(`hồ sơ ${filed.code}`);
    expect(r.body.error.messageVi).toContain("Chưa có gì được ghi nhận");
    expect(r.body.error.messageEn).toContain(`dossier ${filed.code}`);
    // Nothing recorded: the group and its steps as before, no news queued for the mother.
    const after = await server().db.query(
      "select child_home, (select json_agg(s order by step_key) from linked_group_steps s where s.group_id = g.id) as steps from linked_groups g where id = $1",
      [id],
    );
    expect(after.rows).toEqual(before.rows);
    expect(await news()).toBe(0);
    const g = await view(id);
    expect(g.childHome.refusal).toBeNull();
    expect(step(g, "residence").state).not.toBe("cancelled");
    // Her own dossier stands.
    const d = (await b(mother.pn).send<{ status: string }>("GET", `/api/dossiers/${filed.id}`)).body;
    expect(d.status).not.toBe("withdrawn");
  });
});
