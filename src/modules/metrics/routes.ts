import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/client.js";
import {
  KpiDrill,
  KpiDrillQuery,
  LeaderForecast,
  LeaderForecastQuery,
  OPEN_KPI_COLUMNS,
  OpenDossiers,
  OpenDossiersQuery,
  OpenIndex766,
  OpenKpiQuery,
  OpenKpis,
  OpenKpiTable,
  OpenKpiTableQuery,
} from "../../domain/api/kpis.js";
import { LeaderDossiers, LeaderDossiersQuery, LeaderOverview } from "../../domain/api/leader.js";
import { index766OfSums } from "../../domain/index766.js";
import { actorOf, type Principal } from "../../domain/principal.js";
import { AppError } from "../../kernel/errors.js";
import { requirePrincipal } from "../../kernel/guards.js";
import { errorResponses } from "../../kernel/schemas.js";
import { audit } from "../audit/index.js";
import { observeDossiers } from "../dossiers/index.js";
import { findCommune } from "../units/index.js";
import { kpiDrill } from "./drill.js";
import { kpiFigures, kpiSums, kpiTable } from "./figures.js";
import { leaderForecast, openDossiersDrill } from "./forecast.js";
import { leaderDossiers, leaderOverview } from "./leader.js";
import { onDossierChange } from "./rollups.js";

/** One CSV line (RFC 4180): fields with a comma, quote or line break are quoted. */
function csvLine(values: readonly unknown[]): string {
  return values
    .map((v) => {
      const s = v === null || v === undefined ? "" : String(v);
      return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
    })
    .join(",");
}

/**
 * Open figures as CSV: the header line (JSON names), then a line per place (empty for null). A
 * table's rows carry the place's names (`name` Vietnamese, `nameEn`) right after its code.
 */
export function openKpisCsv(
  rows: readonly (OpenKpis & { name?: string; nameEn?: string })[],
  names = false,
): string {
  const columns: readonly string[] = names
    ? [...OPEN_KPI_COLUMNS.slice(0, 2), "name", "nameEn", ...OPEN_KPI_COLUMNS.slice(2)]
    : OPEN_KPI_COLUMNS;
  return [columns, ...rows.map((k) => columns.map((c) => (k as Record<string, unknown>)[c]))]
    .map((l) => `${csvLine(l)}\r\n`)
    .join("");
}

/** The 200 answer of an open route: JSON by its schema, or CSV (documented as text/csv in the OpenAPI). */
const jsonOrCsv = (json: z.ZodType) => ({
  description: "JSON (default), or CSV with `format=csv` or `Accept: text/csv`",
  content: {
    "application/json": { schema: json },
    "text/csv": {
      schema: z.string().meta({ description: "A header line of the JSON names, then a line per place" }),
    },
  },
});

/** CSV asked for: `format=csv`, or `Accept: text/csv` without `format=json`. */
const wantsCsv = (format: string | undefined, accept: string | undefined) =>
  format === "csv" || (format !== "json" && /\btext\/csv\b/.test(accept ?? ""));

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
      return audited(req, `kpis:${q.figure}/${q.part}`, q, (p) => kpiDrill(opts.db, p, q), {
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
          400: errorResponses[400],
        },
      },
    },
    async (req, reply) => {
      const { level, code, from, to, procedure, agency, format } = req.query;
      const k = await kpiFigures(opts.db, { level, code, procedure, agency }, { from, to });
      reply.header("cache-control", "public, max-age=5");
      const wantsCsv =
        format === "csv" || (format !== "json" && /\btext\/csv\b/.test(req.headers.accept ?? ""));
      if (!wantsCsv) return k;
      const name = `kpis-${level}${code ? `-${code}` : ""}-${from}-${to}.csv`;
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${name}"`)
        .send(openKpisCsv([k]));
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
          400: errorResponses[400],
        },
      },
    },
    async (req, reply) => {
      const { level, code, from, to, procedure, agency, format } = req.query;
      reply.header("cache-control", "public, max-age=5");
      const table = await kpiTable(opts.db, { level, province: code, procedure, agency }, { from, to });
      if (!wantsCsv(format, req.headers.accept)) return table;
      return reply
        .type("text/csv; charset=utf-8")
        .header(
          "content-disposition",
          `attachment; filename="kpis-${level}${code ? `-${code}` : ""}-${from}-${to}.csv"`,
        )
        .send(openKpisCsv(table.rows, true));
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
          "Each indicator's value, threshold, points earned and lost; the total of the measured indicators; no grade while an indicator is not measured.",
        querystring: OpenKpiQuery,
        response: { 200: OpenIndex766, 400: errorResponses[400] },
      },
    },
    async (req) => {
      const { level, code, from, to, procedure, agency } = req.query;
      const scope = { level, code, procedure, agency };
      const sums = await kpiSums(opts.db, scope, { from, to });
      const at = level === "national" ? null : (code ?? null);
      // The same scoring as the rankings' rows (`kpiTable`): publicity group included.
      return { level, code: at, from, to, ...index766OfSums(sums, to) };
    },
  );
}
