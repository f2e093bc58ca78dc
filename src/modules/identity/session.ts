import { createHash, randomBytes } from "node:crypto";
import { announce } from "../../db/cache.js";
import type { Queryable } from "../../db/client.js";
import { first, qb } from "../../db/query.js";

/**
 * Web sessions. The web app's encrypted cookie holds only the id of a server-side session (table
 * `web_sessions`) and a login in progress; the session row names the account.
 */
export type SessionPrincipal = { sessionId: string };
export type LoginState = { state: string; verifier: string; next: string };

declare module "@fastify/secure-session" {
  interface SessionData {
    principal: SessionPrincipal;
    login: LoginState | undefined;
  }
}

/** How long a web session lasts after sign-in, in seconds (the cookie's max-age too). */
export const WEB_SESSION_TTL_S = 8 * 3600;

const hashId = (id: string) => createHash("sha256").update(id).digest("hex");

/** The cache tag of a session (src/modules/identity/authenticate.ts): by its hash, never its id. */
export const sessionTag = (id: string) => `session:${hashId(id)}`;

export type WebSession = {
  accountId: string;
  providerSession: string | null;
  providerGrant: string | null;
  expiresAt: Date;
};

const SESSION_COLUMNS = [
  "account_id as accountId",
  "provider_session as providerSession",
  "provider_grant as providerGrant",
  "expires_at as expiresAt",
] as const;

/**
 * Server-side web sessions (table `web_sessions`). The sealed cookie names a session by a random
 * id (256 bits; only its SHA-256 is stored); every request looks the row up, so signing out
 * (`endWebSession`) ends the session for every copy of the cookie. Returns the new id.
 */
export async function createWebSession(
  db: Queryable,
  s: { accountId: string; providerSession?: string | undefined; providerGrant?: string | undefined },
  now: Date = new Date(),
): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  // Sessions expired for a day are history nobody reads: keep the table small.
  await db.query("delete from web_sessions where expires_at < $1", [new Date(now.getTime() - 24 * 3600_000)]);
  await db.query(
    `insert into web_sessions (id_hash, account_id, created_at, expires_at, provider_session, provider_grant)
     values ($1, $2, $3, $4, $5, $6)`,
    [
      hashId(id),
      s.accountId,
      now,
      new Date(now.getTime() + WEB_SESSION_TTL_S * 1000),
      s.providerSession ?? null,
      s.providerGrant ?? null,
    ],
  );
  return id;
}

/** The live session with this id: not ended, not expired; undefined otherwise. */
export async function findWebSession(
  db: Queryable,
  id: string,
  now: Date = new Date(),
): Promise<WebSession | undefined> {
  return first(
    db,
    qb
      .selectFrom("web_sessions")
      .select(SESSION_COLUMNS)
      .where("id_hash", "=", hashId(id))
      .where("ended_at", "is", null)
      .where("expires_at", ">", now),
  );
}

/**
 * Ends a session (sign-out); returns it if it was live, so the caller can end the provider's too.
 * Every server process drops the session's cached account (`announce`): the next request with
 * any copy of the cookie, on any process, is signed out.
 */
export async function endWebSession(
  db: Queryable,
  id: string,
  now: Date = new Date(),
): Promise<WebSession | undefined> {
  const ended = await first(
    db,
    qb
      .updateTable("web_sessions")
      .set({ ended_at: now })
      .where("id_hash", "=", hashId(id))
      .where("ended_at", "is", null)
      .returning(SESSION_COLUMNS),
  );
  await announce(db, "auth", sessionTag(id));
  return ended;
}
