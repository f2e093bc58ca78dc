import { describe, expect, it } from "vitest";
import {
  explainIndex766,
  INDEX_766_VERSIONS,
  index766,
  index766OfSums,
  index766Version,
} from "./index766.js";
import { figures, indexFigures, ZERO_SUMS } from "./kpis.js";

describe("Decision 766 index as versioned data", () => {
  it.each(INDEX_766_VERSIONS.map((v) => [v.version, v] as const))(
    "%s: 100 points, each group the sum of its indicators",
    (_n, v) => {
      expect(v.groups.reduce((a, g) => a + g.points, 0)).toBe(100);
      for (const g of v.groups)
        expect(
          g.indicators.reduce((a, i) => a + i.points, 0),
          g.id,
        ).toBe(g.points);
      expect(v.groups.map((g) => g.points)).toEqual([18, 20, 22, 22, 18]);
      expect(v.grades.at(-1)?.from).toBe(0);
    },
  );

  const sums = {
    ...ZERO_SUMS,
    received: 10,
    receivedOnline: 4,
    receivedReuse: 8,
    finished: 10,
    onTime: 8,
    fullyOnline: 4,
    digitised: 9,
    complained: 1,
    lateApologized: 1,
  };
  const score = index766({ ...figures(sums), ...indexFigures(sums) }, index766Version("2026-10-31"));
  it.each([
    // onTimeShare 0.8 of full at 1 → 16 of 20.
    ["progress.onTime", 0.8, 16],
    // onlineShare 0.4 of full at 0.5 → 0.8 × 11.
    ["online.submitted", 0.4, 8.8],
    // fullyOnlineShare 0.4 of full at 0.8 → 0.5 × 11.
    ["online.fullyOnline", 0.4, 5.5],
    // digitised 0.9 ≥ 0.8 → all 11; reuse 0.8 → all 11.
    ["digitisation.digitised", 0.9, 11],
    ["digitisation.reuse", 0.8, 11],
    // satisfaction 1 − (0.2 + 0.1) = 0.7 of full at 0.9 → 14 of 18.
    ["satisfaction.766", 0.7, 14],
    // 1 of the 2 late dossiers apologised for before its due instant → 0.5 × 18.
    ["publicity.apology", 0.5, 9],
  ] as const)("%s: value %s scores %s", (id, value, points) => {
    const i = score.groups.flatMap((g) => g.indicators).find((x) => x.id === id);
    if (value === null) expect(i?.value).toBeNull();
    else expect(i?.value).toBeCloseTo(value, 12);
    if (points === null) expect(i?.score).toBeNull();
    else expect(i?.score).toBeCloseTo(points, 12);
  });
  it("totals every indicator, now all measured, and grades the total", () => {
    expect(score.total).toBeCloseTo(9 + 16 + 8.8 + 5.5 + 11 + 11 + 14, 12);
    expect(score.measuredPoints).toBe(100);
    // 75.3: Good (70 to 90).
    expect(score.grade).toBe("good");
    expect(score.groups.find((g) => g.id === "publicity")?.score).toBe(9);
  });

  // publicity.apology says `whenNone: "full"`: no late dossier, nothing to apologise for, full points.
  it.each([
    // onTime 10 of 10: no late dossier, timelyApologyShare null → all 18 points and a grade.
    ["no late dossier", { onTime: 10, lateApologized: 0 }, null, 18],
    ["2 late, none apologised before the due instant", { onTime: 8, lateApologized: 0 }, 0, 0],
    ["2 late, both apologised before the due instant", { onTime: 8, lateApologized: 2 }, 1, 18],
  ] as const)("publicity.apology, %s: value %s scores %s", (_n, over, value, points) => {
    const s = { ...sums, ...over };
    const r = index766({ ...figures(s), ...indexFigures(s) }, index766Version("2026-10-31"));
    const i = r.groups.flatMap((g) => g.indicators).find((x) => x.id === "publicity.apology");
    expect(i?.value ?? null).toBe(value);
    expect(i?.score).toBe(points);
    expect(r.groups.find((g) => g.id === "publicity")?.score).toBe(points);
    expect(r.measuredPoints).toBe(100);
    expect(r.grade).not.toBeNull();
  });

  it("no late dossier: publicity 18, onTime 20, satisfaction 1 − 0.1 = 0.9 → 18; 92.3, graded Excellent", () => {
    const s = { ...sums, onTime: 10, lateApologized: 0 };
    const r = index766({ ...figures(s), ...indexFigures(s) }, index766Version("2026-10-31"));
    expect(r.total).toBeCloseTo(18 + 20 + 8.8 + 5.5 + 11 + 11 + 18, 12);
    expect(r.grade).toBe("excellent");
  });

  it("without the index's own figures (KPIS.md's alone) the publicity group is not measured", () => {
    const partial = index766(figures(sums), index766Version("2026-10-31"));
    expect(partial.groups.find((g) => g.id === "publicity")?.score).toBeNull();
    expect(partial.grade).toBeNull();
  });
});

