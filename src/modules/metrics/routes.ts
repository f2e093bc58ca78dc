import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/client.js";
import { OPEN_KPI_COLUMNS, OpenKpiQuery, OpenKpis } from "../../domain/api/kpis.js";
import { LeaderOverview } from "../../domain/api/leader.js";
import { requirePrincipal } from "../../kernel/guards.js";
import { errorResponses } from "../../kernel/schemas.js";
import { kpiFigures } from "./figures.js";
import { leaderOverview } from "./leader.js";

/** One CSV line (RFC 4180): fields with a comma, quote or line break are quoted. */
function csvLine(values: readonly unknown[]): string {
  return values
    .map((v) => {
      const s = v === null || v === undefined ? "" : String(v);
      return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
    })
    .join(",");
}

/** The open figures as CSV: the header line (JSON names), then the values (empty for null). */
export function openKpisCsv(k: OpenKpis): string {
  return `${csvLine(OPEN_KPI_COLUMNS)}\r\n${csvLine(OPEN_KPI_COLUMNS.map((c) => k[c]))}\r\n`;
}

/** Leaders' figures, computed from the dossiers themselves; `now` is their clock (tests inject one). */
export async function metricsRoutes(
  appBase: FastifyInstance,
  opts: { db: Db; now?: () => Date; publicRateLimit?: number },
) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const now = opts.now ?? (() => new Date());
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
          200: OpenKpis.or(z.string().meta({ description: "text/csv" })),
          400: errorResponses[400],
        },
      },
    },
    async (req, reply) => {
      const { level, code, from, to, procedure, format } = req.query;
      const k = await kpiFigures(opts.db, { level, code, procedure }, { from, to });
      reply.header("cache-control", "public, max-age=5");
      const wantsCsv =
        format === "csv" || (format !== "json" && /\btext\/csv\b/.test(req.headers.accept ?? ""));
      if (!wantsCsv) return k;
      const name = `kpis-${level}${code ? `-${code}` : ""}-${from}-${to}.csv`;
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${name}"`)
        .send(openKpisCsv(k));
    },
  );
}
