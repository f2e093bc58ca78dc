import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/client.js";
import {
  CorrectionCase,
  CorrectionCaseList,
  CorrectionDecisionBody,
  RegistryAlerts,
} from "../../domain/api/corrections.js";
import { CORRECTION_STATUSES } from "../../domain/corrections.js";
import { PROVINCE_CODE_PATTERN } from "../../domain/inputs.js";
import { AGGREGATE_ONLY_ROLES, OFFICER_ROLES } from "../../domain/principal.js";
import { requireOfficer } from "../../kernel/guards.js";
import { ErrorResponse, errorResponses, Page } from "../../kernel/schemas.js";
import { registryAlertsOf, requestCtx } from "../dossiers/index.js";
import { correctionQueue, decideCorrection } from "./cases.js";
import { presentCase } from "./present.js";

/** Officers who may have a correction queue: every role that sees personal data. */
const HANDLERS = OFFICER_ROLES.filter((r) => !AGGREGATE_ONLY_ROLES.has(r));

/**
 * The owning office's correction queue and its decisions (officers of that office only:
 * `mayHandleCorrection`: the owning agency's officers), and a dossier's alerts of values corrected since it reused them.
 */
export async function correctionRoutes(
  appBase: FastifyInstance,
  opts: { db: Db; now: () => Date; wake: () => void },
) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const { db, now } = opts;
  const tags = ["workspace"];

  app.get(
    "/api/workspace/corrections",
    {
      schema: {
        tags,
        summary: "The correction requests addressed to the offices this officer answers for, by status",
        querystring: Page.extend({ status: z.enum(CORRECTION_STATUSES).default("open") }),
        response: { 200: CorrectionCaseList, ...errorResponses },
      },
    },
    async (req) => {
      const officer = requireOfficer(req, HANDLERS);
      const r = await correctionQueue(db, officer, req.query);
      return { items: await Promise.all(r.items.map((c) => presentCase(db, c))), total: r.total };
    },
  );

  app.post(
    "/api/workspace/corrections/:provinceCode/:id/decision",
    {
      schema: {
        tags,
        summary:
          "Accept a correction request (the registry changes, with its history) or reject it with a reason",
        params: z.object({
          provinceCode: z.string().regex(PROVINCE_CODE_PATTERN, { message: "UNKNOWN_PROVINCE" }),
          id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
        }),
        body: CorrectionDecisionBody,
        response: { 200: CorrectionCase, ...errorResponses, 409: ErrorResponse },
      },
    },
    async (req) => {
      const officer = requireOfficer(req, HANDLERS);
      const decided = await decideCorrection(
        db,
        { officer, now: now(), requestId: req.id },
        req.params,
        req.body.outcome === "accepted"
          ? { outcome: "accepted", value: req.body.value }
          : { outcome: "rejected", reason: req.body.reason },
      );
      opts.wake();
      return presentCase(db, decided);
    },
  );

  app.get(
    "/api/dossiers/:id/registry-alerts",
    {
      schema: {
        tags: ["dossiers"],
        summary:
          "Values this dossier reused from a registry that an accepted correction changed since (old → new)",
        params: z.object({ id: z.uuid() }),
        response: { 200: RegistryAlerts, ...errorResponses },
      },
    },
    async (req) => ({ items: await registryAlertsOf(requestCtx(req, db), req.params.id) }),
  );
}
