import path from "node:path";
import { z } from "zod";
import { type AgencyId, isAgencyId } from "./domain/agencies.js";

/**
 * A configuration the server must not start with. The message is bilingual (Vietnamese first)
 * because an operator reads it on the console; CLIs print it and exit with status 1.
 */
export class ConfigError extends Error {
  constructor(
    readonly messageVi: string,
    readonly messageEn: string,
  ) {
    super(`${messageVi}\n${messageEn}`);
    this.name = "ConfigError";
  }
}

/** A switch: on/off, 1/0, true/false, any case; anything else is refused. */
const SWITCH: Readonly<Record<string, "on" | "off">> = {
  on: "on",
  "1": "on",
  true: "on",
  off: "off",
  "0": "off",
  false: "off",
};
const onOff = z.string().transform((v, ctx) => {
  const value = SWITCH[v.trim().toLowerCase()];
  if (!value) ctx.addIssue({ code: "custom", message: "on/off" });
  return value ?? "off";
});
/** What each variable accepts, for the bilingual message when its value is invalid. */
const EXPECTED: Readonly<Record<string, [vi: string, en: string]>> = {
  DEMO: ["on/off, 1/0 hoặc true/false", "on/off, 1/0 or true/false"],
  DEMO_SEED: ["auto hoặc off", "auto or off"],
  PORT: ["số nguyên từ 0 đến 65535", "a whole number from 0 to 65535"],
  DISPATCHER_METRICS_PORT: ["số nguyên từ 0 đến 65535", "a whole number from 0 to 65535"],
  LOG_LEVEL: [
    "fatal, error, warn, info, debug, trace hoặc silent",
    "fatal, error, warn, info, debug, trace or silent",
  ],
  LOG_FORMAT: ["pretty hoặc json", "pretty or json"],
  METRICS_TOKEN: ["một chuỗi bí mật dài ít nhất 16 ký tự", "a secret of at least 16 characters"],
};
/** Variables whose value is a secret: never repeated in an error message. */
const SECRETS: ReadonlySet<string> = new Set(["METRICS_TOKEN", "OIDC_CLIENT_SECRET"]);
const millis = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

