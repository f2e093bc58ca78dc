import type { Db } from "../../db/client.js";
import { all, qb, run } from "../../db/query.js";
import { CalendarYearMissingError } from "../../domain/calendar/index.js";
import { dueInstants } from "../../domain/due.js";
import { reduce } from "../../domain/lifecycle.js";
import { loadLog } from "./repository.js";

/**
 * Fills `due_at` (moved by closed supplement waits) and `near_due_at` of received dossiers that
 * have no near-due instant yet (rows written before migration 020, or after the near-due threshold
 * changed), from each dossier's log, in batches. Idempotent; a row changed meanwhile by a
 * transition is left alone. Returns how many rows it filled.
 */
export async function backfillDueInstants(db: Db, batch = 500): Promise<number> {
  let filled = 0;
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    // A start-up job over every province (every shard on Citus); each row is then changed by its full key.
    const rows = await all(
      db,
      qb
        .selectFrom("dossiers")
        .select(["id", "province_code as provinceCode", "received_at as receivedAt", "due_at as dueAt"])
        .where("received_at", "is not", null)
        .where("near_due_at", "is", null)
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
    const last = rows.at(-1);
    if (!last || rows.length < batch) return filled;
    after = last.id;
  }
}
