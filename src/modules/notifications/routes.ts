import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/client.js";
import { DossierNotifications } from "../../domain/api/delivery.js";
import { DELIVERY_REPORTS, failureWords, NOTIFICATION_STATUSES } from "../../domain/delivery.js";
import { AppError } from "../../kernel/errors.js";
import { errorResponses } from "../../kernel/schemas.js";
import { getVisibleDossierPart, requestCtx } from "../dossiers/index.js";
import { applyDeliveryReport, notificationsOfDossier } from "./repository.js";

const Report = z
  .object({
    /** What the platform sent the SMS as (`reference` of the send): `<province>-<outbox message id>`. */
    reference: z.string().regex(/^[0-9]{2}-[0-9]{1,15}$/),
    status: z.enum(DELIVERY_REPORTS),
    error: z.string().max(200).optional(),
  })
  .strict();

/**
 * Whether `given` is the gateway's token, compared in constant time. A header of its own, not
 * `Authorization`: a bearer there is taken for an access token of the platform's own sign-in.
 */
function tokenIs(given: string | string[] | undefined, token: string): boolean {
  const a = Buffer.from(typeof given === "string" ? given : "");
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The SMS and e-mails sent about a dossier with their status (queued, sent, delivered, failed) and,
 * when one failed, why: a stable code in plain words for everyone, the technical error for officers
 * and administrators only. For
 * whoever may see the dossier (its one gate, `getVisibleDossierPart`), logged in the applicant's
 * access list for anyone else.
 */
export async function notificationRoutes(
  appBase: FastifyInstance,
  opts: { db: Db; callbackToken?: string | undefined; now?: () => Date; publicRateLimit?: number },
) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const now = opts.now ?? (() => new Date());

  /**
   * The SMS gateway's delivery report (an HTTP callback): header `x-sms-gateway-token:
   * <SMS_GATEWAY_CALLBACK_TOKEN>`, JSON `{ reference, status: delivered|failed, error? }`. The
   * notification's status follows (`applyDeliveryReport`); the citizen and the officer read it with
   * the dossier. 404 when no token is configured (no gateway reports here) or the reference names
   * no SMS sent; 401 for a missing or wrong token.
   */
  app.post(
    "/api/sms/delivery-reports",
    {
      config: {
        csrf: false,
        ...(opts.publicRateLimit ? { rateLimit: { max: opts.publicRateLimit, timeWindow: "1 minute" } } : {}),
      },
      schema: {
        tags: ["notifications"],
        summary: "SMS gateway → platform: a delivery report (x-sms-gateway-token)",
        body: Report,
        response: {
          200: z.object({ status: z.enum(NOTIFICATION_STATUSES), changed: z.boolean() }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const token = opts.callbackToken;
      if (!token) throw new AppError("NOT_FOUND");
      if (!tokenIs(req.headers["x-sms-gateway-token"], token)) throw new AppError("UNAUTHENTICATED");
      const [province, id] = req.body.reference.split("-") as [string, string];
      const r = await opts.db.tx((q) =>
        applyDeliveryReport(q, {
          provinceCode: province,
          messageId: Number(id),
          report: req.body.status,
          error: req.body.error,
          at: now(),
        }),
      );
      if (!r) throw new AppError("NOT_FOUND");
      return r;
    },
  );

  app.get(
    "/api/dossiers/:id/notifications",
    {
      schema: {
        tags: ["dossiers"],
        summary: "The SMS and e-mails sent about a dossier, oldest first, with their delivery status",
        params: z.object({ id: z.uuid() }),
        response: { 200: DossierNotifications, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = requestCtx(req, opts.db);
      const { part } = await getVisibleDossierPart(ctx, req.params.id, "notifications", (d) =>
        notificationsOfDossier(opts.db, d),
      );
      // The technical error is for officers and administrators; the citizen reads plain words.
      const technical = ctx.principal.kind === "officer";
      // A citizen reads what was sent to her; the officer also what the head of household was sent.
      const p = ctx.principal;
      const shown = p.kind === "citizen" ? part.filter((n) => n.personalNumber === p.personalNumber) : part;
      return {
        items: shown.map((n) => {
          const failure = n.status === "failed" ? (n.failureCode ?? "SEND_FAILED") : null;
          const words = failure ? failureWords(failure, n.channel) : null;
          return {
            id: n.id,
            channel: n.channel,
            event: n.event,
            recipient: n.recipient,
            textVi: n.textVi,
            textEn: n.textEn,
            status: n.status,
            failureCode: failure,
            failureVi: words?.vi ?? null,
            failureEn: words?.en ?? null,
            error: technical ? n.error : null,
            createdAt: n.createdAt,
            statusAt: n.statusAt,
          };
        }),
      };
    },
  );
}
