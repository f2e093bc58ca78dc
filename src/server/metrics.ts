import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { calendarCoverage } from "../domain/calendar/index.js";
import { AppError, defineErrors } from "../kernel/errors.js";

const MetricsErrors = defineErrors({
  METRICS_TOKEN_REQUIRED: {
    status: 401,
    vi: "Số liệu giám sát cần mã truy cập: gửi tiêu đề Authorization: Bearer <METRICS_TOKEN>.",
    en: "The monitoring metrics need their token: send the header Authorization: Bearer <METRICS_TOKEN>.",
  },
});

const digest = (s: string) => createHash("sha256").update(s).digest();

/**
 * Who may read /metrics. With METRICS_TOKEN set: a request with `Authorization: Bearer <token>`
 * (compared in constant time), from anywhere. Without it: with DEMO on, a request whose peer is
 * this machine (127.0.0.1, ::1) and that no proxy forwarded (no `Forwarded`, `X-Forwarded-For` or
 * `X-Real-IP` (nginx's):
 * a reverse proxy on the same host makes every visitor's peer 127.0.0.1); with DEMO off, nobody.
 * The figures (queue depths, routes, failure counts, process memory) tell an outsider how the
 * national system is doing and where it hurts, so an operator expects them behind a credential,
 * as node_exporter and Prometheus's own scrape configs do (`authorization: credentials`).
 */
export function mayReadMetrics(
  req: FastifyRequest,
  opts: { token?: string | undefined; demo: boolean },
): boolean {
  const auth = req.headers.authorization;
  if (opts.token) {
    const given = typeof auth === "string" && /^Bearer /i.test(auth) ? auth.slice(7).trim() : "";
    return timingSafeEqual(digest(given), digest(opts.token));
  }
  if (!opts.demo) return false;
  const peer = req.socket.remoteAddress ?? "";
  const local = peer === "127.0.0.1" || peer === "::1" || peer === "::ffff:127.0.0.1";
  return local && !req.headers.forwarded && !req.headers["x-forwarded-for"] && !req.headers["x-real-ip"];
}

/**
 * Prometheus metrics at /metrics: process defaults, HTTP request durations by route, the modules'
 * own (`collect`: delivery's queue depth, oldest pending age, deliveries and failures), and when the
 * working-day calendar data runs out (alert on `mot_lan_calendar_last_covered_day_seconds - time()
 * < 90 * 86400`: after that instant every due-date computation answers 503). Only for whom
 * `mayReadMetrics` allows; others get 401 METRICS_TOKEN_REQUIRED (bilingual).
 */
export const metricsPlugin = fp(
  async (
    app: FastifyInstance,
    opts: { collect?: (r: Registry) => void; token?: string | undefined; demo: boolean },
  ) => {
    const registry = new Registry();
    // Metrics of the modules (delivery: queue depth, oldest pending message, deliveries, failures).
    opts.collect?.(registry);
    collectDefaultMetrics({ register: registry });
    const duration = new Histogram({
      name: "http_request_duration_seconds",
      help: "HTTP request duration by method, route and status",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
    new Gauge({
      name: "mot_lan_calendar_last_covered_day_seconds",
      help: "End of the last day covered by the working-day calendar data (Unix time, seconds)",
      registers: [registry],
    }).set(calendarCoverage(new Date()).coveredUntil.getTime() / 1000);
    app.addHook("onResponse", async (req, reply) => {
      duration.observe(
        { method: req.method, route: req.routeOptions.url ?? "unmatched", status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });
    app.get("/metrics", { schema: { hide: true }, config: { ownBearer: true } }, async (req, reply) => {
      if (!mayReadMetrics(req, opts)) {
        reply.header("www-authenticate", 'Bearer realm="metrics"');
        throw new AppError(MetricsErrors.METRICS_TOKEN_REQUIRED);
      }
      return reply.type(registry.contentType).send(await registry.metrics());
    });
  },
);
