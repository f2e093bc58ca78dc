import { z } from "zod";
import { STATUSES } from "../lifecycle.js";

const TodayCounts = z.object({
  received: z.number().int(),
  submitted: z.number().int(),
  inProcessing: z.number().int(),
  supplementRequested: z.number().int(),
  finished: z.number().int(),
});
export const LEADER_TODAY = TodayCounts.keyof().options;
export type LeaderTodayKey = (typeof LEADER_TODAY)[number];

/**
 * Every number of the leader's page: today's counts, the overdue dossiers, and the month's
 * finished and on-time dossiers. Each one is a single predicate (src/modules/metrics/leader.ts)
 * used both to count and to list (GET /api/leader/overview/dossiers), so the two cannot drift.
 */
export const LEADER_FIGURES = [...LEADER_TODAY, "overdue", "finishedThisMonth", "onTimeThisMonth"] as const;
export type LeaderFigure = (typeof LEADER_FIGURES)[number];

export const LeaderDossiersQuery = z.object({
  figure: z.enum(LEADER_FIGURES),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** The dossiers behind one number of the leader's page: no personal data; `link` null for the national viewer. */
export const LeaderDossiers = z
  .object({
    total: z.number().int(),
    items: z.array(
      z.object({
        id: z.string(),
        code: z.string().nullable(),
        procedureCode: z.string(),
        communeCode: z.string().nullable(),
        channel: z.string(),
        status: z.enum(STATUSES),
        receivedAt: z.date().nullable(),
        decidedAt: z.date().nullable(),
        dueAt: z.date().nullable(),
        /** The dossier's page (its log), null for the national viewer (aggregates only). */
        link: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: "LeaderDossiers" });

/**
 * The leader's view (GET /api/leader/overview): today's workload, overdue dossiers and who holds
 * them, and the on-time share this month (KPIS.md "on time"), each with a link to the queue
 * filtered to the dossiers behind it.
 */
export const LeaderOverview = z
  .object({
    scope: z.object({ level: z.enum(["commune", "province", "country"]), code: z.string().nullable() }),
    today: TodayCounts,
    overdue: z.array(
      z.object({
        id: z.string(),
        code: z.string().nullable(),
        procedureCode: z.string(),
        dueAt: z.date(),
        nearDueAt: z.date(),
        status: z.enum(STATUSES),
        holder: z.string().nullable(),
      }),
    ),
    onTimeShareThisMonth: z.object({
      finished: z.number().int(),
      onTime: z.number().int(),
      share: z.number().nullable(),
    }),
    /** How many dossiers are overdue (the list above holds the first 50 by due instant). */
    overdueTotal: z.number().int(),
    /** Each number's list: the page of the dossiers behind it (same predicate as the count). */
    links: z.record(z.enum(LEADER_FIGURES), z.string()),
  })
  .meta({ id: "LeaderOverview" });
