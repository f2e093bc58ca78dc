// Over 400 lines: the hand-built set of 30 dossiers, its hand counts and the checks on one import.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../src/db/migrate.js";
import type { OpenKpis } from "../src/domain/api/kpis.js";
import { indexFigures } from "../src/domain/kpis.js";
import {
  dailySnapshot,
  kpiDrill,
  kpiFigures,
  kpiSums,
  monthlySnapshot,
} from "../src/modules/metrics/index.js";
import { createTestDatabase, engine, type TestDatabase } from "./helpers/db.js";
import { historyLine, PROVINCE_LEADER_48, rollupSnapshots, runCli, type Spec } from "./helpers/history.js";

/**
 * KPIS.md's Must-hold: 30 hand-built historical dossiers imported through `npm run import`; every
 * figure at commune, province and national level equals the value counted by hand below; the
 * rebuild command gives the same rollups. Times: local, October 2026 (Mon 10-05 … Fri 10-09), no
 * holidays; office hours 07:30–11:30 and 13:00–17:00, so received 08:00 and decided 10:00 the same
 * day is 2 working hours, decided 08:00 the next day 8 (one working day).
 */
const A = "20194"; // Hải Vân, Đà Nẵng (48)
const B = "20197"; // Liên Chiểu, Đà Nẵng (48)
const C = "00004"; // a ward of Hà Nội (01)
const R = "10-05 08:00";
const D1_10 = { at: "10-05 10:00" };
const DUE = "10-05 17:00";

