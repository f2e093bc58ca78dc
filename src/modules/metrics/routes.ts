import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/client.js";
import {
  KpiDrill,
  KpiDrillQuery,
  LeaderForecast,
  LeaderForecastQuery,
  OpenDossiers,
  OpenDossiersQuery,
} from "../../domain/api/kpi-leader.js";
import {
  OpenIndex766,
  OpenKpiQuery,
  OpenKpiSeries,
  OpenKpiSeriesQuery,
  OpenKpis,
  OpenKpiTable,
  OpenKpiTableQuery,
} from "../../domain/api/kpis.js";
import { LeaderDossiers, LeaderDossiersQuery, LeaderOverview } from "../../domain/api/leader.js";
import { catalogueFigures } from "../../domain/catalogue-figures.js";
import { explainIndex766, index766OfSums } from "../../domain/index766.js";
import { actorOf, type Principal } from "../../domain/principal.js";
import { AppError } from "../../kernel/errors.js";
import { requirePrincipal } from "../../kernel/guards.js";
import { ErrorResponse, errorResponses } from "../../kernel/schemas.js";
import { audit } from "../audit/index.js";
import { observeDossiers } from "../dossiers/index.js";
import { findCommune } from "../units/index.js";
import { catalogueAt } from "./catalogue.js";
import { INDEX766_CSV_COLUMNS, index766Csv, openCsvName, openKpisCsv, sendCsv, wantsCsv } from "./csv.js";
import { kpiDrill } from "./drill.js";
import { kpiFigures, kpiSeries, kpiSums, kpiTable } from "./figures.js";
import { leaderForecast, openDossiersDrill } from "./forecast.js";
import { leaderDossiers, leaderOverview } from "./leader.js";
import { onDossierChange } from "./rollups.js";

/** The 200 answer of an open route: JSON by its schema, or CSV (documented as text/csv in the OpenAPI). */
const jsonOrCsv = (json: z.ZodType, csv = "A header line of the JSON names, then a line per place") => ({
  description: "JSON (default), or CSV with `format=csv` or `Accept: text/csv`",
  content: {
    "application/json": { schema: json },
    "text/csv": { schema: z.string().meta({ description: csv }) },
  },
});

/**
 * The refusals of an open route: a bad query (400), and too many requests from one address
 * (429 RATE_LIMITED, in the one error shape, Vietnamese and English; `publicRateLimit` a minute).
 */
const openErrors = { 400: errorResponses[400], 429: ErrorResponse } as const;

/**
 * Leaders' figures and open data, computed from the dossiers themselves; `now` is their clock
 * (tests inject one). Registering the routes also registers the KPI rollups as an observer of
 * every dossier change (`observeDossiers`: they move in the change's transaction).
 */
