/**
 * Issue 12 point 2, the fallback: the birth group's version 2 decides the child's card
 * automatically (decision "automatic"), but when a check of that decision refuses, nothing of it
 * is written and the step stays with the agency's officers, saying why. Here social security runs
 * its own system (AGENCY_ENDPOINTS=bhxh=…): the platform may not sign a card in its name
 * (AGENCY_NOT_HOSTED), so the card is forwarded to the officers with that reason, in both languages.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { BIRTH_VALUES, people } from "./helpers/fixtures.js";
import { registerBirth, signedIn } from "./helpers/linked.js";
import { type Browser, startTestServer, type TestServer } from "./helpers/server.js";

/** What the test reads of the mother's group page and of the card's dossier. */
type Group = { steps: Array<{ key: string; state: string; dossierId: string | null }> };
type Entry = { type: string; role: string; reason: string | null; payload: Record<string, unknown> };
type Dossier = { log: Entry[]; availableActions: string[] };

let s: TestServer;
const as: Record<string, Browser> = {};
beforeAll(async () => {
  // Nothing is posted to it: the decision is refused before any result is made.
  s = await startTestServer({ AGENCY_ENDPOINTS: "bhxh=http://127.0.0.1:9/bhxh" }, { delivery: "manual" });
  for (const login of [people.mother.pn, "motcua.20194", "chuyenvien.20194", "lanhdao.20194", "bhxh.tinh.48"])
    as[login] = await signedIn(s, login);
});
afterAll(async () => s?.close());
const b = (login: string) => as[login] as Browser;
const group = async (id: string) =>
  (await b(people.mother.pn).send<Group>("GET", `/api/linked-applications/${id}`)).body;
const step = (g: Group, key: string) => g.steps.find((x) => x.key === key) as Group["steps"][number];

describe(`the card's automatic decision refused by a check (${engine})`, () => {
  it("the card stays with social security's officers, its log saying why; no result, nothing half-issued", async () => {
    const filed = await b(people.mother.pn).send<{ id: string }>("POST", "/api/linked-applications", {
      group: "birth",
      members: ["insurance"],
      shared: BIRTH_VALUES,
      values: { insurance: { "healthcare.facility": "Trạm y tế phường Hải Vân" } },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id = filed.body.id;
    expect(await registerBirth(b, step(await group(id), "birth").dossierId as string)).toEqual([
      200, 200, 200, 200,
    ]);
    for (let i = 0; i < 3; i++) await s.drain();
    const g = await group(id);
    const card = step(g, "insurance");
    // Started and with the officers: not done, no result, not said to be processed automatically.
    expect(card).toMatchObject({
      state: "started",
      status: "in_processing",
      resultNumber: null,
      automatic: null,
    });
    expect(step(g, "birth").state).toBe("done");
    const d = (await b("bhxh.tinh.48").send<Dossier>("GET", `/api/dossiers/${card.dossierId}`)).body;
    const after = d.log.filter((a) => a.type !== "create" && a.type !== "submit");
    expect(after.map((a) => [a.type, a.role])).toEqual([
      ["receive", "system"],
      ["forward", "system"],
    ]);
    const why = after[1]?.reason ?? "";
    expect(why).toMatch(/^Không xử lý tự động được: /);
    expect(why).toContain("AGENCY_ENDPOINTS");
    expect(why).toContain("Chuyển cán bộ của cơ quan xử lý. — Could not be decided automatically: ");
    expect(why).toMatch(/Forwarded to the agency's officers\.$/);
    expect(after[1]?.payload.automaticFailed).toMatchObject({
      vi: expect.any(String),
      en: expect.any(String),
    });
    // The officers decide it as any dossier: their actions are offered.
    expect(d.availableActions).toEqual(expect.arrayContaining(["approve"]));
    const { rows } = await s.db.query<{ n: number }>(
      "select count(*)::int as n from dossier_actions where dossier_id = $1 and action in ('approve', 'issue_result')",
      [card.dossierId],
    );
    expect(rows[0]?.n).toBe(0);
  });
});
