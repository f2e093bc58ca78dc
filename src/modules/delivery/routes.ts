import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/client.js";
import { QueueDecided, QueueDecision, QueueList } from "../../domain/api/delivery.js";
import { QUEUE_VIEWS } from "../../domain/delivery.js";
import { ADMINISTRATORS } from "../../domain/principal.js";
import { requireOfficer } from "../../kernel/guards.js";
import { ErrorResponse, errorResponses, Page } from "../../kernel/schemas.js";
import { discardMessage, listQueue, retryMessage } from "./admin.js";
import type { Delivery } from "./dispatcher.js";

/**
 * The administrator's delivery queue: pending, failed, dead and discarded messages (national), and a retry or
 * discard of one, with a reason written to the audit log. Administrators only (its rows name topics
 * and dossier codes, never a person).
 */
export async function deliveryRoutes(
  appBase: FastifyInstance,
  opts: { db: Db; delivery: Delivery; now: () => Date },
) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const { db, delivery, now } = opts;

  app.get(
    "/api/admin/outbox",
    {
      schema: {
        tags: ["admin"],
        summary:
          "Admin: messages waiting to be delivered, failing, dead (oldest first) or discarded (newest first, who, when, why), with counts",
        querystring: Page.extend({ view: z.enum(QUEUE_VIEWS).default("dead") }),
        response: { 200: QueueList, ...errorResponses },
      },
    },
    async (req) => {
      requireOfficer(req, ADMINISTRATORS);
      return listQueue(db, req.query);
    },
  );

  for (const action of ["retry", "discard"] as const) {
    app.post(
      `/api/admin/outbox/${action}`,
      {
        schema: {
          tags: ["admin"],
          summary:
            action === "retry"
              ? "Admin: send a dead or failing message again now (attempts from zero), with a reason (audited)"
              : "Admin: give a pending or dead message up, with a reason (audited)",
          body: QueueDecision,
          response: { 200: QueueDecided, ...errorResponses, 409: ErrorResponse },
        },
      },
      async (req) => {
        const admin = requireOfficer(req, ADMINISTRATORS);
        const d = {
          delivery,
          admin,
          provinceCode: req.body.provinceCode,
          id: req.body.id,
          reason: req.body.reason,
          requestId: req.id,
          now: now(),
        };
        const r = action === "retry" ? await retryMessage(db, d) : await discardMessage(db, d);
        if (action === "retry") delivery.wake();
        return {
          provinceCode: d.provinceCode,
          id: d.id,
          state: r.state as "pending" | "discarded",
          attempts: r.attempts,
        };
      },
    );
  }
}
