import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/client.js";
import {
  ProcedureVersionAdmin as AdminVersion,
  ProcedureList,
  ProcedureVersion as VersionResponse,
} from "../../domain/api/catalog.js";
import { lifeEventGroup } from "../../domain/assistant.js";
import { ADMINISTRATORS } from "../../domain/principal.js";
import { PROCEDURE_CODE_PATTERN } from "../../domain/procedure.js";
import { AppError } from "../../kernel/errors.js";
import { requireOfficer } from "../../kernel/guards.js";
import { ErrorResponse, errorResponses, Page } from "../../kernel/schemas.js";
import {
  createDraft,
  getPublished,
  getVersion,
  listPublished,
  listVersions,
  type ProcedureVersion,
  publish,
} from "./catalog.js";
import { groupRoutes } from "./group-routes.js";
import { listPublishedGroups } from "./groups.js";
import { parseDefinition } from "./parse.js";
import { formStats } from "./stats.js";

const ProcedureCode = z
  .string()
  .regex(PROCEDURE_CODE_PATTERN, { message: "a national code like 1.001193 or LOCAL.X" })
  .meta({ example: "1.001193" });
const VersionNumber = z.coerce.number().int().min(1).max(1_000_000);

const Problem = z.object({ path: z.string(), messageVi: z.string(), messageEn: z.string() });

const DefinitionBody = z
  .object({
    definition: z.unknown().meta({ description: "A procedure definition (schema ProcedureDefinition)" }),
  })
  .strict();

const withStats = <T extends ProcedureVersion>(v: T) => ({ ...v, stats: formStats(v.definition) });

const codeParams = z.object({ code: ProcedureCode });
const versionParams = z.object({ code: ProcedureCode, version: VersionNumber });

/**
 * The published linked group `q` names as a life event, by the web search box's rule
 * (`lifeEventGroup`): "bố mất rồi làm gì" → the death group; null when it names none (or no such
 * group is published).
 */
async function lifeEventOf(db: Db, q: string | undefined) {
  const code = q?.trim() ? lifeEventGroup(q) : null;
  const group = code ? (await listPublishedGroups(db)).find((g) => g.code === code) : undefined;
  if (!group) return null;
  const { nameVi, nameEn, summaryVi, summaryEn } = group.definition;
  return { code: group.code, nameVi, nameEn, summaryVi, summaryEn };
}

/** The procedure catalogue: public reading, and administrators validating, drafting and publishing. */
export async function catalogRoutes(appBase: FastifyInstance, opts: { db: Db }) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const { db } = opts;

  app.get(
    "/api/procedures",
    {
      schema: {
        tags: ["catalog"],
        summary: "List published procedures; q searches names and everyday words, with or without diacritics",
        querystring: Page.extend({
          q: z.string().max(100).optional(),
          popular: z
            .enum(["true", "false"])
            .transform((v) => v === "true")
            .optional()
            .meta({ description: "Most filed first" }),
        }),
        response: {
          200: ProcedureList,
          400: ErrorResponse,
        },
      },
    },
    async (req) => ({ ...(await listPublished(db, req.query)), group: await lifeEventOf(db, req.query.q) }),
  );

  app.get(
    "/api/procedures/:code",
    {
      schema: {
        tags: ["catalog"],
        summary: "The published version of a procedure, with its form, components, steps, fee and counts",
        params: codeParams,
        response: { 200: VersionResponse, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (req) => withStats(await getPublished(db, req.params.code)),
  );

  app.get(
    "/api/procedures/:code/versions/:version",
    {
      schema: {
        tags: ["catalog"],
        summary: "One published or retired version of a procedure (what a dossier was filed under)",
        params: versionParams,
        response: { 200: VersionResponse, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (req) => {
      const v = await getVersion(db, req.params.code, req.params.version);
      // Drafts are not public: they may never be published.
      if (v.status === "draft") throw new AppError("NOT_FOUND");
      return withStats(v);
    },
  );

  app.post(
    "/api/admin/procedures/validate",
    {
      schema: {
        tags: ["catalog"],
        summary: "Admin: check a procedure definition and list every problem, without storing anything",
        body: DefinitionBody,
        response: { 200: z.object({ ok: z.boolean(), problems: z.array(Problem) }), ...errorResponses },
      },
    },
    async (req) => {
      requireOfficer(req, ADMINISTRATORS);
      const r = parseDefinition(req.body.definition);
      return r.ok ? { ok: true, problems: [] } : { ok: false, problems: r.problems };
    },
  );

  app.post(
    "/api/admin/procedures",
    {
      schema: {
        tags: ["catalog"],
        summary: "Admin: store a definition as the next version of its procedure, as a draft",
        body: DefinitionBody,
        response: { 201: VersionResponse, ...errorResponses, 409: ErrorResponse },
      },
    },
    async (req, reply) => {
      const admin = requireOfficer(req, ADMINISTRATORS);
      const created = await createDraft(db, req.body.definition, { id: admin.username, requestId: req.id });
      return reply.status(201).send(withStats(created));
    },
  );

  app.post(
    "/api/admin/procedures/:code/versions/:version/publish",
    {
      schema: {
        tags: ["catalog"],
        summary: "Admin: publish a draft; the previously published version is retired (never rewritten)",
        params: versionParams,
        response: { 200: VersionResponse, ...errorResponses, 409: ErrorResponse },
      },
    },
    async (req) => {
      const admin = requireOfficer(req, ADMINISTRATORS);
      const v = await publish(db, req.params.code, req.params.version, {
        id: admin.username,
        requestId: req.id,
      });
      return withStats(v);
    },
  );

  app.get(
    "/api/admin/procedures/:code/versions",
    {
      schema: {
        tags: ["catalog"],
        summary: "Admin: every version of a procedure (drafts included), newest first",
        params: codeParams,
        response: { 200: z.object({ items: z.array(AdminVersion) }), ...errorResponses },
      },
    },
    async (req) => {
      requireOfficer(req, ADMINISTRATORS);
      return { items: (await listVersions(db, req.params.code)).map(withStats) };
    },
  );
  await groupRoutes(appBase, opts);
}
