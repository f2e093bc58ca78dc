import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import type { Db } from "../src/db/client.js";
import { buildApp } from "../src/server/app.js";
import { createTestDatabase, engine, type TestDatabase } from "./helpers/db.js";
import { historyLine, runCli, type Spec } from "./helpers/history.js";

/**
 * The rankings (GET /api/open/kpis/table) give each place the Decision 766 points of its index
 * card (GET /api/open/index766) for the same period, publicity group (the apology slip,
 * `timelyApologyShare`) included. Hand-built history: commune A (Hải Vân, 48) 4 dossiers, 3 late,
 * one of them apologised for before its due instant and one after it; commune B (Liên Chiểu, 48)
 * 2 on time; commune C (00004, Hà Nội 01) 1 late, apologised for in time. All online, fully online
 * and digitised, nothing prefilled (reuse 0), no rating or complaint.
 */
const A = "20194";
const B = "20197";
const C = "00004";
const PERIOD = "from=2026-10-01&to=2026-10-31";
const base = { channel: "online", receiveAt: "10-05 08:00", dueAt: "10-05 17:00" } as const;
const ON_TIME = { at: "10-05 10:00" };
const LATE = { at: "10-06 10:00" };
/** A line with an apology slip sent at `apologyAt` (before the approval and the result). */
function line(spec: Spec, apologyAt?: string): string {
  const l = historyLine(spec);
  if (!apologyAt) return JSON.stringify(l);
  const actions = [...(l.actions as Array<Record<string, unknown>>)];
  actions.splice(actions.length - 2, 0, {
    at: `2026-${apologyAt.replace(" ", "T")}:00+07:00`,
    action: "apologize",
    role: "specialist",
    reason: "Chờ kết quả xác minh của cơ quan khác.",
    newDueAt: "2026-10-07T17:00:00+07:00",
  });
  return JSON.stringify({ ...l, actions });
}
const LINES = [
  line({ n: 1, commune: A, ...base, result: ON_TIME }),
  line({ n: 2, commune: A, ...base, result: LATE }, "10-05 16:00"),
  line({ n: 3, commune: A, ...base, result: LATE }),
  // Apologised for after the due instant: does not count.
  line({ n: 4, commune: A, ...base, result: LATE }, "10-05 17:30"),
  line({ n: 5, commune: B, ...base, result: ON_TIME }),
  line({ n: 6, commune: B, ...base, result: ON_TIME }),
  line({ n: 7, commune: C, ...base, result: LATE }, "10-05 16:00"),
];

let tdb: TestDatabase;
let db: Db;
let app: FastifyInstance;
beforeAll(async () => {
  tdb = await createTestDatabase("ready");
  const file = path.join(tdb.dataDir, "history.ndjson");
  fs.writeFileSync(file, `${LINES.join("\n")}\n`);
  const run = await runCli(tdb, "import", [file]);
  expect(run.stdout, run.stderr).toContain("Imported 7 dossiers");
  db = await tdb.open();
  const config = loadConfig({ LOG_LEVEL: "silent", DATA_DIR: tdb.dataDir }, { port: 0, host: "127.0.0.1" });
  app = await buildApp({ config, db, logger: false, now: () => new Date("2026-11-04T09:00:00+07:00") });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
  await tdb?.dispose();
});

type Table = {
  rows: Array<{ code: string; finished: number; index766Total: number | null; index766Grade: string | null }>;
};
type Card = { total: number; grade: string | null; groups: Array<{ id: string; score: number | null }> };
const get = async <T>(url: string): Promise<T> => {
  const res = await app.inject({ method: "GET", url });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
};

