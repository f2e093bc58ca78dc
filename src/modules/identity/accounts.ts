import { createHash } from "node:crypto";
import { announce } from "../../db/cache.js";
import type { Queryable } from "../../db/client.js";
import { checkPersonalNumber } from "../../domain/personal-number.js";
import type { OfficerPrincipal, Principal } from "../../domain/principal.js";
import { citizenOwnName } from "../exchange/index.js";
import { findOfficer } from "./officers.js";

/** An officer username: a-z, 0-9 and dots, with at least one letter (never number-shaped). */
export const isOfficerUsername = (u: string) => /^[a-z0-9.]{2,64}$/.test(u) && /[a-z]/.test(u);

/**
 * Account ids shared by the identity provider and the API: a citizen's 12-digit personal number,
 * or `officer:<username>`. The two never overlap: a username has a letter, a personal number
 * none (an older all-digit officer account resolves to nobody). Roles and jurisdictions live in
 * our database, not in the provider.
 */
export async function resolveAccount(db: Queryable, accountId: string): Promise<Principal | undefined> {
  if (accountId.startsWith("officer:")) {
    const username = accountId.slice("officer:".length);
    return isOfficerUsername(username) ? findOfficer(db, username) : undefined;
  }
  if (!checkPersonalNumber(accountId).ok) return undefined;
  const name = await citizenOwnName(db, accountId);
  if (name === undefined) return undefined;
  return { kind: "citizen", id: accountId, personalNumber: accountId, name };
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export async function resolveMachineClient(
  db: Queryable,
  clientId: string,
): Promise<OfficerPrincipal | undefined> {
  const { rows } = await db.query<{ acts_as: string }>(
    "select acts_as from api_clients where client_id = $1",
    [clientId],
  );
  if (!rows[0]) return undefined;
  const officer = await findOfficer(db, rows[0].acts_as);
  return officer ? { ...officer, clientId } : undefined;
}

export async function registerApiClient(
  db: Queryable,
  clientId: string,
  secret: string,
  actsAs: string,
): Promise<void> {
  await db.query(
    `insert into api_clients (client_id, secret_hash, acts_as) values ($1, $2, $3)
     on conflict (client_id) do update set secret_hash = excluded.secret_hash, acts_as = excluded.acts_as`,
    [clientId, hashSecret(secret), actsAs],
  );
  await announce(db, "auth", `client:${clientId}`);
}
