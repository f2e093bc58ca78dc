import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { decodeJwt } from "jose";
import * as oidc from "openid-client";
import { z } from "zod";
import type { Db } from "../../db/client.js";
import { Session } from "../../domain/api/session.js";
import { ROLE_NAMES } from "../../domain/principal.js";
import { AppError } from "../../kernel/errors.js";
import { ErrorResponse } from "../../kernel/schemas.js";
import { audit } from "../audit/index.js";
import { API_RESOURCE, type ProviderSessionRef } from "./demo-provider.js";
import { IdentityErrors } from "./errors.js";
import { createWebSession, endWebSession, type SessionPrincipal } from "./session.js";

export type RelyingPartyOptions = {
  db: Db;
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  signInRateLimit: number;
  /** Ends the sign-in's session at the provider and revokes its tokens (the demo provider does). */
  endProviderSession?: ((ref: ProviderSessionRef) => Promise<void>) | undefined;
};

/** The provider session and grant named by a JWT access token (claims `sid`, `gid`), if any. */
function providerRef(accessToken: string | undefined): ProviderSessionRef {
  if (!accessToken) return {};
  try {
    const claims = decodeJwt(accessToken);
    return {
      sessionUid: typeof claims.sid === "string" ? claims.sid : undefined,
      grantId: typeof claims.gid === "string" ? claims.gid : undefined,
    };
  } catch {
    return {}; // an opaque token: the provider keeps its own state
  }
}

/** Only local paths may be a post-sign-in destination (no open redirect). */
function safeNext(next: unknown): string {
  return typeof next === "string" && /^\/(?!\/)[\w\-./?=&%]*$/.test(next) ? next : "/";
}

/** Web sign-in as an OpenID Connect relying party (authorization code + PKCE), and the session API. */
export async function identityRoutes(app: FastifyInstance, opts: RelyingPartyOptions) {
  let discovered: Promise<oidc.Configuration> | undefined;
  // The provider's metadata, fetched once. A provider that cannot be reached (down, or on a port
  // the Fetch standard blocks, which Node's fetch refuses: see `FETCH_BAD_PORTS` in config.ts) is
  // a bilingual refusal with a stable code, never a 5xx, and is asked again next time.
  const configuration = () => {
    discovered ??= oidc
      .discovery(new URL(opts.issuer), opts.clientId, opts.clientSecret, undefined, {
        execute: opts.issuer.startsWith("http:") ? [oidc.allowInsecureRequests] : [],
      })
      .catch((err: unknown) => {
        discovered = undefined;
        app.log.warn({ err }, "the sign-in provider cannot be reached");
        throw new AppError(IdentityErrors.SIGN_IN_PROVIDER_UNREACHABLE);
      });
    return discovered;
  };
  const rateLimit = { rateLimit: { max: opts.signInRateLimit, timeWindow: "1 minute" } };

  app.get(
    "/auth/login",
    {
      schema: { hide: true, querystring: z.object({ next: z.string().max(500).optional() }) },
      config: rateLimit,
    },
    async (req, reply) => {
      const config = await configuration();
      const verifier = oidc.randomPKCECodeVerifier();
      const state = randomBytes(16).toString("base64url");
      req.session.set("login", { state, verifier, next: safeNext((req.query as { next?: string }).next) });
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: opts.redirectUri,
        scope: "openid profile api",
        resource: API_RESOURCE,
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: "S256",
        state,
        prompt: "login",
      });
      return reply.redirect(url.href, 302);
    },
  );

  app.get("/auth/callback", { schema: { hide: true }, config: rateLimit }, async (req, reply) => {
    const login = req.session.get("login");
    if (!login) throw new AppError(IdentityErrors.SIGN_IN_FAILED);
    req.session.set("login", undefined);
    const config = await configuration();
    const current = new URL(req.url, opts.redirectUri);
    let sub: string;
    let ref: ProviderSessionRef;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: login.verifier,
        expectedState: login.state,
      });
      const claims = tokens.claims();
      if (!claims?.sub) throw new Error("no subject");
      sub = claims.sub;
      ref = providerRef(tokens.access_token);
    } catch (err) {
      req.log.warn({ err }, "sign-in failed");
      throw new AppError(IdentityErrors.SIGN_IN_FAILED);
    }
    const sessionId = await createWebSession(opts.db, {
      accountId: sub,
      providerSession: ref.sessionUid,
      providerGrant: ref.grantId,
    });
    const session: SessionPrincipal = { sessionId };
    req.session.set("principal", session);
    await audit(opts.db, {
      actor: { kind: sub.startsWith("officer:") ? "officer" : "citizen", id: sub.replace(/^officer:/, "") },
      action: "sign-in",
      outcome: "allowed",
      requestId: req.id,
    });
    return reply.redirect(login.next, 302);
  });

  // Signing out ends the server-side session (every copy of the cookie stops working), then the
  // provider's session and the tokens issued under it.
  app.post("/auth/logout", { schema: { hide: true } }, async (req, reply) => {
    const s = req.session.get("principal");
    const ended = typeof s?.sessionId === "string" ? await endWebSession(opts.db, s.sessionId) : undefined;
    req.session.delete();
    if (ended) {
      await opts.endProviderSession?.({
        sessionUid: ended.providerSession ?? undefined,
        grantId: ended.providerGrant ?? undefined,
      });
      await audit(opts.db, {
        actor: {
          kind: ended.accountId.startsWith("officer:") ? "officer" : "citizen",
          id: ended.accountId.replace(/^officer:/, ""),
        },
        action: "sign-out",
        outcome: "allowed",
        requestId: req.id,
      });
    }
    return reply.redirect("/", 303);
  });

  app.get(
    "/api/session",
    {
      schema: {
        tags: ["identity"],
        summary: "Current session: who is signed in, and the CSRF token for cookie-authenticated writes",
        response: {
          200: Session,
          401: ErrorResponse,
        },
      },
    },
    async (req, reply) => {
      const p = req.principal;
      const principal =
        p === null
          ? null
          : p.kind === "citizen"
            ? { kind: "citizen" as const, personalNumber: p.personalNumber, name: p.name }
            : {
                kind: "officer" as const,
                username: p.username,
                name: p.name,
                role: p.role,
                roleName: ROLE_NAMES[p.role],
                jurisdiction:
                  p.jurisdiction.level === "country"
                    ? { level: "country" }
                    : { level: p.jurisdiction.level, code: p.jurisdiction.code },
                agency: p.agency ?? null,
              };
      return { principal, csrfToken: reply.generateCsrf() };
    },
  );
}