describe(`the rankings score a place like its index card (${engine})`, () => {
  it.each<[string, string, string, number, number]>([
    // publicity 18 × 1/3, progress 20 × 1/4, online 22, digitisation 11, satisfaction 18 × 0.25 / 0.9.
    ["commune A: 3 late, 1 apologised in time", `level=commune&code=48`, A, 6, 6 + 5 + 22 + 11 + 5],
    // Nothing late: all 18 publicity points.
    ["commune B: none late", `level=commune&code=48`, B, 18, 18 + 20 + 22 + 11 + 18],
    // Province 48: 3 late of 6, 1 apologised in time.
    ["province 48", "level=province", "48", 6, 6 + 10 + 22 + 11 + 10],
    // Province 01: its one late dossier apologised for in time.
    ["province 01", "level=province", "01", 18, 18 + 0 + 22 + 11 + 0],
  ])("%s", async (_n, table, code, publicity, total) => {
    const rows = (await get<Table>(`/api/open/kpis/table?${table}&${PERIOD}`)).rows;
    const row = rows.find((r) => r.code === code);
    const level = code.length === 2 ? "province" : "commune";
    const card = await get<Card>(`/api/open/index766?level=${level}&code=${code}&${PERIOD}`);
    expect(card.groups.find((g) => g.id === "publicity")?.score).toBeCloseTo(publicity, 9);
    expect(card.total).toBeCloseTo(total, 9);
    expect(row?.index766Total).toBe(card.total);
    expect(row?.index766Grade).toBe(card.grade);
  });

  it("every place of both rankings has its card's points, places without dossiers too", async () => {
    for (const table of ["level=province", "level=commune&code=48", "level=commune&code=01"]) {
      const rows = (await get<Table>(`/api/open/kpis/table?${table}&${PERIOD}`)).rows;
      const level = table.startsWith("level=province") ? "province" : "commune";
      // Every row of a small province, and the first ten others (each card is one request).
      const sample = rows.filter((r) => r.finished > 0 || rows.indexOf(r) < 10);
      for (const r of sample) {
        const card = await get<Card>(`/api/open/index766?level=${level}&code=${r.code}&${PERIOD}`);
        expect(r.index766Total, `${level} ${r.code}`).toBe(card.total);
        expect(r.index766Grade, `${level} ${r.code}`).toBe(card.grade);
      }
    }
  });

  it("each row carries its rank by those points (index766Rank): best first, places without points unranked", async () => {
    type Ranked = {
      rows: Array<{ code: string; index766Total: number | null; index766Rank: number | null }>;
    };
    const rank = async (table: string) =>
      (await get<Ranked>(`/api/open/kpis/table?${table}&${PERIOD}`)).rows
        .filter((r) => r.index766Rank !== null)
        .sort((x, y) => (x.index766Rank ?? 0) - (y.index766Rank ?? 0))
        .map((r) => [r.code, r.index766Rank]);
    // B 89 before A 49 (Hải Vân); province 48 (59) before 01 (51); every other place null.
    expect(await rank("level=commune&code=48")).toEqual([
      [B, 1],
      [A, 2],
    ]);
    expect(await rank("level=province")).toEqual([
      ["48", 1],
      ["01", 2],
    ]);
    const rows = (await get<Ranked>(`/api/open/kpis/table?level=commune&code=48&${PERIOD}`)).rows;
    for (const r of rows) expect(r.index766Rank === null, r.code).toBe(r.index766Total === null);
  });

  it("the CSV keeps exactly KPIS.md's columns", async () => {
    const res = await app.inject({
      method: "GET",
      url: `/api/open/kpis/table?level=province&${PERIOD}&format=csv`,
    });
    expect(res.body.split("\r\n")[0]).not.toContain("index766");
  });
});

