import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { DossierComplaints } from "../../domain/api/dossier.js";
import { ErrorResponse, errorResponses, IdempotencyKey } from "../../kernel/schemas.js";
import type { Ctx } from "./access.js";
import { answerComplaint, dossierComplaints, fileComplaint } from "./complaints.js";

const Id = z.object({ id: z.uuid() });

/** Feedback and complaints on a dossier (src/modules/dossiers/complaints.ts): thin routes, registered by `dossierRoutes`. */
export async function complaintRoutes(
  appBase: FastifyInstance,
  opts: { ctx: (req: FastifyRequest) => Ctx; tags: string[] },
) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const { ctx, tags } = opts;
  // The texts are checked by the service (COMPLAINT_TEXT_REQUIRED, COMPLAINT_TOO_LONG…), not here,
  // so that a missing or long text gets its own code; the cap only bounds the request.
  const ComplaintText = z.object({ text: z.string().max(100_000).optional() }).strict();
  app.post(
    "/api/dossiers/:id/complaints",
    {
      schema: {
        tags,
        summary:
          "Citizen: send feedback or a complaint on my submitted dossier (text ≤ 2,000 characters; due in 15 working days); with an Idempotency-Key a repeated request files nothing more. Answers the dossier's complaints",
        params: Id,
        headers: IdempotencyKey,
        body: ComplaintText,
        response: { 201: DossierComplaints, ...errorResponses, 409: ErrorResponse },
      },
    },
    async (req, reply) => {
      const c = ctx(req);
      await fileComplaint(c, req.params.id, req.body, req.headers["idempotency-key"]);
      return reply.status(201).send(await dossierComplaints(c, req.params.id));
    },
  );

  app.get(
    "/api/dossiers/:id/complaints",
    {
      schema: {
        tags,
        summary:
          "The dossier's feedback and complaints, newest first: due date, waiting or answered (answer, date, on time), working days left; whether I may send or answer one",
        params: Id,
        response: { 200: DossierComplaints, ...errorResponses },
      },
    },
    async (req) => dossierComplaints(ctx(req), req.params.id),
  );

  app.post(
    "/api/dossiers/:id/complaints/:complaintId/answer",
    {
      schema: {
        tags,
        summary:
          "Officer of the dossier's jurisdiction and agency: answer a feedback or complaint (text required), once (409 COMPLAINT_ANSWERED); the citizen is notified",
        params: z.object({ id: z.uuid(), complaintId: z.uuid() }),
        body: ComplaintText,
        response: { 200: DossierComplaints, ...errorResponses, 409: ErrorResponse },
      },
    },
    async (req) => {
      const c = ctx(req);
      await answerComplaint(c, req.params.id, req.params.complaintId, req.body);
      return dossierComplaints(c, req.params.id);
    },
  );
}
