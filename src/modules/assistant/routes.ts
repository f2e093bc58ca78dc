import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Db } from "../../db/client.js";
import { AssistantReply, AssistantRequest } from "../../domain/api/assistant.js";
import { ErrorResponse } from "../../kernel/schemas.js";
import { converse } from "./assistant.js";

/** The virtual assistant: anyone may ask; a signed-in citizen's answer may use their registry facts. */
export async function assistantRoutes(appBase: FastifyInstance, opts: { db: Db; publicRateLimit: number }) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  app.post(
    "/api/assistant",
    {
      config: { rateLimit: { max: opts.publicRateLimit, timeWindow: "1 minute" } },
      schema: {
        tags: ["assistant"],
        summary:
          "Virtual assistant: a situation in everyday Vietnamese → a procedure of the catalogue, a question, or the agency of a service not offered here",
        body: AssistantRequest,
        response: { 200: AssistantReply, 400: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (req) => converse(opts.db, req.principal, req.body, req.id),
  );
}
