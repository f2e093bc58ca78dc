/**
 * The KPIs of the platform, in one place (the definitions of `shared/KPIS.md`; change both together).
 * Pure: a dossier's log and a few facts of its row in, its KPI facts out (`dossierFacts`); facts
 * summed over a period and a place in, the figures with their JSON names out (`figures`).
 *
 * "On time" and the processing time come from the one definition of late (`./due.ts`: `dueInstantsOf`,
 * `clockOf`); "received", "finished", "online" follow KPIS.md "Which dossiers count".
 */
import { localDate, WORKING_DAY_MILLIS } from "./calendar/index.js";
import { type ComplaintCell, complaintCells } from "./complaints.js";
import { clockOf, dueInstantsOf } from "./due.js";
import { endedByHeadRefusal } from "./head-refusal.js";
import { type ActionType, type Channel, type DossierAction, reduce } from "./lifecycle.js";

/** The figures of KPIS.md, by their normative JSON names, in the order of the table. */
export const KPI_FIGURES = [
  "received",
  "onlineShare",
  "finished",
  "onTime",
  "onTimeShare",
  "fullyOnline",
  "fullyOnlineShare",
  "averageProcessingWorkingDays",
  "reuseShare",
  "digitisedShare",
  "rated",
  "satisfiedShare",
  "complaintRate",
  "satisfaction766",
] as const;
export type KpiFigure = (typeof KPI_FIGURES)[number];
/** Counts of dossiers (whole numbers); the other figures are null when their denominator is zero. */
export const KPI_COUNTS = ["received", "finished", "onTime", "fullyOnline", "rated"] as const;
/** Counts are whole numbers; shares fractions in [0, 1] or null when their denominator is zero. */
export type KpiFigures = Record<Exclude<KpiFigure, (typeof KPI_COUNTS)[number]>, number | null> &
  Record<(typeof KPI_COUNTS)[number], number>;

/** KPIS.md "Online": filed online by the citizen, or by an agent on their behalf (Decree 42/2022). */
export const ONLINE_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(["online", "online_on_behalf"]);

/**
 * The actions after which a dossier's facts can change: receipt (received), withdrawal (no longer
 * received), the decision (finished and everything measured at it), a complaint and its answer
 * (`complained`, `complaints`). Every other action changes nothing the figures read until one of
 * these comes (the facts are a function of the whole log).
 */
export const KPI_ACTIONS: ReadonlySet<ActionType> = new Set<ActionType>([
  "receive",
  "withdraw",
  "issue_result",
  "refuse",
  "complain",
  "answer_complaint",
]);

/** What a dossier brings besides its log: columns of its row, its rating, imported history. */
export type DossierKpiInput = {
  channel: Channel;
  /** Fields filled from a registry, components replaced by data (the dossier's row). */
  fieldsPrefilled: number;
  componentsReplaced: number;
  /** Components handed in on paper (imported history; 0 on the platform, where all is uploaded). */
  paperComponents: number;
  /**
   * The citizen's rating (1–5) or null; a complaint filed (imported history, which says only
   * whether; the platform's own complaints are the log's `complain` actions).
   */
  rating: number | null;
  complaint: boolean;
  /**
   * The registries its prefilled fields came from (the dossier's `prefill` provenance, e.g.
   * "population"); null when not known: imported history, whose format counts prefilled fields
   * but does not say from which registry (KPIS.md "History import format"); absent: not known.
   */
  registries?: readonly string[] | null;
  log: readonly Pick<DossierAction, "type" | "at" | "payload">[];
};

