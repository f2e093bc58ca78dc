import { createHash, randomBytes } from "node:crypto";
import net from "node:net";
import path from "node:path";
import type { FastifyInstance, RouteOptions } from "fastify";
import { loadConfig } from "../../src/config.js";
import type { Db } from "../../src/db/client.js";
import { readKeyFile } from "../../src/lib/secrets.js";
import { buildApp } from "../../src/server/app.js";
import { createTestDatabase, type TestDatabase } from "./db.js";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * Where a test server's clock starts unless the test gives its own: Wednesday 4 November 2026,
 * 09:00 in Vietnam, an ordinary working day (no holiday within two weeks either side). Dates a
 * test types ("stay until 2027-06-30", "born in 2030" refused) and due dates it reads are
 * therefore the same whatever day the suite runs.
 */
export const TEST_START = new Date("2026-11-04T09:00:00+07:00");

/**
 * A clock that reads `start` now and then runs at the wall clock's pace, so that what a test
 * does in order happens in order (log entries, "the last 15 minutes").
 */
export function clockFrom(start: Date): () => Date {
  const offset = start.getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}

export type TestServer = {
  app: FastifyInstance;
  db: Db;
  tdb: TestDatabase;
  baseUrl: string;
  /** The application's clock (what it reads as "now"; see `startTestServer`). */
  now: () => Date;
  /**
   * Delivers every outbox message due now (SMS to the demo phone, e-mails, …) and waits for it:
   * what the background dispatcher would do within a second, done before the test reads on.
   */
  drain(): Promise<void>;
  close(): Promise<void>;
};

/**
 * The real application on a real port, over a fresh database with the fixture population.
 * `now` is the application's clock: by default `clockFrom(TEST_START)`, never the wall clock's day. `onRoute`
 * sees every route the application registers.
 * Only what the application reads through `now` is moved: sessions, sign-in codes and the
 * provider's tokens keep the wall clock (they measure elapsed time, not days).
 */
export async function startTestServer(
  env: Record<string, string> = {},
  opts: {
    now?: () => Date;
    onRoute?: (route: RouteOptions) => void;
    /**
     * "manual": no background dispatcher; the test delivers with `drain()` alone. "separate": none
     * either; a dispatcher process (`npm run dispatcher`) is woken through the database.
     */
    delivery?: "background" | "manual" | "separate";
  } = {},
): Promise<TestServer> {
  const tdb = await createTestDatabase("fixtures");
  const db = await tdb.open();
  const port = await freePort();
  const config = loadConfig(
    { ...env, LOG_LEVEL: "silent", DATA_DIR: tdb.dataDir },
    { port, host: "127.0.0.1" },
  );
  const now = opts.now ?? clockFrom(TEST_START);
  const app = await buildApp({
    config,
    db,
    logger: false,
    now,
    ...(opts.onRoute ? { onRoute: opts.onRoute } : {}),
    ...(opts.delivery ? { delivery: opts.delivery } : {}),
  });
  await app.listen({ port, host: "127.0.0.1" });
  return {
    app,
    db,
    tdb,
    baseUrl: config.publicUrl,
    now,
    async drain() {
      await app.delivery.drainOnce();
    },
    async close() {
      await app.close();
      await db.close();
      await tdb.dispose();
    },
  };
}

function isReset(err: unknown): boolean {
  const code = (err as { cause?: { code?: string } }).cause?.code;
  return err instanceof TypeError && (code === "ECONNRESET" || code === "UND_ERR_SOCKET");
}

/** A browser-like HTTP client: keeps cookies, follows redirects by hand (so tests see each hop). */
export class Browser {
  private cookies = new Map<string, string>();
  constructor(private readonly baseUrl: string) {}

  private store(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair = ""] = c.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(c) || /max-age=0/i.test(c) || value === "")
        this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const url = path.startsWith("http") ? path : `${this.baseUrl}${path}`;
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set("cookie", this.cookieHeader());
    let res: Response;
    try {
      res = await fetch(url, { ...init, headers, redirect: "manual" });
    } catch (err) {
      // A kept-alive connection the server closed as idle just as we sent on it (the test process
      // runs PGlite and can stall past the keep-alive timeout): send again on a new connection,
      // as browsers do. Anything else, or a second reset, is the test's failure.
      if (!isReset(err)) throw err;
      res = await fetch(url, { ...init, headers, redirect: "manual" });
    }
    this.store(res);
    return res;
  }

  /** GET/POST and follow redirects to the end. */
  async navigate(path: string, init: RequestInit = {}): Promise<Response> {
    let res = await this.fetch(path, init);
    for (let hops = 0; hops < 10 && res.status >= 300 && res.status < 400; hops++) {
      const location = res.headers.get("location");
      if (!location) break;
      res = await this.fetch(new URL(location, res.url || this.baseUrl).toString());
    }
    return res;
  }

  /** Full OpenID Connect sign-in through the demo provider's page. */
  async signIn(login: string): Promise<Response> {
    const page = await this.navigate("/auth/login");
    const html = await page.text();
    const action = /action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`no sign-in form: ${page.status} ${html.slice(0, 200)}`);
    return this.navigate(action, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ login }).toString(),
    });
  }

  /** A JSON API call with the session's CSRF token; returns the status and the parsed body. */
  async send<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await this.fetch(path, {
      method,
      headers: {
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(method === "GET" ? {} : { "x-csrf-token": await this.csrf() }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  }

  async csrf(): Promise<string> {
    const res = await this.fetch("/api/session");
    return ((await res.json()) as { csrfToken: string }).csrfToken;
  }
}

/** A bearer token for a machine client through the provider's token endpoint (client credentials). */
export async function machineToken(baseUrl: string, clientId: string, secret: string): Promise<string> {
  const res = await fetch(`${baseUrl}/oidc/token`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`,
    },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      scope: "api",
      resource: "urn:mot-lan:api",
    }).toString(),
  });
  const body = (await res.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`token request failed: ${res.status} ${JSON.stringify(body)}`);
  return body.access_token;
}

/**
 * A citizen's (or officer's) own API access token, as a native app gets one: an authorization
 * code with PKCE from the provider session `b` signed in with (`prompt=none`), exchanged at the
 * token endpoint by the web client. `dataDir` holds the key file with the client's secret.
 */
export async function accessToken(b: Browser, baseUrl: string, dataDir: string): Promise<string> {
  const verifier = randomBytes(32).toString("base64url");
  const q = new URLSearchParams({
    client_id: "mot-lan-web",
    response_type: "code",
    redirect_uri: `${baseUrl}/auth/callback`,
    scope: "openid profile api",
    resource: "urn:mot-lan:api",
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
    state: "s1",
    prompt: "none",
  });
  const res = await b.fetch(`/oidc/auth?${q}`);
  const code = new URL(res.headers.get("location") ?? "", baseUrl).searchParams.get("code");
  if (!code) throw new Error(`no authorization code: ${res.status} ${res.headers.get("location")}`);
  const secret = readKeyFile(path.join(dataDir, "keys.json")).webClientSecret ?? "";
  const token = await fetch(`${baseUrl}/oidc/token`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`mot-lan-web:${secret}`).toString("base64")}`,
    },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: `${baseUrl}/auth/callback`,
      code_verifier: verifier,
    }).toString(),
  });
  const body = (await token.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no token: ${token.status} ${JSON.stringify(body)}`);
  return body.access_token;
}
