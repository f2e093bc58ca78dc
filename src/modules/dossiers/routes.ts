import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/client.js";
import {
  CorrectionFiled,
  DossierList,
  DossierView,
  Eligibility,
  Notifications,
  NotificationsRead,
  PrefillPreview,
  QueuePage,
  UnreadCount,
} from "../../domain/api/dossier.js";
import { DUE_STATES } from "../../domain/due.js";
import { TEXT_LIMITS } from "../../domain/inputs.js";
import { type ActionType, CHANNELS, OFFICER_ACTIONS, STATUSES } from "../../domain/lifecycle.js";
import { NoticeId } from "../../domain/message-notices.js";
import { requireCitizen, requirePrincipal } from "../../kernel/guards.js";
import {
  CommuneCode,
  ErrorResponse,
  errorResponses,
  IdempotencyKey,
  Page,
  PersonalNumber,
} from "../../kernel/schemas.js";
import { requestCtx, type Services } from "./access.js";
import { complaintRoutes } from "./complaint-routes.js";
import { fileCorrection } from "./corrections.js";
import { createDossier } from "./create.js";
import { dossierEligibility } from "./eligibility.js";
import { markNotificationsRead, notificationsWithReads } from "./notification-reads.js";
import { act } from "./officer-actions.js";
import { previewPrefill } from "./preview.js";
import { citizenDossiers, officerQueue } from "./queue.js";
import { rate } from "./ratings.js";
import { confirmOnBehalf, saveDraft, submit } from "./submit.js";
import { buildView, dossierView } from "./view.js";

const Values = z
  .record(z.string().max(100), z.union([z.string().max(5000), z.number(), z.boolean(), z.null()]))
  .refine((v) => Object.keys(v).length <= 300, { message: "too many fields" })
  .meta({ id: "FormValues" });

const Id = z.object({ id: z.uuid() });
const View = DossierView;
/**
 * The actions posted to `/api/dossiers/:id/actions`: the officer's decisions (`OFFICER_ACTIONS`),
 * the apology slip for a late dossier, and the citizen's withdrawal and supplement. The others have their own routes (create, save_draft,
 * confirm_on_behalf, submit, assign) or are the platform's (record_payment, record_transfer).
 */
const POSTED_ACTIONS = [
  ...OFFICER_ACTIONS,
  "apologize",
  "withdraw",
  "supplement",
  // A linked group's birth step needs verification (the linked module's effect moves the group's due).
  "require_verification",
] as const satisfies readonly ActionType[];
const ProcedureCode = z.string().max(TEXT_LIMITS.procedureCode);

/**
 * The answer of every route that returns a dossier's view: `buildView` builds it as the `View`
 * type, whose shape TypeScript checks where it is built, so it is written as JSON without zod
 * parsing it again on every request (a fifth of a millisecond per answer); OpenAPI still
 * describes it from the same schema.
 */
export const viewAnswer = { serializerCompiler: () => (data: unknown) => JSON.stringify(data) };

