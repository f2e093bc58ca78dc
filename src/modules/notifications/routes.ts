import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/client.js";
import { DossierNotifications } from "../../domain/api/delivery.js";
import { errorResponses } from "../../kernel/schemas.js";
import { getVisibleDossierPart, requestCtx } from "../dossiers/index.js";
import { notificationsOfDossier } from "./repository.js";

/**
 * The SMS and e-mails sent about a dossier with their status (queued, sent, delivered, failed): for
 * whoever may see the dossier (its one gate, `getVisibleDossierPart`), logged in the applicant's
 * access list for anyone else.
 */
export async function notificationRoutes(appBase: FastifyInstance, opts: { db: Db }) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
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
      return {
        items: part.map((n) => ({
          id: n.id,
          channel: n.channel,
          event: n.event,
          recipient: n.recipient,
          textVi: n.textVi,
          textEn: n.textEn,
          status: n.status,
          error: n.error,
          createdAt: n.createdAt,
          statusAt: n.statusAt,
        })),
      };
    },
  );
}
