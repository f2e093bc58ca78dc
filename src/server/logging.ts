import { type FastifyReply, type FastifyRequest, LogController } from "fastify";
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
 * Fastify's request lines in a terminal (`LOG_FORMAT=pretty`): one line per request, "GET /api/x
 * 200 12 ms", at debug (hidden at the default `info`, so the demo accounts printed at start do not
 * scroll away), a refusal (4xx) at info, a server error (5xx) or a failed reply at warn; no
 * "incoming request" line and no separate "route not found" line.
 */
export class TerminalLogController extends LogController {
  override incomingRequest(): void {}
  override routeNotFound(): void {}
  override requestCompleted(error: Error | null, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const status = reply.statusCode;
    const line = `${request.method} ${request.url} ${status} ${Math.round(reply.elapsedTime)} ms`;
    if (error || status >= 500) reply.log.warn(error ? { err: error } : {}, line);
    else if (status >= 400) reply.log.info(line);
    else reply.log.debug(line);
  }
}

/**
 * Fastify's log controller for the format: the terminal's one short line per request, or Fastify's
 * own request lines for JSON logs (collectors want them): `undefined`, the default.
 */
export const requestLogController = (config: Pick<Config, "logFormat">): LogController | undefined =>
  config.logFormat === "pretty" ? new TerminalLogController() : undefined;