/** One dossier's contribution to the figures. Dates are local (UTC+7) `YYYY-MM-DD`. */
export type DossierFacts = {
  /** The local day of its `receive`, when received (not withdrawn); else null. */
  receivedOn: string | null;
  online: boolean;
  /** At least one field prefilled from a registry or one component replaced by data. */
  reuse: boolean;
  /** The local day of its decision (first `issue_result` or `refuse`), when finished; else null. */
  decidedOn: string | null;
  onTime: boolean;
  fullyOnline: boolean;
  digitised: boolean;
  /** Working millis from receipt to decision, supplement waits excluded (0 unless finished). */
  processingMillis: number;
  rating: number | null;
  /** Finished with a rating of 1 or 2 or a complaint (imported, or a `complain` action of its log). */
  complained: boolean;
  /** Its log's complaints (imported ones have no dates), on their outcome's day (./complaints.ts). */
  complaints: ComplaintCell[];
  /**
   * Finished late and the apology slip (`apologize`; rules and their unconfirmed source in
   * `./apology.ts`) was sent at or before its due instant (the one lateness is measured against;
   * the text as the platform reads it asks for 1 day before, which is not what is measured here).
   */
  apologizedInTime: boolean;
  /** Finished with a fee above zero (the fee fixed at submission). */
  feeBearing: boolean;
  /** Fee-bearing and paid online (`record_payment` not marked `online: false`). */
  paidOnline: boolean;
  /** Finished by a result (its decision is an `issue_result`, not a refusal). */
  resultIssued: boolean;
  /** Its result is electronic (`issue_result` not marked `electronic: false`). */
  electronicResult: boolean;
  /** Received, and where its prefilled fields came from is known (not imported history). */
  registriesKnown: boolean;
  /** Received with at least one field prefilled from the national population database. */
  populationData: boolean;
};

const asAction = (a: Pick<DossierAction, "type" | "at" | "payload">): DossierAction => ({
  ...a,
  role: "system",
  actorId: "",
  channel: "online",
});

/** The decision was delivered electronically: an electronic result, or a refusal (KPIS.md). */
function electronicDecision(log: DossierKpiInput["log"]): boolean {
  const decision = log.find((a) => a.type === "issue_result" || a.type === "refuse");
  if (!decision) return false;
  return decision.type === "refuse" || decision.payload?.electronic !== false;
}

/** The decision is a result (not a refusal), and it is electronic (not marked `electronic: false`). */
function resultOf(log: DossierKpiInput["log"]): { issued: boolean; electronic: boolean } {
  const decision = log.find((a) => a.type === "issue_result" || a.type === "refuse");
  const issued = decision?.type === "issue_result";
  return { issued, electronic: issued && decision?.payload?.electronic !== false };
}

/** The fee was paid online: a bank's confirmation (`record_payment` not marked `online: false`). */
function paidOnline(log: DossierKpiInput["log"]): boolean {
  return log.some((a) => a.type === "record_payment" && a.payload?.online !== false);
}

/** KPIS.md, for one dossier. Pure; throws CalendarYearMissingError past the calendar's data. */
export function dossierFacts(d: DossierKpiInput): DossierFacts {
  const state = reduce(d.log.map(asAction));
  // A head's refusal counts as a withdrawal does (`endedByHeadRefusal`): not received, never finished.
  const withdrawn = state.status === "withdrawn" || endedByHeadRefusal(d.log);
  const received = state.receivedAt !== null && !withdrawn;
  const decidedAt = withdrawn ? null : state.decidedAt;
  const online = ONLINE_CHANNELS.has(d.channel);
  const reuse = d.fieldsPrefilled > 0 || d.componentsReplaced > 0;
  let onTime = false;
  let processingMillis = 0;
  const instants = dueInstantsOf(state);
  if (decidedAt && state.receivedAt && state.legalDueAt && instants) {
    const clock = clockOf({
      status: state.status,
      receivedAt: state.receivedAt,
      legalDueAt: state.legalDueAt,
      instants,
      pauses: state.pauses,
      supplementRequests: state.supplementRequests,
      decidedAt,
      finishedAt: state.finishedAt,
      now: decidedAt,
    });
    onTime = clock.finishedOnTime === true;
    processingMillis = clock.usedWorkingMillis;
  }
  // The apology counts when sent before the (moved) due instant the dossier was late against.
  const apologizedInTime =
    decidedAt !== null &&
    !onTime &&
    instants !== null &&
    d.log.some((a) => a.type === "apologize" && a.at.getTime() <= instants.dueAt.getTime());
  const electronic = electronicDecision(d.log);
  const noPaper = d.paperComponents === 0;
  const finished = decidedAt !== null;
  const result = resultOf(d.log);
  const feeBearing = finished && state.fee > 0;
  const registriesKnown = received && d.registries !== null && d.registries !== undefined;
  return {
    receivedOn: received && state.receivedAt ? localDate(state.receivedAt) : null,
    online,
    reuse,
    decidedOn: decidedAt ? localDate(decidedAt) : null,
    onTime: finished && onTime,
    fullyOnline: finished && online && noPaper && (state.fee === 0 || paidOnline(d.log)) && electronic,
    digitised: finished && noPaper && electronic,
    processingMillis: finished ? processingMillis : 0,
    rating: d.rating,
    complained:
      finished &&
      ((d.rating !== null && d.rating <= 2) || d.complaint || d.log.some((a) => a.type === "complain")),
    complaints: complaintCells(d.log),
    apologizedInTime: finished && apologizedInTime,
    feeBearing,
    paidOnline: feeBearing && paidOnline(d.log),
    resultIssued: finished && result.issued,
    electronicResult: finished && result.electronic,
    registriesKnown,
    populationData: registriesKnown && (d.registries ?? []).includes("population"),
  };
}

