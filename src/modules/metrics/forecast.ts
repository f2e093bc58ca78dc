import type { z } from "zod";
import type { Queryable } from "../../db/client.js";
import { all, qb } from "../../db/query.js";
import type { OfficerAgencyId } from "../../domain/agencies.js";
import type { LeaderForecast, OpenDossiers, OpenDossiersQuery } from "../../domain/api/kpi-leader.js";
import { localDate, localInstant } from "../../domain/calendar/index.js";
import { catalogueFigures } from "../../domain/catalogue-figures.js";
import { FORECAST_DRILLS, inOpenPart, monthEndForecast } from "../../domain/forecast.js";
import { index766Version } from "../../domain/index766.js";
import { AWAITING_SUPPLEMENT, CLOCK_RUNNING } from "../../domain/lifecycle.js";
import { drillsKpis, LEADER_ROLES, opensDossier, type Principal } from "../../domain/principal.js";
import { AppError } from "../../kernel/errors.js";
import { type DossierExpressions, ownedBy } from "../dossiers/index.js";
import { findCommune, listProvinces } from "../units/index.js";
import { catalogueAt } from "./catalogue.js";
import { checkProcedure, kpiSums } from "./figures.js";

const OPEN = [...CLOCK_RUNNING, ...AWAITING_SUPPLEMENT];

type Scope = {
  level: "national" | "province" | "commune";
  code?: string | undefined;
  procedure?: string | undefined;
  agency?: OfficerAgencyId | undefined;
};

/** The local month of `now`: today, its first day, and the instant it ends (local midnight after it). */
function monthOf(now: Date) {
  const today = localDate(now);
  const next = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 1));
  return {
    today,
    from: `${today.slice(0, 8)}01`,
    monthEnd: localInstant(next.toISOString().slice(0, 10), "00:00"),
  };
}

/**
 * The open dossiers of a place (received, not decided, with a due instant) with their clocks, in
 * the order of their due instants, for a principal whose jurisdiction covers the place (FORBIDDEN
 * otherwise; UNKNOWN_COMMUNE for a commune that does not exist). Each statement in one province's
 * shard; the nation is the provinces one after the other.
 */
async function openRows(q: Queryable, p: Principal, scope: Scope) {
  const province =
    scope.level === "province"
      ? scope.code
      : scope.level === "commune"
        ? (await findCommune(q, scope.code ?? ""))?.provinceCode
        : undefined;
  if (scope.level === "commune" && province === undefined) throw new AppError("UNKNOWN_COMMUNE");
  const j = p.kind === "officer" ? p.jurisdiction : undefined;
  const inside =
    j?.level === "country" ||
    (j?.level === "province" && province === j.code) ||
    (j?.level === "commune" && scope.level === "commune" && scope.code === j.code);
  if (!inside) throw new AppError("FORBIDDEN");
  const provinces = province !== undefined ? [province] : (await listProvinces(q)).map((x) => x.code);
  const rows = [];
  for (const code of provinces)
    rows.push(
      ...(await all(
        q,
        qb
          .selectFrom("dossiers as d")
          .select([
            "id",
            "code",
            "procedure_code",
            "agency_code",
            "commune_code",
            "channel",
            "due_at",
            "supplement_requests",
            "status",
          ])
          .where("province_code", "=", code)
          .$if(scope.level === "commune", (s) => s.where("commune_code", "=", scope.code ?? ""))
          .$if(scope.procedure !== undefined, (s) => s.where("procedure_code", "=", scope.procedure ?? ""))
          .$if(scope.agency !== undefined, (s) =>
            s.where((eb) => ownedBy(eb as unknown as DossierExpressions, scope.agency ?? "ubnd")),
          )
          .where("status", "in", OPEN)
          .where("decided_at", "is", null)
          .where("due_at", "is not", null)
          .orderBy("due_at")
          .orderBy("code")
          .orderBy("id"),
      )),
    );
  return rows.map((d) => ({
    ...d,
    dueAt: d.due_at as Date,
    supplementRequests: d.supplement_requests,
    waiting: AWAITING_SUPPLEMENT.has(d.status as never),
  }));
}

/**
 * The open dossiers behind one count of the month-end forecast (`part`: expected, late, can be on
 * time; the rule `inOpenPart`), a page at a time in the order of their due instants, for a leader
 * who drills (`drillsKpis`; others FORBIDDEN) within their jurisdiction. No personal data; the
 * national viewer gets `link` null (aggregates only, like `kpiDrill`).
 */
export async function openDossiersDrill(
  q: Queryable,
  p: Principal,
  query: z.output<typeof OpenDossiersQuery>,
  now: Date,
): Promise<OpenDossiers> {
  if (p.kind !== "officer" || !drillsKpis(p.role)) throw new AppError("FORBIDDEN");
  await checkProcedure(q, query.procedure);
  const { monthEnd } = monthOf(now);
  const rows = (await openRows(q, p, query)).filter((d) => inOpenPart(d, query.part, now, monthEnd));
  return {
    total: rows.length,
    items: rows.slice(query.offset, query.offset + query.limit).map((d) => ({
      id: d.id,
      code: d.code,
      procedureCode: d.procedure_code,
      communeCode: d.commune_code,
      channel: d.channel,
      status: d.status,
      dueAt: d.dueAt.toISOString(),
      supplementRequests: d.supplementRequests,
      link: opensDossier(p, d.agency_code) ? `/can-bo/ho-so/${d.id}` : null,
    })),
  };
}

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
  scope: Scope,
  now: Date,
): Promise<LeaderForecast> {
  if (p.kind !== "officer" || !LEADER_ROLES.has(p.role)) throw new AppError("FORBIDDEN");
  const { today, from, monthEnd } = monthOf(now);
  const sums = await kpiSums(q, scope, { from, to: today }, now);
  const open = await openRows(q, p, scope);
  const f = monthEndForecast({
    now,
    monthEnd,
    sums,
    open,
    version: index766Version(today),
    catalogue: catalogueFigures(await catalogueAt(q, today, scope)),
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
    // Nothing finished nor expected: no score to project (`total` null).
    projectedIndex:
      f.projectedIndex?.total != null
        ? {
            total: f.projectedIndex.total,
            measuredPoints: f.projectedIndex.measuredPoints,
            grade: f.projectedIndex.grade,
          }
        : null,
    drills: FORECAST_DRILLS,
  };
}