// The rankings and the index card score a place with one function (`index766OfSums`), publicity
// group included: the hand-computed totals of the ranking endpoint's test (test/index766-ranking.test.ts).
describe("index766OfSums: one scoring for the index card and the rankings", () => {
  const late = (finished: number, onTime: number, lateApologized: number) => ({
    ...ZERO_SUMS,
    received: finished,
    receivedOnline: finished,
    finished,
    onTime,
    fullyOnline: finished,
    digitised: finished,
    lateApologized,
  });
  it.each<[string, ReturnType<typeof late>, { publicity: number | null; total: number }]>([
    // 3 late of 4, 1 apologised in time: publicity 18/3, progress 20/4, online 22, digitisation 11
    // (reuse 0), satisfaction 18 × 0.25 / 0.9.
    ["3 late of 4, 1 apologised in time", late(4, 1, 1), { publicity: 6, total: 6 + 5 + 22 + 11 + 5 }],
    // No late dossier: nothing to apologise for, all 18 publicity points (whenNone "full").
    ["none late", late(2, 2, 0), { publicity: 18, total: 18 + 20 + 22 + 11 + 18 }],
    // The one late dossier apologised for in time: 18; progress 0; satisfaction 0.
    ["1 late of 1, apologised", late(1, 0, 1), { publicity: 18, total: 18 + 0 + 22 + 11 + 0 }],
    // 3 late of 6, 1 apologised (a province of the two first communes).
    ["3 late of 6, 1 apologised", late(6, 3, 1), { publicity: 6, total: 6 + 10 + 22 + 11 + 10 }],
  ])("%s", (_n, s, want) => {
    const score = index766OfSums(s, "2026-10-31");
    expect(score.groups.find((g) => g.id === "publicity")?.score).toBeCloseTo(want.publicity ?? 0, 9);
    expect(score.total).toBeCloseTo(want.total, 9);
    // The same as scoring the figures by hand with the version of the period's end.
    expect(score).toEqual(index766({ ...figures(s), ...indexFigures(s) }, index766Version("2026-10-31")));
    // Without the index's own figure the publicity group is missing: what the rankings used to show.
    expect(index766(figures(s), index766Version("2026-10-31")).total).toBeCloseTo(
      want.total - (want.publicity ?? 0),
      9,
    );
  });
});

describe("a place with no dossier in the period has no score", () => {
  it.each<[string, Partial<typeof ZERO_SUMS>, number | null, number]>([
    // Before: publicity's 18 points for having nothing late, ranked above places that work.
    ["nothing received nor finished", {}, null, 0],
    // Received, none finished: nothing late is not the best case yet; only what was received scores.
    ["2 received online, none finished", { received: 2, receivedOnline: 2 }, 11, 22],
  ])("%s: total %s of %s measured, no grade, publicity not measured", (_n, over, total, measured) => {
    const score = index766OfSums({ ...ZERO_SUMS, ...over }, "2026-10-31");
    expect(score.total).toBe(total);
    expect(score.measuredPoints).toBe(measured);
    expect(score.grade).toBeNull();
    expect(score.groups.find((g) => g.id === "publicity")?.score).toBeNull();
  });
});

describe("explainIndex766: the card's sources, confirmations and grade bands", () => {
  const card = explainIndex766(index766OfSums(ZERO_SUMS, "2026-10-31"));
  it("every indicator names its source (English and Vietnamese) and none is confirmed by the decision's text", () => {
    const indicators = card.groups.flatMap((g) => g.indicators);
    expect(indicators).toHaveLength(7);
    for (const i of indicators) {
      expect(i.confirmed, i.id).toBe(false);
      expect(i.source.length, i.id).toBeGreaterThan(20);
      expect(i.sourceVi.length, i.id).toBeGreaterThan(20);
    }
    expect(indicators.find((i) => i.id === "digitisation.digitised")?.source).toBe(
      "Operational description of the index (shared/DOMAIN.md), not the decision's text",
    );
  });
  it("the bands between 50 and 90 are placeholders; 90 and below 50 are the decision's", () => {
    expect(card.grades.map((g) => [g.grade, g.from, g.confirmed])).toEqual([
      ["excellent", 90, true],
      ["good", 70, false],
      ["fair", 50, false],
      ["weak", 0, true],
    ]);
    expect(card.source).toBe("Decision 766/QĐ-TTg of 23 June 2022 (group maxima, grade ends)");
  });
  it("the points lost open the dossiers that cost them: the rest of a share, the hits of the satisfaction", () => {
    const drills = Object.fromEntries(
      card.groups.flatMap((g) => g.indicators).map((i) => [i.id, i.lostDrill]),
    );
    expect(drills["progress.onTime"]).toEqual({ figure: "onTimeShare", part: "rest" });
    expect(drills["publicity.apology"]).toEqual({ figure: "timelyApologyShare", part: "rest" });
    expect(drills["satisfaction.766"]).toEqual({ figure: "satisfaction766", part: "hit" });
  });
});
