import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { GroupContext, GroupsAtRisk } from "../../domain/api/linked.js";
import { TEXT_LIMITS } from "../../domain/inputs.js";
import { LEADER_ROLES } from "../../domain/principal.js";
import { AppError } from "../../kernel/errors.js";
import { requireOfficer } from "../../kernel/guards.js";
import { errorResponses, IdempotencyKey, PersonalNumber } from "../../kernel/schemas.js";
import {
  audited,
  consentToDossierAsHead,
  refuseDossierAsHead,
  requestCtx,
  spouseHousehold,
} from "../dossiers/index.js";
import { fileStepAlone } from "./alone.js";
import { groupQuestions } from "./answers.js";
import { applyGroup } from "./apply.js";
import { childHomes, consentAsHead, consentRequests, refuseAsHead } from "./child-home.js";
import { linkedDraftRoutes } from "./draft-routes.js";
import { LinkedErrors } from "./errors.js";
import { remindHead } from "./head-reminder.js";
import { ownOfferState } from "./offer-states.js";
import { declineOffer, openOffers } from "./offers.js";
import { dossierGroupContext, groupsAtRisk } from "./officer-view.js";
import type { LinkedEnv } from "./steps.js";
import { groupView, myGroups } from "./view.js";

const Value = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);
const Values = z.record(z.string().max(100), Value);
const Out = z.record(z.string(), z.unknown());
/** A group application as the citizen chose it: the group, its optional members, the answers. */
const Application = z.object({
  group: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/)
    .max(40),
  members: z.array(z.string().max(40)).max(12).default([]),
  shared: Values.optional(),
  values: z.record(z.string().max(40), Values).optional(),
  /** Without an electronic death notice: the household member whose death is registered. */
  deceased: PersonalNumber.optional(),
  /** Birth group: the household the child will live in (one of `GET …/child-homes`), by id. */
  childHome: z.string().min(1).max(60).optional(),
});

