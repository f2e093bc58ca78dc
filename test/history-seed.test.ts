import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { figures, indexFigures, type KpiSums, ZERO_SUMS } from "../src/domain/kpis.js";
import { dailySnapshot, kpiFigures, kpiTable, monthlySnapshot } from "../src/modules/metrics/index.js";
import { createTestDatabase, engine, type TestDatabase } from "./helpers/db.js";
import { type Exit, rollupSnapshots, runCli } from "./helpers/history.js";

/**
 * `npm run seed -- --history-months 12` (issue 13 point 6): a year of generated dossiers recorded
 * as real dossiers with their logs and rollups; figures non-zero and different by commune; a
 * second run adds nothing; the rebuild command gives the same rollups as the seeded ones. The
 * clock is injected (`--now`): the year is December 2025 … November 2026.
 */
const NOW = "2026-12-01T09:00:00+07:00";
const ARGS = ["--history-months", "12", "--provinces", "48,01", "--communes-per-province", "2"];
const YEAR = ["2025-12-01", "2026-11-30"] as const;

let tdb: TestDatabase;
let seeded: Exit;
beforeAll(async () => {
  tdb = await createTestDatabase("ready");
  seeded = await runCli(tdb, "seed", [...ARGS, "--per-commune-month", "12", "--now", NOW]);
}, 300_000);
afterAll(async () => {
  await tdb?.dispose();
});

