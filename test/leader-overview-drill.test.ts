import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedHistory } from "../src/cli/history.js";
import { LEADER_FIGURES, type LeaderFigure } from "../src/domain/api/leader.js";
import { engine } from "./helpers/db.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Every number of the leader's page (GET /api/leader/overview) opens exactly the dossiers it
 * counts (GET /api/leader/overview/dossiers, the count's own predicate, paginated, audited): today's
 * received, awaiting receipt, in processing (three statuses), awaiting a supplement, finished today,
 * overdue, and the month's finished and on-time dossiers. Server clock: 2026-11-04 09:00 (UTC+7);
 * a year of history, then a few dossiers received and finished today moved there by hand.
 */
let s: TestServer;
const TODAY = "2026-11-04T00:00:00+07:00";
beforeAll(async () => {
  s = await startTestServer();
  await seedHistory(s.db, {
    seed: 11,
    now: s.now(),
    months: 2,
    perCommuneMonth: 15,
    communes: [
      { code: "20194", provinceCode: "48" },
      { code: "20197", provinceCode: "48" },
    ],
  });
  // Today, in commune 20194: two open dossiers received at 08:00 (one of them supplemented, so
  // "in processing" counts more than one status), three decided at 08:30; one (decided last month) made awaiting receipt again.
  const pick = async (where: string, n: number) =>
    (
      await s.db.query<{ id: string }>(
        `select id from dossiers where commune_code = '20194' and ${where} order by id limit ${n}`,
      )
    ).rows.map((r) => r.id);
  const open = await pick("decided_at is null and status in ('received', 'in_processing')", 2);
  const decided = await pick("decided_at < '2026-11-01T00:00:00+07:00'", 4);
  expect(open).toHaveLength(2);
  expect(decided).toHaveLength(4);
  const ids = (xs: string[]) => xs.map((x) => `'${x}'`).join(",");
  await s.db.query(
    `update dossiers set received_at = '2026-11-04T08:00:00+07:00' where id in (${ids(open.slice(0, 2))})`,
  );
  await s.db.query(`update dossiers set status = 'supplemented' where id = '${open[1]}'`);
  await s.db.query(
    `update dossiers set status = 'submitted', received_at = null, decided_at = null, due_at = null, near_due_at = null where id = '${decided[3]}'`,
  );
  await s.db.query(
    `update dossiers set decided_at = '2026-11-04T08:30:00+07:00' where id in (${ids(decided.slice(0, 3))})`,
  );
}, 180_000);
afterAll(async () => {
  await s?.close();
});

type Overview = {
  today: Record<"received" | "submitted" | "inProcessing" | "supplementRequested" | "finished", number>;
  overdueTotal: number;
  onTimeShareThisMonth: { finished: number; onTime: number };
  links: Record<LeaderFigure, string>;
};
type Item = {
  id: string;
  status: string;
  receivedAt: string | null;
  decidedAt: string | null;
  link: string | null;
};
const shown = (o: Overview, k: LeaderFigure): number =>
  k === "overdue"
    ? o.overdueTotal
    : k === "finishedThisMonth"
      ? o.onTimeShareThisMonth.finished
      : k === "onTimeThisMonth"
        ? o.onTimeShareThisMonth.onTime
        : o.today[k];
const signedIn = async (login: string) => {
  const b = new Browser(s.baseUrl);
  await b.signIn(login);
  return b;
};

describe(`each number of the leader's page lists the dossiers it counts (${engine})`, () => {
  it.each(["lanhdao.20194", "lanhdao.tinh.48", "quocgia"])(
    "%s: every number equals its list's total, and its link names that list",
    async (login) => {
      const b = await signedIn(login);
      const o = (await b.send<Overview>("GET", "/api/leader/overview")).body;
      expect(o.today.received).toBeGreaterThanOrEqual(2);
      expect(o.today.submitted).toBeGreaterThanOrEqual(1);
      expect(o.today.finished).toBeGreaterThanOrEqual(3);
      expect(o.onTimeShareThisMonth.finished).toBeGreaterThan(o.onTimeShareThisMonth.onTime);
      for (const k of LEADER_FIGURES) {
        expect(o.links[k]).toBe(`/can-bo/lanh-dao/ho-so?so=${k}`);
        const res = await b.send<{ total: number; items: Item[] }>(
          "GET",
          `/api/leader/overview/dossiers?figure=${k}&limit=200`,
        );
        expect(res.status, k).toBe(200);
        expect(res.body.total, k).toBe(shown(o, k));
        expect(res.body.items, k).toHaveLength(Math.min(200, shown(o, k)));
        expect(res.body.items.every((i) => (i.link === null) === (login === "quocgia"))).toBe(true);
      }
      const list = async (k: LeaderFigure) =>
        (await b.send<{ items: Item[] }>("GET", `/api/leader/overview/dossiers?figure=${k}&limit=200`)).body
          .items;
      // Received today means today, not status "received"; finished today, not "result_issued".
      for (const i of await list("received"))
        expect(Date.parse(i.receivedAt ?? "")).toBeGreaterThanOrEqual(Date.parse(TODAY));
      for (const i of await list("finished"))
        expect(Date.parse(i.decidedAt ?? "")).toBeGreaterThanOrEqual(Date.parse(TODAY));
      const statuses = new Set((await list("inProcessing")).map((i) => i.status));
      expect(statuses.has("supplemented")).toBe(true);
      expect([...statuses].every((x) => ["received", "in_processing", "supplemented"].includes(x))).toBe(
        true,
      );
    },
  );

  it("the national viewer's list carries no personal data; pages are stable; the admin is refused and audited", async () => {
    const national = await signedIn("quocgia");
    const all = (
      await national.send<{ total: number; items: Item[] }>(
        "GET",
        "/api/leader/overview/dossiers?figure=finishedThisMonth&limit=200",
      )
    ).body;
    expect(all.total).toBeGreaterThan(4);
    const keys = new Set(all.items.flatMap((i) => Object.keys(i)));
    expect([...keys].sort()).toEqual([
      "channel",
      "code",
      "communeCode",
      "decidedAt",
      "dueAt",
      "id",
      "link",
      "procedureCode",
      "receivedAt",
      "status",
    ]);
    const { rows } = await s.db.query<{ applicant_number: string; applicant_name: string | null }>(
      "select applicant_number, applicant_name from dossiers where decided_at >= '2026-11-01T00:00:00+07:00'",
    );
    const text = JSON.stringify(all);
    for (const r of rows) {
      expect(text).not.toContain(r.applicant_number.trim());
      if (r.applicant_name) expect(text).not.toContain(r.applicant_name);
    }
    const page = (
      await national.send<{ total: number; items: Item[] }>(
        "GET",
        "/api/leader/overview/dossiers?figure=finishedThisMonth&limit=2&offset=2",
      )
    ).body;
    expect(page.total).toBe(all.total);
    expect(page.items.map((i) => i.id)).toEqual(all.items.slice(2, 4).map((i) => i.id));
    const admin = await signedIn("admin");
    expect((await admin.fetch("/api/leader/overview/dossiers?figure=received")).status).toBe(403);
    const bad = await national.fetch("/api/leader/overview/dossiers?figure=nope");
    expect(bad.status).toBe(400);
    const audit = await s.db.query<{ actor_id: string; outcome: string; resource: string }>(
      "select actor_id, outcome, resource from audit_log where action = 'kpi.drill' and resource like 'leader:%'",
    );
    expect(audit.rows).toContainEqual({
      actor_id: "quocgia",
      outcome: "allowed",
      resource: "leader:finishedThisMonth/national",
    });
    expect(audit.rows.some((r) => r.outcome === "denied" && r.resource === "leader:received/national")).toBe(
      true,
    );
  });
  it("the national viewer's list of each figure reads an index, never the whole table (migration 345)", async () => {
    const national = await signedIn("quocgia");
    for (const figure of LEADER_FIGURES) {
      const sent: { sql: string; params: readonly unknown[] }[] = [];
      const stop = s.db.observe((sql, params) => {
        if (sql.includes('from "dossiers" as "d"')) sent.push({ sql, params });
      });
      const r = await national.fetch(`/api/leader/overview/dossiers?figure=${figure}`);
      stop();
      expect(r.status, figure).toBe(200);
      expect(sent.length, figure).toBe(2); // the total and the page
      for (const { sql, params } of sent) {
        // With sequential scans priced out, a plan that still has one had no index to use; a
        // whole-index walk with no condition is a scan of the table too (but for the open
        // dossiers' indexes, national or by province (migration 349), whose own predicate is the
        // condition).
        const plan = await s.db.tx(async (q) => {
          await q.query("set local enable_seqscan = off");
          const { rows } = await q.query<{ "QUERY PLAN": string }>(`explain ${sql}`, [...params]);
          return rows.map((row) => row["QUERY PLAN"]).join("\n");
        });
        expect(plan, `${figure}: ${plan}`).not.toContain("Seq Scan");
        expect(/Index Cond|dossiers_(province_)?open_order_idx/.test(plan), `${figure}: ${plan}`).toBe(true);
      }
    }
  });
});
