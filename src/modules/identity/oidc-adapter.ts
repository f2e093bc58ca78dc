import type { Adapter, AdapterConstructor, AdapterPayload } from "oidc-provider";
import { announce } from "../../db/cache.js";
import type { Db } from "../../db/client.js";
import { first, qb, run } from "../../db/query.js";
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
    await run(db, qb.deleteFrom("oidc_payloads").where("expires_at", "<", now()));
  };

  return class DatabaseAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
      const expiresAt = expiresIn ? new Date(now().getTime() + expiresIn * 1000) : null;
      const row = {
        model: this.model,
        id,
        // Request parameters the provider keeps (state, nonce, ...) may hold what jsonb refuses.
        payload: JSON.stringify(payload, (_k, v) =>
          typeof v === "string" && hasBadCharacters(v) ? escapeBadCharacters(v) : v,
        ),
        grant_id: payload.grantId ?? null,
        user_code: payload.userCode ?? null,
        uid: payload.uid ?? null,
        expires_at: expiresAt,
      };
      await run(
        db,
        qb
          .insertInto("oidc_payloads")
          .values(row)
          .onConflict((c) =>
            c.columns(["model", "id"]).doUpdateSet((eb) => ({
              payload: eb.ref("excluded.payload"),
              grant_id: eb.ref("excluded.grant_id"),
              user_code: eb.ref("excluded.user_code"),
              uid: eb.ref("excluded.uid"),
              expires_at: eb.ref("excluded.expires_at"),
            })),
          ),
      );
      await sweep();
    }

    private async findWhere(column: "id" | "uid" | "user_code", value: string) {
      if (hasBadCharacters(value)) return undefined; // no such id can have been stored
      const r = await first(
        db,
        qb
          .selectFrom("oidc_payloads")
          .select(["payload", "consumed_at"])
          .where("model", "=", this.model)
          .where(column, "=", value)
          .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now())])),
      );
      if (!r) return undefined;
      const payload = r.payload as AdapterPayload;
      return r.consumed_at ? { ...payload, consumed: Math.floor(r.consumed_at.getTime() / 1000) } : payload;
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
      await run(
        db,
        qb
          .updateTable("oidc_payloads")
          .set({ consumed_at: now() })
          .where("model", "=", this.model)
          .where("id", "=", id),
      );
    }

    async destroy(id: string): Promise<void> {
      if (hasBadCharacters(id)) return;
      await run(db, qb.deleteFrom("oidc_payloads").where("model", "=", this.model).where("id", "=", id));
      // A grant's tokens die with it: every process drops the accounts it cached for them.
      if (this.model === "Grant") await announce(db, "auth", `grant:${id}`);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await run(
        db,
        qb.deleteFrom("oidc_payloads").where("model", "=", this.model).where("grant_id", "=", grantId),
      );
      await announce(db, "auth", `grant:${grantId}`);
    }
  };
}
