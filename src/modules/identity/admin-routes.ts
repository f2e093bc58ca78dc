import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/client.js";
import { OFFICER_AGENCY_IDS } from "../../domain/agencies.js";
import { NAME_PROBLEM } from "../../domain/form-fields.js";
import { ADMINISTRATORS, OFFICER_ROLES } from "../../domain/principal.js";
import { cleanName, graphemeLength, personNameProblem } from "../../domain/text.js";
import { AppError } from "../../kernel/errors.js";
import { requireOfficer } from "../../kernel/guards.js";
import { CommuneCode, ErrorResponse, errorResponses, Page, ProvinceCode } from "../../kernel/schemas.js";
import { listAudit } from "../audit/index.js";
import { findCommune, findProvince } from "../units/index.js";
import { isOfficerUsername } from "./accounts.js";
import { createOfficer, listOfficers, setOfficerAgency } from "./officers.js";

const NewOfficer = z
  .object({
    username: z.string().regex(/^[a-z0-9.]{2,64}$/, { message: "a-z, 0-9 and dots, 2 to 64 characters" }),
    // 2 to 120 characters once cleaned, a printable name: checked by the handler (bilingual).
    fullName: z.string().max(8000),
    role: z.enum(OFFICER_ROLES),
    jurisdiction: z.discriminatedUnion("level", [
      z.object({ level: z.literal("commune"), code: CommuneCode }),
      z.object({ level: z.literal("province"), code: ProvinceCode }),
      z.object({ level: z.literal("country") }),
    ]),
    /** The agency the account belongs to (src/domain/agencies.ts); absent: one-stop desk or leader. */
    agency: z.enum(OFFICER_AGENCY_IDS).optional(),
  })
  .strict()
  .meta({ id: "NewOfficer" });

const Officer = z.object({
  username: z.string(),
  fullName: z.string(),
  role: z.string(),
  jurisdictionLevel: z.string(),
  jurisdictionCode: z.string().nullable(),
  provinceCode: z.string().nullable(),
  agency: z.string().nullable(),
});

/** Administration: officer accounts with role and jurisdiction, and the audit trail. */
export async function adminRoutes(appBase: FastifyInstance, opts: { db: Db }) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const { db } = opts;

  app.post(
    "/api/admin/officers",
    {
      schema: {
        tags: ["admin"],
        summary: "Admin: create an officer account with a role and a jurisdiction",
        body: NewOfficer,
        response: { 201: Officer, ...errorResponses, 409: ErrorResponse },
      },
    },
    async (req, reply) => {
      const admin = requireOfficer(req, ADMINISTRATORS);
      const b = req.body;
      // Officer and citizen accounts are separate namespaces: a username is never number-shaped,
      // so it can never be read as (or shown as) a citizen's personal number.
      if (!isOfficerUsername(b.username)) {
        throw new AppError("VALIDATION_FAILED", [
          {
            field: "body.username",
            messageVi:
              "Tên đăng nhập của cán bộ phải có ít nhất một chữ cái; không dùng dãy số (dễ nhầm với số định danh cá nhân).",
            messageEn:
              "An officer's username must contain at least one letter; digits only could pass for a personal number.",
          },
        ]);
      }
      // The name as stored and printed: invisible characters gone; a person's name (src/domain/text.ts).
      const fullName = cleanName(b.fullName);
      const length = graphemeLength(fullName);
      const nameProblem =
        length < 2
          ? (["cần ít nhất 2 ký tự nhìn thấy được.", "needs at least 2 visible characters."] as const)
          : length > 120
            ? (["quá dài (tối đa 120 ký tự).", "is too long (at most 120 characters)."] as const)
            : ((p) => (p ? NAME_PROBLEM[p] : undefined))(personNameProblem(fullName));
      if (nameProblem) {
        throw new AppError("VALIDATION_FAILED", [
          {
            field: "body.fullName",
            messageVi: `Họ và tên ${nameProblem[0]}`,
            messageEn: `Full name ${nameProblem[1]}`,
          },
        ]);
      }
      let provinceCode: string | null = null;
      if (b.jurisdiction.level === "commune") {
        const c = await findCommune(db, b.jurisdiction.code);
        if (!c)
          throw new AppError("UNKNOWN_COMMUNE", [
            {
              field: "body.jurisdiction.code",
              messageVi: "Mã xã không tồn tại.",
              messageEn: "Unknown commune code.",
            },
          ]);
        provinceCode = c.provinceCode;
      } else if (b.jurisdiction.level === "province") {
        if (!(await findProvince(db, b.jurisdiction.code))) throw new AppError("UNKNOWN_PROVINCE");
        provinceCode = b.jurisdiction.code;
      }
      const created = await createOfficer(
        db,
        admin,
        {
          username: b.username,
          fullName,
          role: b.role,
          jurisdiction: b.jurisdiction,
          provinceCode,
          agency: b.agency,
        },
        req.id,
      );
      if (!created) throw new AppError("CONFLICT");
      return reply.status(201).send(created);
    },
  );

  app.patch(
    "/api/admin/officers/:username",
    {
      schema: {
        tags: ["admin"],
        summary: "Admin: set the agency an officer account belongs to (null: one-stop desk or leader)",
        params: z.object({ username: z.string().regex(/^[a-z0-9.]{2,64}$/) }),
        body: z.object({ agency: z.enum(OFFICER_AGENCY_IDS).nullable() }).strict(),
        response: { 200: Officer, ...errorResponses },
      },
    },
    async (req) => {
      const admin = requireOfficer(req, ADMINISTRATORS);
      const changed = await setOfficerAgency(db, admin, req.params.username, req.body.agency, req.id);
      if (!changed) throw new AppError("NOT_FOUND");
      return changed;
    },
  );

  app.get(
    "/api/admin/officers",
    {
      schema: {
        tags: ["admin"],
        summary: "Admin: list officer accounts",
        querystring: Page.extend({ q: z.string().max(64).optional() }),
        response: { 200: z.object({ items: z.array(Officer), total: z.number() }), ...errorResponses },
      },
    },
    async (req) => {
      requireOfficer(req, ADMINISTRATORS);
      return listOfficers(db, req.query);
    },
  );

  app.get(
    "/api/admin/audit",
    {
      schema: {
        tags: ["admin"],
        summary: "Admin: audit trail of actions and denied attempts, newest first",
        querystring: Page.extend({
          action: z.string().max(64).optional(),
          outcome: z.enum(["allowed", "denied", "error"]).optional(),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number(),
                at: z.date(),
                actorKind: z.string(),
                actorId: z.string().nullable(),
                action: z.string(),
                outcome: z.string(),
                resource: z.string().nullable(),
                detail: z.record(z.string(), z.unknown()),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      requireOfficer(req, ADMINISTRATORS);
      return { items: await listAudit(db, req.query) };
    },
  );
}
