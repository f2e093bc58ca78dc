import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/client.js";
import { OtpSent, Outbox, DossierView as View } from "../../domain/api/dossier.js";
import { OTP_PATTERN } from "../../domain/inputs.js";
import { requirePrincipal } from "../../kernel/guards.js";
import { ErrorResponse, errorResponses } from "../../kernel/schemas.js";
import { requestCtx, type Services } from "./access.js";
import { sendOtp, verifyOtp } from "./assisted.js";
import { readDemoSms } from "./demo-sms.js";
import { assign } from "./officer-actions.js";
import { viewAnswer } from "./routes.js";
import { buildView } from "./view.js";

/** Officer workspace: claim/assign, assisted filing with a one-time code, the leader's view, the demo SMS outbox. */
export async function workspaceRoutes(
  appBase: FastifyInstance,
  opts: { db: Db; services: Services; demo: boolean; now?: () => Date },
) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const now = opts.now ?? (() => new Date());
  const ctx = (req: FastifyRequest) => ({ ...requestCtx(req, opts.db, opts.services), now });
  const Id = z.object({ id: z.uuid() });
  const tags = ["workspace"];

  app.post(
    "/api/dossiers/:id/assign",
    {
      ...viewAnswer,
      schema: {
        tags,
        summary: 'Claim a dossier (assignee "me") or assign it to a colleague of the same jurisdiction',
        params: Id,
        body: z.object({ assignee: z.string().regex(/^(me|[a-z0-9.]{2,64})$/) }).strict(),
        response: { 200: View, ...errorResponses, 409: ErrorResponse },
      },
    },
    async (req) => {
      const c = ctx(req);
      return buildView(c, await assign(c, req.params.id, req.body.assignee));
    },
  );

  app.post(
    "/api/dossiers/:id/otp",
    {
      schema: {
        tags,
        summary: "Agent: send the citizen a one-time code to confirm filing on their behalf",
        params: Id,
        response: {
          200: OtpSent,
          ...errorResponses,
          409: ErrorResponse,
          429: ErrorResponse,
          503: ErrorResponse,
        },
      },
    },
    async (req) => sendOtp(ctx(req), req.params.id),
  );

  app.post(
    "/api/dossiers/:id/otp/verify",
    {
      config: { rateLimit: { max: 20, timeWindow: "1 minute" } },
      ...viewAnswer,
      schema: {
        tags,
        summary: "Agent: the code the citizen read out; confirms the dossier and prefills it",
        params: Id,
        body: z.object({ code: z.string().regex(OTP_PATTERN) }).strict(),
        response: { 200: View, ...errorResponses, 409: ErrorResponse },
      },
    },
    async (req) => {
      const c = ctx(req);
      return buildView(c, await verifyOtp(c, req.params.id, req.body.code));
    },
  );

  // Demo only (DEMO on): the demo phone's SMS; with DEMO off the route does not exist (404).
  if (opts.demo) {
    app.get(
      "/api/demo/outbox",
      {
        schema: {
          tags,
          summary:
            "Demo only: the latest SMS. The citizen sees their own whole (the demo phone); the admin and officers of the commune concerned see them with codes masked; agents are refused",
          response: { 200: Outbox, ...errorResponses },
        },
      },
      async (req) => ({ items: await readDemoSms(opts.db, requirePrincipal(req)) }),
    );
  }
}