/** Runtime configuration, read once from the environment. */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATA_DIR: z.string().default("./.data"),
  DATABASE_URL: z.string().url().optional(),
  /** Public base URL of this server, used as OIDC redirect base and issuer of the demo provider. */
  PUBLIC_URL: z.string().url().optional(),
  /** External OIDC provider; required when DEMO is off. */
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().default("mot-lan-web"),
  OIDC_CLIENT_SECRET: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Logs as readable lines (pino-pretty) or as JSON, one object a line. */
  LOG_FORMAT: z.enum(["pretty", "json"]).optional(),
  NODE_ENV: z.string().optional(),
  /** The demo switch: demo bank, demo SMS outbox, passwordless provider, demo keys and population. */
  DEMO: onOff.optional(),
  /** With DEMO on: `off` keeps the demo machinery but seeds no demo population or accounts. */
  DEMO_SEED: z.enum(["auto", "off"]).default("auto"),
  /** Key file (JSON, mode 0600) outside the database; default `<DATA_DIR>/keys.json`. */
  KEY_FILE: z.string().optional(),
  SESSION_KEY: z.string().optional(),
  OTP_KEY: z.string().optional(),
  RESULT_SIGNING_KEY: z.string().optional(),
  BANK_CALLBACK_KEY: z.string().optional(),
  /** Ed25519 private key (PKCS#8 PEM) that signs the checkpoints of the hash-chained logs. */
  LEDGER_SIGNING_KEY: z.string().optional(),
  /** Seconds between checkpoints of the hash chains written by the server (0: none). */
  LEDGER_CHECKPOINT_SECONDS: z.coerce.number().int().min(0).default(600),
  /** The append-only file outside the database where each signed checkpoint is also written. */
  LEDGER_ANCHOR_FILE: z.string().optional(),
  /** External agencies: `<agency>=<url>` pairs, comma-separated (`bhxh=https://…/messages`). */
  AGENCY_ENDPOINTS: z.string().default(""),
  /** Attempts to post a message to an external agency before it counts as failed. */
  AGENCY_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(4),
  /** One attempt's time limit. */
  AGENCY_TIMEOUT_MS: millis(10_000),
  RATE_LIMIT_SIGNIN_PER_MINUTE: z.coerce.number().int().positive().default(30),
  RATE_LIMIT_PUBLIC_PER_MINUTE: z.coerce.number().int().positive().default(300),
  /** Whole request (headers and body) must arrive within this time. */
  REQUEST_TIMEOUT_MS: millis(300_000),
  /** Headers must arrive within this time. */
  HEADERS_TIMEOUT_MS: millis(20_000),
  /** A connection silent for this long (e.g. a stalled body) is closed. */
  IDLE_TIMEOUT_MS: millis(30_000),
  KEEP_ALIVE_TIMEOUT_MS: millis(5_000),
  /** Uploads one principal may have in flight at once; the next one gets 429. */
  UPLOADS_PER_PRINCIPAL: z.coerce.number().int().positive().default(3),
  /** /readyz warns when the working-day calendar data ends within this many days. */
  CALENDAR_WARN_DAYS: z.coerce.number().int().min(0).default(90),
  /** Delivery of the outbox: attempts before a message is dead, backoff, claim, pause, readiness, retention. */
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  OUTBOX_RETRY_BASE_SECONDS: z.coerce.number().positive().default(10),
  OUTBOX_RETRY_MAX_SECONDS: z.coerce.number().positive().default(3600),
  OUTBOX_LEASE_SECONDS: z.coerce.number().positive().default(120),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).default(1000),
  OUTBOX_MAX_AGE_SECONDS: z.coerce.number().int().min(1).default(600),
  OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(0).default(90),
  /** Where the outbox is delivered: in the server process, or by `npm run dispatcher` (a server database only). */
  OUTBOX_DISPATCHER: z.enum(["in-process", "separate"]).default("in-process"),
  /** `npm run dispatcher` serves its /metrics on this port (unset: not served) and host. */
  DISPATCHER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  DISPATCHER_METRICS_HOST: z.string().min(1).default("127.0.0.1"),
  /** E-mail notifications: the SMTP server (smtp://user:pass@host:587) and the sender. */
  SMTP_URL: z.string().url().optional(),
  SMTP_FROM: z.string().min(3).default("Một Lần <no-reply@localhost>"),
  /** SMS notifications and one-time codes: the HTTP gateway (POST JSON) and its bearer token. */
  SMS_GATEWAY_URL: z.string().url().optional(),
  SMS_GATEWAY_TOKEN: z.string().optional(),
  /** The token the gateway presents (x-sms-gateway-token) with its delivery reports (POST /api/sms/delivery-reports). */
  SMS_GATEWAY_CALLBACK_TOKEN: z.string().min(16).optional(),
  /** The bearer token a Prometheus scraper presents at /metrics (16+ characters). */
  METRICS_TOKEN: z.string().min(16).optional(),
});

/** How the outbox is delivered (milliseconds), how late is degraded, how long delivered messages stay. */
export type OutboxConfig = {
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  leaseMs: number;
  pollMs: number;
  maxAgeSeconds: number;
  retentionDays: number;
  /** "separate": the server delivers nothing itself; `npm run dispatcher` does, in its own process. */
  dispatcher: "in-process" | "separate";
  /** Where `npm run dispatcher` serves its own /metrics (port undefined: it serves none). */
  metrics: { port: number | undefined; host: string };
};

