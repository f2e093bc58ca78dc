import type { Queryable } from "../../db/client.js";
import { all, qb } from "../../db/query.js";
import type { LeaderForecast } from "../../domain/api/kpis.js";
import { localDate, localInstant } from "../../domain/calendar/index.js";
import { monthEndForecast } from "../../domain/forecast.js";
import { index766Version } from "../../domain/index766.js";
import { AWAITING_SUPPLEMENT, CLOCK_RUNNING } from "../../domain/lifecycle.js";
import { LEADER_ROLES, type Principal } from "../../domain/principal.js";
import { AppError } from "../../kernel/errors.js";
import { findCommune, listProvinces } from "../units/index.js";
import { kpiSums } from "./figures.js";

const OPEN = [...CLOCK_RUNNING, ...AWAITING_SUPPLEMENT];

/**
 * The month-end forecast of a place (`monthEndForecast`, src/domain/forecast.ts) for a leader whose
 * jurisdiction covers it (national viewers included: aggregates only): month-to-date sums from the
 * rollups, and the clocks of the place's open dossiers (received, not decided: due instant,
 * supplement requests, waiting or not) read from the projection in the place's province. `now`
 * decides the month (local). Errors: FORBIDDEN (403) outside the jurisdiction or for other roles,
 * UNKNOWN_PROVINCE / UNKNOWN_COMMUNE (400).
 */
export async function leaderForecast(
  q: Queryable,
  p: Principal,
  scope: {
    level: "national" | "province" | "commune";
    code?: string | undefined;
    procedure?: string | undefined;
  },
  now: Date,
): Promise<LeaderForecast> {
  if (p.kind !== "officer" || !LEADER_ROLES.has(p.role)) throw new AppError("FORBIDDEN");
  const today = localDate(now);
  const from = `${today.slice(0, 8)}01`;
  const next = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 1));
  const monthEnd = localInstant(next.toISOString().slice(0, 10), "00:00");
  const sums = await kpiSums(q, scope, { from, to: today });
  const province =
    scope.level === "province"
      ? scope.code
      : scope.level === "commune"
        ? (await findCommune(q, scope.code ?? ""))?.provinceCode
        : undefined;
  const j = p.jurisdiction;
  const inside =
    j.level === "country" ||
    (j.level === "province" && province === j.code) ||
    (j.level === "commune" && scope.level === "commune" && scope.code === j.code);
  if (!inside) throw new AppError("FORBIDDEN");
  // Each statement in one province's shard; the nation is the provinces one after the other.
  const provinces = province !== undefined ? [province] : (await listProvinces(q)).map((x) => x.code);
  const open = [];
  for (const code of provinces)
    open.push(
      ...(await all(
        q,
        qb
          .selectFrom("dossiers")
          .select(["due_at", "supplement_requests", "status"])
          .where("province_code", "=", code)
          .$if(scope.level === "commune", (s) => s.where("commune_code", "=", scope.code ?? ""))
          .$if(scope.procedure !== undefined, (s) => s.where("procedure_code", "=", scope.procedure ?? ""))
          .where("status", "in", OPEN)
          .where("decided_at", "is", null)
          .where("due_at", "is not", null),
      )),
    );
  const f = monthEndForecast({
    now,
    monthEnd,
    sums,
    open: open.map((d) => ({
      dueAt: d.due_at as Date,
      supplementRequests: d.supplement_requests,
      waiting: AWAITING_SUPPLEMENT.has(d.status as never),
    })),
    version: index766Version(today),
  });
  return {
    level: scope.level,
    code: scope.level === "national" ? null : (scope.code ?? null),
    from,
    to: today,
    monthEnd: monthEnd.toISOString(),
    finished: sums.finished,
    onTime: sums.onTime,
    ...f,
    projectedIndex: f.projectedIndex
      ? {
          total: f.projectedIndex.total,
          measuredPoints: f.projectedIndex.measuredPoints,
          grade: f.projectedIndex.grade,
        }
      : null,
  };
}
