import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedHistory } from "../src/cli/history.js";
import { engine } from "./helpers/db.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * The dossiers behind a figure for the national viewer (a list without personal data, no link to
 * the dossier's page, every read audited); the Decision 766 satisfaction's list adds up to its
 * figure; open data: an unknown procedure is a bilingual 400, the commune table's CSV carries
 * the place names, the OpenAPI lists CSV under text/csv. Server clock: 2026-11-04 (UTC+7).
 */
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
  await seedHistory(s.db, {
    seed: 5,
    now: s.now(),
    months: 3,
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

const OCT = "from=2026-10-01&to=2026-10-31";
type Drill = {
  total: number;
  items: Array<Record<string, unknown> & { link: string | null }>;
  deductions?: { late: number; complained: number };
};
const signedIn = async (login: string) => {
  const b = new Browser(s.baseUrl);
  await b.signIn(login);
  return b;
};

describe(`drill-down for the national viewer, and the 766 satisfaction's list (${engine})`, () => {
  it("quocgia lists the dossiers behind a national figure, without personal data or a link; the read is audited", async () => {
    const national = await signedIn("quocgia");
    const res = await national.send<Drill>(
      "GET",
      `/api/leader/kpis/dossiers?figure=finished&level=national&${OCT}&limit=5`,
    );
    expect(res.status).toBe(200);
    const figures = (await (await fetch(`${s.baseUrl}/api/open/kpis?level=national&${OCT}`)).json()) as {
      finished: number;
    };
    expect(res.body.total).toBe(figures.finished);
    expect(res.body.total).toBeGreaterThan(0);
    const item = res.body.items[0] as Drill["items"][number];
    expect(item.link).toBeNull();
    expect(Object.keys(item)).not.toContain("applicant");
    expect(Object.keys(item).sort()).toEqual(
      [
        "id",
        "code",
        "procedureCode",
        "communeCode",
        "channel",
        "status",
        "receivedOn",
        "decidedOn",
        "dueAt",
        "workingDaysLate",
        "onTime",
        "fullyOnline",
        "digitised",
        "processingWorkingDays",
        "rating",
        "complained",
        "link",
      ].sort(),
    );
    // The dossier's page itself stays closed to the role.
    expect((await national.send("GET", `/api/dossiers/${String(item.id)}`)).status).toBe(403);
    const { rows } = await s.db.query<{ outcome: string; detail: { total: number } }>(
      "select outcome, detail from audit_log where action = 'kpi.drill' and actor_id = 'quocgia'",
    );
    expect(rows).toEqual([expect.objectContaining({ outcome: "allowed" })]);
    expect(Number(rows[0]?.detail.total)).toBe(figures.finished);
  });

  it("satisfaction766: the deductions listed give the figure (a late dossier complained about counts twice)", async () => {
    const leader = await signedIn("lanhdao.tinh.48");
    const period = "from=2026-08-01&to=2026-11-30";
    for (const code of ["20194", "20197"]) {
      const k = (await (
        await fetch(`${s.baseUrl}/api/open/kpis?level=commune&code=${code}&${period}`)
      ).json()) as {
        finished: number;
        onTime: number;
        complaintRate: number;
        satisfaction766: number;
      };
      const hit = await leader.send<Drill>(
        "GET",
        `/api/leader/kpis/dossiers?figure=satisfaction766&part=hit&level=commune&code=${code}&${period}&limit=200`,
      );
      const d = hit.body.deductions;
      expect(d).toEqual({
        late: k.finished - k.onTime,
        complained: Math.round(k.complaintRate * k.finished),
      });
      expect(Math.max(0, 1 - ((d?.late ?? 0) + (d?.complained ?? 0)) / k.finished)).toBeCloseTo(
        k.satisfaction766,
        10,
      );
      // The list itself adds up: each dossier listed costs one point per cause (late, complained).
      expect(hit.body.total).toBeLessThanOrEqual(200);
      const listed = hit.body.items.reduce((t, i) => t + (i.onTime ? 0 : 1) + (i.complained ? 1 : 0), 0);
      expect(listed).toBe((d?.late ?? 0) + (d?.complained ?? 0));
    }
  });
});

describe(`open data: procedures, names, content types (${engine})`, () => {
  it("an unknown procedure is a 400 in Vietnamese then English, not zeros", async () => {
    for (const path of [
      `/api/open/kpis?level=national&${OCT}&procedure=XYZ`,
      `/api/open/kpis/table?level=province&${OCT}&procedure=XYZ`,
      `/api/open/index766?level=national&${OCT}&procedure=XYZ`,
    ]) {
      const res = await fetch(`${s.baseUrl}${path}`);
      expect(res.status, path).toBe(400);
      const { error } = (await res.json()) as {
        error: { code: string; messageVi: string; messageEn: string };
      };
      expect(error).toMatchObject({
        code: "KPI_PROCEDURE_UNKNOWN",
        messageVi: "Mã thủ tục không có trong danh mục: không có số liệu nào của nó.",
        messageEn: "Unknown procedure code: it is not in the catalogue.",
      });
    }
    expect((await fetch(`${s.baseUrl}/api/open/kpis?level=national&${OCT}&procedure=1.001193`)).status).toBe(
      200,
    );
  });

  it("the commune table's CSV has the place names; the OpenAPI lists CSV as text/csv", async () => {
    const csv = await (
      await fetch(`${s.baseUrl}/api/open/kpis/table?level=commune&code=48&${OCT}&format=csv`)
    ).text();
    const [header, ...lines] = csv.trim().split("\r\n");
    expect(header?.startsWith("level,code,name,nameEn,from,to,received,")).toBe(true);
    expect(lines.find((l) => l.startsWith("commune,20194,"))).toMatch(
      /^commune,20194,Hải Vân,Hai Van,2026-10-01,/,
    );
    const doc = (await (await fetch(`${s.baseUrl}/openapi.json`)).json()) as {
      paths: Record<string, { get: { responses: Record<string, { content: Record<string, unknown> }> } }>;
    };
    for (const path of ["/api/open/kpis", "/api/open/kpis/table"])
      expect(Object.keys(doc.paths[path]?.get.responses["200"]?.content ?? {}).sort()).toEqual([
        "application/json",
        "text/csv",
      ]);
  });
});
