import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { MARITAL, people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

// Issue 9, point 9: one Idempotency-Key per user intent. Requests with the same key fired together
// (a double tap, a retry after a lost response) all get the first one's answer, whether it has
// finished or is still in flight; the same key with another request is 409 IDEMPOTENCY_CONFLICT.
type View = { id: string; code: string | null; status: string; error?: { code: string } };

let s: TestServer;
let citizen: Browser;
let headers: Record<string, string>;
beforeAll(async () => {
  s = await startTestServer();
  citizen = new Browser(s.baseUrl);
  await citizen.signIn(people.neighbour.pn);
  headers = { "content-type": "application/json", "x-csrf-token": await citizen.csrf() };
});
afterAll(async () => s?.close());

async function post(path: string, body: unknown, key?: string) {
  const res = await citizen.fetch(path, {
    method: "POST",
    headers: { ...headers, ...(key ? { "idempotency-key": key } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as View };
}

const create = (key?: string, procedureCode: string = MARITAL.code) =>
  post("/api/dossiers", { procedureCode }, key);
const submit = (id: string, key?: string, values: Record<string, unknown> = MARITAL.values) =>
  post(`/api/dossiers/${id}/submit`, { values }, key);

async function count(sql: string, params: unknown[]) {
  const { rows } = await s.db.query<{ n: number }>(sql, params);
  return rows[0]?.n;
}
const drafts = () =>
  count("select count(*)::int as n from dossiers where applicant_number = $1 and procedure_code = $2", [
    people.neighbour.pn,
    MARITAL.code,
  ]);
const submitActions = (id: string) =>
  count("select count(*)::int as n from dossier_actions where dossier_id = $1 and action = 'submit'", [id]);

describe(`the same submit fired together with one key (${engine})`, () => {
  it.each([3, 10])(
    "%i concurrent identical submits: all 200, one dossier, one code, one action",
    async (n) => {
      const { body: draft } = await create();
      const key = `submit-burst-${n}-0001`;
      const answers = await Promise.all(Array.from({ length: n }, () => submit(draft.id, key)));
      expect(answers.map((a) => a.status)).toEqual(Array(n).fill(200));
      expect(new Set(answers.map((a) => a.body.id))).toEqual(new Set([draft.id]));
      const code = answers[0]?.body.code;
      expect(code).toMatch(/^UB\.20197\.H48-\d{6}-\d{4}$/);
      expect(answers.map((a) => a.body.code)).toEqual(Array(n).fill(code));
      expect(answers.map((a) => a.body.status)).toEqual(Array(n).fill("submitted"));
      expect(await submitActions(draft.id)).toBe(1);
      expect(await count("select count(*)::int as n from payments where dossier_id = $1", [draft.id])).toBe(
        1,
      );
    },
  );

  it("a retry after the answer was lost (the first finished) answers the same", async () => {
    const { body: draft } = await create();
    const first = await submit(draft.id, "lost-answer-0001");
    const retry = await submit(draft.id, "lost-answer-0001");
    expect(retry).toEqual(first);
    expect(retry.status).toBe(200);
    expect(await submitActions(draft.id)).toBe(1);
  });

  it("without a key, a second submit of the same draft is an illegal transition (409)", async () => {
    const { body: draft } = await create();
    expect((await submit(draft.id)).status).toBe(200);
    const again = await submit(draft.id);
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe("ILLEGAL_TRANSITION");
  });
});

describe(`starting a dossier: a double tap makes one draft (${engine})`, () => {
  it("3 concurrent creates with one key: all 201 with the same draft; one draft exists", async () => {
    const before = await drafts();
    const answers = await Promise.all([1, 2, 3].map(() => create("start-tap-0001")));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(answers.map((a) => a.body.status)).toEqual(["draft", "draft", "draft"]);
    expect(await drafts()).toBe((before ?? 0) + 1);
    const id = answers[0]?.body.id;
    expect(
      await count(
        "select count(*)::int as n from dossier_actions where dossier_id = $1 and action = 'create'",
        [id],
      ),
    ).toBe(1);
  });

  it("a later retry with the key returns that draft; a new key starts a new one", async () => {
    const first = await create("start-tap-0002");
    const retry = await create("start-tap-0002");
    expect(retry.body.id).toBe(first.body.id);
    const other = await create("start-tap-0003");
    expect(other.body.id).not.toBe(first.body.id);
  });
});

describe(`one key, one request (${engine})`, () => {
  it.each<[string, (ids: { a: string; b: string }) => Promise<{ status: number; body: View }>]>([
    [
      "a submit with other values",
      ({ a }) => submit(a, "reuse-0001", { ...MARITAL.values, purpose: "Để mua nhà" }),
    ],
    ["a submit of another dossier", ({ b }) => submit(b, "reuse-0001")],
    ["a create", () => create("reuse-0001")],
  ])("the key of a submit reused for %s → 409 IDEMPOTENCY_CONFLICT", async (_name, reuse) => {
    const a = (await create()).body.id;
    const b = (await create()).body.id;
    await s.db.query("delete from idempotency_keys where key = 'reuse-0001'");
    expect((await submit(a, "reuse-0001")).status).toBe(200);
    const again = await reuse({ a, b });
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe("IDEMPOTENCY_CONFLICT");
    expect(await submitActions(b)).toBe(0);
  });

  it("the key of a create reused for another procedure → 409, no second draft", async () => {
    await create("reuse-create-0001");
    const before = await count("select count(*)::int as n from dossiers where applicant_number = $1", [
      people.neighbour.pn,
    ]);
    const other = await create("reuse-create-0001", "LOCAL.CHUNG-THUC-BAN-SAO");
    expect(other.status).toBe(409);
    expect(other.body.error?.code).toBe("IDEMPOTENCY_CONFLICT");
    expect(
      await count("select count(*)::int as n from dossiers where applicant_number = $1", [
        people.neighbour.pn,
      ]),
    ).toBe(before);
  });

  it("a refused attempt leaves the key free: the corrected request with the same key goes through", async () => {
    const { body: draft } = await create();
    const refused = await submit(draft.id, "fix-and-retry-0001", { ...MARITAL.values, copies: 1.5 });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.code).toBe("FORM_INVALID");
    const fixed = await submit(draft.id, "fix-and-retry-0001");
    expect(fixed.status).toBe(200);
    expect(fixed.body.status).toBe("submitted");
  });

  it("keys are per person: another citizen's same key is their own", async () => {
    const { body: mine } = await create();
    expect((await submit(mine.id, "shared-key-0001")).status).toBe(200);
    const other = new Browser(s.baseUrl);
    await other.signIn(people.father.pn);
    const res = await other.send<View>(
      "POST",
      "/api/dossiers",
      { procedureCode: MARITAL.code },
      { "idempotency-key": "shared-key-0001" },
    );
    expect(res.status).toBe(201);
    expect(res.body.id).not.toBe(mine.id);
  });
});