/** Sums of facts over dossiers: what the rollups store per place, procedure and day. */
export type KpiSums = {
  received: number;
  receivedOnline: number;
  receivedReuse: number;
  finished: number;
  onTime: number;
  fullyOnline: number;
  digitised: number;
  processingMillis: number;
  rated: number;
  satisfied: number;
  complained: number;
  /** Late finished dossiers whose apology was sent before their due instant. */
  lateApologized: number;
  /** Finished dossiers with a fee; of them, those paid online. */
  feeBearing: number;
  paidOnline: number;
  /** Finished dossiers decided by a result; of them, those with an electronic result. */
  resultsIssued: number;
  resultsElectronic: number;
  /** Received dossiers whose prefill registries are known; of them, those using population data. */
  receivedRegistriesKnown: number;
  receivedPopulation: number;
  /** Complaints on their outcome's day (`ComplaintCell`); of them answered on time; still open. */
  complaintsDue: number;
  complaintsOnTime: number;
  complaintsOpen: number;
};
export const KPI_SUM_KEYS = [
  "received",
  "receivedOnline",
  "receivedReuse",
  "finished",
  "onTime",
  "fullyOnline",
  "digitised",
  "processingMillis",
  "rated",
  "satisfied",
  "complained",
  "lateApologized",
  "feeBearing",
  "paidOnline",
  "resultsIssued",
  "resultsElectronic",
  "receivedRegistriesKnown",
  "receivedPopulation",
  "complaintsDue",
  "complaintsOnTime",
  "complaintsOpen",
] as const satisfies readonly (keyof KpiSums)[];

export const ZERO_SUMS: KpiSums = Object.fromEntries(KPI_SUM_KEYS.map((k) => [k, 0])) as KpiSums;

/**
 * A dossier's facts as sums on the day of each event: its receipt's day, its decision's day, and
 * the day each of its complaints' outcome is known.
 */
export function factCells(f: DossierFacts): Array<{ day: string; sums: KpiSums }> {
  const cells: Array<{ day: string; sums: KpiSums }> = [];
  if (f.receivedOn) {
    cells.push({
      day: f.receivedOn,
      sums: {
        ...ZERO_SUMS,
        received: 1,
        receivedOnline: +f.online,
        receivedReuse: +f.reuse,
        receivedRegistriesKnown: +f.registriesKnown,
        receivedPopulation: +f.populationData,
      },
    });
  }
  if (f.decidedOn) {
    const rated = f.rating !== null;
    cells.push({
      day: f.decidedOn,
      sums: {
        ...ZERO_SUMS,
        finished: 1,
        onTime: +f.onTime,
        fullyOnline: +f.fullyOnline,
        digitised: +f.digitised,
        processingMillis: f.processingMillis,
        rated: +rated,
        satisfied: +(rated && (f.rating ?? 0) >= 4),
        complained: +f.complained,
        lateApologized: +f.apologizedInTime,
        feeBearing: +f.feeBearing,
        paidOnline: +f.paidOnline,
        resultsIssued: +f.resultIssued,
        resultsElectronic: +f.electronicResult,
      },
    });
  }
  for (const c of f.complaints ?? [])
    cells.push({
      day: c.day,
      sums: { ...ZERO_SUMS, complaintsDue: 1, complaintsOnTime: +c.onTime, complaintsOpen: +c.open },
    });
  return cells;
}