describe(`npm run seed -- --history-months 12 (${engine})`, () => {
  it("records a year of dossiers in four communes of two provinces", () => {
    expect(seeded.stderr).not.toMatch(/Error/);
    expect(seeded.code).toBe(0);
    const n = Number(/Seeded (\d+) history dossiers \(12 months, 4 communes\)/.exec(seeded.stdout)?.[1]);
    // ~12 a month × volume factor (0.5–1.6) × 12 months × 4 communes.
    expect(n).toBeGreaterThan(200);
    expect(n).toBeLessThan(1200);
  });

  it("gives non-zero figures that differ by commune, every month of the year", async () => {
    const db = await tdb.open();
    try {
      const [from, to] = YEAR;
      const nation = await kpiFigures(db, { level: "national" }, { from, to });
      expect(nation.received).toBeGreaterThan(200);
      expect(nation.finished).toBeGreaterThan(150);
      for (const share of [
        nation.onlineShare,
        nation.onTimeShare,
        nation.fullyOnlineShare,
        nation.satisfiedShare,
        nation.complaintRate,
      ])
        expect(share).toSatisfy((s: number | null) => s !== null && s > 0 && s < 1);
      const table = await kpiTable(db, { level: "commune", province: "48" }, { from, to });
      const active = table.rows.filter((r) => r.received > 0);
      expect(active).toHaveLength(2);
      const [a, b] = active;
      expect(a?.onlineShare).not.toBe(b?.onlineShare);
      expect(a?.onTimeShare).not.toBe(b?.onTimeShare);
      // Each month of the year has dossiers received in the nation.
      for (let m = 0; m < 12; m++) {
        const month = new Date(Date.UTC(2025, 11 + m, 1)).toISOString().slice(0, 7);
        const f = await kpiFigures(db, { level: "national" }, { from: `${month}-01`, to: `${month}-28` });
        expect(f.received, month).toBeGreaterThan(0);
      }
      // Nothing on or after the injected today.
      const today = await kpiFigures(db, { level: "national" }, { from: "2026-12-01", to: "2026-12-31" });
      expect(today.received).toBe(0);
    } finally {
      await db.close();
    }
  });

  it("apologises for a share of the late dossiers that differs by commune: the publicity figure is not 0 everywhere", async () => {
    const db = await tdb.open();
    try {
      const byCommune = new Map<string, KpiSums>();
      for (const d of await dailySnapshot(db)) {
        const s = byCommune.get(d.commune_code) ?? ZERO_SUMS;
        byCommune.set(d.commune_code, {
          ...s,
          finished: s.finished + d.finished,
          onTime: s.onTime + d.on_time,
          lateApologized: s.lateApologized + d.late_apologized,
        });
      }
      const shares = [...byCommune.values()].map((s) => indexFigures(s).timelyApologyShare);
      expect(shares).toHaveLength(4);
      expect(shares.some((x) => x !== null && x > 0)).toBe(true);
      expect(new Set(shares).size).toBeGreaterThan(1);
      const all = { ...ZERO_SUMS };
      for (const c of byCommune.values()) {
        all.finished += c.finished;
        all.onTime += c.onTime;
        all.lateApologized += c.lateApologized;
      }
      expect(indexFigures(all).timelyApologyShare).toSatisfy(
        (x: number | null) => x !== null && x > 0 && x < 1,
      );
    } finally {
      await db.close();
    }
  });

  it("the month rows hold the sums of the day rows; a period cut mid-month gives the day rows' figures", async () => {
    const db = await tdb.open();
    try {
      const days = await dailySnapshot(db);
      const cols = Object.keys(days[0] ?? {}).filter(
        (c) => !["province_code", "commune_code", "procedure_code", "day"].includes(c),
      );
      const add = (into: Map<string, Record<string, number>>, key: string, row: Record<string, unknown>) => {
        const had = into.get(key) ?? Object.fromEntries(cols.map((c) => [c, 0]));
        for (const c of cols) had[c] = (had[c] ?? 0) + Number(row[c]);
        into.set(key, had);
      };
      const byCommune = new Map<string, Record<string, number>>();
      const byProvince = new Map<string, Record<string, number>>();
      for (const d of days) {
        const month = `${String(d.day).slice(0, 7)}-01`;
        add(byCommune, `${d.province_code}|${d.commune_code}|${d.procedure_code}|${month}`, d);
        add(byProvince, `${d.province_code}|${d.procedure_code}|${month}`, d);
      }
      const months = await monthlySnapshot(db);
      expect(months.communes.length).toBe(byCommune.size);
      for (const m of months.communes)
        expect(Object.fromEntries(cols.map((c) => [c, Number((m as Record<string, unknown>)[c])]))).toEqual(
          byCommune.get(`${m.province_code}|${m.commune_code}|${m.procedure_code}|${m.month}`),
        );
      expect(months.provinces.length).toBe(byProvince.size);
      // 15 January … 10 April: two whole months from the month rows, 27 days from the day rows.
      const from = "2026-01-15";
      const to = "2026-04-10";
      const inPeriod = days.filter((d) => String(d.day) >= from && String(d.day) <= to);
      const sumOf = (rows: typeof days): KpiSums =>
        rows.reduce<KpiSums>(
          (s, r) => ({
            received: s.received + r.received,
            receivedOnline: s.receivedOnline + r.received_online,
            receivedReuse: s.receivedReuse + r.received_reuse,
            finished: s.finished + r.finished,
            onTime: s.onTime + r.on_time,
            fullyOnline: s.fullyOnline + r.fully_online,
            digitised: s.digitised + r.digitised,
            processingMillis: s.processingMillis + Number(r.processing_millis),
            rated: s.rated + r.rated,
            satisfied: s.satisfied + r.satisfied,
            complained: s.complained + r.complained,
            lateApologized: s.lateApologized + r.late_apologized,
            feeBearing: s.feeBearing + r.fee_bearing,
            paidOnline: s.paidOnline + r.paid_online,
            resultsIssued: s.resultsIssued + r.results_issued,
            resultsElectronic: s.resultsElectronic + r.results_electronic,
            receivedRegistriesKnown: s.receivedRegistriesKnown + r.received_registries_known,
            receivedPopulation: s.receivedPopulation + r.received_population,
            complaintsDue: s.complaintsDue + r.complaints_due,
            complaintsOnTime: s.complaintsOnTime + r.complaints_on_time,
            complaintsOpen: s.complaintsOpen + r.complaints_open,
          }),
          ZERO_SUMS,
        );
      const nation = await kpiFigures(db, { level: "national" }, { from, to });
      expect(nation).toEqual({ level: "national", code: null, from, to, ...figures(sumOf(inPeriod)) });
      expect(nation.received).toBeGreaterThan(50);
      const commune = days.find((d) => d.province_code === "48")?.commune_code ?? "";
      const one = await kpiFigures(db, { level: "commune", code: commune }, { from, to });
      expect(one).toMatchObject(figures(sumOf(inPeriod.filter((d) => d.commune_code === commune))));
      const table = await kpiTable(db, { level: "province" }, { from, to });
      expect(table.rows.find((r) => r.code === "01")).toMatchObject(
        figures(sumOf(inPeriod.filter((d) => d.province_code === "01"))),
      );
    } finally {
      await db.close();
    }
  });

  it("a second run adds nothing; the rebuild gives the same rollups as the seeded ones", async () => {
    const before = await rollupSnapshots(tdb);
    expect(before.days.length).toBeGreaterThan(100);
    const again = await runCli(tdb, "seed", [...ARGS, "--per-commune-month", "12", "--now", NOW]);
    expect(again.stdout).toContain("Seeded 0 history dossiers");
    const rebuilt = await runCli(tdb, "metrics-rebuild");
    expect(rebuilt.code).toBe(0);
    expect(await rollupSnapshots(tdb)).toEqual(before);
  }, 300_000);
});
