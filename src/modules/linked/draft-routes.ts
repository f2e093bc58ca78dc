import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { LinkedDraft, LinkedDraftState } from "../../domain/api/linked.js";
import { errorResponses } from "../../kernel/schemas.js";
import { requestCtx } from "../dossiers/index.js";
import { deleteDraft, findDraft, readDraft, saveDraft, startDraft } from "./drafts.js";
import type { LinkedEnv } from "./steps.js";

const GroupCode = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/)
  .max(40);
/** Which form: the group's, from an offer or not. */
const FormOf = z.object({ group: GroupCode, offer: z.uuid().optional() }).strict();
const Id = z.object({ id: z.uuid() });

/** The combined form of a linked group kept as the citizen types (drafts.ts): their own only. */
export function linkedDraftRoutes(app: FastifyInstance, env: LinkedEnv) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const principal = (req: Parameters<typeof requestCtx>[0]) =>
    requestCtx(req, env.db, env.services).principal;

  r.get(
    "/api/me/linked-drafts",
    {
      schema: {
        tags: ["linked"],
        summary:
          "Citizen: my unfinished combined form of a linked group (from an offer or not); null when none",
        querystring: FormOf,
        response: { 200: z.object({ draft: LinkedDraft.nullable() }), ...errorResponses },
      },
    },
    async (req) => ({ draft: await findDraft(env.db, principal(req), req.query) }),
  );

  r.post(
    "/api/linked-drafts",
    {
      schema: {
        tags: ["linked"],
        summary:
          "Citizen: start the draft of a linked group's combined form; the one already started is answered (200) instead of a second",
        body: FormOf,
        response: { 200: LinkedDraft, 201: LinkedDraft, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { draft, created } = await startDraft(env.db, principal(req), req.body, env.now());
      return reply.status(created ? 201 : 200).send(draft);
    },
  );

  r.get(
    "/api/linked-drafts/:id",
    {
      schema: {
        tags: ["linked"],
        summary: "Citizen: one of my linked-group drafts (anyone else's: 404)",
        params: Id,
        response: { 200: LinkedDraft, ...errorResponses },
      },
    },
    async (req) => readDraft(env.db, principal(req), req.params.id),
  );

  r.put(
    "/api/linked-drafts/:id",
    {
      schema: {
        tags: ["linked"],
        summary: "Citizen: save the combined form as it is now into my draft (anyone else's: 404)",
        params: Id,
        body: z.object({ state: LinkedDraftState }).strict(),
        response: { 200: LinkedDraft, ...errorResponses },
      },
    },
    async (req) => saveDraft(env.db, principal(req), req.params.id, req.body.state, env.now()),
  );

  r.delete(
    "/api/linked-drafts/:id",
    {
      schema: {
        tags: ["linked"],
        summary:
          "Citizen: delete my linked-group draft (anyone else's: 404); filing the group deletes it too",
        params: Id,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await deleteDraft(env.db, principal(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
