import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dailySnapshot, kpiFigures, kpiTable } from "../src/modules/metrics/index.js";
import { createTestDatabase, engine, type TestDatabase } from "./helpers/db.js";
import { type Exit, runCli } from "./helpers/history.js";

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

  it("a second run adds nothing; the rebuild gives the same rollups as the seeded ones", async () => {
    let db = await tdb.open();
    const before = await dailySnapshot(db);
    await db.close();
    expect(before.length).toBeGreaterThan(100);
    const again = await runCli(tdb, "seed", [...ARGS, "--per-commune-month", "12", "--now", NOW]);
    expect(again.stdout).toContain("Seeded 0 history dossiers");
    const rebuilt = await runCli(tdb, "metrics-rebuild");
    expect(rebuilt.code).toBe(0);
    db = await tdb.open();
    try {
      expect(await dailySnapshot(db)).toEqual(before);
    } finally {
      await db.close();
    }
  }, 300_000);
});
