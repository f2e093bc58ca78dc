import type { Db } from "../../db/client.js";
import { CalendarYearMissingError } from "../../domain/calendar/index.js";
import { type DueState, dueInstants, MAX_SUPPLEMENT_REQUESTS_ON_TIME } from "../../domain/due.js";
import { CLOCK_RUNNING, reduce } from "../../domain/lifecycle.js";
import { loadLog } from "./repository.js";

/**
 * The due rule of src/domain/due.ts in SQL, over the dossiers projection aliased `d`: the queue's
 * `due=` filter and the leader's view use these, and a test checks they agree with `dueStateOf`
 * and `clockOf` on a table of instants. They compare a parameter with the stored `due_at` and
 * `near_due_at` (the threshold lives in the domain, which computed them), so the queue's index
 * on (jurisdiction, due_at) serves every filter.
 */
const RUNNING = [...CLOCK_RUNNING].map((s) => `'${s}'`).join(", ");

/** `dueStateOf(d, now) === state` as SQL; `now` names the parameter holding the instant, e.g. "$3". */
export function dueStateSql(state: DueState, now: string): string {
  const running = `d.status in (${RUNNING}) and d.near_due_at is not null`;
  switch (state) {
    case "overdue":
      return `(${running} and d.due_at < ${now})`;
    case "near_due":
      return `(${running} and d.due_at >= ${now} and d.near_due_at <= ${now})`;
    case "on_time":
      // near_due_at <= due_at: the bound on due_at is implied, and lets the index serve.
      return `(${running} and d.due_at > ${now} and d.near_due_at > ${now})`;
  }
}

/** `decidedOnTime` as SQL (KPIS.md "on time"), for a decided dossier `d`. */
export const ON_TIME_SQL = `(d.decided_at <= d.due_at and d.supplement_requests <= ${MAX_SUPPLEMENT_REQUESTS_ON_TIME})`;

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
    const { rows } = await db.query<{
      id: string;
      provinceCode: string;
      receivedAt: Date;
      dueAt: Date | null;
    }>(
      `select id, province_code as "provinceCode", received_at as "receivedAt", due_at as "dueAt" from dossiers
       where received_at is not null and near_due_at is null and id > $1 order by id limit $2`,
      [after, batch],
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
        const { rowCount } = await db.query(
          `update dossiers set due_at = $3, near_due_at = $4
           where province_code = $1 and id = $2 and near_due_at is null`,
          [r.provinceCode, r.id, instants.dueAt, instants.nearDueAt],
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
