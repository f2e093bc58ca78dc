import { createHash } from "node:crypto";
import type { JWTPayload } from "jose";
import { cacheOf } from "../../db/cache.js";
import type { Db } from "../../db/client.js";
import type { Principal } from "../../domain/principal.js";
import { resolveAccount, resolveMachineClient } from "./accounts.js";
import { findWebSession, sessionTag } from "./session.js";

/**
 * Who a request comes from, resolved once per web session or access token and then kept in this
 * process's cache (src/db/cache.ts) for as long as the session or token lives, so a request
 * normally costs no statement for it. What ends a session or a token sooner drops the entry in
 * every process: signing out (`endWebSession`, tag `session:<hash>`), the provider revoking a
 * grant (`grant:<id>`: the demo provider's sign-out and its adapter), a machine client's key
 * changing (`client:<id>`). Officers are only ever added, never changed, so an account's role and
 * jurisdiction hold for the session; a change in the population registry (a name) is seen at the
 * next sign-in.
 */
const SCOPE = "auth";
const MAX = 100_000;
const principals = (db: Db) => cacheOf<Principal>(db, SCOPE, "principals", MAX);

/** The account of a live web session (not ended, not expired), or undefined. */
export async function principalOfSession(db: Db, sessionId: string): Promise<Principal | undefined> {
  const tag = sessionTag(sessionId);
  const cache = principals(db);
  const hit = cache?.get(tag);
  if (hit) return hit;
  const live = await findWebSession(db, sessionId);
  if (!live) return undefined;
  const principal = await resolveAccount(db, live.accountId);
  if (principal) cache?.set(tag, principal, live.expiresAt.getTime(), [tag]);
  return principal;
}

/** What the auth plugin knows how to do with a bearer token. */
export type TokenChecks = {
  /** Verifies signature, issuer, audience and expiry; throws when the token is not valid. */
  verify: (token: string) => Promise<JWTPayload>;
  /** Whether a user token's grant is live, and until when (null: no end); undefined: revoked. */
  grant?: ((payload: JWTPayload) => Promise<{ expiresAt: Date | null } | undefined>) | undefined;
};

/**
 * The account a bearer access token stands for (a user token names the account as subject; a
 * client-credentials token names the client), or undefined when it stands for no one (revoked
 * grant, unknown account or client). Throws what `checks.verify` throws for an invalid token.
 */
export async function principalOfToken(
  db: Db,
  token: string,
  checks: TokenChecks,
): Promise<Principal | undefined> {
  const key = `token:${createHash("sha256").update(token).digest("base64url")}`;
  const cache = principals(db);
  const hit = cache?.get(key);
  if (hit) return hit;
  const payload = await checks.verify(token);
  const clientId = typeof payload.client_id === "string" ? payload.client_id : undefined;
  const machine = clientId !== undefined && (payload.sub === undefined || payload.sub === clientId);
  let until = typeof payload.exp === "number" ? payload.exp * 1000 : Date.now() + 300_000;
  const tags: string[] = [key];
  if (machine) {
    tags.push(`client:${clientId}`);
  } else {
    if (checks.grant) {
      const grant = await checks.grant(payload);
      if (!grant) return undefined;
      if (grant.expiresAt) until = Math.min(until, grant.expiresAt.getTime());
    }
    if (typeof payload.gid === "string") tags.push(`grant:${payload.gid}`);
  }
  const principal = machine
    ? await resolveMachineClient(db, clientId)
    : payload.sub
      ? await resolveAccount(db, payload.sub)
      : undefined;
  if (principal) cache?.set(key, principal, until, tags);
  return principal;
}
