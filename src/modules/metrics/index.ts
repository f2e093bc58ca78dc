/** Metrics: KPIs computed from the dossiers' logs and projections (KPIS.md), for leaders and the public. */

export { catalogueAt } from "./catalogue.js";
export { openKpisCsv } from "./csv.js";
export { kpiDrill } from "./drill.js";
export { MetricsErrors } from "./errors.js";
export { type KpiScope, kpiFigures, kpiSums, kpiTable, splitPeriod } from "./figures.js";
export { leaderDossiers, leaderOverview } from "./leader.js";
export {
  dailySnapshot,
  monthlySnapshot,
  type RebuildProgress,
  rebuildKpis,
  recordHistoryFacts,
} from "./rebuild.js";
export { onDossierChange } from "./rollups.js";
export { metricsRoutes } from "./routes.js";
