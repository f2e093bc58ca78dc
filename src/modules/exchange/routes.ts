import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/client.js";
import { AccessLogPage, Household, MyData, Person, Records } from "../../domain/api/registry.js";
import { KINS } from "../../domain/assistant-kin.js";
import { foldVietnamese } from "../../domain/text.js";
import { AppError } from "../../kernel/errors.js";
import { requireCitizen, requireOfficer } from "../../kernel/guards.js";
import { CommuneCode, ErrorResponse, errorResponses, Page, PersonalNumber } from "../../kernel/schemas.js";
import { audit } from "../audit/index.js";
import { updateContact } from "../registries/index.js";
import { findCommune } from "../units/index.js";
import { accessLogOf } from "./access-log.js";
import * as exchange from "./exchange.js";
import { readHouseholdRelatives } from "./household-reads.js";
import { OFFICER_PURPOSES } from "./purposes.js";

const OfficerPurpose = z.object({
  purpose: z
    .enum(OFFICER_PURPOSES)
    .meta({ description: "Why the officer reads this personal data (logged)" }),
});

/** Base registries over HTTP. Every read goes through exchange (authorisation + access log). */
export async function registryRoutes(appBase: FastifyInstance, opts: { db: Db }) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const { db } = opts;

  app.get(
    "/api/persons",
    {
      schema: {
        tags: ["registries"],
        summary: "Officer: search persons residing in the jurisdiction (permanent or temporary residence)",
        querystring: Page.extend(OfficerPurpose.shape).extend({
          commune: CommuneCode.optional(),
          q: z.string().max(100).optional(),
        }),
        response: { 200: z.object({ items: z.array(Person), total: z.number() }), ...errorResponses },
      },
    },
    async (req) => {
      const principal = requireOfficer(req);
      const { commune, q, purpose, limit, offset } = req.query;
      const c = commune ? await findCommune(db, commune) : undefined;
      if (commune && !c) throw new AppError("UNKNOWN_COMMUNE");
      return exchange.searchPersons(
        db,
        { principal, purpose, requestId: req.id },
        {
          communeCode: commune,
          communeProvince: c?.provinceCode,
          nameQuery: q ? foldVietnamese(q) : undefined,
          limit,
          offset,
        },
      );
    },
  );

  app.get(
    "/api/persons/:personalNumber",
    {
      schema: {
        tags: ["registries"],
        summary: "Officer: one person of the population registry (logged in the citizen's access list)",
        params: z.object({ personalNumber: PersonalNumber }),
        querystring: OfficerPurpose,
        response: { 200: Person, ...errorResponses },
      },
    },
    async (req) => {
      const principal = requireOfficer(req);
      return exchange.readPerson(
        db,
        { principal, purpose: req.query.purpose, requestId: req.id },
        req.params.personalNumber,
      );
    },
  );

  app.get(
    "/api/persons/:personalNumber/records",
    {
      schema: {
        tags: ["registries"],
        summary: "Officer: civil-status records, health-insurance cards and allowances of a person",
        params: z.object({ personalNumber: PersonalNumber }),
        querystring: OfficerPurpose,
        response: { 200: Records, ...errorResponses },
      },
    },
    async (req) => {
      const principal = requireOfficer(req);
      return exchange.readRecords(
        db,
        { principal, purpose: req.query.purpose, requestId: req.id },
        req.params.personalNumber,
      );
    },
  );

  app.get(
    "/api/households/:id",
    {
      schema: {
        tags: ["registries"],
        summary: "Officer: a household with its head and members",
        params: z.object({ id: z.string().regex(/^[A-Z0-9-]{4,40}$/) }),
        querystring: OfficerPurpose,
        response: { 200: Household, ...errorResponses },
      },
    },
    async (req) => {
      const principal = requireOfficer(req);
      return exchange.readHousehold(
        db,
        { principal, purpose: req.query.purpose, requestId: req.id },
        req.params.id,
      );
    },
  );

  app.get(
    "/api/me/data",
    {
      schema: {
        tags: ["me"],
        summary: "Citizen: what the registries hold about me and my household",
        response: {
          200: MyData,
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const principal = requireCitizen(req);
      const pn = principal.personalNumber;
      const person = await exchange.readPerson(
        db,
        { principal, purpose: "self-service", requestId: req.id },
        pn,
      );
      const records = await exchange.readRecords(
        db,
        { principal, purpose: "self-service", requestId: req.id },
        pn,
      );
      const household = person.householdId
        ? await exchange.readHousehold(
            db,
            { principal, purpose: "household-view", requestId: req.id },
            person.householdId,
          )
        : null;
      return { person, household, records };
    },
  );

  app.get(
    "/api/me/household/relatives",
    {
      schema: {
        tags: ["me"],
        summary:
          "Citizen: the other living members of my household (name, birth date, who they are to me), to choose whose death to register without an electronic death notice; each read is in that member's access list",
        response: {
          200: z.object({
            items: z.array(
              z.object({
                personalNumber: z.string(),
                fullName: z.string(),
                birthDate: z.string(),
                kin: z.enum(KINS).nullable(),
                relationshipToHead: z.string().nullable(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const principal = requireCitizen(req);
      return { items: await readHouseholdRelatives(db, { principal, requestId: req.id }) };
    },
  );

  app.get(
    "/api/me/access-log",
    {
      schema: {
        tags: ["me"],
        summary:
          "Citizen: who read my personal data, why, which fields and how often (repeated reads collapsed: count, first and last time; newest first)",
        querystring: Page,
        response: { 200: AccessLogPage, ...errorResponses },
      },
    },
    async (req) => {
      const principal = requireCitizen(req);
      return accessLogOf(db, principal.personalNumber, req.query);
    },
  );

  app.put(
    "/api/me/contact",
    {
      schema: {
        tags: ["me"],
        summary: "Citizen: update the phone and e-mail used for notifications",
        body: z
          .object({
            phone: z
              .string()
              .regex(/^0[35789][0-9]{8}$/, {
                message: "Số điện thoại di động 10 chữ số / 10-digit mobile number",
              })
              .nullable(),
            email: z.email().max(200).nullable(),
          })
          .strict(),
        response: {
          200: z.object({ phone: z.string().nullable(), email: z.string().nullable() }),
          ...errorResponses,
          403: ErrorResponse,
        },
      },
    },
    async (req) => {
      const principal = requireCitizen(req);
      await db.tx(async (q) => {
        await updateContact(q, principal.personalNumber, req.body);
        await audit(q, {
          actor: { kind: "citizen", id: principal.personalNumber },
          action: "contact.update",
          outcome: "allowed",
          resource: `person:${principal.personalNumber}`,
          requestId: req.id,
        });
      });
      return req.body;
    },
  );
}
