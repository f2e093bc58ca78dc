import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/client.js";
import { Commune as CommuneSchema, Province as ProvinceSchema } from "../../domain/api/units.js";
import {
  addWorkingDays,
  CALENDAR_DAYS,
  COVERED_YEARS,
  effectiveReceiptDay,
} from "../../domain/calendar/index.js";
import {
  COMMUNE_CODE_PATTERN as COMMUNE_CODE,
  PROVINCE_CODE_PATTERN as PROVINCE_CODE,
} from "../../domain/inputs.js";
import { AppError } from "../../kernel/errors.js";
import { ErrorResponse, Page, ProvinceCode } from "../../kernel/schemas.js";
import { UnitErrors } from "./errors.js";
import { findCommune, findProvince, listCommunes, listProvinces, provinceBoundaries } from "./units.js";

/** Public reference data: administrative units and the working-day calendar. */
export async function unitRoutes(appBase: FastifyInstance, opts: { db: Db; publicRateLimit: number }) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const { db } = opts;
  const config = { rateLimit: { max: opts.publicRateLimit, timeWindow: "1 minute" } };

  app.get(
    "/api/units/provinces",
    {
      config,
      schema: {
        tags: ["units"],
        summary: "List the 34 provinces; q searches names without regard to diacritics or case",
        querystring: z.object({ q: z.string().max(100).optional() }),
        response: { 200: z.object({ items: z.array(ProvinceSchema) }), 400: ErrorResponse },
      },
    },
    async (req) => ({ items: await listProvinces(db, req.query.q) }),
  );

  app.get(
    "/api/units/province-boundaries",
    {
      config,
      schema: {
        tags: ["units"],
        summary: "The 34 provinces' boundaries, simplified for a map (GeoJSON, feature id = province code)",
        description:
          "data/vn-admin/provinces.geo.json (scripts/simplify-provinces.mjs), from Thang Le Quoc's vietnamese-provinces-database, MIT License.",
      },
    },
    async (_req, reply) =>
      reply
        .type("application/geo+json")
        .header("cache-control", "public, max-age=86400")
        .send(provinceBoundaries()),
  );

  app.get(
    "/api/units/provinces/:code",
    {
      config,
      schema: {
        tags: ["units"],
        summary: "One province",
        params: z.object({ code: z.string().max(100) }),
        response: { 200: ProvinceSchema, 404: ErrorResponse },
      },
    },
    async (req) => {
      const code = req.params.code;
      const p = PROVINCE_CODE.test(code) ? await findProvince(db, code) : undefined;
      if (!p) throw new AppError(UnitErrors.PROVINCE_NOT_FOUND);
      return p;
    },
  );

  app.get(
    "/api/units/communes",
    {
      config,
      schema: {
        tags: ["units"],
        summary: "List and search the 3,321 communes, optionally within a province; paginated",
        description:
          'Without q: communes by code. With q: communes whose names match every typed word, with or without diacritics or case; a word may name the province instead ("hai chau da nang") and a word of 3 letters or more may carry one typo ("hai chao"). Best first: fewer typos, then the communes of `near` (the citizen\'s or the form\'s province), then names beginning with the typed words, then by code. `province` keeps that province\'s communes only.',
        querystring: Page.extend({
          province: ProvinceCode.optional(),
          near: ProvinceCode.optional(),
          q: z.string().max(100).optional(),
        }),
        response: {
          200: z.object({
            items: z.array(CommuneSchema),
            total: z.number().int(),
            limit: z.number(),
            offset: z.number(),
          }),
          400: ErrorResponse,
        },
      },
    },
    async (req) => {
      const { province, near, q, limit, offset } = req.query;
      if (province && !(await findProvince(db, province))) throw new AppError("UNKNOWN_PROVINCE");
      if (near && !(await findProvince(db, near))) throw new AppError("UNKNOWN_PROVINCE");
      return {
        ...(await listCommunes(db, { provinceCode: province, near, q, limit, offset })),
        limit,
        offset,
      };
    },
  );

  app.get(
    "/api/units/communes/:code",
    {
      config,
      schema: {
        tags: ["units"],
        summary: "One commune",
        params: z.object({ code: z.string().max(100) }),
        response: { 200: CommuneSchema, 404: ErrorResponse },
      },
    },
    async (req) => {
      const code = req.params.code;
      const c = COMMUNE_CODE.test(code) ? await findCommune(db, code) : undefined;
      if (!c) throw new AppError(UnitErrors.COMMUNE_NOT_FOUND);
      return c;
    },
  );

  app.get(
    "/api/calendar/days",
    {
      config,
      schema: {
        tags: ["calendar"],
        summary: "Public holidays, compensatory days, bridge days and make-up Saturdays of a year",
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
        response: {
          200: z.object({
            year: z.number(),
            items: z.array(
              z.object({
                date: z.string(),
                kind: z.string(),
                nameVi: z.string(),
                nameEn: z.string(),
                basis: z.string(),
                confirmed: z.boolean(),
              }),
            ),
          }),
          400: ErrorResponse,
        },
      },
    },
    async (req) => {
      const { year } = req.query;
      if (!COVERED_YEARS.includes(year)) {
        throw new AppError("VALIDATION_FAILED", [
          {
            field: "querystring.year",
            messageVi: `Chưa có lịch ngày nghỉ cho năm ${year}.`,
            messageEn: `No holiday calendar for ${year}.`,
          },
        ]);
      }
      return { year, items: CALENDAR_DAYS.filter((d) => d.date.startsWith(`${year}-`)) };
    },
  );

  app.get(
    "/api/calendar/due",
    {
      config,
      schema: {
        tags: ["calendar"],
        summary: "Due instant for a time limit in working days from a receipt time (15:00 rule applied)",
        querystring: z.object({
          receivedAt: z.iso.datetime({ offset: true }),
          days: z.coerce.number().int().min(0).max(365),
        }),
        response: {
          200: z.object({ effectiveReceiptDay: z.string(), dueAt: z.string() }),
          400: ErrorResponse,
        },
      },
    },
    async (req) => {
      const receivedAt = new Date(req.query.receivedAt);
      try {
        return {
          effectiveReceiptDay: effectiveReceiptDay(receivedAt),
          dueAt: addWorkingDays(receivedAt, req.query.days).toISOString(),
        };
      } catch (err) {
        if (!(err instanceof RangeError)) throw err;
        throw new AppError("VALIDATION_FAILED", [
          {
            field: "querystring.receivedAt",
            messageVi: "Ngoài phạm vi lịch làm việc.",
            messageEn: err.message,
          },
        ]);
      }
    },
  );
}
