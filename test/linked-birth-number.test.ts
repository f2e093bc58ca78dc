import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { BIRTH_VALUES, people } from "./helpers/fixtures.js";
import { registerBirth, WHOLE_BIRTH_GROUP } from "./helpers/linked.js";
import { needsPoppler, pdfText } from "./helpers/poppler.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Issue 12: the birth extract prints the child's new personal number, and it is the one number:
 * reserved when the extract is signed, written to the population registry under it, and the one
 * the residence and insurance steps are prefilled with. Until the registry holds it, those steps wait.
 */
type Step = { key: string; state: string; dossierId: string | null };
type Group = { id: string; steps: Step[] };
type Field = { key: string; value: unknown };

let s: TestServer;
const as: Record<string, Browser> = {};
beforeAll(async () => {
  s = await startTestServer({}, { delivery: "manual" });
  for (const login of [people.mother.pn, "motcua.20194", "chuyenvien.20194", "lanhdao.20194"]) {
    as[login] = new Browser(s.baseUrl);
    await as[login].signIn(login);
  }
});
afterAll(async () => s?.close());

const b = (who: string) => as[who] as Browser;
const mother = () => b(people.mother.pn);
const group = async (id: string) =>
  (await mother().send<Group>("GET", `/api/linked-applications/${id}`)).body;
const step = (g: Group, key: string) => g.steps.find((x) => x.key === key) as Step;
const fieldOf = async (dossierId: string, key: string) =>
  (await mother().send<{ fields: Field[] }>("GET", `/api/dossiers/${dossierId}`)).body.fields.find(
    (f) => f.key === key,
  )?.value;

describe.runIf(needsPoppler)(`the child's personal number, given once (${engine})`, () => {
  it("is printed on the extract, written to the registry and prefilled in the next steps", async () => {
    const filed = await mother().send<{ id: string }>("POST", "/api/linked-applications", WHOLE_BIRTH_GROUP);
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id = filed.body.id;
    const birth = step(await group(id), "birth").dossierId as string;
    expect(await registerBirth(b, birth)).toEqual([200, 200, 200, 200]);

    const meta = await mother().send<{ downloadUrl: string }>("GET", `/api/dossiers/${birth}/result`);
    expect(meta.status).toBe(200);
    const pdf = Buffer.from(await (await mother().fetch(meta.body.downloadUrl)).arrayBuffer());
    const text = pdfText(pdf).replace(/\s+/g, " ");
    const printed = /Số định danh cá nhân: (\d{12})\b/.exec(text)?.[1];
    expect(printed, text).toMatch(/^\d{12}$/);
    const number = printed as string;
    // Printed after the child's name, whose number it is.
    expect(text.indexOf(BIRTH_VALUES["child.fullName"])).toBeLessThan(text.indexOf(number));
    // Not in the registry yet: the steps that need it wait for the write-back.
    expect(
      (await s.db.query("select 1 from persons where personal_number = $1", [number])).rows,
    ).toHaveLength(0);
    await s.drain();
    await s.drain();
    await s.drain();

    const { rows } = await s.db.query<{ pn: string; name: string }>(
      "select personal_number as pn, full_name as name from persons where mother_number = $1 and full_name = $2",
      [people.mother.pn, BIRTH_VALUES["child.fullName"]],
    );
    expect(rows.map((r) => r.pn.trim())).toEqual([number]);
    const g = await group(id);
    expect(step(g, "residence").state).toBe("started");
    // The card is decided automatically (the birth group's version 2): issued with the child's number.
    expect(step(g, "insurance").state).toBe("done");
    expect(await fieldOf(step(g, "residence").dossierId as string, "member.personalNumber")).toBe(number);
    expect(await fieldOf(step(g, "insurance").dossierId as string, "child.personalNumber")).toBe(number);
  });
});