const SPECS: Spec[] = [
  // Commune A. Processing hours in the comments.
  { n: 1, commune: A, channel: "online", prefilled: 5, receiveAt: R, dueAt: DUE, result: D1_10, rating: 5 }, // 2
  {
    n: 2,
    commune: A,
    channel: "online",
    receiveAt: R,
    dueAt: "10-06 17:00",
    result: { at: "10-06 08:00" },
    rating: 4,
  }, // 8
  { n: 3, commune: A, channel: "online_on_behalf", replaced: 1, receiveAt: R, dueAt: DUE, result: D1_10 }, // 2
  // At the counter, fee paid there: not fully online, digitised.
  {
    n: 4,
    commune: A,
    channel: "counter",
    fee: 50000,
    paid: "counter",
    prefilled: 3,
    receiveAt: R,
    dueAt: DUE,
    result: D1_10,
    rating: 3,
  }, // 2
  // Online, fee paid at the counter: not fully online.
  {
    n: 5,
    commune: A,
    channel: "online",
    fee: 50000,
    paid: "counter",
    receiveAt: R,
    dueAt: DUE,
    result: D1_10,
  }, // 2
  // A paper component: neither fully online nor digitised.
  { n: 6, commune: A, channel: "online", paper: 1, receiveAt: R, dueAt: DUE, result: D1_10 }, // 2
  // A paper result.
  {
    n: 7,
    commune: A,
    channel: "online",
    receiveAt: R,
    dueAt: DUE,
    result: { at: "10-05 10:00", electronic: false },
  }, // 2
  // The supplement wait (8 working hours) moves the due instant from 10-05 17:00 to 10-06 17:00: on time.
  {
    n: 8,
    commune: A,
    channel: "online",
    receiveAt: R,
    dueAt: DUE,
    supplements: [["10-05 09:00", "10-06 09:00"]],
    result: { at: "10-06 16:00" },
  }, // 6.5
  // Two supplement requests: late although decided before the due instant; rated 2 (a complaint).
  {
    n: 9,
    commune: A,
    channel: "online",
    receiveAt: R,
    dueAt: "10-09 17:00",
    supplements: [
      ["10-05 09:00", "10-05 10:00"],
      ["10-05 13:00", "10-05 14:00"],
    ],
    result: { at: "10-06 08:00" },
    rating: 2,
  }, // 6
  // Late, with a complaint.
  {
    n: 10,
    commune: A,
    channel: "online",
    receiveAt: R,
    dueAt: DUE,
    result: { at: "10-06 10:00" },
    complaint: true,
  }, // 10
  // Refused (a decision, delivered online).
  { n: 11, commune: A, channel: "online", receiveAt: R, dueAt: DUE, refuseAt: "10-05 11:00" }, // 3
  { n: 12, commune: A, channel: "online", receiveAt: R, dueAt: DUE, withdrawAt: "10-05 09:00" },
  { n: 13, commune: A, channel: "online", refuseReceiptAt: R },
  { n: 14, commune: A, channel: "online", prefilled: 2, receiveAt: R, dueAt: DUE },
  { n: 15, commune: A, channel: "counter", paper: 2, receiveAt: R, dueAt: DUE, result: D1_10, rating: 1 }, // 2
  // No due instant: the procedure's limit (3 working days) from the receipt.
  { n: 16, commune: A, channel: "online", procedure: "LOCAL.XAC-NHAN-TTHN", receiveAt: R, result: D1_10 }, // 2
  // Received in September, decided (late) in October.
  { n: 17, commune: A, channel: "counter", receiveAt: "09-30 08:00", dueAt: "09-30 17:00", result: D1_10 }, // 26
  // Received in October, decided in November.
  {
    n: 18,
    commune: A,
    channel: "online",
    receiveAt: "10-30 08:00",
    dueAt: "11-02 17:00",
    result: { at: "11-02 08:00" },
  }, // 8
  // Commune B.
  { n: 19, commune: B, channel: "online", prefilled: 1, receiveAt: R, dueAt: DUE, result: D1_10, rating: 5 }, // 2
  {
    n: 20,
    commune: B,
    channel: "online_on_behalf",
    fee: 20000,
    paid: "online",
    receiveAt: R,
    dueAt: "10-06 17:00",
    result: { at: "10-06 08:00" },
    rating: 4,
  }, // 8
  {
    n: 21,
    commune: B,
    channel: "counter",
    receiveAt: R,
    dueAt: DUE,
    result: { at: "10-05 10:00", electronic: false },
  }, // 2
  { n: 22, commune: B, channel: "online", receiveAt: R, dueAt: "10-05 11:30", result: { at: "10-05 13:30" } }, // 4
  { n: 23, commune: B, channel: "online", withdrawAt: "10-05 09:00" },
  { n: 24, commune: B, channel: "online" },
  {
    n: 25,
    commune: B,
    channel: "online",
    receiveAt: R,
    dueAt: DUE,
    refuseAt: "10-05 14:00",
    complaint: true,
  }, // 4.5
  // Commune C, another province.
  { n: 26, commune: C, channel: "online", prefilled: 4, receiveAt: R, dueAt: DUE, result: D1_10, rating: 5 }, // 2
  {
    n: 27,
    commune: C,
    channel: "counter",
    fee: 30000,
    paid: "counter",
    receiveAt: R,
    dueAt: DUE,
    result: { at: "10-06 08:00" },
  }, // 8
  { n: 28, commune: C, channel: "online_on_behalf", receiveAt: R, dueAt: DUE, result: D1_10, rating: 3 }, // 2
  { n: 29, commune: C, channel: "online", receiveAt: R, dueAt: DUE },
  {
    n: 30,
    commune: C,
    channel: "online",
    receiveAt: R,
    dueAt: DUE,
    supplements: [["10-05 09:00", "10-05 10:00"]],
    result: { at: "10-05 11:00" },
  }, // 2
];

/** The figures from counts by hand: received, online, reuse, finished, on time, fully online, digitised, hours, rated, satisfied, complaints. */
function expected(
  level: OpenKpis["level"],
  code: string | null,
  from: string,
  to: string,
  n: number[],
): OpenKpis {
  const [r, ron, rre, f, ot, fo, dg, hours, rated, sat, compl] = n as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const s = (a: number, b: number) => (b > 0 ? a / b : null);
  return {
    level,
    code,
    from,
    to,
    received: r,
    onlineShare: s(ron, r),
    finished: f,
    onTime: ot,
    onTimeShare: s(ot, f),
    fullyOnline: fo,
    fullyOnlineShare: s(fo, f),
    averageProcessingWorkingDays: s(hours, f * 8),
    reuseShare: s(rre, r),
    digitisedShare: s(dg, f),
    rated,
    satisfiedShare: s(sat, rated),
    complaintRate: s(compl, f),
    satisfaction766: f > 0 ? Math.max(0, 1 - ((f - ot) / f + compl / f)) : null,
  };
}

