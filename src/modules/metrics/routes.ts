import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/client.js";
import { requirePrincipal } from "../../kernel/guards.js";
import { errorResponses } from "../../kernel/schemas.js";
import { leaderOverview } from "./leader.js";

/** Leaders' figures, computed from the dossiers themselves. */
export async function metricsRoutes(appBase: FastifyInstance, opts: { db: Db }) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/api/leader/overview",
    {
      schema: {
        tags: ["workspace"],
        summary: "Leader: today's workload, overdue dossiers with who holds them, on-time share this month",
        response: { 200: z.record(z.string(), z.unknown()), ...errorResponses },
      },
    },
    async (req) => leaderOverview(opts.db, requirePrincipal(req)),
  );
}
