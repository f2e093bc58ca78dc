import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedHistory } from "../src/cli/history.js";
import { engine } from "./helpers/db.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Every number of the month-end forecast opens exactly the dossiers it counts: the month's
 * finished and on-time dossiers (the drill figure the forecast names), and the open dossiers
 * expected this month, late whatever happens, or still able to be on time (GET
 * /api/leader/kpis/open-dossiers, paginated, audited). Server clock: 2026-11-04 (UTC+7).
 */
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
  await seedHistory(s.db, {
    seed: 7,
    now: s.now(),
    months: 2,
    perCommuneMonth: 40,
    communes: [
      { code: "20194", provinceCode: "48" },
      { code: "20197", provinceCode: "48" },
    ],
  });
}, 180_000);
afterAll(async () => {
  await s?.close();
});

type Forecast = {
  from: string;
  to: string;
  finished: number;
  onTime: number;
  expected: number;
  late: number;
  canBeOnTime: number;
  drills: Record<"finished" | "onTime", { figure: string; part: string }>;
};
type Open = { total: number; items: Array<{ id: string; dueAt: string; link: string | null }> };
const signedIn = async (login: string) => {
  const b = new Browser(s.baseUrl);
  await b.signIn(login);
  return b;
};

describe(`the month-end forecast's numbers drill to the dossiers they count (${engine})`, () => {
  it.each([
    ["lanhdao.20194", "level=commune&code=20194"],
    ["lanhdao.tinh.48", "level=province&code=48"],
    ["quocgia", "level=national"],
  ])(
    "%s: finished, on time, expected, late and can-be-on-time each equal their list's total",
    async (login, place) => {
      const b = await signedIn(login);
      const f = (await b.send<Forecast>("GET", `/api/leader/kpis/forecast?${place}`)).body;
      expect(f.finished).toBeGreaterThan(f.onTime);
      expect(f.expected).toBeGreaterThan(0);
      for (const k of ["finished", "onTime"] as const) {
        const d = f.drills[k];
        const res = await b.send<{ total: number }>(
          "GET",
          `/api/leader/kpis/dossiers?figure=${d.figure}&part=${d.part}&${place}&from=${f.from}&to=${f.to}&limit=1`,
        );
        expect(res.status).toBe(200);
        expect(res.body.total, k).toBe(f[k]);
      }
      const seen = new Set<string>();
      for (const part of ["expected", "late", "canBeOnTime"] as const) {
        const res = await b.send<Open>(
          "GET",
          `/api/leader/kpis/open-dossiers?part=${part}&${place}&limit=200`,
        );
        expect(res.status).toBe(200);
        expect(res.body.total, part).toBe(f[part]);
        expect(res.body.items).toHaveLength(Math.min(200, f[part]));
        if (part !== "expected") for (const i of res.body.items) seen.add(i.id);
        expect(res.body.items.every((i) => (i.link === null) === (login === "quocgia"))).toBe(true);
      }
      expect(seen.size).toBe(f.expected);
    },
  );

  it("pages the open list in due order; another commune's leader is refused and the refusal audited", async () => {
    const b = await signedIn("lanhdao.20194");
    const all = (
      await b.send<Open>(
        "GET",
        "/api/leader/kpis/open-dossiers?part=expected&level=commune&code=20194&limit=200",
      )
    ).body;
    const page2 = (
      await b.send<Open>(
        "GET",
        "/api/leader/kpis/open-dossiers?part=expected&level=commune&code=20194&limit=2&offset=2",
      )
    ).body;
    expect(page2.total).toBe(all.total);
    expect(page2.items.map((i) => i.id)).toEqual(all.items.slice(2, 4).map((i) => i.id));
    const dues = all.items.map((i) => i.dueAt);
    expect(dues).toEqual([...dues].sort());
    const other = await b.send("GET", "/api/leader/kpis/open-dossiers?part=late&level=commune&code=20197");
    expect(other.status).toBe(403);
    const { rows } = await s.db.query<{ outcome: string; resource: string }>(
      "select outcome, resource from audit_log where action = 'kpi.drill' and actor_id = 'lanhdao.20194' order by resource",
    );
    expect(rows).toContainEqual({ outcome: "denied", resource: "kpis:open.late/hit/commune/20197" });
    expect(rows).toContainEqual({ outcome: "allowed", resource: "kpis:open.expected/hit/commune/20194" });
  });
});
