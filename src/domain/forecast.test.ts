import { describe, expect, it } from "vitest";
import { monthEndForecast, type OpenClock } from "./forecast.js";
import { INDEX_766_VERSIONS, index766, index766Version } from "./index766.js";
import { figures, type KpiSums, ZERO_SUMS } from "./kpis.js";

// Now: Monday 23 November 2026, 10:00 local; the month ends at local midnight of 1 December.
const NOW = new Date("2026-11-23T10:00:00+07:00");
const MONTH_END = new Date("2026-12-01T00:00:00+07:00");
const at = (s: string) => new Date(`2026-${s.replace(" ", "T")}:00+07:00`);
const clock = (due: string, supplementRequests = 0, waiting = false): OpenClock => ({
  dueAt: at(due),
  supplementRequests,
  waiting,
});
const sums = (finished: number, onTime: number): KpiSums => ({ ...ZERO_SUMS, finished, onTime });

describe("monthEndForecast: on-time share and how many must still be on time for 80%", () => {
  // [case, finished, onTime, open clocks, expected, late, canBeOnTime, projected, best, worst, needed]
  const cases: Array<
    [
      string,
      number,
      number,
      OpenClock[],
      number,
      number,
      number,
      number | null,
      number | null,
      number | null,
      number | null,
    ]
  > = [
    ["nothing finished, nothing open", 0, 0, [], 0, 0, 0, null, null, null, null],
    // 71% so far (71/100); 20 due this month with time left: 71 + 20×0.71 = 85.2 of 120;
    // 80% of 120 = 96 needs 25 more on time, only 20 can be: unreachable.
    [
      "71% so far: unreachable",
      100,
      71,
      Array(20).fill(clock("11-27 17:00")),
      20,
      0,
      20,
      85.2 / 120,
      91 / 120,
      71 / 120,
      null,
    ],
    // 78% so far: 96 − 78 = 18 of the 20 must be on time.
    [
      "78% so far: 18 of 20 needed",
      100,
      78,
      Array(20).fill(clock("11-27 17:00")),
      20,
      0,
      20,
      93.6 / 120,
      98 / 120,
      78 / 120,
      18,
    ],
    // Already overdue, two supplement requests: late whatever happens; due next month or waiting: not expected.
    [
      "late ones, next month's and waiting ones",
      10,
      9,
      [
        clock("11-20 17:00"),
        clock("11-30 17:00", 2),
        clock("11-30 17:00"),
        clock("12-03 17:00"),
        clock("11-25 17:00", 1, true),
      ],
      3,
      2,
      1,
      (9 + 0.9) / 13,
      10 / 13,
      9 / 13,
      null, // 80% of 13 = 10.4: 11 on time, 2 more, and only 1 can be
    ],
    // Already above target whatever happens: 0 needed.
    ["reached whatever happens", 50, 50, [clock("11-24 12:00")], 1, 0, 1, 1, 1, 50 / 51, 0],
    // Nothing finished yet: no share to project from, only the best and worst cases.
    ["a new month", 0, 0, [clock("11-24 12:00"), clock("11-20 12:00")], 2, 1, 1, null, 0.5, 0, null],
  ];
  it.each(cases)("%s", (_n, finished, onTime, open, expected, late, can, projected, best, worst, needed) => {
    const f = monthEndForecast({ now: NOW, monthEnd: MONTH_END, sums: sums(finished, onTime), open });
    expect({ expected: f.expected, late: f.late, canBeOnTime: f.canBeOnTime }).toEqual({
      expected,
      late,
      canBeOnTime: can,
    });
    for (const [k, w] of [
      ["projectedOnTimeShare", projected],
      ["bestOnTimeShare", best],
      ["worstOnTimeShare", worst],
    ] as const) {
      if (w === null) expect(f[k], k).toBeNull();
      else expect(f[k], k).toBeCloseTo(w, 10);
    }
    expect(f.neededOnTime).toBe(needed);
  });

  it("72 of 100 so far: with 15 left 80% (92 of 115) is out of reach; with 40 left all 40 are needed", () => {
    const fifteen = monthEndForecast({
      now: NOW,
      monthEnd: MONTH_END,
      sums: sums(100, 72),
      open: Array(15).fill(clock("11-30 17:00")),
    });
    expect(fifteen.neededOnTime).toBeNull();
    const forty = monthEndForecast({
      now: NOW,
      monthEnd: MONTH_END,
      sums: sums(100, 72),
      open: Array(40).fill(clock("11-30 17:00")),
    });
    // 80% of 140 = 112: 40 more on time, exactly all of them.
    expect(forty.neededOnTime).toBe(40);
    expect(forty.bestOnTimeShare).toBeCloseTo(0.8, 10);
  });

  it("projects the Decision 766 index with the projected on-time share", () => {
    const v = INDEX_766_VERSIONS[0];
    if (!v) throw new Error("no version");
    const month: KpiSums = {
      ...sums(100, 70),
      received: 110,
      receivedOnline: 60,
      complained: 2,
      digitised: 90,
    };
    const f = monthEndForecast({
      now: NOW,
      monthEnd: MONTH_END,
      sums: month,
      open: Array(20).fill(clock("11-30 17:00")),
      version: index766Version("2026-11-30"),
    });
    const progress = (s: NonNullable<typeof f.projectedIndex>) =>
      s.groups.find((g) => g.id === "progress")?.score;
    const today = index766(figures(month), v);
    expect(f.projectedIndex).not.toBeNull();
    // 70 + 20×0.7 = 84 of 120 = 0.7 on time: the progress group keeps 14 of 20 points.
    expect(progress(f.projectedIndex as NonNullable<typeof f.projectedIndex>)).toBeCloseTo(14, 10);
    expect(progress(today)).toBeCloseTo(14, 10);
    expect(
      monthEndForecast({ now: NOW, monthEnd: MONTH_END, sums: ZERO_SUMS, open: [], version: v })
        .projectedIndex,
    ).toBeNull();
    // Open dossiers but nothing finished yet: no rate, so no index projected from one.
    expect(
      monthEndForecast({
        now: NOW,
        monthEnd: MONTH_END,
        sums: ZERO_SUMS,
        open: [clock("11-30 17:00")],
        version: v,
      }).projectedIndex,
    ).toBeNull();
  });
});
