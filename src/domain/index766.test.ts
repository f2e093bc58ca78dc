import { describe, expect, it } from "vitest";
import { catalogueFigures } from "./catalogue-figures.js";
import {
  explainIndex766,
  INDEX_766_VERSIONS,
  index766,
  index766OfSums,
  index766Version,
} from "./index766.js";
import { figures, indexFigures, ZERO_SUMS } from "./kpis.js";

/** Ten dossiers received and finished in the period, 8 on time, 1 complaint, 1 late one apologised for. */
const TEN = {
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

  const sums = TEN;
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

// Version 2026.12-domain: every indicator shared/DOMAIN.md lists; periods ending from 2026-12-02.
describe("2026.12-domain: DOMAIN.md's indicators, not measured ones left out of the measured points", () => {
  it.each([
    ["2026-11-30", "2022.1-draft"],
    ["2026-12-01", "2022.1-draft"],
    ["2026-12-02", "2026.12-domain"],
    ["2026-12-03", "2026.12-complaints"],
    ["2027-03-31", "2026.12-complaints"],
  ])("a period ending on %s is scored by %s", (to, version) => {
    expect(index766Version(to).version).toBe(version);
  });

  const sums = {
    ...TEN,
    processingMillis: 10 * 8 * 3_600_000 * 1.5,
    // 5 finished with a fee, 2 paid online; 8 results, 6 electronic; 6 received with known
    // registries (the 4 others imported), 3 of them with population data.
    feeBearing: 5,
    paidOnline: 2,
    resultsIssued: 8,
    resultsElectronic: 6,
    receivedRegistriesKnown: 6,
    receivedPopulation: 3,
  };
  // 9 published procedures, 6 fully online; 4 fee-bearing, all paid online.
  const catalogue = { proceduresFullyOnlineShare: 6 / 9, feeProceduresPayOnlineShare: 1 };
  const score = index766OfSums(sums, "2026-12-02", catalogue);
  const of = (id: string) => score.groups.flatMap((g) => g.indicators).find((i) => i.id === id);
  it.each<[string, number | null, number | null, number | null, number | null, boolean]>([
    // id, value, threshold, points earned, points lost, measured
    ["publicity.apology", 0.5, 1, 9, 9, true],
    ["progress.onTime", 0.8, 1, 16, 4, true],
    // 1.5 working days: informational, no threshold, no points.
    ["progress.averageTime", 1.5, null, null, null, true],
    // 6/9 of 0.8 → 5.5 × (2/3)/0.8.
    ["online.procedures", 6 / 9, 0.8, (5.5 * (6 / 9)) / 0.8, 5.5 - (5.5 * (6 / 9)) / 0.8, true],
    ["online.submitted", 0.4, 0.5, 4.4, 1.1, true],
    ["online.feeProcedures", 1, 0.8, 5.5, 0, true],
    // 2 of 5 paid online: 0.4 of 0.8 → half of 5.5.
    ["online.paidOnline", 0.4, 0.8, 2.75, 2.75, true],
    // 6 of 8 electronic: 0.75 of 0.8.
    ["digitisation.electronicResult", 0.75, 0.8, (5.5 * 0.75) / 0.8, 5.5 - (5.5 * 0.75) / 0.8, true],
    ["digitisation.digitised", 0.9, 0.8, 5.5, 0, true],
    ["digitisation.reuse", 0.8, 0.8, 5.5, 0, true],
    // 3 of 6: 0.5 of 0.8.
    ["digitisation.population", 0.5, 0.8, (5.5 * 0.5) / 0.8, 5.5 - (5.5 * 0.5) / 0.8, true],
    // Not measured: no value, no threshold, no score.
    ["satisfaction.complaintsOnTime", null, null, null, null, false],
    // 1 − (0.2 + 0.1) = 0.7 of 0.9 → 9 × 7/9 = 7.
    ["satisfaction.766", 0.7, 0.9, 7, 2, true],
  ])(
    "%s: value %s, full at %s, scores %s, loses %s, measured %s",
    (id, value, fullAt, points, lost, measured) => {
      const i = of(id);
      if (value === null) expect(i?.value).toBeNull();
      else expect(i?.value).toBeCloseTo(value, 12);
      expect(i?.fullAt).toBe(fullAt);
      if (points === null) expect(i?.score).toBeNull();
      else expect(i?.score).toBeCloseTo(points, 12);
      if (lost === null) expect(i?.lost).toBeNull();
      else expect(i?.lost).toBeCloseTo(lost, 12);
      expect(i?.measured).toBe(measured);
    },
  );
  it("the complaints' 9 points are out of the measured points; the total is on the 91 measured; no grade", () => {
    expect(score.measuredPoints).toBe(91);
    const indicators = score.groups.flatMap((g) => g.indicators);
    expect(score.total).toBeCloseTo(
      indicators.reduce((a, i) => a + (i.score ?? 0), 0),
      12,
    );
    expect(score.grade).toBeNull();
  });
  it("each group's score is the sum of its measured indicators, out of its measured points; the groups add up to the total", () => {
    const groups = Object.fromEntries(score.groups.map((g) => [g.id, g]));
    expect(groups.satisfaction?.score).toBeCloseTo(7, 12);
    expect(groups.satisfaction?.measuredPoints).toBe(9);
    expect(groups.progress?.score).toBeCloseTo(16, 12);
    expect(groups.progress?.measuredPoints).toBe(20);
    expect(score.groups.reduce((a, g) => a + (g.score ?? 0), 0)).toBeCloseTo(score.total ?? 0, 12);
    expect(score.groups.reduce((a, g) => a + g.measuredPoints, 0)).toBe(score.measuredPoints);
  });
  it("nothing to measure (no fee-bearing dossier): the group scores its other indicators, out of their points", () => {
    const s = { ...sums, feeBearing: 0, paidOnline: 0 };
    const r = index766OfSums(s, "2026-12-02", catalogue);
    const online = r.groups.find((g) => g.id === "online");
    expect(online?.score).toBeCloseTo((5.5 * (6 / 9)) / 0.8 + 4.4 + 5.5, 12);
    expect(online?.measuredPoints).toBe(22 - 5.5);
    expect(r.measuredPoints).toBe(91 - 5.5);
    expect(r.groups.reduce((a, g) => a + (g.score ?? 0), 0)).toBeCloseTo(r.total ?? 0, 12);
  });
  it("a place with no dossier has no score, though the catalogue's indicators have values", () => {
    const r = index766OfSums(ZERO_SUMS, "2026-12-02", catalogue);
    expect(r.total).toBeNull();
    expect(
      r.groups.flatMap((g) => g.indicators).find((i) => i.id === "online.procedures")?.value,
    ).toBeCloseTo(6 / 9, 12);
  });
  it("the points lost open the dossiers (new figures: the rest of their base) or list the procedures (catalogue)", () => {
    const procedures = [
      { code: "1.000001", nameVi: "A", nameEn: "A", fullyOnline: true, feeBearing: true, payOnline: true },
      { code: "LOCAL.B", nameVi: "B", nameEn: "B", fullyOnline: false, feeBearing: false, payOnline: false },
      { code: "LOCAL.C", nameVi: "C", nameEn: "C", fullyOnline: false, feeBearing: true, payOnline: true },
    ];
    const card = explainIndex766(
      index766OfSums(sums, "2026-12-02", catalogueFigures(procedures)),
      procedures,
    );
    const byId = Object.fromEntries(card.groups.flatMap((g) => g.indicators).map((i) => [i.id, i]));
    expect(byId["online.paidOnline"]?.lostDrill).toEqual({ figure: "paidOnlineShare", part: "rest" });
    expect(byId["digitisation.electronicResult"]?.lostDrill).toEqual({
      figure: "electronicResultShare",
      part: "rest",
    });
    expect(byId["digitisation.population"]?.lostDrill).toEqual({
      figure: "populationDataShare",
      part: "rest",
    });
    // 1 of 3 fully online: the two others cost the points; all fee-bearing ones are paid online.
    expect(byId["online.procedures"]?.value).toBeCloseTo(1 / 3, 12);
    expect(byId["online.procedures"]?.lostDrill).toBeNull();
    expect(byId["online.procedures"]?.lostProcedures.map((p) => p.code)).toEqual(["LOCAL.B", "LOCAL.C"]);
    expect(byId["online.feeProcedures"]?.lostProcedures).toEqual([]);
    expect(byId["satisfaction.complaintsOnTime"]).toMatchObject({
      measured: false,
      lostDrill: null,
      value: null,
    });
  });
});

// Version 2026.12-complaints: the complaints handled on time measured (src/domain/complaints.ts).
describe("2026.12-complaints: complaints handled on time measured, none due costs nothing", () => {
  const sums = {
    ...TEN,
    feeBearing: 5,
    paidOnline: 2,
    resultsIssued: 8,
    resultsElectronic: 6,
    receivedRegistriesKnown: 6,
    receivedPopulation: 3,
  };
  const catalogue = { proceduresFullyOnlineShare: 6 / 9, feeProceduresPayOnlineShare: 1 };
  const complaints = (s: typeof sums) =>
    index766OfSums(s, "2026-12-31", catalogue)
      .groups.flatMap((g) => g.indicators)
      .find((i) => i.id === "satisfaction.complaintsOnTime");
  it.each([
    // 4 counted, 3 answered on time: 0.75 of full at 1 → 0.75 × 9.
    ["3 of 4 on time", { complaintsDue: 4, complaintsOnTime: 3, complaintsOpen: 0 }, 0.75, 6.75],
    [
      "none on time (1 late, 1 open past due)",
      { complaintsDue: 2, complaintsOnTime: 0, complaintsOpen: 1 },
      0,
      0,
    ],
    // Nothing counted in the period: nothing handled late, all 9 points.
    ["no complaint due", { complaintsDue: 0, complaintsOnTime: 0, complaintsOpen: 0 }, null, 9],
  ] as const)("%s: value %s scores %s", (_n, over, value, points) => {
    const i = complaints({ ...sums, ...over });
    expect(i?.measured).toBe(true);
    if (value === null) expect(i?.value).toBeNull();
    else expect(i?.value).toBeCloseTo(value, 12);
    expect(i?.score).toBeCloseTo(points, 12);
  });
  it("every indicator measured: 100 measured points and a grade; the lost points open the dossiers", () => {
    const r = index766OfSums(sums, "2026-12-31", catalogue);
    expect(r.version).toBe("2026.12-complaints");
    expect(r.measuredPoints).toBe(100);
    expect(r.grade).not.toBeNull();
    const card = explainIndex766(r, []);
    const i = card.groups.flatMap((g) => g.indicators).find((x) => x.id === "satisfaction.complaintsOnTime");
    expect(i?.lostDrill).toEqual({ figure: "complaintsOnTimeShare", part: "rest" });
  });
});
