import type { z } from "zod";
import type { Queryable } from "../../db/client.js";
import { all, type Expression, first, qb, type SqlBool } from "../../db/query.js";
import {
  LEADER_FIGURES,
  type LeaderDossiers,
  type LeaderDossiersQuery,
  type LeaderFigure,
  type LeaderOverview,
} from "../../domain/api/leader.js";
import { localDate, localInstant } from "../../domain/calendar/index.js";
import { drillsKpis, LEADER_ROLES, opensDossier, type Principal } from "../../domain/principal.js";
import { AppError } from "../../kernel/errors.js";
import {
  type DossierExpressions,
  type DossierLogExpressions,
  decidedOnTime,
  dueStateIs,
  endedByHeadRefusal,
  inJurisdiction,
  onDossierKey,
  provinceOfJurisdiction,
} from "../dossiers/index.js";

/**
 * The predicate of each number of the leader's page over the dossiers projection `d` (drafts
 * excluded by the caller), at the clock `now` (days and months are local, UTC+7). The overview
 * counts with it and the list (`leaderDossiers`) filters with it: one definition, so a number and
 * its list cannot disagree.
 *
 * "Overdue" is the queue's `due=overdue` filter (`dueStateIs`, the rule of src/domain/due.ts).
 * "Finished" and "on time" follow KPIS.md: decided (first result issued or refusal) in the period;
 * on time = decided at or before the due instant moved by the supplement waits, after at most one
 * supplement request (`decidedOnTime`). A dossier ended by the refusal of the head of the household
 * a spouse joins is no decision of the agency: never received, finished, on time or late
 * (`endedByHeadRefusal`, the KPIs' rule of src/domain/head-refusal.ts).
 */
function figureIs(
  eb: DossierLogExpressions,
  figure: LeaderFigure,
  now: Date,
  province: string | null,
): Expression<SqlBool> {
  const today = localInstant(localDate(now), "00:00");
  const month = localInstant(`${localDate(now).slice(0, 8)}01`, "00:00");
  const decidedSince = (from: Date) =>
    eb.and([eb("d.decided_at", ">=", from), eb.not(endedByHeadRefusal(eb, province))]);
  switch (figure) {
    case "received":
      return eb.and([eb("d.received_at", ">=", today), eb.not(endedByHeadRefusal(eb, province))]);
    case "submitted":
      return eb("d.status", "=", "submitted");
    case "inProcessing":
      return eb("d.status", "in", ["received", "in_processing", "supplemented"]);
    case "supplementRequested":
      return eb("d.status", "=", "supplement_requested");
    case "finished":
      return decidedSince(today);
    case "overdue":
      return dueStateIs(eb, "overdue", now);
    case "finishedThisMonth":
      return decidedSince(month);
    case "onTimeThisMonth":
      return eb.and([decidedSince(month), decidedOnTime(eb)]);
  }
}

/** A leader's own place (the province names the distribution key; a commune lies in its province), drafts aside. */
const inScope = (eb: DossierExpressions, p: Principal & { kind: "officer" }) => [
  ...inJurisdiction(eb, p.jurisdiction),
  eb("d.status", "<>", "draft"),
];

/** Where each number's list is: the page of its dossiers in the workspace. */
const linkOf = (figure: LeaderFigure) => `/can-bo/lanh-dao/ho-so?so=${figure}`;

/**
 * The leader's view of a commune or province: today's workload, overdue dossiers and who holds
 * them, and the on-time share of dossiers decided this month. Every number comes from the
 * dossiers themselves (`figureIs`) and links to the list of the dossiers behind it.
 */
export async function leaderOverview(
  q: Queryable,
  p: Principal,
  now: Date,
): Promise<z.output<typeof LeaderOverview>> {
  if (p.kind !== "officer" || !LEADER_ROLES.has(p.role)) throw new AppError("FORBIDDEN");
  const province = provinceOfJurisdiction(p.jurisdiction);
  const c = await first(
    q,
    qb
      .selectFrom("dossiers as d")
      .select((eb) =>
        LEADER_FIGURES.map((k) =>
          eb.fn
            .countAll<number>()
            .filterWhere((f) => figureIs(f, k, now, province))
            .as(k),
        ),
      )
      .where((eb) => eb.and(inScope(eb, p))),
  );
  const n = (k: LeaderFigure) => Number(c?.[k] ?? 0);
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
        // Who holds it: the assignee, else the last officer who acted (`onDossierKey`).
        eb.fn
          .coalesce(
            "d.assignee",
            eb
              .selectFrom("dossier_actions as a")
              .select("a.actor_id")
              .where(onDossierKey("a", "d", province))
              .where("a.actor_kind", "=", "officer")
              .orderBy("a.seq", "desc")
              .limit(1),
          )
          .as("holder"),
      ])
      .where((eb) => eb.and([...inScope(eb, p), figureIs(eb, "overdue", now, province)]))
      .orderBy("d.due_at")
      .limit(50)
      .$narrowType<{ dueAt: Date; nearDueAt: Date }>(),
  );
  const finished = n("finishedThisMonth");
  const onTime = n("onTimeThisMonth");
  return {
    scope:
      p.jurisdiction.level === "country"
        ? { level: "country", code: null }
        : { level: p.jurisdiction.level, code: p.jurisdiction.code },
    today: {
      received: n("received"),
      submitted: n("submitted"),
      inProcessing: n("inProcessing"),
      supplementRequested: n("supplementRequested"),
      finished: n("finished"),
    },
    overdue,
    overdueTotal: n("overdue"),
    onTimeShareThisMonth: { finished, onTime, share: finished > 0 ? onTime / finished : null },
    links: Object.fromEntries(LEADER_FIGURES.map((k) => [k, linkOf(k)])) as Record<LeaderFigure, string>,
  };
}

/**
 * The dossiers behind one number of the leader's page (`figureIs`, the overview's own predicate),
 * in the leader's jurisdiction, a page at a time by due instant then code, for a role that drills
 * (`drillsKpis`; others FORBIDDEN). No personal data (code, procedure, commune, channel, status,
 * instants): the national viewer gets the list too, with `link` null (the dossier stays closed).
 */
export async function leaderDossiers(
  q: Queryable,
  p: Principal,
  query: z.output<typeof LeaderDossiersQuery>,
  now: Date,
): Promise<z.output<typeof LeaderDossiers>> {
  if (p.kind !== "officer" || !drillsKpis(p.role)) throw new AppError("FORBIDDEN");
  const province = provinceOfJurisdiction(p.jurisdiction);
  const rows = qb
    .selectFrom("dossiers as d")
    .where((eb) => eb.and([...inScope(eb, p), figureIs(eb, query.figure, now, province)]));
  const total = await first(
    q,
    rows.select((eb) => eb.fn.countAll<number>().as("n")),
  );
  const items = await all(
    q,
    rows
      .select([
        "d.id",
        "d.code",
        "d.procedure_code as procedureCode",
        "d.agency_code as agencyCode",
        "d.commune_code as communeCode",
        "d.channel",
        "d.status",
        "d.received_at as receivedAt",
        "d.decided_at as decidedAt",
        "d.due_at as dueAt",
      ])
      .orderBy((eb) => eb.fn.coalesce("d.due_at", "d.received_at", "d.created_at"))
      .orderBy("d.code")
      .orderBy("d.id")
      .limit(query.limit)
      .offset(query.offset),
  );
  return {
    total: Number(total?.n ?? 0),
    items: items.map(({ agencyCode, ...d }) => ({
      ...d,
      link: opensDossier(p, agencyCode) ? `/can-bo/ho-so/${d.id}` : null,
    })),
  };
}
