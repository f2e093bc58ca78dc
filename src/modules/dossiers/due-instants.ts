import type { Db } from "../../db/client.js";
import { CalendarYearMissingError } from "../../domain/calendar/index.js";
import { type DueState, dueInstants, MAX_SUPPLEMENT_REQUESTS_ON_TIME, NEAR_DUE } from "../../domain/due.js";
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
    const { rows } = await q.query<{ fingerprint: string }>(
      "select fingerprint from rule_fingerprints where rule = 'near_due' for update",
    );
    if (rows[0]?.fingerprint === NEAR_DUE_FINGERPRINT) return 0;
    const { rowCount } = await q.query(
      `update dossiers set near_due_at = null
       where received_at is not null and decided_at is null and near_due_at is not null`,
    );
    await q.query(
      `insert into rule_fingerprints (rule, fingerprint) values ('near_due', $1)
       on conflict (rule) do update set fingerprint = excluded.fingerprint, recorded_at = now()`,
      [NEAR_DUE_FINGERPRINT],
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
  const pending = `from dossiers where received_at is not null and near_due_at is null`;
  const total = (await db.query<{ n: number }>(`select count(*)::int as n ${pending}`)).rows[0]?.n ?? 0;
  let filled = 0;
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const { rows } = await db.query<{
      id: string;
      provinceCode: string;
      receivedAt: Date;
      dueAt: Date | null;
    }>(
      `select id, province_code as "provinceCode", received_at as "receivedAt", due_at as "dueAt" ${pending}
       and id > $1 order by id limit $2`,
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
    if (rows.length > 0) log?.(`Due instants: ${filled} of ${total} dossiers filled.`);
    const last = rows.at(-1);
    if (!last || rows.length < batch) return filled;
    after = last.id;
  }
}
