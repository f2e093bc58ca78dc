import type { Adapter, AdapterConstructor, AdapterPayload } from "oidc-provider";
import { announce } from "../../db/cache.js";
import type { Db } from "../../db/client.js";
import { escapeBadCharacters, hasBadCharacters } from "../../kernel/characters.js";

/** How often expired rows are swept (at most), in milliseconds. */
const SWEEP_EVERY_MS = 60_000;

/**
 * oidc-provider's storage (interactions, sessions, grants, authorization codes, ...) in our
 * database, table `oidc_payloads` (migration 008), instead of its in-process LRU of 1,000
 * entries that one client could flush by starting thousands of sign-ins. Rows carry their
 * expiry (expiresIn seconds from now); expired rows are never returned and are swept now and then.
 * Shapes follow oidc-provider's Adapter interface (github.com/panva/node-oidc-provider, "Adapter").
 */
export function databaseAdapter(db: Db, now: () => Date = () => new Date()): AdapterConstructor {
  let lastSweep = 0;
  const sweep = async () => {
    const t = now().getTime();
    if (t - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = t;
    await db.query("delete from oidc_payloads where expires_at < $1", [now()]);
  };

  return class DatabaseAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
      const expiresAt = expiresIn ? new Date(now().getTime() + expiresIn * 1000) : null;
      await db.query(
        `insert into oidc_payloads (model, id, payload, grant_id, user_code, uid, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (model, id) do update set payload = excluded.payload, grant_id = excluded.grant_id,
           user_code = excluded.user_code, uid = excluded.uid, expires_at = excluded.expires_at`,
        [
          this.model,
          id,
          // Request parameters the provider keeps (state, nonce, ...) may hold what jsonb refuses.
          JSON.stringify(payload, (_k, v) =>
            typeof v === "string" && hasBadCharacters(v) ? escapeBadCharacters(v) : v,
          ),
          payload.grantId ?? null,
          payload.userCode ?? null,
          payload.uid ?? null,
          expiresAt,
        ],
      );
      await sweep();
    }

    private async findWhere(column: "id" | "uid" | "user_code", value: string) {
      if (hasBadCharacters(value)) return undefined; // no such id can have been stored
      const { rows } = await db.query<{ payload: AdapterPayload; consumed_at: Date | null }>(
        `select payload, consumed_at from oidc_payloads
         where model = $1 and ${column} = $2 and (expires_at is null or expires_at > $3)`,
        [this.model, value, now()],
      );
      const r = rows[0];
      if (!r) return undefined;
      return r.consumed_at
        ? { ...r.payload, consumed: Math.floor(r.consumed_at.getTime() / 1000) }
        : r.payload;
    }

    find(id: string) {
      return this.findWhere("id", id);
    }

    findByUid(uid: string) {
      return this.findWhere("uid", uid);
    }

    findByUserCode(userCode: string) {
      return this.findWhere("user_code", userCode);
    }

    async consume(id: string): Promise<void> {
      if (hasBadCharacters(id)) return;
      await db.query("update oidc_payloads set consumed_at = $3 where model = $1 and id = $2", [
        this.model,
        id,
        now(),
      ]);
    }

    async destroy(id: string): Promise<void> {
      if (hasBadCharacters(id)) return;
      await db.query("delete from oidc_payloads where model = $1 and id = $2", [this.model, id]);
      // A grant's tokens die with it: every process drops the accounts it cached for them.
      if (this.model === "Grant") await announce(db, "auth", `grant:${id}`);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await db.query("delete from oidc_payloads where model = $1 and grant_id = $2", [this.model, grantId]);
      await announce(db, "auth", `grant:${grantId}`);
    }
  };
}
