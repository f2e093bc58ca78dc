import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db, Queryable } from "../../db/client.js";
import { citizenLimit } from "../../domain/linked-clock.js";
import type { GroupMember, LinkedGroupDefinition } from "../../domain/linked-group.js";
import { ADMINISTRATORS } from "../../domain/principal.js";
import type { ProcedureDefinition } from "../../domain/procedure.js";
import { requireOfficer } from "../../kernel/guards.js";
import { ErrorResponse, errorResponses } from "../../kernel/schemas.js";
import { getPublished } from "./catalog.js";
import {
  createGroupDraft,
  type GroupVersion,
  getPublishedGroup,
  listPublishedGroups,
  publishGroup,
} from "./groups.js";

const GroupCode = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/)
  .max(40);
const Body = z.object({ definition: z.unknown() }).strict();
const Out = z.record(z.string(), z.unknown());

/**
 * What a citizen is shown of a group: members, optional flags, dependencies, the fee note, and only
 * the limits the law confirms (an unconfirmed limit is `null`, never presented as law). Each member
 * is named by its procedure's published name (`procedureVi`, `procedureEn`): a member added by a new
 * group version is labelled from data, never from a dictionary in the code.
 */
export async function publicGroup(q: Queryable, v: GroupVersion) {
  const d: LinkedGroupDefinition = v.definition;
  const procedures = new Map<string, ProcedureDefinition | undefined>();
  for (const m of d.members) {
    // A member's procedure withdrawn since the group was published: named by its agency.
    const found = await getPublished(q, m.procedureCode).then(
      (p) => p.definition,
      () => undefined,
    );
    procedures.set(m.procedureCode, found);
  }
  return {
    code: v.code,
    version: v.version,
    nameVi: d.nameVi,
    nameEn: d.nameEn,
    summaryVi: d.summaryVi,
    summaryEn: d.summaryEn,
    legalBasis: d.legalBasis,
    choose: d.choose,
    limit: citizenLimit(d.limit),
    limitWithVerification: d.limitWithVerification ? citizenLimit(d.limitWithVerification) : null,
    supplementWithin: citizenLimit(d.supplementWithin),
    fee: d.fee,
    members: d.members.map((m) => ({
      key: m.key,
      procedureCode: m.procedureCode,
      procedureVi: procedures.get(m.procedureCode)?.nameVi ?? m.agencyVi,
      procedureEn: procedures.get(m.procedureCode)?.nameEn ?? m.agencyEn,
      defaults: memberDefaults(m, procedures.get(m.procedureCode)),
      optional: m.optional,
      dependsOn: m.dependsOn,
      agencyVi: m.agencyVi,
      agencyEn: m.agencyEn,
      limit: citizenLimit(m.limit),
    })),
  };
}

/**
 * The defaults a member's step will be filed with that the citizen should see before submitting
 * (a prefill rule with a note: the first place of care taken from the place of birth): the field
 * as the step's form labels it, where the value comes from (`fromMember`'s field), the source and
 * the note in both languages.
 */
function memberDefaults(m: GroupMember, procedure: ProcedureDefinition | undefined) {
  return m.prefill.flatMap((p) => {
    if (!("fromMember" in p) || !p.noteVi) return [];
    const field = procedure?.form.find((f) => f.key === p.to);
    return [
      {
        field: p.to,
        labelVi: field?.labelVi ?? p.to,
        labelEn: field?.labelEn ?? p.to,
        fromMember: p.fromMember,
        fromField: p.field,
        sourceVi: p.sourceVi ?? null,
        sourceEn: p.sourceEn ?? null,
        noteVi: p.noteVi,
        noteEn: p.noteEn ?? p.noteVi,
      },
    ];
  });
}

/** Linked groups: public reading (citizen view of the data), administrators drafting and publishing. */
export async function groupRoutes(appBase: FastifyInstance, opts: { db: Db }) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const { db } = opts;

  app.get(
    "/api/linked-groups",
    {
      schema: {
        tags: ["catalog"],
        summary: "Published linked groups (Decree 63/2024), as citizens see them",
      },
    },
    async () => {
      const items = [];
      for (const v of await listPublishedGroups(db)) items.push(await publicGroup(db, v));
      return { items };
    },
  );

  app.get(
    "/api/linked-groups/:code",
    {
      schema: {
        tags: ["catalog"],
        summary: "One published linked group",
        params: z.object({ code: GroupCode }),
        response: { 200: Out, ...errorResponses },
      },
    },
    async (req) => publicGroup(db, await getPublishedGroup(db, req.params.code)),
  );

  app.post(
    "/api/admin/linked-groups",
    {
      schema: {
        tags: ["catalog"],
        summary: "Admin: store a group definition as its next version, as a draft (all data, no code)",
        body: Body,
        response: { 201: Out, ...errorResponses, 409: ErrorResponse },
      },
    },
    async (req, reply) => {
      const admin = requireOfficer(req, ADMINISTRATORS);
      const v = await createGroupDraft(db, req.body.definition, { id: admin.username, requestId: req.id });
      return reply.status(201).send(v);
    },
  );

  app.post(
    "/api/admin/linked-groups/:code/versions/:version/publish",
    {
      schema: {
        tags: ["catalog"],
        summary: "Admin: publish a group draft; the published version is retired",
        params: z.object({ code: GroupCode, version: z.coerce.number().int().min(1).max(1_000_000) }),
        response: { 200: Out, ...errorResponses, 409: ErrorResponse },
      },
    },
    async (req) => {
      const admin = requireOfficer(req, ADMINISTRATORS);
      return publishGroup(db, req.params.code, req.params.version, { id: admin.username, requestId: req.id });
    },
  );
}
