import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DossierView, QueuePage } from "../src/domain/api/dossier.js";
import type { LeaderOverview } from "../src/domain/api/leader.js";
import type { Received } from "../src/domain/api/wire.js";
import { DUE_STATES, type DueState, dueStateOf, NEAR_DUE } from "../src/domain/due.js";
import { backfillDueInstants } from "../src/modules/dossiers/index.js";
import { engine } from "./helpers/db.js";
import { people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Issue 8, "one definition of late": the officer queue's `due=` filter (SQL on the stored
 * instants), the badge (the domain's `dueStateOf` on the queue's JSON, as the web app calls it),
 * the dossier's own clock and the leader's overdue list agree on a table of instants, including a
 * dossier received just before Tết 2026 (days off Sat 14 – Sun 22 Feb) and a supplement wait that
 * saves a dossier from being overdue. The server's clock is injected.
 */
const at = (local: string) => new Date(`${local}+07:00`);
let clock = at("2026-02-13T09:00");

type View = Received<typeof DossierView>;
const MARITAL = "LOCAL.XAC-NHAN-TTHN"; // 3 working days, at the counter (no online payment)
const VALUES = {
  "person.maritalStatus": "married", // what the civil-status registry holds of the couple
  purpose: "Để đăng ký kết hôn",
  copies: 1,
  "declaration.sworn": true,
};

let s: TestServer;
const browsers: Record<string, Browser> = {};
const as = (login: string) => browsers[login] as Browser;
const ids: Record<string, string> = {};

/** One action at an instant of the injected clock. */
async function act(login: string, id: string, local: string, action: string, reason?: string): Promise<View> {
  clock = at(local);
  const r = await as(login).send<View>("POST", `/api/dossiers/${id}/actions`, {
    action,
    ...(reason ? { reason } : {}),
  });
  expect(r.status, `${action} at ${local}: ${JSON.stringify(r.body).slice(0, 300)}`).toBe(200);
  return r.body;
}

/** A paper dossier taken in at the counter of commune 20194 and received at `local`. */
async function received(name: string, local: string): Promise<string> {
  clock = at(local);
  const rec = as("motcua.20194");
  const created = await rec.send<View>("POST", "/api/dossiers", {
    procedureCode: MARITAL,
    applicantNumber: people.mother.pn,
  });
  expect(created.status).toBe(201);
  const id = created.body.id;
  expect((await rec.send<View>("POST", `/api/dossiers/${id}/submit`, { values: VALUES })).status).toBe(200);
  await act("motcua.20194", id, local, "receive");
  ids[name] = id;
  return id;
}

beforeAll(async () => {
  s = await startTestServer({}, { now: () => clock });
  for (const login of ["motcua.20194", "lanhdao.20194", people.mother.pn]) {
    browsers[login] = new Browser(s.baseUrl);
    await browsers[login].signIn(login);
  }
  const citizen = people.mother.pn;
  // Received Fri 13 Feb 2026, the last working day before Tết: due Wed 25 Feb 17:00.
  await act("motcua.20194", await received("tet", "2026-02-13T10:00"), "2026-02-13T10:05", "forward");
  // Received Mon 2 Mar 10:00: due Thu 5 Mar 17:00, near due from Wed 4 Mar 17:00.
  await received("plain", "2026-03-02T10:00");
  // The same, but the citizen took Tue 08:00 → Thu 08:00 (16 working hours) to supplement it.
  const saved = await received("saved", "2026-03-02T10:00");
  await act("motcua.20194", saved, "2026-03-03T08:00", "request_supplement", "Thiếu giấy tờ");
  await act(citizen, saved, "2026-03-05T08:00", "supplement");
  // Still waiting for the citizen: the clock stands still, no due state anywhere.
  const waiting = await received("waiting", "2026-03-02T10:00");
  await act("motcua.20194", waiting, "2026-03-03T08:00", "request_supplement", "Thiếu giấy tờ");
  // Decided on time, late, and in time but after two supplement requests.
  const onTime = await received("onTime", "2026-03-02T10:00");
  await act("motcua.20194", onTime, "2026-03-02T10:05", "forward");
  await act("lanhdao.20194", onTime, "2026-03-04T10:00", "refuse", "Không đủ điều kiện");
  const late = await received("late", "2026-03-02T10:00");
  await act("motcua.20194", late, "2026-03-02T10:05", "forward");
  await act("lanhdao.20194", late, "2026-03-06T09:00", "refuse", "Không đủ điều kiện");
  const twice = await received("twice", "2026-03-02T10:00");
  await act("motcua.20194", twice, "2026-03-02T11:00", "request_supplement", "Thiếu tờ khai");
  await act(citizen, twice, "2026-03-02T13:00", "supplement");
  await act("motcua.20194", twice, "2026-03-03T08:00", "request_supplement", "Thiếu thêm giấy tờ");
  await act(citizen, twice, "2026-03-03T09:00", "supplement");
  await act("lanhdao.20194", twice, "2026-03-04T10:00", "refuse", "Không đủ điều kiện");
});
afterAll(async () => s?.close());

