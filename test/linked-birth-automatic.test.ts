/**
 * Issue 12 point 2: a step that needs no human decision under its rules is processed automatically
 * and says so in its log. The birth group's version 2 decides the health-insurance card of a child
 * under 6 automatically (Law on Health Insurance 2008 as amended, Art. 12): once the birth
 * registration is issued by the civil-status officers and the child's number known, the card is
 * received, forwarded, approved and issued by the platform, its result signed and verifiable,
 * without any social-security officer; the KPIs count it as an issued dossier.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reduce } from "../src/domain/lifecycle.js";
import { engine } from "./helpers/db.js";
import { BIRTH_VALUES, people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

type Step = {
  key: string;
  state: string;
  dossierId: string | null;
  status: string | null;
  resultNumber: string | null;
  automatic: { vi: string; en: string } | null;
};
type Group = { id: string; steps: Step[] };
type Dossier = {
  id: string;
  status: string;
  log: Array<{ type: string; role: string; reason: string | null }>;
};

let s: TestServer;
let mother: Browser;
let receiver: Browser;
let leader: Browser;
beforeAll(async () => {
  s = await startTestServer({}, { delivery: "manual" });
  const signedIn = async (login: string) => {
    const b = new Browser(s.baseUrl);
    await b.signIn(login);
    return b;
  };
  [mother, receiver, leader] = [
    await signedIn(people.mother.pn),
    await signedIn("motcua.20194"),
    await signedIn("lanhdao.20194"),
  ];
});
afterAll(async () => s?.close());

const group = async (id: string) => (await mother.send<Group>("GET", `/api/linked-applications/${id}`)).body;
const step = (g: Group, key: string) => g.steps.find((x) => x.key === key) as Step;
const act = (b: Browser, id: string, action: string) =>
  b.send<Dossier>("POST", `/api/dossiers/${id}/actions`, { action });

describe(`the birth group's card decided automatically (${engine})`, () => {
  let id = "";

  it("is published as the birth group's version 2", async () => {
    const { rows } = await s.db.query<{ version: number; status: string }>(
      "select version, status from linked_group_versions where code = 'birth' order by version",
    );
    expect(rows).toEqual([
      { version: 1, status: "retired" },
      { version: 2, status: "published" },
    ]);
  });

  it("the card is issued by the platform once the birth is registered, signed and verifiable", async () => {
    const filed = await mother.send<{ id: string }>("POST", "/api/linked-applications", {
      group: "birth",
      members: ["insurance"],
      shared: BIRTH_VALUES,
      values: { insurance: { "healthcare.facility": "Trạm y tế phường Hải Vân" } },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    id = filed.body.id;
    const birthId = step(await group(id), "birth").dossierId as string;
    // The civil-status officers register the birth (the commune's one-stop desk and leader).
    for (const [who, action] of [
      [receiver, "receive"],
      [receiver, "forward"],
      [leader, "approve"],
      [leader, "issue_result"],
    ] as const)
      expect((await act(who, birthId, action)).status).toBe(200);
    await s.drain();
    await s.drain();
    const g = await group(id);
    const card = step(g, "insurance");
    expect(card).toMatchObject({ state: "done", status: "result_issued" });
    expect(card.resultNumber).toMatch(/^KQ-/);
    // The group page says so, Vietnamese first; the birth registration (the officers') does not.
    expect(card.automatic).toEqual({ vi: "Xử lý tự động", en: "Processed automatically" });
    expect(step(g, "birth").automatic).toBeNull();
    // The officers' view of the group (from the birth registration's dossier) says it too.
    const context = await leader.send<{
      steps: Array<{ key: string; automaticVi: string | null; resultNumber: string | null }>;
    }>("GET", `/api/dossiers/${birthId}/linked-group`);
    expect(context.body.steps.find((x) => x.key === "insurance")).toMatchObject({
      automaticVi: "Xử lý tự động",
      resultNumber: card.resultNumber,
    });
    expect(context.body.steps.find((x) => x.key === "birth")?.automaticVi).toBeNull();
    const d = (await mother.send<Dossier>("GET", `/api/dossiers/${card.dossierId}`)).body;
    // Every step after the submission is the platform's; each entry names the rule.
    const after = d.log.filter((a) => a.type !== "create" && a.type !== "submit");
    expect(after.map((a) => [a.type, a.role])).toEqual([
      ["receive", "system"],
      ["forward", "system"],
      ["approve", "system"],
      ["issue_result", "system"],
    ]);
    for (const a of after.slice(1)) {
      expect(a.reason).toMatch(/^Xử lý tự động, không cần cán bộ quyết định, theo Luật Bảo hiểm y tế 2008/);
      expect(a.reason).toContain("Điều 12");
      expect(a.reason).toContain(" — Decided automatically, no officer's decision needed, under ");
    }
    // No officer of social security touched it.
    const { rows } = await s.db.query<{ n: number }>(
      "select count(*)::int as n from dossier_actions where dossier_id = $1 and actor_role <> 'system' and action not in ('create', 'submit')",
      [card.dossierId],
    );
    expect(rows[0]?.n).toBe(0);
    // The result is a real signed result: its PDF verifies like an officer's.
    const meta = await mother.send<{ number: string; downloadUrl: string }>(
      "GET",
      `/api/dossiers/${card.dossierId}/result`,
    );
    expect(meta.body.number).toBe(card.resultNumber);
    const pdf = Buffer.from(await (await mother.fetch(meta.body.downloadUrl)).arrayBuffer());
    const verified = await fetch(`${s.baseUrl}/api/results/verify`, {
      method: "POST",
      headers: { "content-type": "application/pdf" },
      body: new Uint8Array(pdf),
    });
    expect(await verified.json()).toMatchObject({ valid: true, number: card.resultNumber });
  });

  it("the lifecycle lets the platform decide only the automatic step, not the birth registration", async () => {
    const g = await group(id);
    const birth = (await mother.send<Dossier>("GET", `/api/dossiers/${step(g, "birth").dossierId}`)).body;
    expect(birth.log.filter((a) => a.role === "system")).toEqual([]);
    const { rows } = await s.db.query<{ action: string; payload: Record<string, unknown> }>(
      "select action, payload from dossier_actions where dossier_id = $1 order by seq",
      [step(g, "insurance").dossierId],
    );
    const submitted = rows.find((r) => r.action === "submit")?.payload.linked as Record<string, unknown>;
    expect(submitted.decision).toBe("automatic");
    expect(reduce(rows.map((r) => ({ type: r.action, payload: r.payload }) as never)).automaticDecision).toBe(
      true,
    );
  });
});
