import type { Queryable } from "../../db/client.js";

/** The NOTIFY channel on which a server process asks the dispatchers of other processes to run now. */
export const OUTBOX_WAKE_CHANNEL = "outbox_wake";

/**
 * Asks every dispatcher listening on OUTBOX_WAKE_CHANNEL (`npm run dispatcher`) for a pass now,
 * after a commit that queued a message a person is waiting for (a one-time code). Sent outside any
 * transaction (or delivered when `q`'s commits). Throws what the database throws.
 */
export async function wakeDispatchers(q: Queryable): Promise<void> {
  await q.query("select pg_notify($1, '')", [OUTBOX_WAKE_CHANNEL]);
}