/** Adds (sign 1) or removes (sign −1) `b` to `a`. */
export function addSums(a: KpiSums, b: KpiSums, sign: 1 | -1 = 1): KpiSums {
  return Object.fromEntries(KPI_SUM_KEYS.map((k) => [k, a[k] + sign * b[k]])) as KpiSums;
}

/**
 * What changes in the rollups when a dossier's facts go from `before` (null: none yet) to `after`:
 * one delta per day, days whose delta is all zero left out.
 */
export function factsDelta(
  before: DossierFacts | null,
  after: DossierFacts | null,
): Array<{ day: string; sums: KpiSums }> {
  const days = new Map<string, KpiSums>();
  const add = (f: DossierFacts | null, sign: 1 | -1) => {
    if (!f) return;
    for (const c of factCells(f)) days.set(c.day, addSums(days.get(c.day) ?? ZERO_SUMS, c.sums, sign));
  };
  add(before, -1);
  add(after, 1);
  return [...days]
    .filter(([, s]) => KPI_SUM_KEYS.some((k) => s[k] !== 0))
    .map(([day, sums]) => ({ day, sums }));
}

const share = (n: number, d: number): number | null => (d > 0 ? n / d : null);

/** KPIS.md's figures from sums over a period and a place. Shares with a zero denominator are null. */
export function figures(s: KpiSums): KpiFigures {
  const complaintRate = share(s.complained, s.finished);
  const late = share(s.finished - s.onTime, s.finished);
  return {
    received: s.received,
    onlineShare: share(s.receivedOnline, s.received),
    finished: s.finished,
    onTime: s.onTime,
    onTimeShare: share(s.onTime, s.finished),
    fullyOnline: s.fullyOnline,
    fullyOnlineShare: share(s.fullyOnline, s.finished),
    averageProcessingWorkingDays: share(s.processingMillis, s.finished * WORKING_DAY_MILLIS),
    reuseShare: share(s.receivedReuse, s.received),
    digitisedShare: share(s.digitised, s.finished),
    rated: s.rated,
    satisfiedShare: share(s.satisfied, s.rated),
    complaintRate,
    satisfaction766: late === null || complaintRate === null ? null : Math.max(0, 1 - (late + complaintRate)),
  };
}

/**
 * Figures the Decision 766 index reads besides KPIS.md's, from the dossiers (not in the open API,
 * whose names are exactly KPIS.md's; `/api/open/index766` carries them), each null with a zero
 * denominator:
 * - `timelyApologyShare`: of the late finished dossiers of the period, the share whose apology slip
 *   was sent at or before their due instant (source and its limits: `APOLOGY_SOURCE`, ./apology.ts);
 * - `paidOnlineShare`: of the finished dossiers with a fee, the share paid online (a bank's
 *   confirmation, `record_payment`; a fee paid at the counter is not logged live, so the
 *   denominator is the fee-bearing finished dossiers, not "the paid ones");
 * - `electronicResultShare`: of the finished dossiers decided by a result, the share whose
 *   `issue_result` is electronic (KPIS.md's rule: not marked `electronic: false`);
 * - `populationDataShare`: of the received dossiers whose prefill registries are known (imported
 *   history aside), the share with a field prefilled from the national population database;
 * - `complaintsOnTimeShare`: of the platform's complaints counted in the period (answered, or
 *   open past their due instant: src/domain/complaints.ts), the share answered by their due
 *   instant; imported complaints have no dates and are left out.
 */
export const INDEX_FIGURES = [
  "timelyApologyShare",
  "paidOnlineShare",
  "electronicResultShare",
  "populationDataShare",
  "complaintsOnTimeShare",
] as const;
export type IndexFigure = (typeof INDEX_FIGURES)[number];
export type IndexFigures = Record<IndexFigure, number | null>;

/** The index's own figures from the same sums. */
export function indexFigures(s: KpiSums): IndexFigures {
  return {
    timelyApologyShare: share(s.lateApologized, s.finished - s.onTime),
    paidOnlineShare: share(s.paidOnline, s.feeBearing),
    electronicResultShare: share(s.resultsElectronic, s.resultsIssued),
    populationDataShare: share(s.receivedPopulation, s.receivedRegistriesKnown),
    complaintsOnTimeShare: share(s.complaintsOnTime, s.complaintsDue),
  };
}
