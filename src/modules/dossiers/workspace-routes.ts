import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/client.js";
import { OtpSent, Outbox, DossierView as View } from "../../domain/api/dossier.js";
import { requireOfficer } from "../../kernel/guards.js";
import { ErrorResponse, errorResponses } from "../../kernel/schemas.js";
import type { BlobStore } from "../../lib/blob-store.js";
import { requestCtx } from "./access.js";
import { sendOtp, verifyOtp } from "./assisted.js";
import { assign } from "./officer-actions.js";
import { buildView } from "./view.js";

/** Officer workspace: claim/assign, assisted filing with a one-time code, the leader's view, the demo SMS outbox. */
export async function workspaceRoutes(
  appBase: FastifyInstance,
  opts: { db: Db; services: { store: BlobStore; publicUrl: string }; demo: boolean; now?: () => Date },
) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const now = opts.now ?? (() => new Date());
  const ctx = (req: FastifyRequest) => ({ ...requestCtx(req, opts.db, opts.services), now });
  const Id = z.object({ id: z.uuid() });
  const tags = ["workspace"];

  app.post(
    "/api/dossiers/:id/assign",
    {
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
      return buildView(c.db, c, await assign(c, req.params.id, req.body.assignee));
    },
  );

  app.post(
    "/api/dossiers/:id/otp",
    {
      schema: {
        tags,
        summary: "Agent: send the citizen a one-time code to confirm filing on their behalf",
        params: Id,
        response: { 200: OtpSent, ...errorResponses, 409: ErrorResponse },
      },
    },
    async (req) => sendOtp(ctx(req), req.params.id),
  );

  app.post(
    "/api/dossiers/:id/otp/verify",
    {
      config: { rateLimit: { max: 20, timeWindow: "1 minute" } },
      schema: {
        tags,
        summary: "Agent: the code the citizen read out; confirms the dossier and prefills it",
        params: Id,
        body: z.object({ code: z.string().regex(/^\d{6}$/) }).strict(),
        response: { 200: View, ...errorResponses, 409: ErrorResponse },
      },
    },
    async (req) => {
      const c = ctx(req);
      return buildView(c.db, c, await verifyOtp(c, req.params.id, req.body.code));
    },
  );

  if (opts.demo) {
    app.get(
      "/api/demo/outbox",
      {
        schema: {
          tags,
          summary:
            "Demo only: the latest SMS/e-mail messages waiting in the outbox (as a phone would show them)",
          querystring: z.object({ topic: z.enum(["notify.sms", "notify.citizen"]).default("notify.sms") }),
          response: { 200: Outbox, ...errorResponses },
        },
      },
      async (req) => {
        requireOfficer(req);
        const { rows } = await opts.db.query<{ at: Date; key: string; payload: Record<string, unknown> }>(
          "select created_at as at, key, payload from outbox where topic = $1 order by id desc limit 20",
          [req.query.topic],
        );
        return { items: rows };
      },
    );
  }
}
