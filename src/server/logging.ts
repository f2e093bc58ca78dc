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
