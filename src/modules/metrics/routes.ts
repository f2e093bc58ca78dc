import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Db } from "../../db/client.js";
import { LeaderOverview } from "../../domain/api/leader.js";
import { requirePrincipal } from "../../kernel/guards.js";
import { errorResponses } from "../../kernel/schemas.js";
import { leaderOverview } from "./leader.js";

/** Leaders' figures, computed from the dossiers themselves; `now` is their clock (tests inject one). */
export async function metricsRoutes(appBase: FastifyInstance, opts: { db: Db; now?: () => Date }) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const now = opts.now ?? (() => new Date());
  app.get(
    "/api/leader/overview",
    {
      schema: {
        tags: ["workspace"],
        summary: "Leader: today's workload, overdue dossiers with who holds them, on-time share this month",
        response: { 200: LeaderOverview, ...errorResponses },
      },
    },
    async (req) => leaderOverview(opts.db, requirePrincipal(req), now()),
  );
}
