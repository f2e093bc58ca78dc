// Over 400 lines: the leaders' and open KPI routes with their OpenAPI texts and the CSV they share.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
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
import { kpiDrill } from "./drill.js";
import { kpiFigures, kpiSeries, kpiSums, kpiTable } from "./figures.js";
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

/** CSV text: a line per row, each ended by CRLF (RFC 4180). */
const csvText = (rows: readonly (readonly unknown[])[]): string =>
  rows.map((l) => `${csvLine(l)}\r\n`).join("");

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
  return csvText([columns, ...rows.map((k) => columns.map((c) => (k as Record<string, unknown>)[c]))]);
}

/** The columns of the Decision 766 index as CSV (`GET /api/open/index766?format=csv`). */
export const INDEX766_CSV_COLUMNS = [
  "group",
  "indicator",
  "value",
  "threshold",
  "points",
  "max",
  "lost",
  "source_vi",
  "source_en",
  "confirmed",
  "measured",
] as const;

/**
 * The Decision 766 index card as CSV: the header, then a line per indicator: its group's and its
 * own id, its value and threshold (fractions; empty when not measured or informational), the points earned of its maximum, the points lost,
 * its source in Vietnamese and in English (`sourceVi`, `source`), whether the decision's text confirms it, and whether it is measured (false: "chưa đo được / not measured", its points out of `measuredPoints`) (the JSON's `score`, `points`, `fullAt`, `measured`).
 */
export function index766Csv(card: ReturnType<typeof explainIndex766>): string {
  const rows = card.groups.flatMap((g) =>
    g.indicators.map((i) => [
      g.id,
      i.id,
      i.value,
      i.fullAt,
      i.score,
      i.points,
      i.lost,
      i.sourceVi,
      i.source,
      i.confirmed,
      i.measured,
    ]),
  );
  return csvText([INDEX766_CSV_COLUMNS, ...rows]);
}

/**
 * The file name of an open CSV: what it holds, narrowings included, so a file of one agency or
 * procedure never passes for the whole (`kpis-national-cong-an-2026-01-01-2026-12-31.csv`;
 * procedure codes are [0-9A-Z.-]).
 */
export function openCsvName(
  q: {
    level: string;
    code?: string | undefined;
    procedure?: string | undefined;
    agency?: string | undefined;
    from: string;
    to: string;
  },
  what: "kpis" | "index766" = "kpis",
): string {
  const parts = [q.level, q.code, q.procedure?.replace(/[^\w.-]/g, "_"), q.agency, q.from, q.to];
  return `${what}-${parts.filter((p) => p).join("-")}.csv`;
}

/** The UTF-8 byte order mark: without it, Excel reads a CSV as Windows-1252 ("HÃ  Ná»™i"). */
export const UTF8_BOM = "\uFEFF";

/**
 * Every CSV the app serves goes through here: UTF-8 with its byte order mark (EF BB BF) first,
 * downloaded as `name`.
 */
export const sendCsv = (reply: FastifyReply, name: string, text: string) =>
  reply
    .type("text/csv; charset=utf-8")
    .header("content-disposition", `attachment; filename="${name}"`)
    .send(`${UTF8_BOM}${text}`);

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