/** Citizens file a linked group once and follow it on one page. */
export async function linkedRoutes(appBase: FastifyInstance, env: LinkedEnv) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  linkedDraftRoutes(appBase, env);

  app.post(
    "/api/linked-applications",
    {
      schema: {
        tags: ["linked"],
        summary: "File a linked group once: one group dossier, one dossier per member procedure",
        description:
          "With an Idempotency-Key (one per tap of 'submit'), a retry or a double tap answers with the group the first request filed.",
        headers: IdempotencyKey,
        body: Application.extend({
          offer: z.uuid().optional(),
          drafts: z.record(z.string().max(40), z.uuid()).optional(),
        }).strict(),
        response: { 201: z.object({ id: z.string() }), ...errorResponses, 409: Out, 422: Out },
      },
    },
    async (req, reply) => {
      const ctx = requestCtx(req, env.db, env.services);
      const key = req.headers["idempotency-key"];
      // A refused filing leaves nothing (one transaction): its refusal is audited after the rollback.
      const created = await audited(ctx, "linked.apply", `linked-group:${req.body.group}`, () =>
        applyGroup(env, { ...ctx, now: env.now }, req.body, key),
      );
      return reply.status(201).send(created);
    },
  );

  app.post(
    "/api/linked-applications/questions",
    {
      schema: {
        tags: ["linked"],
        summary:
          "Citizen: what the chosen linked procedures still need answered (each field once), before filing; nothing is filed",
        body: Application.extend({
          /** Filed from this offer: the forms are read from its notice. */
          offer: z.uuid().optional(),
        }).strict(),
        response: { 200: Out, ...errorResponses },
      },
    },
    async (req) => groupQuestions({ ...requestCtx(req, env.db, env.services), now: env.now }, req.body),
  );

  app.get(
    "/api/linked-applications/child-homes",
    {
      schema: {
        tags: ["linked"],
        summary:
          "Citizen: the households a newborn may join (the mother's, the father's), each named by its head and address; reads logged",
        querystring: z.object({ offer: z.uuid().optional() }).strict(),
        response: { 200: Out, ...errorResponses },
      },
    },
    async (req) => childHomes(requestCtx(req, env.db, env.services), req.query.offer),
  );

  app.get(
    "/api/me/household-consents",
    {
      schema: {
        tags: ["linked"],
        summary:
          "Citizen: birth groups waiting for my consent, as head of household, to register the child into my household",
        response: { 200: Out, ...errorResponses },
      },
    },
    async (req) => ({ items: await consentRequests(requestCtx(req, env.db, env.services)) }),
  );

  app.post(
    "/api/linked-applications/:id/head-consent",
    {
      schema: {
        tags: ["linked"],
        summary:
          "Head of household: consent to the child joining my household (Law on Residence 2020, Art. 21); the residence step may then start, and the applicant's draft of it filed on its own is withdrawn (the child is registered once); 409 STEP_FILED_ALONE once the applicant submitted the residence registration filed on its own (nothing recorded)",
        params: z.object({ id: z.uuid() }),
        response: { 200: Out, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = { ...requestCtx(req, env.db, env.services), now: env.now };
      return audited(ctx, "linked.head_consent", `linked-group:${req.params.id}`, () =>
        consentAsHead(env, ctx, req.params.id),
      );
    },
  );

  app.post(
    "/api/linked-applications/:id/head-refusal",
    {
      schema: {
        tags: ["linked"],
        summary:
          "Head of household: refuse the child joining my household (Law on Residence 2020, Art. 21), with an optional short reason; the residence step is cancelled with the reason and what to do, the applicant is notified, results already issued stand; 409 CHILD_HOME_CONSENTED after consenting",
        params: z.object({ id: z.uuid() }),
        body: z
          .object({ reason: z.string().max(TEXT_LIMITS.headRefusalReason).optional() })
          .strict()
          .optional(),
        response: { 200: Out, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = { ...requestCtx(req, env.db, env.services), now: env.now };
      return audited(ctx, "linked.head_refusal", `linked-group:${req.params.id}`, () =>
        refuseAsHead(env, ctx, req.params.id, req.body?.reason),
      );
    },
  );

  app.post(
    "/api/linked-applications/:id/head-reminder",
    {
      schema: {
        tags: ["linked"],
        summary:
          "Applicant: remind the head of the household the child is to join, while the head has not answered (SMS and e-mail naming me, the child and the group; listed on the group's page); 409 HEAD_REMINDER_TOO_SOON within 24 hours of the last, HEAD_NOT_WAITING once answered, HEAD_UNREACHABLE when neither SMS nor e-mail reaches the head, STEP_FILED_ALONE once I submitted the residence registration filed on its own (nothing recorded)",
        params: z.object({ id: z.uuid() }),
        response: { 200: Out, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = { ...requestCtx(req, env.db, env.services), now: env.now };
      return audited(ctx, "linked.head_reminder", `linked-group:${req.params.id}`, () =>
        remindHead(env, ctx, req.params.id),
      );
    },
  );

  app.post(
    "/api/linked-applications/:id/steps/:step/alone",
    {
      schema: {
        tags: ["linked"],
        summary:
          "Applicant: file a refused or cancelled step (or the birth group's residence step waiting only for the head of household) on its own: a new draft of its procedure carrying what the group knows (the step's answers, its earlier steps' results: the child's name and personal number, the deceased's number and the death extract as the death registration's result), read from the group's records; the step keeps that dossier: a repeated tap, with any key, opens it again (a withdrawn one is replaced); 409 STEP_ALREADY_DONE when the step has its result in the group, 409 STEP_NOT_ENDED while the group still handles the step, 409 EARLIER_STEP_NO_RESULT when an earlier step ended without a result",
        headers: IdempotencyKey,
        params: z.object({
          id: z.uuid(),
          step: z
            .string()
            .regex(/^[a-z][a-z0-9-]*$/)
            .max(40),
        }),
        response: { 201: Out, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = { ...requestCtx(req, env.db, env.services), now: env.now };
      const draft = await audited(ctx, "linked.file_alone", `linked-group:${req.params.id}`, () =>
        fileStepAlone(env, ctx, req.params.id, req.params.step, req.headers["idempotency-key"]),
      );
      return reply.status(201).send(draft);
    },
  );

  app.get(
    "/api/me/spouse-household",
    {
      schema: {
        tags: ["linked"],
        summary:
          "Citizen: the household my spouse (the civil-status register's) lives in, as permanent residence would register me into it (Law on Residence 2020, Art. 20(2)(a)); reads logged; 422 SPOUSE_NOT_MARRIED or SPOUSE_NO_HOUSEHOLD, 409 SPOUSE_HOUSEHOLD_ALREADY",
        response: { 200: Out, ...errorResponses },
      },
    },
    async (req) => spouseHousehold(requestCtx(req, env.db, env.services)),
  );

  app.post(
    "/api/dossiers/:id/head-consent",
    {
      schema: {
        tags: ["linked"],
        summary:
          "Head of household: consent to a spouse's permanent residence dossier joining my household (Law on Residence 2020, Art. 21); it may then be approved",
        params: z.object({ id: z.uuid() }),
        response: { 200: Out, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = { ...requestCtx(req, env.db, env.services), now: env.now };
      return audited(ctx, "dossier.head_consent", `dossier:${req.params.id}`, () =>
        consentToDossierAsHead(ctx, req.params.id),
      );
    },
  );

  app.post(
    "/api/dossiers/:id/head-refusal",
    {
      schema: {
        tags: ["linked"],
        summary:
          "Head of household: refuse a spouse's permanent residence dossier joining my household (Law on Residence 2020, Art. 21), with an optional short reason; the dossier ends (not received, or refused) with the reason and what the applicant can do, who is notified; refusing again answers the refusal; 409 HEAD_CONSENT_GIVEN after consenting",
        params: z.object({ id: z.uuid() }),
        body: z
          .object({ reason: z.string().max(TEXT_LIMITS.headRefusalReason).optional() })
          .strict()
          .optional(),
        response: { 200: Out, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = { ...requestCtx(req, env.db, env.services), now: env.now };
      return audited(ctx, "dossier.head_refusal", `dossier:${req.params.id}`, () =>
        refuseDossierAsHead(ctx, req.params.id, req.body?.reason),
      );
    },
  );

  app.get(
    "/api/linked-applications/:id",
    {
      schema: {
        tags: ["linked"],
        summary: "One group application as its citizen sees it: steps, agencies, statuses, clocks, results",
        params: z.object({ id: z.uuid() }),
        response: { 200: Out, ...errorResponses },
      },
    },
    async (req) => groupView({ ...requestCtx(req, env.db, env.services), now: env.now }, req.params.id),
  );

  app.get(
    "/api/me/linked-applications",
    {
      schema: {
        tags: ["linked"],
        summary: "Citizen: my linked group applications, newest first, each with its overall state and clock",
        response: { 200: Out, ...errorResponses },
      },
    },
    async (req) => myGroups({ ...requestCtx(req, env.db, env.services), now: env.now }),
  );

  app.get(
    "/api/me/linked-offers",
    {
      schema: {
        tags: ["linked"],
        summary:
          "Citizen: linked groups offered to me (a birth or death notice arrived), prefilled and waiting for my confirmation",
        response: { 200: Out, ...errorResponses },
      },
    },
    async (req) => {
      const p = requestCtx(req, env.db, env.services).principal;
      if (p.kind !== "citizen") throw new AppError("FORBIDDEN");
      return { items: await openOffers(env.db, p.personalNumber, env.now()) };
    },
  );

  app.get(
    "/api/me/linked-offers/:id",
    {
      schema: {
        tags: ["linked"],
        summary:
          "Citizen: where my offer stands, for its link's page: open, accepted, filed (by anyone from its notice), closed (its notice registered), declined or expired; 404 OFFER_NOT_FOUND for an offer not made to me",
        params: z.object({ id: z.uuid() }),
        response: { 200: Out, ...errorResponses },
      },
    },
    async (req) => {
      const p = requestCtx(req, env.db, env.services).principal;
      if (p.kind !== "citizen") throw new AppError("FORBIDDEN");
      const state = await ownOfferState(env.db, p.personalNumber, req.params.id, env.now());
      if (!state) throw new AppError(LinkedErrors.OFFER_NOT_FOUND);
      return { id: req.params.id, state };
    },
  );

  app.post(
    "/api/linked-offers/:id/decline",
    {
      schema: {
        tags: ["linked"],
        summary:
          "Citizen: decline an offer; nothing is filed and it is no longer shown; declining it again answers the same, changing nothing; 404 OFFER_NOT_FOUND for an offer not made to me, 409 OFFER_CLOSED or OFFER_ALREADY_FILED when it is no longer open",
        params: z.object({ id: z.uuid() }),
        response: { 200: Out, ...errorResponses, 409: Out },
      },
    },
    async (req) => {
      const p = requestCtx(req, env.db, env.services).principal;
      if (p.kind !== "citizen") throw new AppError("FORBIDDEN");
      await declineOffer(env.db, p.personalNumber, req.params.id, env.now());
      return { id: req.params.id, state: "declined" };
    },
  );

  app.get(
    "/api/dossiers/:id/linked-group",
    {
      schema: {
        tags: ["linked"],
        summary:
          "The linked group a dossier is a step of, read-only: each step's agency, status and clock (no personal data); null when none",
        params: z.object({ id: z.uuid() }),
        response: { 200: GroupContext.nullable(), ...errorResponses },
      },
    },
    async (req) => {
      return dossierGroupContext(requestCtx(req, env.db, env.services), req.params.id, env.now());
    },
  );

  app.get(
    "/api/leader/linked-groups",
    {
      schema: {
        tags: ["linked"],
        summary: "Leader's view: open linked groups of the jurisdiction near or past the group's time limit",
        response: { 200: GroupsAtRisk, ...errorResponses },
      },
    },
    async (req) => {
      const p = requireOfficer(req, [...LEADER_ROLES]);
      return { items: await groupsAtRisk(env.db, p, env.now()) };
    },
  );
}
