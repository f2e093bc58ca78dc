import Fastify from "fastify";
import type { Queryable } from "../db/client.js";
import { type Delivery, registerDeliveryMetrics } from "../modules/delivery/index.js";
import { sendError } from "./http-errors.js";
import { metricsPlugin } from "./metrics.js";

/**
 * The /metrics of a separate dispatcher (`npm run dispatcher`, DISPATCHER_METRICS_PORT): the
 * deliveries and failures per topic are counted in the process that delivers, so with
 * OUTBOX_DISPATCHER=separate the server's /metrics has none and each dispatcher serves its own.
 * The same series as the server's (`registerDeliveryMetrics`: `mot_lan_outbox_deliveries_total`,
 * `mot_lan_outbox_failures_total`, queue depths, oldest pending age; process defaults) behind the
 * same rule (`metricsPlugin`/`mayReadMetrics`: METRICS_TOKEN as a bearer token; without it, DEMO on
 * and this machine only; else 401 METRICS_TOKEN_REQUIRED). `port` 0 takes a free port; `host`
 * defaults to 127.0.0.1 in the configuration. Resolves with the port bound and a `close`.
 */
export async function startDispatcherMetrics(o: {
  db: Queryable;
  delivery: Delivery;
  now: () => Date;
  token: string | undefined;
  demo: boolean;
  host: string;
  port: number;
}): Promise<{ port: number; close: () => Promise<void> }> {
  const app = Fastify({ logger: false });
  app.setErrorHandler((err, req, reply) => sendError(err, req, reply));
  await app.register(metricsPlugin, {
    token: o.token,
    demo: o.demo,
    collect: (registry) => registerDeliveryMetrics(registry, { db: o.db, delivery: o.delivery, now: o.now }),
  });
  await app.listen({ host: o.host, port: o.port });
  const address = app.server.address();
  return {
    port: typeof address === "object" && address ? address.port : o.port,
    close: () => app.close(),
  };
}
