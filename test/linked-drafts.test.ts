import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grandfather, grandfatherJoins, paperDeathDraft } from "./browser/death-notice.js";
import { engine } from "./helpers/db.js";
import { people } from "./helpers/fixtures.js";
import { Browser, clockFrom, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Forms that forgive (issue 14 point 4): the combined form of a linked group is a draft on the
 * server, saved as the citizen types, her own (anyone else: 404), one per form (a second start
 * answers with the same draft), deletable, gone once the group is filed; and a second death
 * registration of one person is refused when its draft is started, not after everything is typed.
 */
type Draft = {
  id: string;
  group: string;
  offer: string | null;
  state: {
    chosen: Record<string, boolean>;
    name: string;
    typed: Record<string, unknown>;
    later: Record<string, unknown>;
    deceased: string | null;
    childHome: string | null;
  };
};
type Err = {
  error: {
    code: string;
    messageVi: string;
    messageEn: string;
    details?: Array<{ field: string; messageVi: string; messageEn: string; dossier?: { code: string } }>;
  };
};

const KHAI_TU = "LOCAL.KHAI-TU";
const TYPED = {
  "death.at": "2026-11-04T19:08:00+07:00",
  "death.place": "Tại nhà, số 1 đường Nguyễn Tất Thành, phường Hải Vân",
};
const LATER = {
  "deceased.relationshipToHead": "bố",
  "deceased.category": "elderly",
  "payout.method": "bank",
  "payout.accountNumber": "0123456789",
  "payout.bank": "Ngân hàng thử nghiệm",
};
const STATE = {
  chosen: { survivor: false },
  name: "",
  typed: TYPED,
  later: LATER,
  deceased: grandfather.pn,
  childHome: null,
};

let s: TestServer;
let father: Browser;
let mother: Browser;

beforeAll(async () => {
  s = await startTestServer(
    {},
    { now: clockFrom(new Date("2026-11-05T09:00:00+07:00")), delivery: "manual" },
  );
  await grandfatherJoins(s);
  father = new Browser(s.baseUrl);
  await father.signIn(people.father.pn);
  mother = new Browser(s.baseUrl);
  await mother.signIn(people.mother.pn);
}, 120_000);
afterAll(async () => s?.close());

/** DELETE answers 204 with no body: its status only. */
const remove = async (who: Browser, id: string) =>
  (
    await who.fetch(`/api/linked-drafts/${id}`, {
      method: "DELETE",
      headers: { "x-csrf-token": await who.csrf() },
    })
  ).status;
const mine = async (who: Browser) =>
  (await who.send<{ draft: Draft | null }>("GET", "/api/me/linked-drafts?group=death")).body.draft;

describe(`the combined form of a linked group is a draft of its own (${engine})`, () => {
  let id = "";

  it("none at first; a start makes one, and a second start answers with the same draft", async () => {
    expect(await mine(father)).toBeNull();
    const first = await father.send<Draft>("POST", "/api/linked-drafts", { group: "death" });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    id = first.body.id;
    expect([first.body.group, first.body.offer, first.body.state.typed]).toEqual(["death", null, {}]);
    const again = await father.send<Draft>("POST", "/api/linked-drafts", { group: "death" });
    expect([again.status, again.body.id]).toEqual([200, id]);
    const { rows } = await s.db.query("select id from linked_drafts where personal_number = $1", [
      people.father.pn,
    ]);
    expect(rows).toHaveLength(1);
    // An unknown group keeps nothing.
    const unknown = await father.send<Err>("POST", "/api/linked-drafts", { group: "no-such-group" });
    expect(unknown.status).toBe(404);
  });

  it("what is typed is saved and read back, by id and by the form it is of", async () => {
    const saved = await father.send<Draft>("PUT", `/api/linked-drafts/${id}`, { state: STATE });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const read = await father.send<Draft>("GET", `/api/linked-drafts/${id}`);
    expect([read.status, read.body.state]).toEqual([200, STATE]);
    expect((await mine(father))?.state).toEqual(STATE);
    // A state the form never sends is refused, and the draft is kept as it was.
    const bad = await father.send<Err>("PUT", `/api/linked-drafts/${id}`, {
      state: { ...STATE, deceased: "not a number" },
    });
    expect(bad.status).toBe(400);
    expect((await mine(father))?.state).toEqual(STATE);
  });

  it("another citizen can neither read, save nor delete it: not found", async () => {
    expect((await mother.send("GET", `/api/linked-drafts/${id}`)).status).toBe(404);
    expect((await mother.send("PUT", `/api/linked-drafts/${id}`, { state: { name: "x" } })).status).toBe(404);
    expect(await remove(mother, id)).toBe(404);
    expect(await mine(mother)).toBeNull();
    expect((await mine(father))?.state).toEqual(STATE);
  });

  it("deleted by its citizen, it is gone; the next start is a new one", async () => {
    expect(await remove(father, id)).toBe(204);
    expect((await father.send("GET", `/api/linked-drafts/${id}`)).status).toBe(404);
    expect(await mine(father)).toBeNull();
    const fresh = await father.send<Draft>("POST", "/api/linked-drafts", { group: "death" });
    expect(fresh.status).toBe(201);
    expect(fresh.body.id).not.toBe(id);
    id = fresh.body.id;
    expect((await father.send("PUT", `/api/linked-drafts/${id}`, { state: STATE })).status).toBe(200);
  });

  it("filing the group clears it", async () => {
    const death = await paperDeathDraft(father, grandfather.pn);
    const filed = await father.send<{ id: string }>("POST", "/api/linked-applications", {
      group: "death",
      members: ["deregistration", "funeral"],
      shared: { ...TYPED, "declaration.sworn": true, ...LATER },
      deceased: grandfather.pn,
      drafts: { death },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(await mine(father)).toBeNull();
    expect((await father.send("GET", `/api/linked-drafts/${id}`)).status).toBe(404);
  });

  it("a second death registration of him is refused when its draft is started, in both languages", async () => {
    const code = (
      await s.db.query<{ code: string }>(
        "select code from dossiers where applicant_number = $1 and procedure_code = $2 and status <> 'draft'",
        [people.father.pn, KHAI_TU],
      )
    ).rows[0]?.code;
    expect(code).toMatch(/^UB\./);
    const expectRefusal = (e: Err["error"]) => {
      expect(e.code).toBe("DUPLICATE_LIFE_EVENT");
      expect(e.messageVi).toMatch(/không thể nộp trùng/);
      expect(e.messageEn).toMatch(/cannot be filed twice/);
      expect(e.details?.[0]?.messageVi).toContain(
        `đã có hồ sơ Đăng ký khai tử số ${code}, đang được giải quyết`,
      );
      expect(e.details?.[0]?.messageEn).toContain(`already has a dossier "Death registration", ${code}`);
    };
    // Before she types anything: the form's prefill for him says so.
    const told = await mother.send<{ duplicate: Err["error"] | null }>(
      "GET",
      `/api/procedures/${KHAI_TU}/prefill?deceased=${grandfather.pn}`,
    );
    expect(told.status, JSON.stringify(told.body)).toBe(200);
    expect(told.body.duplicate).not.toBeNull();
    expectRefusal(told.body.duplicate as Err["error"]);
    // Her start is refused: no draft.
    const start = await mother.send<Err>("POST", "/api/dossiers", {
      procedureCode: KHAI_TU,
      deceasedNumber: grandfather.pn,
    });
    expect(start.status, JSON.stringify(start.body)).toBe(409);
    expectRefusal(start.body.error);
    const { rows } = await s.db.query("select id from dossiers where applicant_number = $1", [
      people.mother.pn,
    ]);
    expect(rows).toEqual([]);
    // Another person of the household is no duplicate: nothing said.
    const other = await mother.send<{ duplicate: unknown }>(
      "GET",
      `/api/procedures/${KHAI_TU}/prefill?deceased=${people.child.pn}`,
    );
    expect([other.status, other.body.duplicate]).toEqual([200, null]);
  });
});
