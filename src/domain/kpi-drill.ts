import { type IndexFigure, KPI_COUNTS, type KpiFigure } from "./kpis.js";

/**
 * Which dossiers a shown figure opens (GET /api/leader/kpis/dossiers `part`), so every number on a
 * dashboard opens the dossiers behind it (issue 13, "drill-down everywhere"): its numerator
 * (`hit`), except a share of 0, whose numerator is empty: it opens the rest of its denominator,
 * the dossiers that made it 0 (the late ones behind an on-time share of 0 %). The Decision 766
 * satisfaction always opens what it subtracts (`hit`: late or complained about); an average opens
 * the dossiers it averages. `null`: nothing to open (no value, or a count of 0).
 */
export function drillPart(figure: KpiFigure | IndexFigure, value: number | null): "hit" | "rest" | null {
  if (value === null) return null;
  if ((KPI_COUNTS as readonly string[]).includes(figure)) return value === 0 ? null : "hit";
  if (figure === "satisfaction766" || figure === "averageProcessingWorkingDays") return "hit";
  return value === 0 ? "rest" : "hit";
}

/**
 * Drill-down: the dossiers behind each figure. `population` is the event that places a dossier in
 * the period (its receipt or its decision); `base` the figure's denominator among them, `hit` its
 * numerator (for a count, the dossiers counted). For the Decision 766 satisfaction, `hit` lists the
 * dossiers that cost it points (late or with a complaint).
 */
export const DRILL_CONDITIONS = [
  "all",
  "online",
  "reuse",
  "onTime",
  "fullyOnline",
  "digitised",
  "rated",
  "satisfied",
  "complained",
  "lateOrComplained",
  "late",
  "apologizedInTime",
  "feeBearing",
  "paidOnline",
  "resultIssued",
  "electronicResult",
  "registriesKnown",
  "populationData",
  "complaintOnTime",
] as const;
export type DrillCondition = (typeof DRILL_CONDITIONS)[number];
export const KPI_DRILL: Record<
  KpiFigure | IndexFigure,
  { population: "received" | "decided" | "complaint"; base: DrillCondition; hit: DrillCondition }
> = {
  received: { population: "received", base: "all", hit: "all" },
  onlineShare: { population: "received", base: "all", hit: "online" },
  finished: { population: "decided", base: "all", hit: "all" },
  onTime: { population: "decided", base: "all", hit: "onTime" },
  onTimeShare: { population: "decided", base: "all", hit: "onTime" },
  fullyOnline: { population: "decided", base: "all", hit: "fullyOnline" },
  fullyOnlineShare: { population: "decided", base: "all", hit: "fullyOnline" },
  averageProcessingWorkingDays: { population: "decided", base: "all", hit: "all" },
  reuseShare: { population: "received", base: "all", hit: "reuse" },
  digitisedShare: { population: "decided", base: "all", hit: "digitised" },
  rated: { population: "decided", base: "all", hit: "rated" },
  satisfiedShare: { population: "decided", base: "rated", hit: "satisfied" },
  complaintRate: { population: "decided", base: "all", hit: "complained" },
  satisfaction766: { population: "decided", base: "all", hit: "lateOrComplained" },
  // `part=miss`: the late dossiers without a timely apology, the ones that cost the points.
  timelyApologyShare: { population: "decided", base: "late", hit: "apologizedInTime" },
  // `part=rest`: the fee-bearing ones not paid online, the results on paper, the dossiers without
  // population data (imported history aside: its registries are not known).
  paidOnlineShare: { population: "decided", base: "feeBearing", hit: "paidOnline" },
  electronicResultShare: { population: "decided", base: "resultIssued", hit: "electronicResult" },
  populationDataShare: { population: "received", base: "registriesKnown", hit: "populationData" },
  // The dossiers with a complaint counted in the period (src/domain/complaints.ts); `hit`: one
  // answered on time, `rest`: one answered late or open past its due instant.
  complaintsOnTimeShare: { population: "complaint", base: "all", hit: "complaintOnTime" },
};