export type Timeouts = { requestMs: number; headersMs: number; idleMs: number; keepAliveMs: number };

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
  /** "pretty" (readable lines, the default outside production) or "json" (the default with NODE_ENV=production). */
  logFormat: "pretty" | "json";
  /** DEMO switch: on by default, off when NODE_ENV=production. */
  demo: boolean;
  /** Seed the demo population and accounts on start (DEMO on and DEMO_SEED not off). */
  seedDemo: boolean;
  keyFile: string;
  /** Keys given in the environment; they win over the key file. */
  keys: {
    session: string | undefined;
    otp: string | undefined;
    resultSigning: string | undefined;
    bankCallback: string | undefined;
    ledgerSigning: string | undefined;
  };
  /** Seconds between the server's checkpoints of the hash chains; 0 writes none. */
  ledgerCheckpointSeconds: number;
  /** Every signed checkpoint is appended here too (outside the database); audit:verify compares. */
  ledgerAnchorFile: string;
  /** Agencies run outside this platform, with the URL their messages are posted to. */
  agencyEndpoints: Partial<Record<AgencyId, string>>;
  agencyAttempts: number;
  agencyTimeoutMs: number;
  rateLimitSignInPerMinute: number;
  rateLimitPublicPerMinute: number;
  timeouts: Timeouts;
  uploadsPerPrincipal: number;
  calendarWarnDays: number;
  outbox: OutboxConfig;
  smtpUrl: string | undefined;
  smtpFrom: string;
  smsGatewayUrl: string | undefined;
  smsGatewayToken: string | undefined;
  smsGatewayCallbackToken: string | undefined;
  /** `/metrics` answers a request with `Authorization: Bearer <this>`; unset: see metrics.ts. */
  metricsToken: string | undefined;
};

