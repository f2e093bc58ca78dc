import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { createLocalJWKSet, createRemoteJWKSet, type JWK, type JWTPayload, jwtVerify } from "jose";
import type { Db } from "../db/client.js";
import { AppError } from "../kernel/errors.js";
import { API_RESOURCE, principalOfSession, principalOfToken } from "../modules/identity/index.js";

export type AuthOptions = {
  db: Db;
  issuer: string;
  /** Verification keys: the demo provider's own, or the remote provider's JWKS URL. */
  keys: { local: JWK[] } | { jwksUri: string };
  /** A user token's grant while it lives (undefined once revoked, e.g. its session signed out). */
  tokenGrant?: ((payload: JWTPayload) => Promise<{ expiresAt: Date | null } | undefined>) | undefined;
};

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Resolves who is calling: a bearer token (JWT access token for the API, machine clients and
 * native apps) or the web app's cookie session, whose server-side row must still be live.
 * The account is resolved once per session or token and cached for its life (identity's
 * `principalOfSession` / `principalOfToken`; signing out or a revoked grant drops it in every
 * process). Cookie-authenticated writes must carry the CSRF token; bearer requests cannot be
 * forged cross-site and need none. Runs in onRequest: before any body is read.
 */
export const authPlugin = fp(async (app: FastifyInstance, opts: AuthOptions) => {
  const jwks =
    "local" in opts.keys
      ? createLocalJWKSet({ keys: opts.keys.local.map(({ d, p, q, dp, dq, qi, ...pub }) => pub) })
      : createRemoteJWKSet(new URL(opts.keys.jwksUri));
  const checks = {
    verify: async (token: string) =>
      (await jwtVerify(token, jwks, { issuer: opts.issuer, audience: API_RESOURCE })).payload,
    grant: opts.tokenGrant,
  };

  app.decorateRequest("principal", null);
  app.decorateRequest("authVia", null);

  app.addHook("onRequest", async (req) => {
    // A route whose bearer token is its own (/metrics: METRICS_TOKEN) is not a platform access token.
    if ((req.routeOptions.config as { ownBearer?: boolean } | undefined)?.ownBearer) return;
    const header = req.headers.authorization;
    if (header?.startsWith("Bearer ")) {
      let principal: Awaited<ReturnType<typeof principalOfToken>>;
      try {
        principal = await principalOfToken(opts.db, header.slice(7), checks);
      } catch {
        throw new AppError("INVALID_TOKEN");
      }
      if (!principal) throw new AppError("INVALID_TOKEN");
      req.principal = principal;
      req.authVia = "bearer";
      return;
    }
    const s = req.session?.get("principal");
    if (s) {
      const principal =
        typeof s.sessionId === "string" ? await principalOfSession(opts.db, s.sessionId) : undefined;
      if (principal) {
        req.principal = principal;
        req.authVia = "session";
      } else {
        req.session.delete();
      }
    }
  });
  app.addHook("preHandler", (req, reply, done) => {
    // Routes of other parties (the demo bank, the identity provider) opt out: they carry no session intent.
    const exempt = (req.routeOptions.config as { csrf?: boolean } | undefined)?.csrf === false;
    if (req.authVia === "session" && UNSAFE.has(req.method) && !exempt) {
      app.csrfProtection(req, reply, done);
      return;
    }
    done();
  });
});