const OCT = ["2026-10-01", "2026-10-31"] as const;
// Commune A in October: received 1–11, 14, 15, 16, 18 (15; online all but 4 and 15: 13; reuse 1, 3,
// 4, 14); finished 1–11, 15, 16, 17 (14); on time all but 9, 10, 17 (11); fully online 1, 2, 3, 8,
// 9, 10, 11, 16 (8); digitised all finished but 6, 7, 15 (11); hours 2+8+2+2+2+2+2+6.5+6+10+3+2+2+26
// = 75.5; rated 1, 2, 4, 9, 15 (5), satisfied 1, 2; complaints 9, 10, 15.
const COMMUNE_A = [15, 13, 4, 14, 11, 8, 11, 75.5, 5, 2, 3];
// Commune B: received 19–22, 25 (online 19, 20, 22, 25; reuse 19); finished the same 5, on time all
// but 22; fully online 19, 20, 22, 25; digitised the same; hours 2+8+2+4+4.5 = 20.5; rated 19, 20
// (both satisfied); complaint 25.
const COMMUNE_B = [5, 4, 1, 5, 4, 4, 4, 20.5, 2, 2, 1];
// Commune C: received 26–30 (online all but 27; reuse 26); finished 26, 27, 28, 30; on time and
// fully online 26, 28, 30; digitised 26–28, 30; hours 2+8+2+2 = 14; rated 26, 28, satisfied 26.
const COMMUNE_C = [5, 4, 1, 4, 3, 3, 4, 14, 2, 1, 0];
const plus = (...rows: number[][]) =>
  (rows[0] ?? []).map((_, i) => rows.reduce((t, r) => t + (r[i] ?? 0), 0));

/** Commune A's dossiers behind a figure in October, as the province's leader drills them (one page of 50). */
const communeADrillPage = (
  db: Parameters<typeof kpiDrill>[0],
  figure: Parameters<typeof kpiDrill>[2]["figure"],
  part: "hit" | "rest",
) =>
  kpiDrill(db, PROVINCE_LEADER_48, {
    figure,
    part,
    level: "commune",
    code: A,
    from: OCT[0],
    to: OCT[1],
    limit: 50,
    offset: 0,
  });

/** The numbers (last 4 digits of the code) of commune A's dossiers behind a figure in October. */
async function communeADrill(
  db: Parameters<typeof kpiDrill>[0],
  figure: Parameters<typeof kpiDrill>[2]["figure"],
  part: "hit" | "rest",
): Promise<number[]> {
  const { items } = await communeADrillPage(db, figure, part);
  return items.map((i) => Number(i.code?.slice(-4)));
}

let tdb: TestDatabase;
let file: string;
let first: { code: number | null; stdout: string; stderr: string };
beforeAll(async () => {
  tdb = await createTestDatabase("ready");
  file = path.join(tdb.dataDir, "history.ndjson");
  const lines = SPECS.map((s) => JSON.stringify(historyLine(s)));
  // Refused lines: not JSON, an unknown procedure, an action out of the lifecycle, out of time order.
  const bad = [
    "{not json",
    JSON.stringify({ ...historyLine({ n: 91, commune: A, channel: "online" }), procedure: "9.999999" }),
    JSON.stringify({
      ...historyLine({ n: 92, commune: A, channel: "online", receiveAt: R }),
      actions: [
        { at: "2026-10-05T08:00:00+07:00", action: "submit", role: "citizen" },
        { at: "2026-10-05T09:00:00+07:00", action: "issue_result", role: "approver", electronic: true },
      ],
    }),
    JSON.stringify({
      ...historyLine({ n: 93, commune: A, channel: "online", receiveAt: R }),
      actions: [
        { at: "2026-10-05T08:00:00+07:00", action: "submit", role: "citizen" },
        { at: "2026-10-05T07:00:00+07:00", action: "receive", role: "receiver" },
      ],
    }),
  ];
  // The first dossier twice: imported once. A leading byte order mark (Windows UTF-8) is no text.
  fs.writeFileSync(
    file,
    `\uFEFF${[...lines.slice(0, 10), bad[0], ...lines.slice(10), bad[1], bad[2], lines[0], bad[3], ""].join("\n")}`,
  );
  first = await runCli(tdb, "import", [file]);
}, 120_000);
afterAll(async () => {
  await tdb?.dispose();
});