/**
 * Reads the configuration. Throws ConfigError for a variable with an invalid value (naming it and
 * what it accepts) and for DEMO=on with NODE_ENV=production (demo machinery must never run in
 * production); see `assertServable` for what serving HTTP needs.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const e = parseEnv(env);
  const production = e.NODE_ENV === "production";
  if (e.OUTBOX_DISPATCHER === "separate" && !e.DATABASE_URL) {
    throw new ConfigError(
      "OUTBOX_DISPATCHER=separate cần DATABASE_URL: cơ sở dữ liệu nhúng chỉ phục vụ một tiến trình, nên bộ gửi tin chạy trong chính máy chủ.",
      "OUTBOX_DISPATCHER=separate needs DATABASE_URL: the embedded database serves one process, so its dispatcher runs inside the server.",
    );
  }
  if (production && e.DEMO === "on") {
    throw new ConfigError(
      "DEMO=on bị từ chối khi NODE_ENV=production: ngân hàng thử nghiệm, hộp thư SMS thử nghiệm và đăng nhập không mật khẩu không được chạy trong môi trường thật.",
      "DEMO=on is refused with NODE_ENV=production: the demo bank, the demo SMS outbox and the passwordless sign-in must not run in production.",
    );
  }
  const demo = e.DEMO ? e.DEMO === "on" : !production;
  const port = overrides.port ?? e.PORT;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ""),
    oidcIssuer: e.OIDC_ISSUER,
    oidcClientId: e.OIDC_CLIENT_ID,
    oidcClientSecret: e.OIDC_CLIENT_SECRET,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (production ? "json" : "pretty"),
    demo,
    seedDemo: demo && e.DEMO_SEED === "auto",
    keyFile: path.resolve(e.KEY_FILE ?? path.join(dataDir, "keys.json")),
    keys: {
      session: e.SESSION_KEY,
      otp: e.OTP_KEY,
      resultSigning: e.RESULT_SIGNING_KEY,
      bankCallback: e.BANK_CALLBACK_KEY,
      ledgerSigning: e.LEDGER_SIGNING_KEY,
    },
    ledgerCheckpointSeconds: e.LEDGER_CHECKPOINT_SECONDS,
    ledgerAnchorFile: path.resolve(e.LEDGER_ANCHOR_FILE ?? path.join(dataDir, "ledger-anchor.jsonl")),
    agencyEndpoints: parseEndpoints(e.AGENCY_ENDPOINTS),
    agencyAttempts: e.AGENCY_ATTEMPTS,
    agencyTimeoutMs: e.AGENCY_TIMEOUT_MS,
    rateLimitSignInPerMinute: e.RATE_LIMIT_SIGNIN_PER_MINUTE,
    rateLimitPublicPerMinute: e.RATE_LIMIT_PUBLIC_PER_MINUTE,
    timeouts: {
      requestMs: e.REQUEST_TIMEOUT_MS,
      headersMs: Math.min(e.HEADERS_TIMEOUT_MS, e.REQUEST_TIMEOUT_MS),
      idleMs: e.IDLE_TIMEOUT_MS,
      // A kept-alive connection must not outlive the idle timeout that would cut it mid-reuse.
      keepAliveMs: Math.min(e.KEEP_ALIVE_TIMEOUT_MS, e.IDLE_TIMEOUT_MS),
    },
    uploadsPerPrincipal: e.UPLOADS_PER_PRINCIPAL,
    calendarWarnDays: e.CALENDAR_WARN_DAYS,
    outbox: {
      maxAttempts: e.OUTBOX_MAX_ATTEMPTS,
      retryBaseMs: e.OUTBOX_RETRY_BASE_SECONDS * 1000,
      retryMaxMs: Math.max(e.OUTBOX_RETRY_MAX_SECONDS, e.OUTBOX_RETRY_BASE_SECONDS) * 1000,
      leaseMs: e.OUTBOX_LEASE_SECONDS * 1000,
      pollMs: e.OUTBOX_POLL_MS,
      maxAgeSeconds: e.OUTBOX_MAX_AGE_SECONDS,
      retentionDays: e.OUTBOX_RETENTION_DAYS,
      dispatcher: e.OUTBOX_DISPATCHER,
      metrics: { port: e.DISPATCHER_METRICS_PORT, host: e.DISPATCHER_METRICS_HOST },
    },
    smtpUrl: e.SMTP_URL,
    smtpFrom: e.SMTP_FROM,
    smsGatewayUrl: e.SMS_GATEWAY_URL,
    smsGatewayToken: e.SMS_GATEWAY_TOKEN,
    smsGatewayCallbackToken: e.SMS_GATEWAY_CALLBACK_TOKEN,
    metricsToken: e.METRICS_TOKEN,
    ...overrides,
  };
}

/** The environment checked against `Env`; ConfigError naming each variable whose value is invalid. */
function parseEnv(env: NodeJS.ProcessEnv): z.infer<typeof Env> {
  const r = Env.safeParse(env);
  if (r.success) return r.data;
  const names = [...new Set(r.error.issues.map((i) => String(i.path[0])))];
  const vi: string[] = [];
  const en: string[] = [];
  for (const name of names) {
    const value = SECRETS.has(name) ? "…" : JSON.stringify(String(env[name] ?? "")).slice(0, 60);
    const [expVi, expEn] = EXPECTED[name] ?? ["một giá trị hợp lệ", "a valid value"];
    vi.push(`${name}=${value} không hợp lệ: cần ${expVi}.`);
    en.push(`${name}=${value} is invalid: expected ${expEn}.`);
  }
  throw new ConfigError(vi.join(" "), en.join(" "));
}

/**
 * Runs `read` (reading the configuration) for a command: a ConfigError is printed, bilingual,
 * without a stack trace, and the process exits with status 1.
 */
export function configOrExit<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
}

/**
 * `bhxh=http://127.0.0.1:4100/messages,cong-an=https://…` → { bhxh: "http://…", … }. Throws
 * ConfigError for an unknown agency, the platform itself, a repeated agency or a URL that is not
 * http(s).
 */
