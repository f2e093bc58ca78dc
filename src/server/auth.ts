import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { createLocalJWKSet, createRemoteJWKSet, type JWK, type JWTPayload, jwtVerify } from "jose";
import type { Db } from "../db/client.js";
import { AppError } from "../kernel/errors.js";
import {
  API_RESOURCE,
  findWebSession,
  resolveAccount,
  resolveMachineClient,
} from "../modules/identity/index.js";

export type AuthOptions = {
  db: Db;
  issuer: string;
  /** Verification keys: the demo provider's own, or the remote provider's JWKS URL. */
  keys: { local: JWK[] } | { jwksUri: string };
  /** Whether a verified user token was revoked since (e.g. its session signed out). */
  tokenRevoked?: ((payload: JWTPayload) => Promise<boolean>) | undefined;
};

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Resolves who is calling: a bearer token (JWT access token for the API, machine clients and
 * native apps) or the web app's cookie session, whose server-side row must still be live.
 * Cookie-authenticated writes must carry the CSRF token; bearer requests cannot be forged
 * cross-site and need none. Runs in onRequest: before any body is read.
 */
export const authPlugin = fp(async (app: FastifyInstance, opts: AuthOptions) => {
  const jwks =
    "local" in opts.keys
      ? createLocalJWKSet({ keys: opts.keys.local.map(({ d, p, q, dp, dq, qi, ...pub }) => pub) })
      : createRemoteJWKSet(new URL(opts.keys.jwksUri));

  app.decorateRequest("principal", null);
  app.decorateRequest("authVia", null);

  app.addHook("onRequest", async (req) => {
    const header = req.headers.authorization;
    if (header?.startsWith("Bearer ")) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(header.slice(7), jwks, {
          issuer: opts.issuer,
          audience: API_RESOURCE,
        }));
      } catch {
        throw new AppError("INVALID_TOKEN");
      }
      // Client-credentials tokens name the client as subject; user tokens name the account.
      const clientId = typeof payload.client_id === "string" ? payload.client_id : undefined;
      const machine = clientId !== undefined && (payload.sub === undefined || payload.sub === clientId);
      if (!machine && opts.tokenRevoked && (await opts.tokenRevoked(payload)))
        throw new AppError("INVALID_TOKEN");
      const principal = machine
        ? await resolveMachineClient(opts.db, clientId)
        : payload.sub
          ? await resolveAccount(opts.db, payload.sub)
          : undefined;
      if (!principal) throw new AppError("INVALID_TOKEN");
      req.principal = principal;
      req.authVia = "bearer";
      return;
    }
    const s = req.session?.get("principal");
    if (s) {
      const live = typeof s.sessionId === "string" ? await findWebSession(opts.db, s.sessionId) : undefined;
      const principal = live ? await resolveAccount(opts.db, live.accountId) : undefined;
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