describe(`npm run import, and the KPIs of the imported history (${engine})`, () => {
  it("imports the 30 dossiers, reports each refused line with its number and reason", () => {
    expect(first.stdout).toContain("Imported 30 dossiers, 1 already present, 4 lines refused");
    expect(first.code).toBe(2);
    const refused = first.stderr.split("\n").filter((l) => l.startsWith("dòng / line"));
    expect(refused.map((l) => l.split(":")[0])).toEqual([
      "dòng / line 11",
      "dòng / line 32",
      "dòng / line 33",
      "dòng / line 35",
    ]);
    expect(refused[0]).toContain("not valid JSON");
    expect(refused[1]).toContain("No published procedure 9.999999");
    expect(refused[2]).toBe(
      'dòng / line 33: Trường actions.1.action (hành động thứ 2, issue_result): không thể thực hiện khi hồ sơ ở trạng thái "đã nộp, chờ tiếp nhận". / Field actions.1.action (action 2, issue_result): not allowed while the dossier is "submitted, waiting to be received".',
    );
    expect(refused[3]).toContain("earlier than the one before");
  });

  it("every figure at commune, province and national level equals the hand count", async () => {
    const db = await tdb.open();
    try {
      const get = (level: OpenKpis["level"], code: string | undefined, from: string, to: string) =>
        kpiFigures(db, { level, code }, { from, to });
      const cases: Array<[OpenKpis["level"], string | null, number[]]> = [
        ["commune", A, COMMUNE_A],
        ["commune", B, COMMUNE_B],
        ["commune", C, COMMUNE_C],
        ["province", "48", plus(COMMUNE_A, COMMUNE_B)],
        ["province", "01", COMMUNE_C],
        ["national", null, plus(COMMUNE_A, COMMUNE_B, COMMUNE_C)],
      ];
      for (const [level, code, counts] of cases) {
        const got = await get(level, code ?? undefined, ...OCT);
        const want = expected(level, code, ...OCT, counts);
        for (const k of Object.keys(want) as Array<keyof OpenKpis>) {
          const g = got[k];
          const w = want[k];
          if (typeof w === "number" && typeof g === "number")
            expect(g, `${level} ${code} ${k}`).toBeCloseTo(w, 10);
          else expect(g, `${level} ${code} ${k}`).toEqual(w);
        }
      }
      // Literal spot checks of the national figures.
      const nation = await get("national", undefined, ...OCT);
      expect(nation).toMatchObject({ received: 25, finished: 23, onTime: 18, fullyOnline: 15, rated: 9 });
      expect(nation.averageProcessingWorkingDays).toBeCloseTo(110 / 184, 10);
      expect(nation.satisfaction766).toBeCloseTo(1 - (5 / 23 + 4 / 23), 10);
      // One day (10-05) in commune A: received 1–11, 14–16; decided 1, 3–7, 11, 15–17.
      expect(await get("commune", A, "2026-10-05", "2026-10-05")).toMatchObject({
        received: 14,
        finished: 10,
      });
      // November: dossier 18 alone, decided on time after one working day; nothing received.
      expect(await get("national", undefined, "2026-11-01", "2026-11-30")).toMatchObject({
        received: 0,
        onlineShare: null,
        finished: 1,
        onTimeShare: 1,
        fullyOnlineShare: 1,
        averageProcessingWorkingDays: 1,
        satisfiedShare: null,
      });
    } finally {
      await db.close();
    }
  });

  it("drills down: the dossiers behind commune A's on-time share and its 766 satisfaction", async () => {
    const db = await tdb.open();
    try {
      const codes = (figure: "onTimeShare" | "satisfaction766" | "reuseShare", part: "hit" | "rest") =>
        communeADrill(db, figure, part);
      // Late: 9 (two supplement requests), 10, 17; the 766 satisfaction also loses 15 (rated 1).
      expect((await codes("onTimeShare", "rest")).sort((a, b) => a - b)).toEqual([9, 10, 17]);
      expect((await codes("onTimeShare", "hit")).length).toBe(11);
      expect((await codes("satisfaction766", "hit")).sort((a, b) => a - b)).toEqual([9, 10, 15, 17]);
      expect((await codes("reuseShare", "hit")).sort((a, b) => a - b)).toEqual([1, 3, 4, 14]);
      // The late list's due instant and days late, by the dossier's own clock: 9 was decided before
      // its due (late by its two supplement requests), 10 2.5 office hours after, 17 18.5 (Thu, Fri, Mon).
      const late = await communeADrillPage(db, "onTimeShare", "rest");
      const items = late.kind === "dossiers" ? late.items : [];
      expect(Object.fromEntries(items.map((i) => [Number(i.code?.slice(-4)), i.workingDaysLate]))).toEqual({
        9: 0,
        10: 2.5 / 8,
        17: 18.5 / 8,
      });
      expect(items.find((i) => i.code?.endsWith("-0010"))?.dueAt).toEqual(
        new Date("2026-10-05T17:00:00+07:00"),
      );
    } finally {
      await db.close();
    }
  });

  // The Decision 766 indicators of version 2026.12 measured from the dossiers (src/domain/kpis.ts
  // indexFigures), over October. Fee-bearing finished: 4 and 5 (paid at the counter) in A, 20 (paid
  // online) in B, 27 (counter) in C. Results (refusals 11 and 25 aside): A 13, of them on paper 7;
  // B 4, on paper 21; C 4. Population data: every dossier imported, its registries not known: null.
  it("the index's own figures (paid online, electronic result, population data) equal the hand count", async () => {
    const db = await tdb.open();
    try {
      const cases: Array<[OpenKpis["level"], string | undefined, number | null, number | null]> = [
        ["commune", A, 0 / 2, 12 / 13],
        ["commune", B, 1 / 1, 3 / 4],
        ["commune", C, 0 / 1, 4 / 4],
        ["province", "48", 1 / 3, 15 / 17],
        ["province", "01", 0 / 1, 4 / 4],
        ["national", undefined, 1 / 4, 19 / 21],
      ];
      for (const [level, code, paid, electronic] of cases) {
        const got = indexFigures(await kpiSums(db, { level, code }, { from: OCT[0], to: OCT[1] }));
        expect(got, `${level} ${code}`).toEqual({
          timelyApologyShare: got.timelyApologyShare,
          paidOnlineShare: paid,
          electronicResultShare: electronic,
          populationDataShare: null,
          // The imported complaint has no dates: left out of the complaints handled on time.
          complaintsOnTimeShare: null,
        });
      }
      const drill = async (figure: "paidOnlineShare" | "electronicResultShare", part: "hit" | "rest") =>
        (await communeADrill(db, figure, part)).sort((x, y) => x - y);
      // The dossiers that cost the points: the fees not paid online, the result on paper.
      expect(await drill("paidOnlineShare", "rest")).toEqual([4, 5]);
      expect(await drill("paidOnlineShare", "hit")).toEqual([]);
      expect(await drill("electronicResultShare", "rest")).toEqual([7]);
      expect(await drill("electronicResultShare", "hit")).toHaveLength(12);
    } finally {
      await db.close();
    }
  });

  it("a second import of the same file changes nothing; the rebuild gives the same rollups", async () => {
    const before = await rollupSnapshots(tdb);
    expect(before.months.provinces.length).toBeGreaterThan(1);
    const again = await runCli(tdb, "import", [file]);
    expect(again.stdout).toContain("Imported 0 dossiers, 31 already present, 4 lines refused");
    const rebuilt = await runCli(tdb, "metrics-rebuild");
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toContain("Rebuilt the KPIs from 30 dossiers");
    expect(await rollupSnapshots(tdb)).toEqual(before);
  }, 120_000);

  it("migration 355 gives an older database's facts and rollups the 2026.12 indicators: the same rows as the live path", async () => {
    let db = await tdb.open();
    try {
      const facts = async () =>
        (await db.query("select * from kpi_facts order by province_code, dossier_id")).rows;
      const before = await dailySnapshot(db);
      const beforeMonths = await monthlySnapshot(db);
      const beforeFacts = await facts();
      expect(before.some((r) => r.fee_bearing > 0 && r.results_issued > 0)).toBe(true);
      // The tables as migration 354 left them.
      await db.query(
        "alter table kpi_facts drop column fee_bearing, drop column paid_online, drop column result_issued, drop column electronic_result, drop column registries_known, drop column population_data",
      );
      for (const t of ["kpi_daily", "kpi_monthly", "kpi_province_monthly"])
        await db.query(
          `alter table ${t} drop column fee_bearing, drop column paid_online, drop column results_issued, drop column results_electronic, drop column received_registries_known, drop column received_population`,
        );
      await db.query("delete from schema_migrations where version = '355_index766_indicators'");
      expect(await migrate(db)).toEqual(["355_index766_indicators"]);
      await db.close();
      db = await tdb.open();
      expect(await facts()).toEqual(beforeFacts);
      expect(await dailySnapshot(db)).toEqual(before);
      expect(await monthlySnapshot(db)).toEqual(beforeMonths);
    } finally {
      await db.close();
    }
  }, 120_000);
});
