import type { FastifyInstance } from "fastify";
import type { Config } from "../config.js";

/**
 * The server's pino options: the level, secrets redacted, and readable lines in a terminal
 * (pino-pretty, `LOG_FORMAT=pretty`, the default outside production) or one JSON object a line
 * (`LOG_FORMAT=json`, the default with NODE_ENV=production, for log collectors).
 */
export function loggerOptions(config: Pick<Config, "logLevel" | "logFormat">) {
  return {
    level: config.logLevel,
    redact: ["req.headers.authorization", "req.headers.cookie", 'res.headers["set-cookie"]'],
    ...(config.logFormat === "pretty"
      ? {
          transport: {
            target: "pino-pretty",
            options: { translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname", singleLine: true },
          },
        }
      : {}),
  };
}

/**
 * Whether Fastify logs every request itself (two lines each, "incoming" and "completed"): yes for
 * JSON logs (collectors want them), no in a terminal, where `logRequests` writes one short line.
 */
export const fastifyRequestLogging = (config: Pick<Config, "logFormat">): boolean =>
  config.logFormat === "json";

/**
 * In a terminal (`LOG_FORMAT=pretty`) one line per request, "GET /api/x 200 12 ms": at debug level
 * (hidden at the default `info`, so the demo accounts printed at start do not scroll away), a
 * refusal (4xx) at info, a server error (5xx) at warn.
 */
export function logRequests(app: FastifyInstance, config: Pick<Config, "logFormat">): void {
  if (fastifyRequestLogging(config)) return;
  app.addHook("onResponse", async (req, reply) => {
    const status = reply.statusCode;
    const line = `${req.method} ${req.url} ${status} ${Math.round(reply.elapsedTime)} ms`;
    if (status >= 500) req.log.warn(line);
    else if (status >= 400) req.log.info(line);
    else req.log.debug(line);
  });
}