describe(`a place with no dossier has no score; the card shows its sources (${engine})`, () => {
  it("a commune and a province without dossiers: total and grade null in the rankings and on the card, not 18", async () => {
    const communes = (await get<Table>(`/api/open/kpis/table?level=commune&code=48&${PERIOD}`)).rows;
    const empty = communes.filter((r) => r.code !== A && r.code !== B);
    expect(empty.length).toBeGreaterThan(0);
    for (const r of empty) expect([r.code, r.index766Total, r.index766Grade]).toEqual([r.code, null, null]);
    // The scored ones keep their points (B above, A below): every scored place ranks before the empty.
    expect(communes.find((r) => r.code === B)?.index766Total).toBeCloseTo(89, 9);
    const provinces = (await get<Table>(`/api/open/kpis/table?level=province&${PERIOD}`)).rows;
    expect(provinces.find((r) => r.code === "79")).toMatchObject({
      index766Total: null,
      index766Grade: null,
    });
    const card = await get<Card & { measuredPoints: number }>(
      `/api/open/index766?level=commune&code=${empty[0]?.code}&${PERIOD}`,
    );
    expect([card.total, card.measuredPoints, card.grade]).toEqual([null, 0, null]);
    expect(card.groups.find((g) => g.id === "publicity")?.score).toBeNull();
  });

  it("the card gives each indicator's source and confirmation, and the grade bands with the placeholders marked", async () => {
    type Explained = {
      source: string;
      sourceVi: string;
      groups: Array<{
        nameVi: string;
        indicators: Array<{
          id: string;
          source: string;
          sourceVi: string;
          confirmed: boolean;
          lostDrill: unknown;
        }>;
      }>;
      grades: Array<{ grade: string; from: number; confirmed: boolean; sourceVi: string }>;
    };
    const card = await get<Explained>(`/api/open/index766?level=commune&code=${A}&${PERIOD}`);
    expect(card.groups.map((g) => g.nameVi)).toEqual([
      "Công khai, minh bạch",
      "Tiến độ, kết quả giải quyết",
      "Cung cấp dịch vụ trực tuyến",
      "Số hóa hồ sơ, kết quả",
      "Mức độ hài lòng",
    ]);
    // The version's own source, in Vietnamese too (the card's "Căn cứ").
    expect(card.source).toContain("Decision 766/QĐ-TTg");
    expect(card.sourceVi).toBe(
      "Quyết định 766/QĐ-TTg ngày 23/6/2022 (điểm tối đa của nhóm, hai đầu thang xếp loại)",
    );
    const indicators = card.groups.flatMap((g) => g.indicators);
    expect(indicators.map((i) => i.confirmed)).toEqual([false, false, false, false, false, false, false]);
    expect(indicators[0]?.source).toContain("Decree 61/2018/NĐ-CP");
    expect(indicators[0]?.sourceVi).toContain("Nghị định 61/2018/NĐ-CP");
    expect(indicators.find((i) => i.id === "satisfaction.766")?.lostDrill).toEqual({
      figure: "satisfaction766",
      part: "hit",
    });
    expect(card.grades.map((g) => [g.grade, g.from, g.confirmed])).toEqual([
      ["excellent", 90, true],
      ["good", 70, false],
      ["fair", 50, false],
      ["weak", 0, true],
    ]);
    expect(card.grades[1]?.sourceVi).toBe(
      "Các mức giữa 50 và 90 điểm không có trong văn bản: giá trị tạm, cần sửa",
    );
  });

  it("the OpenAPI document describes the sources, the bands and the 429 of every open route", async () => {
    const doc = (await app.inject({ method: "GET", url: "/openapi.json" })).json() as {
      paths: Record<string, { get?: { responses?: Record<string, unknown> } }>;
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    const open = Object.entries(doc.paths).filter(([p]) => p.startsWith("/api/open/"));
    expect(open.map(([p]) => p).sort()).toEqual([
      "/api/open/index766",
      "/api/open/kpis",
      "/api/open/kpis/months",
      "/api/open/kpis/table",
    ]);
    for (const [p, item] of open) expect(Object.keys(item.get?.responses ?? {}), p).toContain("429");
    const schema = JSON.stringify(doc.components.schemas.OpenIndex766);
    for (const k of ["grades", "sourceVi", "confirmed", "lostDrill", "scoring"]) expect(schema).toContain(k);
  });

  it("too many requests from one address: 429 RATE_LIMITED in Vietnamese and English", async () => {
    const config = loadConfig(
      { LOG_LEVEL: "silent", DATA_DIR: tdb.dataDir, RATE_LIMIT_PUBLIC_PER_MINUTE: "2" },
      { port: 0, host: "127.0.0.1" },
    );
    const limited = await buildApp({ config, db, logger: false });
    try {
      for (const url of [
        "/api/open/kpis?level=national&",
        "/api/open/kpis/table?level=province&",
        "/api/open/kpis/months?level=national&",
        "/api/open/index766?level=national&",
      ]) {
        const statuses: number[] = [];
        let last = { statusCode: 0, json: () => ({}) as unknown };
        for (let i = 0; i < 3; i += 1) {
          last = await limited.inject({ method: "GET", url: `${url}${PERIOD}` });
          statuses.push(last.statusCode);
        }
        expect(statuses, url).toEqual([200, 200, 429]);
        const { error } = last.json() as {
          error: { code: string; status: number; messageVi: string; messageEn: string };
        };
        expect(error).toMatchObject({
          code: "RATE_LIMITED",
          status: 429,
          messageVi: "Quá nhiều yêu cầu, vui lòng thử lại sau.",
          messageEn: "Too many requests, please retry later.",
        });
      }
    } finally {
      await limited.close();
    }
  });
});
