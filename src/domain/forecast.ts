/**
 * The month-end forecast of a place's on-time share and Decision 766 index (issue 13 point 4), from
 * what is finished so far this month and the clocks of the open dossiers. Pure; one definition of
 * on time (`./due.ts`, KPIS.md "on time"): decided by the due instant moved by the supplement
 * waits, after at most one supplement request.
 *
 * The model, stated so a leader can check it: an open dossier is expected to be decided this month
 * when its (moved) due instant falls by the month's end and it is not waiting for the citizen (a
 * wait pauses its clock; when it ends is the citizen's doing). Of those, one already past its due
 * instant, or with more than one supplement request, will be late; the others can still be on
 * time. The projection assumes they are on time at the share of the month so far; with nothing
 * finished yet there is no share to project from, so there is no projection (null), only the best
 * and worst cases, which assume all or none.
 */

import type { CatalogueFigures } from "./catalogue-figures.js";
import { MAX_SUPPLEMENT_REQUESTS_ON_TIME } from "./due.js";
import { type Index766Score, type Index766Version, index766 } from "./index766.js";
import { figures, indexFigures, type KpiSums } from "./kpis.js";

/** The on-time share the platform's dashboards aim at (KPIS.md, the seeds' 80% target). */
export const ON_TIME_TARGET = 0.8;

export type OpenClock = {
  /** The due instant, moved by the closed supplement waits. */
  dueAt: Date;
  supplementRequests: number;
  /** Waiting for the citizen's supplement now (the clock is paused). */
  waiting: boolean;
};

export type MonthEndForecast = {
  /** Open dossiers expected to be decided by the month's end. */
  expected: number;
  /** Of them, those that will be late whatever happens. */
  late: number;
  /** Of them, those that can still be decided on time. */
  canBeOnTime: number;
  /** On-time share at the month's end: projected, and if all / none of `canBeOnTime` are on time. */
  projectedOnTimeShare: number | null;
  bestOnTimeShare: number | null;
  worstOnTimeShare: number | null;
  /**
   * How many of `canBeOnTime` must still be decided on time for the month to reach `target`
   * (0 when reached whatever happens); null when even all of them on time fall short.
   */
  neededOnTime: number | null;
  target: number;
  /** The index at the month's end with the projected figures (other shares kept as they are). */
  projectedIndex: Index766Score | null;
};

/** The parts of the open dossiers the forecast counts (`expected` = `late` + `canBeOnTime`). */
export const OPEN_PARTS = ["expected", "late", "canBeOnTime"] as const;
export type OpenPart = (typeof OPEN_PARTS)[number];

/**
 * Where an open dossier falls in the forecast: not expected this month (waiting for the citizen,
 * or due after the month's end), late whatever happens (past its due instant, or more supplement
 * requests than on time allows), or can still be on time. One rule for the counts and their lists.
 */
export function openClockPart(c: OpenClock, now: Date, monthEnd: Date): "late" | "canBeOnTime" | null {
  if (c.waiting || c.dueAt > monthEnd) return null;
  return c.dueAt < now || c.supplementRequests > MAX_SUPPLEMENT_REQUESTS_ON_TIME ? "late" : "canBeOnTime";
}

/** Whether an open dossier is among the forecast's `part`. */
export const inOpenPart = (c: OpenClock, part: OpenPart, now: Date, monthEnd: Date): boolean => {
  const at = openClockPart(c, now, monthEnd);
  return part === "expected" ? at !== null : at === part;
};

/**
 * The forecast's month-to-date counts and the drill-down figure (KPIS.md, `KPI_DRILL`) whose `hit`
 * lists exactly the dossiers each counts: all the finished ones, and the on-time ones.
 */
export const FORECAST_DRILLS = {
  finished: { figure: "finished", part: "hit" },
  onTime: { figure: "onTime", part: "hit" },
} as const;

/**
 * The forecast. `sums`: the place's month-to-date rollup sums (KPIS.md); `open`: its open dossiers'
 * clocks; `monthEnd`: the instant the month ends (local midnight after its last day). Shares are
 * fractions (0–1), null when nothing would be finished. `version`: the Decision 766 data for the
 * index (omitted: no index). Errors: none (an empty month gives nulls).
 */
export function monthEndForecast(input: {
  now: Date;
  monthEnd: Date;
  sums: KpiSums;
  open: readonly OpenClock[];
  target?: number;
  version?: Index766Version;
  /** The catalogue's figures of the index (the same at month end as now). */
  catalogue?: CatalogueFigures;
}): MonthEndForecast {
  const { now, monthEnd, sums } = input;
  const target = input.target ?? ON_TIME_TARGET;
  let expected = 0;
  let late = 0;
  for (const c of input.open) {
    const part = openClockPart(c, now, monthEnd);
    if (part === null) continue;
    expected += 1;
    if (part === "late") late += 1;
  }
  const canBeOnTime = expected - late;
  const total = sums.finished + expected;
  // Nothing finished this month: no rate to project from (null below), never a made-up 100 %.
  const rate = sums.finished > 0 ? sums.onTime / sums.finished : null;
  const projectedOnTime = sums.onTime + canBeOnTime * (rate ?? 1);
  const share = (n: number) => (total > 0 ? n / total : null);
  const needed = Math.max(0, Math.ceil(target * total - sums.onTime - 1e-9));
  let projectedIndex: Index766Score | null = null;
  if (input.version && rate !== null) {
    // Other per-finished sums grow with the month at their rate so far.
    const per = (n: number) => (sums.finished > 0 ? (n / sums.finished) * expected : 0);
    const projected: KpiSums = {
      ...sums,
      finished: total,
      onTime: projectedOnTime,
      fullyOnline: sums.fullyOnline + per(sums.fullyOnline),
      digitised: sums.digitised + per(sums.digitised),
      processingMillis: sums.processingMillis + per(sums.processingMillis),
      complained: sums.complained + per(sums.complained),
      feeBearing: sums.feeBearing + per(sums.feeBearing),
      paidOnline: sums.paidOnline + per(sums.paidOnline),
      resultsIssued: sums.resultsIssued + per(sums.resultsIssued),
      resultsElectronic: sums.resultsElectronic + per(sums.resultsElectronic),
    };
    // The late ones to come are apologised for at the rate of those so far.
    const lateSoFar = sums.finished - sums.onTime;
    const lateToCome = total - projectedOnTime - lateSoFar;
    projected.lateApologized =
      sums.lateApologized + (lateSoFar > 0 ? (sums.lateApologized / lateSoFar) * lateToCome : 0);
    projectedIndex = index766(
      { ...figures(projected), ...indexFigures(projected), ...input.catalogue },
      input.version,
    );
  }
  return {
    expected,
    late,
    canBeOnTime,
    projectedOnTimeShare: rate === null ? null : share(projectedOnTime),
    bestOnTimeShare: share(sums.onTime + canBeOnTime),
    worstOnTimeShare: share(sums.onTime),
    neededOnTime: total === 0 ? null : needed <= canBeOnTime ? needed : null,
    target,
    projectedIndex,
  };
}
