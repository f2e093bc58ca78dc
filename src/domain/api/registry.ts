import { z } from "zod";

/**
 * Responses of the base-registry API read through exchange (persons, households, records, the
 * citizen's own data and who read it), shared by the server and the web app.
 */
export const Person = z
  .object({
    personalNumber: z.string(),
    fullName: z.string(),
    birthDate: z.string(),
    sex: z.enum(["M", "F"]),
    ethnicity: z.string(),
    nationality: z.string(),
    religion: z.string().nullable(),
    birthRegistrationOldProvince: z.string(),
    birthRegistrationCommune: z.string().nullable(),
    fatherNumber: z.string().nullable(),
    motherNumber: z.string().nullable(),
    provinceCode: z.string(),
    permanentCommuneCode: z.string(),
    permanentCommuneName: z.string(),
    permanentAddress: z.string(),
    temporaryCommuneCode: z.string().nullable(),
    temporaryProvinceCode: z.string().nullable(),
    temporaryAddress: z.string().nullable(),
    householdId: z.string().nullable(),
    relationshipToHead: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    deceasedOn: z.string().nullable(),
    provinceName: z.string(),
    updatedAt: z.date(),
  })
  .meta({ id: "Person" });

export const Household = z
  .object({
    id: z.string(),
    provinceCode: z.string(),
    communeCode: z.string(),
    communeName: z.string(),
    address: z.string(),
    headNumber: z.string(),
    members: z.array(Person),
  })
  .meta({ id: "Household" });

export const Records = z
  .object({
    civilStatus: z.array(
      z.object({
        id: z.number(),
        kind: z.string(),
        registrationNumber: z.string(),
        registeredOn: z.string(),
        provinceCode: z.string(),
        communeCode: z.string(),
        subjectNumber: z.string(),
        spouseNumber: z.string().nullable(),
        details: z.record(z.string(), z.unknown()),
        endedOn: z.string().nullable(),
        endCause: z.enum(["divorce", "spouse_death"]).nullable(),
        judgementNumber: z.string().nullable(),
      }),
    ),
    /** The marital status the civil-status register makes of these records (src/domain/marital-status.ts). */
    maritalStatus: z.object({
      status: z.enum(["single", "married", "divorced", "widowed"]),
      marriage: z
        .object({
          registrationNumber: z.string(),
          registeredOn: z.string(),
          endedOn: z.string().nullable(),
          judgementNumber: z.string().nullable(),
        })
        .nullable(),
    }),
    healthInsurance: z.array(
      z.object({
        cardNumber: z.string(),
        beneficiaryGroup: z.string(),
        benefitLevel: z.number(),
        primaryFacility: z.string(),
        validFrom: z.string(),
        validTo: z.string(),
      }),
    ),
    allowances: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        monthlyAmount: z.number(),
        since: z.string(),
        until: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: "RegistryRecords" });

/**
 * One line of the citizen's access list: reads by the same actor, for the same purpose, of the
 * same resource and fields, collapsed: `count` reads from `firstAt` to `at` (the last).
 */
export const AccessLogEntry = z.object({
  at: z.date(),
  firstAt: z.date(),
  count: z.number().int().min(1),
  actorKind: z.string(),
  actorId: z.string(),
  actorRole: z.string().nullable(),
  actorName: z.string().nullable(),
  purpose: z.string(),
  legalBasis: z.string(),
  resource: z.string(),
  fields: z.array(z.string()),
  /** For an exchange between agencies (actorKind "agency"): the dossier it was about, if any. */
  dossierCode: z.string().nullable(),
  /** For an exchange between agencies: the message type (src/domain/messages.ts). */
  messageType: z.string().nullable(),
});

/** The citizen's own data (GET /api/me/data). */
export const MyData = z
  .object({ person: Person, household: Household.nullable(), records: Records })
  .meta({ id: "MyData" });

export const AccessLogPage = z.object({ items: z.array(AccessLogEntry), total: z.number() });