const name = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0] ?? id;

/** Every reader's verdict at `local`, by dossier name. */
async function verdicts(local: string) {
  clock = at(local);
  const officer = as("motcua.20194");
  const queue: Record<string, DueState> = {};
  for (const due of DUE_STATES) {
    const page = await officer.send<Received<typeof QueuePage>>("GET", `/api/officer/dossiers?due=${due}`);
    for (const item of page.body.items) {
      expect(queue[name(item.id)], `${name(item.id)} in two filters`).toBeUndefined();
      queue[name(item.id)] = due;
    }
  }
  const all = await officer.send<Received<typeof QueuePage>>("GET", "/api/officer/dossiers?limit=200");
  const badge: Record<string, DueState | null> = {};
  for (const item of all.body.items) badge[name(item.id)] = dueStateOf(item, clock);
  const clockState: Record<string, DueState | null> = {};
  for (const [n, id] of Object.entries(ids)) {
    const v = (await officer.send<View>("GET", `/api/dossiers/${id}`)).body;
    clockState[n] = v.clock && dueStateOf(v, clock) !== null ? v.clock.state : null;
  }
  const leader = await as("lanhdao.20194").send<Received<typeof LeaderOverview>>(
    "GET",
    "/api/leader/overview",
  );
  return { queue, badge, clockState, leader: leader.body };
}

/** The queue filter, the badge, the clock and the leader's overdue list say the same, and `expected`. */
function expectAgreement(
  v: Awaited<ReturnType<typeof verdicts>>,
  expected: Partial<Record<string, DueState>>,
) {
  // The open dossiers have a state; waiting and decided ones have none anywhere.
  const running = ["tet", "plain", "saved"];
  for (const n of Object.keys(ids)) {
    const want = running.includes(n) ? (v.badge[n] ?? "missing") : null;
    expect([n, v.queue[n] ?? null], "queue").toEqual([n, want]);
    expect([n, v.clockState[n]], "clock").toEqual([n, want]);
    if (!running.includes(n)) expect([n, v.badge[n]], "badge").toEqual([n, null]);
  }
  for (const [n, state] of Object.entries(expected)) expect([n, v.badge[n]]).toEqual([n, state]);
  // The leader's overdue list is the queue's overdue filter.
  const overdue = running.filter((n) => v.queue[n] === "overdue").sort();
  expect(v.leader.overdue.map((o) => name(o.id)).sort()).toEqual(overdue);
}

