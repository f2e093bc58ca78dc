import type { z } from "zod";
import type { Queryable } from "../../db/client.js";
import type { LeaderOverview } from "../../domain/api/leader.js";
import { localDate, localInstant } from "../../domain/calendar/index.js";
import { LEADER_ROLES, type Principal } from "../../domain/principal.js";
import { AppError } from "../../kernel/errors.js";
import { dueStateSql, ON_TIME_SQL } from "../dossiers/index.js";

/**
 * The leader's view of a commune or province: today's workload, overdue dossiers and who holds
 * them, and the on-time share of dossiers decided this month. Every number comes from the
 * dossiers themselves and links to the queue filtered to the dossiers behind it.
 *
 * "Overdue" is the queue's `due=overdue` filter (`dueStateSql`, the rule of src/domain/due.ts).
 * "Finished" and "on time" follow KPIS.md: decided (first result issued or refusal) in the period;
 * on time = decided at or before the due instant moved by the supplement waits, after at most one
 * supplement request (`decidedOnTime`, `ON_TIME_SQL`).
 */
export async function leaderOverview(
  q: Queryable,
  p: Principal,
  now: Date,
): Promise<z.output<typeof LeaderOverview>> {
  if (p.kind !== "officer" || !LEADER_ROLES.has(p.role)) throw new AppError("FORBIDDEN");
  const params: unknown[] = [];
  let scope = "true";
  // The province names the distribution key (one shard on Citus); a commune lies in its province.
  if (p.jurisdiction.level === "commune") {
    params.push(p.jurisdiction.provinceCode, p.jurisdiction.code);
    scope = "d.province_code = $1 and d.commune_code = $2";
  } else if (p.jurisdiction.level === "province") {
    params.push(p.jurisdiction.code);
    scope = "d.province_code = $1";
  }
  const today = localInstant(localDate(now), "00:00");
  const month = localInstant(`${localDate(now).slice(0, 8)}01`, "00:00");
  const n = params.length;
  const { rows: counts } = await q.query<Record<string, number>>(
    `select
       count(*) filter (where d.received_at >= $${n + 1})::int as received,
       count(*) filter (where d.status = 'submitted')::int as submitted,
       count(*) filter (where d.status in ('received', 'in_processing', 'supplemented'))::int as "inProcessing",
       count(*) filter (where d.status = 'supplement_requested')::int as "supplementRequested",
       count(*) filter (where d.decided_at >= $${n + 1})::int as finished,
       count(*) filter (where d.decided_at >= $${n + 2})::int as "finishedThisMonth",
       count(*) filter (where d.decided_at >= $${n + 2} and ${ON_TIME_SQL})::int as "onTimeThisMonth"
     from dossiers d where ${scope} and d.status <> 'draft'`,
    [...params, today, month],
  );
  const c = counts[0] ?? {};
  const { rows: overdue } = await q.query<z.output<typeof LeaderOverview>["overdue"][number]>(
    `select d.id, d.code, d.procedure_code as "procedureCode", d.due_at as "dueAt", d.near_due_at as "nearDueAt",
       d.status,
       coalesce(d.assignee, (select a.actor_id from dossier_actions a
                             where a.province_code = d.province_code and a.dossier_id = d.id and a.actor_kind = 'officer'
                             order by a.seq desc limit 1)) as holder
     from dossiers d
     where ${scope} and ${dueStateSql("overdue", `$${n + 1}`)}
     order by d.due_at limit 50`,
    [...params, now],
  );
  const finished = c.finishedThisMonth ?? 0;
  const onTime = c.onTimeThisMonth ?? 0;
  return {
    scope:
      p.jurisdiction.level === "country"
        ? { level: "country", code: null }
        : { level: p.jurisdiction.level, code: p.jurisdiction.code },
    today: {
      received: c.received ?? 0,
      submitted: c.submitted ?? 0,
      inProcessing: c.inProcessing ?? 0,
      supplementRequested: c.supplementRequested ?? 0,
      finished: c.finished ?? 0,
    },
    overdue,
    onTimeShareThisMonth: { finished, onTime, share: finished > 0 ? onTime / finished : null },
    links: {
      received: "/can-bo?status=received",
      submitted: "/can-bo?status=submitted",
      inProcessing: "/can-bo?status=in_processing",
      supplementRequested: "/can-bo?status=supplement_requested",
      finished: "/can-bo?status=result_issued",
      overdue: "/can-bo?due=overdue",
    },
  };
}