export async function metricsRoutes(
  appBase: FastifyInstance,
  opts: { db: Db; now?: () => Date; publicRateLimit?: number },
) {
  observeDossiers(onDossierChange);
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const now = opts.now ?? (() => new Date());
  /** Every drill read is audited (`kpi.drill`), allowed or denied: who listed which dossiers behind which figure. */
  const audited = async <T extends { total: number }>(
    req: FastifyRequest,
    figure: string,
    q: {
      level: string;
      code?: string | undefined;
      procedure?: string | undefined;
      agency?: string | undefined;
      offset: number;
    },
    list: (p: Principal) => Promise<T>,
    period: { from?: string; to?: string },
  ): Promise<T> => {
    const p = requirePrincipal(req);
    const province =
      q.level === "province"
        ? q.code
        : q.level === "commune" && q.code
          ? (await findCommune(opts.db, q.code))?.provinceCode
          : undefined;
    const entry = {
      actor: actorOf(p),
      action: "kpi.drill",
      resource: `${figure}/${q.level}${q.code ? `/${q.code}` : ""}`,
      provinceCode: province ?? null,
      requestId: req.id,
    };
    try {
      const drill = await list(p);
      await audit(opts.db, {
        ...entry,
        outcome: "allowed",
        detail: {
          ...period,
          procedure: q.procedure ?? null,
          agency: q.agency ?? null,
          offset: q.offset,
          total: drill.total,
        },
      });
      return drill;
    } catch (err) {
      if (err instanceof AppError && err.status === 403)
        await audit(opts.db, { ...entry, outcome: "denied" });
      throw err;
    }
  };
  app.get(
    "/api/leader/overview",
    {
      schema: {
        tags: ["workspace"],
        summary: "Leader: today's workload, overdue dossiers with who holds them, on-time share this month",
        response: { 200: LeaderOverview, ...errorResponses },
      },
    },
    async (req) => leaderOverview(opts.db, requirePrincipal(req), now()),
  );
  app.get(
    "/api/leader/overview/dossiers",
    {
      schema: {
        tags: ["workspace"],
        summary:
          "Leader: the dossiers behind one number of the overview (same predicate as the count), paginated; no personal data",
        querystring: LeaderDossiersQuery,
        response: { 200: LeaderDossiers, ...errorResponses },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const j = p.kind === "officer" ? p.jurisdiction : undefined;
      const place = j && j.level !== "country" ? { level: j.level, code: j.code } : { level: "national" };
      const q = { ...place, offset: req.query.offset };
      return audited(
        req,
        `leader:${req.query.figure}`,
        q,
        (p) => leaderDossiers(opts.db, p, req.query, now()),
        {},
      );
    },
  );
  app.get(
    "/api/leader/kpis/dossiers",
    {
      schema: {
        tags: ["workspace"],
        summary:
          "Leader: the dossiers behind one KPI figure (its numerator, or the rest of its denominator), paginated",
        querystring: KpiDrillQuery,
        response: { 200: KpiDrill, ...errorResponses },
      },
    },
    async (req) => {
      const q = req.query;
      return audited(req, `kpis:${q.figure}/${q.part}`, q, (p) => kpiDrill(opts.db, p, q, now()), {
        from: q.from,
        to: q.to,
      });
    },
  );
  app.get(
    "/api/leader/kpis/open-dossiers",
    {
      schema: {
        tags: ["workspace"],
        summary:
          "Leader: the open dossiers behind a count of the month-end forecast (expected this month, late whatever happens, can still be on time), paginated",
        querystring: OpenDossiersQuery,
        response: { 200: OpenDossiers, ...errorResponses },
      },
    },
    async (req) => {
      const q = req.query;
      return audited(req, `kpis:open.${q.part}/hit`, q, (p) => openDossiersDrill(opts.db, p, q, now()), {});
    },
  );
  app.get(
    "/api/leader/kpis/forecast",
    {
      schema: {
        tags: ["workspace"],
        summary:
          "Leader: the month-end forecast of the on-time share and the Decision 766 index from the open dossiers' clocks",
        description:
          "How many open dossiers are expected to be decided this month, how many will be late whatever happens, and how many must still be decided on time for the month to reach the 80% target (null: out of reach).",
        querystring: LeaderForecastQuery,
        response: { 200: LeaderForecast, ...errorResponses },
      },
    },
    async (req) => leaderForecast(opts.db, requirePrincipal(req), req.query, now()),
  );
  app.get(
    "/api/open/kpis",
    {
      config: opts.publicRateLimit
        ? { rateLimit: { max: opts.publicRateLimit, timeWindow: "1 minute" } }
        : {},
      schema: {
        tags: ["open data"],
        summary: "Open data: the KPIs of the nation, a province or a commune over a period (KPIS.md)",
        description:
          "Figures of shared/KPIS.md under their JSON names, summed from the rollups; no personal data. " +
          "Dates are local (UTC+7), both inclusive. `format=csv` or `Accept: text/csv` answers CSV " +
          "(a header line of the same names, then the values; null is empty).",
        querystring: OpenKpiQuery,
        response: {
          200: jsonOrCsv(OpenKpis),
          ...openErrors,
        },
      },
    },
    async (req, reply) => {
      const { level, code, from, to, procedure, agency, format } = req.query;
      const k = await kpiFigures(opts.db, { level, code, procedure, agency }, { from, to }, now());
      reply.header("cache-control", "public, max-age=5");
      if (!wantsCsv(format, req.headers.accept)) return k;
      return sendCsv(reply, openCsvName(req.query), openKpisCsv([k]));
    },
  );
  app.get(
    "/api/open/kpis/months",
    {
      config: opts.publicRateLimit
        ? { rateLimit: { max: opts.publicRateLimit, timeWindow: "1 minute" } }
        : {},
      schema: {
        tags: ["open data"],
        summary: "Open data: the KPIs of a place month by month over a period (a trend in one request)",
        description:
          "The period cut at month boundaries (at most 36 months; the first and last months cut to the period): " +
          "each month's figures are exactly what /api/open/kpis answers for it, summed from the same rollups.",
        querystring: OpenKpiSeriesQuery,
        response: { 200: OpenKpiSeries, ...openErrors },
      },
    },
    async (req, reply) => {
      const { level, code, from, to, procedure, agency } = req.query;
      reply.header("cache-control", "public, max-age=5");
      return kpiSeries(opts.db, { level, code, procedure, agency }, { from, to }, now());
    },
  );
  app.get(
    "/api/open/kpis/table",
    {
      config: opts.publicRateLimit
        ? { rateLimit: { max: opts.publicRateLimit, timeWindow: "1 minute" } }
        : {},
      schema: {
        tags: ["open data"],
        summary: "Open data: the KPIs of every province, or of every commune of a province, over a period",
        description: "`format=csv` or `Accept: text/csv` answers CSV: a header line, then a line per place.",
        querystring: OpenKpiTableQuery,
        response: {
          200: jsonOrCsv(OpenKpiTable),
          ...openErrors,
        },
      },
    },
    async (req, reply) => {
      const { level, code, from, to, procedure, agency, format } = req.query;
      reply.header("cache-control", "public, max-age=5");
      const table = await kpiTable(
        opts.db,
        { level, province: code, procedure, agency },
        { from, to },
        now(),
      );
      if (!wantsCsv(format, req.headers.accept)) return table;
      return sendCsv(reply, openCsvName(req.query), openKpisCsv(table.rows, true));
    },
  );
  app.get(
    "/api/open/index766",
    {
      config: opts.publicRateLimit
        ? { rateLimit: { max: opts.publicRateLimit, timeWindow: "1 minute" } }
        : {},
      schema: {
        tags: ["open data"],
        summary:
          "Open data: the Decision 766 index of a place over a period (versioned points and thresholds)",
        description:
          "Each indicator's value, threshold, points earned and lost, its legal source and whether the decision's text confirms it (`confirmed`); the grade bands used (those between 50 and 90 are unconfirmed placeholders); the total of the measured indicators (null when the place had no dossier received or finished in the period); no grade while an indicator is not measured. " +
          'An indicator the platform cannot measure has `measured: false` (value, score and lost null, shown as "chưa đo được / not measured") and its points are left out of `measuredPoints`; an informational one (`informational: true`, e.g. the average processing time, for which no threshold is known) has no points. A catalogue indicator (the procedures offered fully online, the fee-bearing ones paid online) lists the procedures that lost its points (`lostProcedures`); the others open the dossiers that did (`lostDrill`). ' +
          "`format=csv` or `Accept: text/csv` answers CSV: a line per indicator (group, indicator, value, threshold, points, max, lost, source_vi, source_en, confirmed, measured; null is empty).",
        querystring: OpenKpiQuery,
        response: {
          200: jsonOrCsv(
            OpenIndex766,
            `A header line (${INDEX766_CSV_COLUMNS.join(", ")}), then a line per indicator`,
          ),
          ...openErrors,
        },
      },
    },
    async (req, reply) => {
      const { level, code, from, to, procedure, agency, format } = req.query;
      const scope = { level, code, procedure, agency };
      const sums = await kpiSums(opts.db, scope, { from, to }, now());
      const at = level === "national" ? null : (code ?? null);
      // The same scoring as the rankings' rows (`kpiTable`): publicity group included.
      const catalogue = await catalogueAt(opts.db, to, scope);
      const card = explainIndex766(index766OfSums(sums, to, catalogueFigures(catalogue)), catalogue);
      if (!wantsCsv(format, req.headers.accept)) return { level, code: at, from, to, ...card };
      return sendCsv(reply, openCsvName(req.query, "index766"), index766Csv(card));
    },
  );
}