describe(`one due rule for the queue, the badge, the clock and the leader (${engine})`, () => {
  it.each<[string, string, Partial<Record<string, DueState>>]>([
    ["the naive weekend-only due of the Tết dossier", "2026-02-18T17:01", { tet: "on_time" }],
    ["one working day before the Tết dossier's due", "2026-02-24T16:59", { tet: "on_time" }],
    ["from one working day left", "2026-02-24T17:00", { tet: "near_due" }],
    ["at the due instant itself", "2026-02-25T17:00", { tet: "near_due" }],
    ["a minute after it", "2026-02-25T17:01", { tet: "overdue" }],
    ["the day before the March dossiers are due", "2026-03-04T16:59", { plain: "on_time", saved: "on_time" }],
    ["one working day left for the plain one", "2026-03-04T17:00", { plain: "near_due", saved: "on_time" }],
    [
      "past the legal due: the supplement wait saves one",
      "2026-03-05T17:01",
      { plain: "overdue", saved: "on_time" },
    ],
    ["the saved one's last working day", "2026-03-06T17:00", { plain: "overdue", saved: "near_due" }],
    [
      "past the moved due instant",
      "2026-03-09T17:01",
      { tet: "overdue", plain: "overdue", saved: "overdue" },
    ],
  ])("%s (%s)", async (_n, local, expected) => {
    expectAgreement(await verdicts(local), expected);
  });

  it("the supplement moved the stored due instant; the queue and the dossier send the same instants", async () => {
    clock = at("2026-03-06T10:00");
    const v = (await as("motcua.20194").send<View>("GET", `/api/dossiers/${ids.saved}`)).body;
    expect(v.dueAt).toBe(at("2026-03-09T17:00").toISOString());
    expect(v.nearDueAt).toBe(at("2026-03-06T17:00").toISOString());
    expect(v.clock).toMatchObject({ dueAt: v.dueAt, nearDueAt: v.nearDueAt, state: "on_time" });
    const receipt = v.log.find((a) => a.type === "receive");
    expect(receipt?.payload.dueAt).toBe(at("2026-03-05T17:00").toISOString());
    const q = (await as("motcua.20194").send<Received<typeof QueuePage>>("GET", "/api/officer/dossiers"))
      .body;
    expect(q.items.find((i) => i.id === ids.saved)).toMatchObject({ dueAt: v.dueAt, nearDueAt: v.nearDueAt });
  });

  it("on time (KPIS.md): decided by the moved due instant after at most one supplement request", async () => {
    const v = await verdicts("2026-03-09T12:00");
    expect(v.leader.onTimeShareThisMonth).toEqual({ finished: 3, onTime: 1, share: 1 / 3 });
    const finished: Record<string, boolean | null> = {};
    for (const n of ["onTime", "late", "twice"]) {
      const d = (await as("motcua.20194").send<View>("GET", `/api/dossiers/${ids[n]}`)).body;
      finished[n] = d.clock?.finishedOnTime ?? null;
    }
    expect(finished).toEqual({ onTime: true, late: false, twice: false });
  });

  it("rows without a near-due instant (written before migration 020) are backfilled from their log", async () => {
    await s.db.query("update dossiers set near_due_at = null, due_at = $2 where id = $1", [
      ids.saved,
      at("2026-03-05T17:00"),
    ]);
    expect(await backfillDueInstants(s.db)).toBe(1);
    const { rows } = await s.db.query<{ due_at: Date; near_due_at: Date }>(
      "select due_at, near_due_at from dossiers where id = $1",
      [ids.saved],
    );
    expect(rows[0]).toEqual({ due_at: at("2026-03-09T17:00"), near_due_at: at("2026-03-06T17:00") });
    expect(await backfillDueInstants(s.db)).toBe(0);
  });

  it("near-due instants stored under another threshold are recomputed at start; every reader agrees on the rule's", async () => {
    // As if the threshold had been two working days when the open dossiers were received: the
    // plain one (due Thu 5 Mar 17:00) was stored near due from Tue 3 Mar 17:00, not Wed 4 Mar 17:00.
    const twoDays = JSON.stringify({ workingMillis: 16 * 3_600_000, shortLimitFraction: 0.25 });
    await s.db.query("update rule_fingerprints set fingerprint = $1 where rule = 'near_due'", [twoDays]);
    await s.db.query("update dossiers set near_due_at = $2 where id = $1", [
      ids.plain,
      at("2026-03-03T17:00"),
    ]);
    // What the stale instant made every reader say on Wednesday morning: near due, a day early.
    expect((await verdicts("2026-03-04T10:00")).badge.plain).toBe("near_due");

    const lines: string[] = [];
    // The open dossiers (received, not decided): tet, plain, saved and the one waiting for the citizen.
    expect(await backfillDueInstants(s.db, { log: (l) => lines.push(l) })).toBe(4);
    expect(lines).toEqual([
      `The near-due threshold changed (${JSON.stringify(NEAR_DUE)}): recomputing 4 open dossiers.`,
      "Due instants: 4 of 4 dossiers filled.",
    ]);
    const stored = await s.db.query<{ fingerprint: string }>(
      "select fingerprint from rule_fingerprints where rule = 'near_due'",
    );
    expect(stored.rows[0]?.fingerprint).toBe(JSON.stringify(NEAR_DUE));
    const plain = await s.db.query<{ near_due_at: Date }>("select near_due_at from dossiers where id = $1", [
      ids.plain,
    ]);
    expect(plain.rows[0]?.near_due_at).toEqual(at("2026-03-04T17:00"));
    expectAgreement(await verdicts("2026-03-04T10:00"), {
      plain: "on_time",
      saved: "on_time",
      tet: "overdue",
    });
    expectAgreement(await verdicts("2026-03-04T17:00"), { plain: "near_due", saved: "on_time" });
    // The next start finds the rule unchanged: nothing to do.
    expect(await backfillDueInstants(s.db)).toBe(0);
  });

  it("OpenAPI documents the dossier, the queue and the leader's view with the instants the badge needs", async () => {
    type Schema = { properties?: Record<string, { type?: unknown; format?: string }>; required?: string[] };
    const doc = (await (await fetch(`${s.baseUrl}/openapi.json`)).json()) as {
      components: { schemas: Record<string, Schema> };
    };
    const { Dossier, DossierListItem, LeaderOverview } = doc.components.schemas;
    for (const schema of [Dossier, DossierListItem]) {
      expect(schema?.required).toEqual(expect.arrayContaining(["status", "dueAt", "nearDueAt"]));
      expect(schema?.properties?.nearDueAt?.format ?? JSON.stringify(schema?.properties?.nearDueAt)).toMatch(
        /date-time/,
      );
    }
    expect(Object.keys(Dossier?.properties ?? {})).toEqual(
      expect.arrayContaining(["clock", "supplementRequest", "onBehalfConfirmed", "availableActions", "log"]),
    );
    expect(LeaderOverview?.required).toEqual(expect.arrayContaining(["overdue", "onTimeShareThisMonth"]));
  });
});