/** Dossier API: thin routes over the dossiers service. `now` is the clock of every rule (tests inject one). */
export async function dossierRoutes(
  appBase: FastifyInstance,
  opts: { db: Db; services: Services; now?: () => Date },
) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const now = opts.now ?? (() => new Date());
  const ctx = (req: FastifyRequest) => ({ ...requestCtx(req, opts.db, opts.services), now });
  const tags = ["dossiers"];
  await complaintRoutes(appBase, { ctx, tags });

  app.post(
    "/api/dossiers",
    {
      ...viewAnswer,
      schema: {
        tags,
        summary:
          "Start a dossier (draft) with the form prefilled from the registries; with an Idempotency-Key a repeated request returns the same draft",
        headers: IdempotencyKey,
        body: z
          .object({
            procedureCode: ProcedureCode,
            applicantNumber: PersonalNumber.optional().meta({ description: "For agents and counter intake" }),
            communeCode: CommuneCode.optional(),
            household: z.enum(["spouse"]).optional().meta({
              description:
                "Permanent residence: register into my spouse's household (the head's consent is asked; 422 SPOUSE_NOT_MARRIED, SPOUSE_NO_HOUSEHOLD, 409 SPOUSE_HOUSEHOLD_ALREADY)",
            }),
            deceasedNumber: PersonalNumber.optional().meta({
              description:
                "Death registration without an electronic notice: the member of the citizen's household who died (422 DECEASED_NOT_IN_HOUSEHOLD otherwise)",
            }),
          })
          .strict(),
        response: { 201: View, ...errorResponses },
      },
    },
    async (req, reply) => {
      const c = ctx(req);
      return reply
        .status(201)
        .send(await buildView(c, await createDossier(c, req.body, req.headers["idempotency-key"])));
    },
  );

  app.get(
    "/api/procedures/:code/prefill",
    {
      schema: {
        tags,
        summary:
          "Citizen: what the registries already know for this procedure's form (read-only values with their source)",
        params: z.object({ code: ProcedureCode }),
        querystring: z
          .object({
            deceased: PersonalNumber.optional().meta({
              description:
                "Without an electronic death notice: the household member whose death is registered (their facts fill the deceased's fields)",
            }),
            notice: NoticeId.optional().meta({
              description:
                "The birth or death notice to fill the form from (an offer's `noticeId`), else the newest unregistered one",
            }),
          })
          .strict(),
        response: { 200: PrefillPreview, ...errorResponses },
      },
    },
    async (req) =>
      previewPrefill(ctx(req), req.params.code, {
        ownView: true,
        deceased: req.query.deceased,
        notice: req.query.notice,
      }),
  );

  app.get(
    "/api/dossiers/:id",
    {
      ...viewAnswer,
      schema: {
        tags,
        summary: "A dossier, as its viewer may see it",
        params: Id,
        response: { 200: View, ...errorResponses },
      },
    },
    async (req) => dossierView(ctx(req), req.params.id),
  );

  app.get(
    "/api/dossiers/:id/eligibility",
    {
      schema: {
        tags,
        summary:
          "The registry checks of the dossier's saved answers (e.g. a married person cannot marry again): refusals and warnings in plain words, for the citizen before submit and for the officer",
        params: Id,
        response: { 200: Eligibility, ...errorResponses },
      },
    },
    async (req) => dossierEligibility(ctx(req), req.params.id),
  );

  app.put(
    "/api/dossiers/:id/form",
    {
      ...viewAnswer,
      schema: {
        tags,
        summary: "Save the draft's typed values (registry-sourced values are read-only)",
        params: Id,
        body: z
          .object({
            values: Values,
            keepRefused: z.boolean().optional().meta({
              description:
                "Save the valid values and keep each refused one with the draft, as typed, with its message (shown again as `refused` of its field), instead of refusing the whole save",
            }),
          })
          .strict(),
        response: { 200: View, ...errorResponses, 409: ErrorResponse },
      },
    },
    async (req) => {
      const c = ctx(req);
      return buildView(
        c,
        await saveDraft(c, req.params.id, req.body.values, { keepRefused: req.body.keepRefused === true }),
      );
    },
  );

  app.post(
    "/api/dossiers/:id/confirm",
    {
      ...viewAnswer,
      schema: {
        tags,
        summary: "Citizen: confirm that an agent files this dossier on my behalf",
        params: Id,
        response: { 200: View, ...errorResponses, 409: ErrorResponse },
      },
    },
    async (req) => {
      requireCitizen(req);
      const c = ctx(req);
      return buildView(c, await confirmOnBehalf(c, req.params.id));
    },
  );

  app.post(
    "/api/dossiers/:id/submit",
    {
      ...viewAnswer,
      schema: {
        tags,
        summary: "Submit the dossier; idempotent with an Idempotency-Key header",
        params: Id,
        headers: IdempotencyKey,
        body: z.object({ values: Values.optional() }).strict().optional(),
        response: { 200: View, ...errorResponses, 409: ErrorResponse },
      },
    },
    async (req) => {
      const c = ctx(req);
      return buildView(c, await submit(c, req.params.id, req.body?.values, req.headers["idempotency-key"]));
    },
  );

  app.post(
    "/api/dossiers/:id/actions",
    {
      ...viewAnswer,
      schema: {
        tags,
        summary:
          "Act on a dossier: receive, request a supplement, forward, approve, refuse, issue or return the result, send the apology slip for a late dossier (apologize: reason and newDueAt); an allowance whose amount the paying agency decides (the one-time survivor benefit) is issued with its amount; citizen: withdraw, supplement",
        params: Id,
        body: z
          .object({
            action: z.enum(POSTED_ACTIONS),
            reason: z.string().max(TEXT_LIMITS.reason).optional(),
            values: Values.optional(),
            // `apologize`: the new date promised to the citizen (an ISO instant); the legal due does not move.
            newDueAt: z.string().max(40).optional(),
            // `issue_result` of an allowance the paying agency decides: the amount granted, whole đồng.
            amount: z.number().optional(),
          })
          .strict(),
        response: { 200: View, ...errorResponses, 409: ErrorResponse },
      },
    },
    async (req) => {
      const c = ctx(req);
      return buildView(c, await act(c, req.params.id, req.body));
    },
  );

  app.post(
    "/api/dossiers/:id/corrections",
    {
      schema: {
        tags,
        summary: '"This is wrong": ask the registry owner to correct a prefilled fact',
        params: Id,
        body: z
          .object({
            fieldKey: z.string().max(100),
            claimedValue: z.string().min(1).max(TEXT_LIMITS.claimedValue),
            note: z.string().max(TEXT_LIMITS.correctionNote).optional(),
          })
          .strict(),
        response: { 201: CorrectionFiled, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ id: await fileCorrection(ctx(req), req.params.id, req.body) }),
  );

  app.post(
    "/api/dossiers/:id/rating",
    {
      schema: {
        tags,
        summary: "Citizen: rate the service (1–5, comment) once the result is returned",
        params: Id,
        body: z
          .object({
            score: z.number().int().min(1).max(5),
            comment: z.string().max(TEXT_LIMITS.ratingComment).optional(),
          })
          .strict(),
        response: { 201: z.object({ ok: z.literal(true) }), ...errorResponses, 409: ErrorResponse },
      },
    },
    async (req, reply) => {
      await rate(ctx(req), req.params.id, req.body);
      return reply.status(201).send({ ok: true as const });
    },
  );

  app.get(
    "/api/me/notifications",
    {
      schema: {
        tags,
        summary: "Citizen: what officers and the bank did on my dossiers, newest first, read or not",
        response: { 200: Notifications, ...errorResponses },
      },
    },
    async (req) => notificationsWithReads(opts.db, requireCitizen(req).personalNumber),
  );

  app.post(
    "/api/me/notifications/read",
    {
      schema: {
        tags,
        summary: "Citizen: mark some of my notifications (ids) or all of them read, on every device",
        body: NotificationsRead,
        response: { 200: UnreadCount, ...errorResponses },
      },
    },
    async (req) => markNotificationsRead(opts.db, requireCitizen(req).personalNumber, req.body, now()),
  );

  app.get(
    "/api/me/dossiers",
    {
      schema: {
        tags,
        summary: "Citizen: my dossiers, newest first",
        querystring: Page,
        response: { 200: DossierList, ...errorResponses },
      },
    },
    async (req) => citizenDossiers(opts.db, requireCitizen(req).personalNumber, req.query),
  );

  app.get(
    "/api/officer/dossiers",
    {
      schema: {
        tags,
        summary:
          "Officer: the queue of my jurisdiction, filtered, sorted by due date, with counts per status and of the dossiers with a complaint awaiting an answer",
        querystring: Page.extend({
          limit: z.coerce.number().int().min(0).max(200).default(50).meta({
            description: "Rows per page; 0 gives the counts per status alone (and shows no applicant)",
          }),
          status: z.enum(STATUSES).optional(),
          procedure: ProcedureCode.optional(),
          due: z.enum(DUE_STATES).optional(),
          channel: z.enum(CHANNELS).optional(),
          q: z.string().max(TEXT_LIMITS.queueSearch).optional(),
          assignee: z.enum(["me", "none"]).optional(),
          complaint: z.enum(["open"]).optional().meta({
            description: "open: the dossiers with a complaint awaiting an answer, the earliest due first",
          }),
        }),
        response: { 200: QueuePage, ...errorResponses },
      },
    },
    async (req) => officerQueue(opts.db, requirePrincipal(req), req.query, now()),
  );
}
