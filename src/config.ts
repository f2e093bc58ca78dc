import path from "node:path";
import { z } from "zod";

/** Runtime configuration, read once from the environment. */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATA_DIR: z.string().default("./.data"),
  DATABASE_URL: z.string().url().optional(),
  /** Public base URL of this server, used as OIDC redirect base and issuer of the demo provider. */
  PUBLIC_URL: z.string().url().optional(),
  /** External OIDC provider; when unset the built-in demo provider at /oidc is used. */
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().default("mot-lan-web"),
  OIDC_CLIENT_SECRET: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DEMO_SEED: z.enum(["auto", "off"]).default("auto"),
  RATE_LIMIT_SIGNIN_PER_MINUTE: z.coerce.number().int().positive().default(30),
  RATE_LIMIT_PUBLIC_PER_MINUTE: z.coerce.number().int().positive().default(300),
  /** /readyz warns when the working-day calendar data ends within this many days. */
  CALENDAR_WARN_DAYS: z.coerce.number().int().min(0).default(90),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  oidcIssuer: string | undefined;
  oidcClientId: string;
  oidcClientSecret: string | undefined;
  logLevel: z.infer<typeof Env>["LOG_LEVEL"];
  demoSeed: "auto" | "off";
  rateLimitSignInPerMinute: number;
  rateLimitPublicPerMinute: number;
  calendarWarnDays: number;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const e = Env.parse(env);
  const port = overrides.port ?? e.PORT;
  return {
    port,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ""),
    oidcIssuer: e.OIDC_ISSUER,
    oidcClientId: e.OIDC_CLIENT_ID,
    oidcClientSecret: e.OIDC_CLIENT_SECRET,
    logLevel: e.LOG_LEVEL,
    demoSeed: e.DEMO_SEED,
    rateLimitSignInPerMinute: e.RATE_LIMIT_SIGNIN_PER_MINUTE,
    rateLimitPublicPerMinute: e.RATE_LIMIT_PUBLIC_PER_MINUTE,
    calendarWarnDays: e.CALENDAR_WARN_DAYS,
    ...overrides,
  };
}
