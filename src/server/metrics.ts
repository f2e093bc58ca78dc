import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { calendarCoverage } from "../domain/calendar/index.js";

/**
 * Prometheus metrics at /metrics: process defaults, HTTP request durations by route, the modules'
 * own (`collect`: delivery's queue depth, oldest pending age, deliveries and failures), and when the
 * working-day calendar data runs out (alert on `mot_lan_calendar_last_covered_day_seconds - time()
 * < 90 * 86400`: after that instant every due-date computation answers 503).
 */
export const metricsPlugin = fp(async (app: FastifyInstance, opts: { collect?: (r: Registry) => void }) => {
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
  app.get("/metrics", { schema: { hide: true } }, async (_req, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );
});
