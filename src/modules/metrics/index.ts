/** Metrics: KPIs computed from the dossiers' logs and projections (KPIS.md), for leaders. */
export { leaderOverview } from "./leader.js";
export { metricsRoutes } from "./routes.js";
