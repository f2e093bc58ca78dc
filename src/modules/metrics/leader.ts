import type { z } from "zod";
import type { Queryable } from "../../db/client.js";
import { all, first, qb } from "../../db/query.js";
import type { LeaderOverview } from "../../domain/api/leader.js";
import { localDate, localInstant } from "../../domain/calendar/index.js";
import { LEADER_ROLES, type Principal } from "../../domain/principal.js";
import { AppError } from "../../kernel/errors.js";
import { type DossierExpressions, decidedOnTime, dueStateIs, inJurisdiction } from "../dossiers/index.js";

/**
 * The leader's view of a commune or province: today's workload, overdue dossiers and who holds
 * them, and the on-time share of dossiers decided this month. Every number comes from the
 * dossiers themselves and links to the queue filtered to the dossiers behind it.
 *
 * "Overdue" is the queue's `due=overdue` filter (`dueStateIs`, the rule of src/domain/due.ts).
 * "Finished" and "on time" follow KPIS.md: decided (first result issued or refusal) in the period;
 * on time = decided at or before the due instant moved by the supplement waits, after at most one
 * supplement request (`decidedOnTime`).
 */
export async function leaderOverview(
  q: Queryable,
  p: Principal,
  now: Date,
): Promise<z.output<typeof LeaderOverview>> {
  if (p.kind !== "officer" || !LEADER_ROLES.has(p.role)) throw new AppError("FORBIDDEN");
  // The province names the distribution key (one shard on Citus); a commune lies in its province.
  const inScope = (eb: DossierExpressions) => inJurisdiction(eb, p.jurisdiction);
  const today = localInstant(localDate(now), "00:00");
  const month = localInstant(`${localDate(now).slice(0, 8)}01`, "00:00");
  const c = await first(
    q,
    qb
      .selectFrom("dossiers as d")
      .select((eb) => {
        const count = () => eb.fn.countAll<number>();
        return [
          count().filterWhere("d.received_at", ">=", today).as("received"),
          count().filterWhere("d.status", "=", "submitted").as("submitted"),
          count()
            .filterWhere("d.status", "in", ["received", "in_processing", "supplemented"])
            .as("inProcessing"),
          count().filterWhere("d.status", "=", "supplement_requested").as("supplementRequested"),
          count().filterWhere("d.decided_at", ">=", today).as("finished"),
          count().filterWhere("d.decided_at", ">=", month).as("finishedThisMonth"),
          count()
            .filterWhere((f) => f.and([f("d.decided_at", ">=", month), decidedOnTime(f)]))
            .as("onTimeThisMonth"),
        ];
      })
      .where((eb) => eb.and([...inScope(eb), eb("d.status", "<>", "draft")])),
  );
  const overdue = await all(
    q,
    qb
      .selectFrom("dossiers as d")
      .select((eb) => [
        "d.id",
        "d.code",
        "d.procedure_code as procedureCode",
        "d.due_at as dueAt",
        "d.near_due_at as nearDueAt",
        "d.status",
        // Who holds it: the assignee, else the last officer who acted (correlated on the full key).
        eb.fn
          .coalesce(
            "d.assignee",
            eb
              .selectFrom("dossier_actions as a")
              .select("a.actor_id")
              .whereRef("a.province_code", "=", "d.province_code")
              .whereRef("a.dossier_id", "=", "d.id")
              .where("a.actor_kind", "=", "officer")
              .orderBy("a.seq", "desc")
              .limit(1),
          )
          .as("holder"),
      ])
      .where((eb) => eb.and([...inScope(eb), dueStateIs(eb, "overdue", now)]))
      .orderBy("d.due_at")
      .limit(50)
      .$narrowType<{ dueAt: Date; nearDueAt: Date }>(),
  );
  const finished = c?.finishedThisMonth ?? 0;
  const onTime = c?.onTimeThisMonth ?? 0;
  return {
    scope:
      p.jurisdiction.level === "country"
        ? { level: "country", code: null }
        : { level: p.jurisdiction.level, code: p.jurisdiction.code },
    today: {
      received: c?.received ?? 0,
      submitted: c?.submitted ?? 0,
      inProcessing: c?.inProcessing ?? 0,
      supplementRequested: c?.supplementRequested ?? 0,
      finished: c?.finished ?? 0,
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
