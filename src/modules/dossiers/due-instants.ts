import type { Db } from "../../db/client.js";
import { all, first, qb, run, sql } from "../../db/query.js";
import { CalendarYearMissingError } from "../../domain/calendar/index.js";
import { dueInstants, NEAR_DUE } from "../../domain/due.js";
import { reduce } from "../../domain/lifecycle.js";
import { loadLog } from "./repository-reads.js";

/** The near-due rule as stored results depend on it (the threshold `NEAR_DUE` of src/domain/due.ts). */
export const NEAR_DUE_FINGERPRINT = JSON.stringify(NEAR_DUE);

/**
 * When the near-due rule is not the one the stored `near_due_at` were computed under (its
 * fingerprint in `rule_fingerprints`, migration 091): clears `near_due_at` of the dossiers still
 * open (received, not decided) and records the rule, in one transaction, for `backfillDueInstants`
 * to recompute them. Returns how many were cleared (0 when the rule is unchanged). A start-up job
 * over every province; the rule's row is locked so that servers starting together clear once.
 */
async function clearStaleNearDue(db: Db): Promise<number> {
  return db.tx(async (q) => {
    const recorded = await first(
      q,
      qb.selectFrom("rule_fingerprints").select("fingerprint").where("rule", "=", "near_due").forUpdate(),
    );
    if (recorded?.fingerprint === NEAR_DUE_FINGERPRINT) return 0;
    const { rowCount } = await run(
      q,
      qb
        .updateTable("dossiers")
        .set({ near_due_at: null })
        .where("received_at", "is not", null)
        .where("decided_at", "is", null)
        .where("near_due_at", "is not", null),
    );
    await run(
      q,
      qb
        .insertInto("rule_fingerprints")
        .values({ rule: "near_due", fingerprint: NEAR_DUE_FINGERPRINT })
        .onConflict((oc) =>
          oc.column("rule").doUpdateSet({ fingerprint: NEAR_DUE_FINGERPRINT, recorded_at: sql`now()` }),
        ),
    );
    return rowCount ?? 0;
  });
}

/**
 * Run at every start after the migrations (`src/cli/open.ts`). First, when the near-due threshold
 * changed since the stored instants were computed, the open dossiers' `near_due_at` are cleared
 * (`clearStaleNearDue`), so that changing `NEAR_DUE` changes the queue filter, the badges and the
 * leader's view in that one edit. Then fills `due_at` (moved by closed supplement waits) and
 * `near_due_at` of received dossiers that have no near-due instant (cleared so, or written before
 * migration 020), from each dossier's log, in batches of `batch`, telling `log` how far it got.
 * Idempotent (an interrupted run is finished by the next start); a row changed meanwhile by a
 * transition is left alone. Returns how many rows it filled.
 */
export async function backfillDueInstants(
  db: Db,
  opts: { batch?: number; log?: (line: string) => void } = {},
): Promise<number> {
  const { batch = 500, log } = opts;
  const cleared = await clearStaleNearDue(db);
  if (cleared > 0) {
    log?.(`The near-due threshold changed (${NEAR_DUE_FINGERPRINT}): recomputing ${cleared} open dossiers.`);
  }
  // A start-up job over every province (every shard on Citus); each row is then changed by its full key.
  const pending = qb
    .selectFrom("dossiers")
    .where("received_at", "is not", null)
    .where("near_due_at", "is", null);
  const total =
    (
      await first(
        db,
        pending.select((eb) => eb.fn.countAll<number>().as("n")),
      )
    )?.n ?? 0;
  let filled = 0;
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const rows = await all(
      db,
      pending
        .select(["id", "province_code as provinceCode", "received_at as receivedAt", "due_at as dueAt"])
        .where("id", ">", after)
        .orderBy("id")
        .limit(batch)
        .$narrowType<{ receivedAt: Date }>(),
    );
    for (const r of rows) {
      const state = reduce(await loadLog(db, r));
      // Before this version the receipt's due instant was stored in due_at and never moved.
      const legalDueAt = state.legalDueAt ?? r.dueAt;
      if (!legalDueAt) continue;
      try {
        const instants = dueInstants({
          receivedAt: state.receivedAt ?? r.receivedAt,
          legalDueAt,
          pauses: state.pauses,
        });
        const { rowCount } = await run(
          db,
          qb
            .updateTable("dossiers")
            .set({ due_at: instants.dueAt, near_due_at: instants.nearDueAt })
            .where("province_code", "=", r.provinceCode)
            .where("id", "=", r.id)
            .where("near_due_at", "is", null),
        );
        filled += rowCount ?? 0;
      } catch (err) {
        // A due instant past the calendar data stays as it is until the data is added.
        if (!(err instanceof CalendarYearMissingError)) throw err;
      }
    }
    if (rows.length > 0) log?.(`Due instants: ${filled} of ${total} dossiers filled.`);
    const last = rows.at(-1);
    if (!last || rows.length < batch) return filled;
    after = last.id;
  }
}