function parseEndpoints(text: string): Partial<Record<AgencyId, string>> {
  const out: Partial<Record<AgencyId, string>> = {};
  for (const pair of text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const i = pair.indexOf("=");
    const id = pair.slice(0, Math.max(i, 0)).trim();
    const url = pair.slice(i + 1).trim();
    const okUrl = z.url({ protocol: /^https?$/ }).safeParse(url).success;
    if (i < 1 || !isAgencyId(id) || id === "mot-lan" || out[id] || !okUrl) {
      throw new ConfigError(
        `AGENCY_ENDPOINTS không hợp lệ ở "${pair}": cần <mã cơ quan>=<URL http(s)>, mỗi cơ quan một lần (ubnd, cong-an, bhxh, van-hoa-xa-hoi).`,
        `AGENCY_ENDPOINTS is invalid at "${pair}": expected <agency>=<http(s) URL>, each agency once (ubnd, cong-an, bhxh, van-hoa-xa-hoi).`,
      );
    }
    out[id] = url;
  }
  return out;
}

/**
 * The ports the Fetch standard blocks, its "bad ports" (https://fetch.spec.whatwg.org/#port-blocking):
 * browsers refuse to open a page there and Node's fetch (undici) refuses to connect ("bad port"),
 * so a server on one of them is unreachable from a browser and its sign-in fails (the server
 * fetches its own demo provider, or the configured issuer). The standard's list, checked against
 * Node 20's fetch (every port 0–65535 tried: exactly these refused).
 */
export const FETCH_BAD_PORTS: ReadonlySet<number> = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104,
  109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515,
  526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049,
  3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/** Is `port` one the Fetch standard blocks (`FETCH_BAD_PORTS`)? */
export const isFetchBadPort = (port: number): boolean => FETCH_BAD_PORTS.has(port);

/**
 * The first setting that puts the server, or the issuer it fetches, on a port the Fetch standard
 * blocks: PORT, then the port of PUBLIC_URL and of OIDC_ISSUER (a URL without a port uses 80 or
 * 443, never bad). Undefined when none does.
 */
export function fetchBadPortSetting(
  config: Pick<Config, "port" | "publicUrl" | "oidcIssuer">,
): { name: string; port: number } | undefined {
  const urlPort = (url: string | undefined) => (url ? Number(new URL(url).port || 0) : 0);
  const settings = [
    { name: "PORT", port: config.port },
    { name: "PUBLIC_URL", port: urlPort(config.publicUrl) },
    { name: "OIDC_ISSUER", port: urlPort(config.oidcIssuer) },
  ];
  return settings.find((s) => isFetchBadPort(s.port));
}

/**
 * What serving HTTP needs beyond a readable configuration: with DEMO off, a real OIDC issuer; no
 * port the Fetch standard blocks (`fetchBadPortSetting`).
 */
export function assertServable(config: Config): void {
  const bad = fetchBadPortSetting(config);
  if (bad) {
    throw new ConfigError(
      `${bad.name} dùng cổng ${bad.port}, một cổng mà chuẩn Fetch chặn (https://fetch.spec.whatwg.org/#port-blocking): trình duyệt không mở được trang và đăng nhập sẽ lỗi. Hãy chọn cổng khác, ví dụ PORT=3000.`,
      `${bad.name} uses port ${bad.port}, which the Fetch standard blocks (https://fetch.spec.whatwg.org/#port-blocking): browsers will not open the pages and sign-in fails. Choose another port, e.g. PORT=3000.`,
    );
  }
  if (!config.demo && !config.oidcIssuer) {
    throw new ConfigError(
      "Thiếu OIDC_ISSUER: khi DEMO tắt, máy chủ cần một nhà cung cấp định danh OpenID Connect thật (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET).",
      "OIDC_ISSUER is missing: with DEMO off the server needs a real OpenID Connect provider (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET).",
    );
  }
}
