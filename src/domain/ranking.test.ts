import { describe, expect, it } from "vitest";
import { betterWhen, rankBy } from "./ranking.js";

type Place = { code: string; v: number | null };
const places = (...vs: Array<number | null>): Place[] => vs.map((v, i) => ({ code: `p${i}`, v }));
const ranks = (ps: Place[], better: "higher" | "lower" = "higher") =>
  rankBy(ps, (p) => p.v, better).map((r) => `${r.item.code}:${r.rank ?? "-"}`);

describe("rankBy: best first, ties share a rank, places without data last", () => {
  it.each([
    { name: "distinct, higher better", vs: [50, 90, 70], better: "higher", want: ["p1:1", "p2:2", "p0:3"] },
    { name: "distinct, lower better", vs: [5, 2, 3], better: "lower", want: ["p1:1", "p2:2", "p0:3"] },
    {
      name: "a tie: 1, 2, 2, 4",
      vs: [80, 70, 90, 70, 60],
      better: "higher",
      want: ["p2:1", "p0:2", "p1:3", "p3:3", "p4:5"],
    },
    {
      name: "ties at the top keep their given order",
      vs: [10, 10],
      better: "higher",
      want: ["p0:1", "p1:1"],
    },
    {
      name: "null last, unranked, in given order",
      vs: [null, 40, null, 60],
      better: "higher",
      want: ["p3:1", "p1:2", "p0:-", "p2:-"],
    },
    {
      name: "null last when lower is better too",
      vs: [null, 3, 1],
      better: "lower",
      want: ["p2:1", "p1:2", "p0:-"],
    },
    {
      name: "zero is a value, not missing",
      vs: [0, null, 0.5],
      better: "higher",
      want: ["p2:1", "p0:2", "p1:-"],
    },
    { name: "nothing", vs: [], better: "higher", want: [] },
    { name: "only nulls", vs: [null, null], better: "higher", want: ["p0:-", "p1:-"] },
  ] as const)("$name", ({ vs, better, want }) => {
    expect(ranks(places(...vs), better)).toEqual(want);
  });

  it.each([
    ["onTimeShare", "higher"],
    ["received", "higher"],
    ["satisfaction766", "higher"],
    ["averageProcessingWorkingDays", "lower"],
    ["complaintRate", "lower"],
  ] as const)("%s: %s is better", (figure, way) => {
    expect(betterWhen(figure)).toBe(way);
  });
});
