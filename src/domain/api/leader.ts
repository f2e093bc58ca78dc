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
    links: z.record(z.enum([...LEADER_TODAY, "overdue"]), z.string()),
  })
  .meta({ id: "LeaderOverview" });
