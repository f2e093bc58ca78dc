import { z } from "zod";
import { type AccessField, correctedField } from "./access-fields.js";
import { AGENCY_IDS } from "./agencies.js";
import { CommuneCode, IsoDate, PersonalNumber, Sex } from "./message-fields.js";
import { MESSAGE_LABELS } from "./message-labels.js";
import { BirthNotice, DeathNotice } from "./message-notices.js";

/**
 * Messages between agencies: a versioned type (`<registry>.<fact>@<version>`, named for people
 * in message-labels.ts), a zod schema for its payload, the legal basis of the exchange, and which personal data about whom it discloses
 * (so the citizen's access list can say which agency received which fields, for which dossier).
 * A message is signed by its sender as a JWS (src/modules/exchange, `signMessage`) and verified by
 * its receiver (`verifyMessage`); this file is the pure part: shapes and verdicts, no keys.
 *
 * Versions never change once published: a new shape is a new version (`…@2`), and receivers keep
 * reading the versions they accepted before. Pure: shared by the server and the browser.
 */

/** An agency and, for a local office, the commune (5 digits) or province (2 digits) it serves. */
export const AgencyAddress = z
  .object({
    agency: z.enum(AGENCY_IDS),
    unit: z
      .string()
      .regex(/^([0-9]{2}|[0-9]{5})$/)
      .optional(),
  })
  .strict();
export type AgencyAddress = z.infer<typeof AgencyAddress>;

export const MESSAGE_TYPE_PATTERN = /^[a-z_]+\.[a-z_]+@[1-9][0-9]*$/;

/**
 * The signed content of a message. `province` is the locality the exchange belongs to (the
 * dossier's province; '00' for a national one): its message log chain and its shard.
 */
export const Envelope = z
  .object({
    id: z.uuid(),
    type: z.string().regex(MESSAGE_TYPE_PATTERN),
    from: AgencyAddress,
    to: AgencyAddress,
    sentAt: z.iso.datetime({ offset: true }),
    province: z.string().regex(/^[0-9]{2}$/),
    dossier: z
      .object({ id: z.uuid(), code: z.string().max(60).nullable() })
      .strict()
      .optional(),
    inReplyTo: z.uuid().optional(),
    payload: z.unknown(),
  })
  .strict();
export type Envelope = z.infer<typeof Envelope>;

/** Personal data a message gives its receiver: whose (personal number) and which fields. */
export type Disclosure = { subject: string; fields: AccessField[] };

type MessageType<S extends z.ZodType> = {
  payload: S;
  /** The legal basis of giving this data to the receiver (shown to the citizen). */
  legalBasis: string;
  discloses: (payload: z.output<S>) => Disclosure[];
};

function type<S extends z.ZodType>(t: MessageType<S>): MessageType<S> {
  return t;
}

const about = (numbers: Array<string | null | undefined>, fields: AccessField[]): Disclosure[] =>
  [...new Set(numbers.filter((n): n is string => !!n))].map((subject) => ({ subject, fields }));

const RESIDENCE_FIELD = { permanent: "permanentResidence", temporary: "temporaryResidence" } as const;

const BirthRegistered = z
  .object({
    registrationNumber: z.string().min(1).max(40),
    registeredOn: IsoDate,
    communeCode: CommuneCode,
    child: z
      .object({
        fullName: z.string().min(1).max(100),
        birthDate: IsoDate,
        sex: Sex,
        placeOfBirth: z.string().max(200),
        /**
         * The number reserved when the extract was signed (and printed on it): the registry
         * creates the child under it. Absent in messages sent before 2026-12-02: a new one is given.
         */
        personalNumber: PersonalNumber.optional(),
        /**
         * The child's ethnicity as registered (the form's, chosen by the parents: Bộ luật Dân sự
         * 2015 Điều 29): the registry records it. Absent in messages sent before 2026-12-02: the
         * registry then takes the mother's (`applyBirthRegistered`).
         */
        ethnicity: z.string().trim().min(1).max(50).optional(),
      })
      .strict(),
    motherNumber: PersonalNumber.nullable(),
    fatherNumber: PersonalNumber.nullable(),
    birthNoticeId: z.string().max(40).nullable(),
  })
  .strict();

const DeathRegistered = z
  .object({
    personalNumber: PersonalNumber,
    dateOfDeath: IsoDate,
    registrationNumber: z.string().min(1).max(40),
    registeredOn: IsoDate,
    communeCode: CommuneCode,
  })
  .strict();

const ResidenceRegistered = z
  .object({
    personalNumber: PersonalNumber,
    kind: z.enum(["permanent", "temporary"]),
    communeCode: CommuneCode,
    address: z.string().min(1).max(300),
    householdId: z.string().max(40).nullable(),
    until: IsoDate.nullable(),
  })
  .strict();

/**
 * @2 adds the subject's relationship to the head of the household joined (null for a temporary
 * stay or a household of their own): the residence registry records it (Luật Cư trú 2020 Điều 10).
 */
const ResidenceRegisteredV2 = ResidenceRegistered.extend({
  relationshipToHead: z.string().min(1).max(50).nullable(),
}).strict();

/**
 * @3 adds `newHousehold`: true when the subject registers at another lawful residence of their own
 * (Luật Cư trú 2020 Điều 20 khoản 1): the registry opens household `householdId` at that address
 * with the subject as its head; members registered with them join it (false for them).
 */
const ResidenceRegisteredV3 = ResidenceRegisteredV2.extend({ newHousehold: z.boolean() })
  .strict()
  .refine((p) => !p.newHousehold || (p.kind === "permanent" && p.householdId !== null), {
    message: "a new household is a permanent registration with its id",
  });

const ResidenceEnded = z
  .object({
    personalNumber: PersonalNumber,
    kind: z.enum(["permanent", "temporary"]),
    communeCode: CommuneCode,
    endedOn: IsoDate,
    reason: z.string().min(1).max(300),
  })
  .strict();

const CardIssued = z
  .object({
    personalNumber: PersonalNumber,
    cardNumber: z.string().regex(/^[A-Z]{2}[0-9]{13}$/),
    validFrom: IsoDate,
    validTo: IsoDate,
    hospitalCode: z.string().max(20).nullable(),
  })
  .strict();

/**
 * @2 carries what the insurance registry files with a card (@1 named only a facility code): the
 * beneficiary group and benefit level (Nghị định 146/2018/NĐ-CP Điều 3 and Luật Bảo hiểm y tế
 * Điều 22) and the initial health-care facility as the participant chose it.
 */
const CardIssuedV2 = z
  .object({
    personalNumber: PersonalNumber,
    cardNumber: z.string().regex(/^[A-Z]{2}[0-9]{13}$/),
    beneficiaryGroup: z.string().regex(/^[A-Z]{2}$/),
    benefitLevel: z.number().int().min(1).max(5),
    primaryFacility: z.string().min(1).max(200),
    validFrom: IsoDate,
    validTo: IsoDate,
  })
  .strict();

const AllowanceGranted = z
  .object({
    personalNumber: PersonalNumber,
    kind: z.string().min(1).max(60),
    /** Whole đồng a month. */
    monthlyAmount: z.number().int().min(0),
    from: IsoDate,
  })
  .strict();

/**
 * A one-time allowance granted by a dossier's decision and paid to the beneficiary's bank account
 * (the allowance record and its payment, issue 11 point 3): the decision's number and date, the
 * amount, the monthly amount that follows (0 for none), and the bank's confirmed transfer.
 */
const AllowancePaid = z
  .object({
    personalNumber: PersonalNumber,
    deceasedNumber: PersonalNumber.nullable(),
    kind: z.enum(["funeral_allowance", "survivor_benefit"]),
    decisionNumber: z.string().min(1).max(60),
    decidedOn: IsoDate,
    /** Whole đồng, paid once. */
    amount: z.number().int().min(1),
    /** Whole đồng a month from the decision (0: none). */
    monthlyAmount: z.number().int().min(0),
    payment: z
      .object({
        bankRef: z.string().min(1).max(60),
        paidAt: z.iso.datetime({ offset: true }),
        /** The account as printed for people: its last 4 digits only. */
        account: z.string().regex(/^\*+[0-9]{4}$/),
        bank: z.string().min(1).max(100),
      })
      .strict(),
  })
  .strict();

const CorrectionRequested = z
  .object({
    correctionId: z.string().min(1).max(60),
    registry: z.enum(["population", "residence", "civil_status", "health_insurance", "allowances"]),
    personalNumber: PersonalNumber,
    field: z.string().min(1).max(60),
    currentValue: z.string().max(500).nullable(),
    proposedValue: z.string().max(500),
    reason: z.string().max(1000),
  })
  .strict();

/**
 * The owner's answer to a correction request (`inReplyTo` names the request's message): accepted
 * (the registry now holds `newValue` instead of `previousValue`) or rejected with the reason the
 * citizen reads. `correctionId` is the request's, `<province>:<id>`.
 */
const CorrectionDecided = z
  .object({
    correctionId: z.string().min(1).max(60),
    registry: z.enum(["population", "residence", "civil_status", "health_insurance", "allowances"]),
    personalNumber: PersonalNumber,
    field: z.string().min(1).max(60),
    outcome: z.enum(["accepted", "rejected"]),
    previousValue: z.string().max(500).nullable(),
    newValue: z.string().max(500).nullable(),
    reason: z.string().max(1000).nullable(),
    decidedAt: z.iso.datetime({ offset: true }),
  })
  .strict()
  .refine((p) => (p.outcome === "accepted" ? p.newValue !== null : !!p.reason), {
    message: "an accepted correction names the new value; a rejected one its reason",
  });

/** The signed answer to a message (`inReplyTo` names it): taken, or refused with a reason code. */
const Ack = z
  .object({ outcome: z.enum(["accepted", "refused"]), reason: z.string().max(200).nullable() })
  .strict();
export type Ack = z.infer<typeof Ack>;

const LIEN_THONG = "Nghị định 63/2024/NĐ-CP (liên thông thủ tục hành chính)";
const SHARING = "Nghị định 47/2020/NĐ-CP (chia sẻ dữ liệu số của cơ quan nhà nước)";

/** Every message type by its id. */
export const MESSAGE_TYPES = {
  "civil_status.birth_registered@1": type({
    payload: BirthRegistered,
    legalBasis: `Luật Hộ tịch 2014, Điều 16; ${LIEN_THONG}`,
    discloses: (p) => about([p.motherNumber, p.fatherNumber], ["personalNumber", "civilStatus", "parents"]),
  }),
  "civil_status.death_registered@1": type({
    payload: DeathRegistered,
    legalBasis: `Luật Hộ tịch 2014, Điều 33; ${LIEN_THONG}`,
    discloses: (p) => about([p.personalNumber], ["personalNumber", "fullName", "civilStatus"]),
  }),
  "residence.registered@1": type({
    payload: ResidenceRegistered,
    legalBasis: `Luật Cư trú 2020; ${SHARING}`,
    discloses: (p) => about([p.personalNumber], ["personalNumber", RESIDENCE_FIELD[p.kind], "household"]),
  }),
  "residence.registered@2": type({
    payload: ResidenceRegisteredV2,
    legalBasis: `Luật Cư trú 2020, Điều 22 và 28; ${LIEN_THONG}`,
    discloses: (p) => about([p.personalNumber], ["personalNumber", RESIDENCE_FIELD[p.kind], "household"]),
  }),
  "residence.registered@3": type({
    payload: ResidenceRegisteredV3,
    legalBasis: `Luật Cư trú 2020, Điều 20, 22 và 28; ${LIEN_THONG}`,
    discloses: (p) => about([p.personalNumber], ["personalNumber", RESIDENCE_FIELD[p.kind], "household"]),
  }),
  "residence.ended@1": type({
    payload: ResidenceEnded,
    legalBasis: `Luật Cư trú 2020, Điều 24 và 29; ${LIEN_THONG}`,
    discloses: (p) => about([p.personalNumber], ["personalNumber", RESIDENCE_FIELD[p.kind]]),
  }),
  "health_insurance.card_issued@1": type({
    payload: CardIssued,
    legalBasis: `Luật Bảo hiểm y tế 2008 (sửa đổi 2024); ${LIEN_THONG}`,
    discloses: (p) => about([p.personalNumber], ["personalNumber", "healthInsurance"]),
  }),
  "health_insurance.card_issued@2": type({
    payload: CardIssuedV2,
    legalBasis: `Luật Bảo hiểm y tế 2008 (sửa đổi 2024), Điều 16; ${LIEN_THONG}`,
    discloses: (p) => about([p.personalNumber], ["personalNumber", "healthInsurance"]),
  }),
  "allowances.granted@1": type({
    payload: AllowanceGranted,
    legalBasis: `Nghị định 20/2021/NĐ-CP (trợ giúp xã hội); ${SHARING}`,
    discloses: (p) => about([p.personalNumber], ["personalNumber", "allowances"]),
  }),
  "allowances.paid@1": type({
    payload: AllowancePaid,
    legalBasis: `Nghị định 20/2021/NĐ-CP (trợ giúp xã hội); Luật Bảo hiểm xã hội 2024; ${LIEN_THONG}`,
    discloses: (p) => about([p.personalNumber], ["personalNumber", "allowances"]),
  }),
  "registry.correction_requested@1": type({
    payload: CorrectionRequested,
    legalBasis: `Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15 (quyền chỉnh sửa dữ liệu); ${SHARING}`,
    discloses: (p) => about([p.personalNumber], ["personalNumber", correctedField(p)]),
  }),
  "registry.correction_decided@1": type({
    payload: CorrectionDecided,
    legalBasis: `Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15 (quyền chỉnh sửa dữ liệu); ${SHARING}`,
    discloses: (p) =>
      p.outcome === "accepted" ? about([p.personalNumber], ["personalNumber", correctedField(p)]) : [],
  }),
  "health.birth_notice@1": type({
    payload: BirthNotice,
    legalBasis: `Luật Hộ tịch 2014, Điều 16; ${LIEN_THONG}`,
    discloses: (p) => about([p.motherNumber, p.fatherNumber], ["personalNumber", "birthNotice"]),
  }),
  "health.death_notice@1": type({
    payload: DeathNotice,
    legalBasis: `Luật Hộ tịch 2014, Điều 33 và 34; ${LIEN_THONG}`,
    discloses: (p) => about([p.personalNumber], ["personalNumber", "deathNotice"]),
  }),
  "exchange.ack@1": type({
    payload: Ack,
    legalBasis: SHARING,
    discloses: () => [],
  }),
} as const;

export type MessageTypeId = keyof typeof MESSAGE_TYPES;

/** Every type has its name for people (a type without one does not compile). */
export const MESSAGE_TYPE_LABELS: Readonly<Record<MessageTypeId, { vi: string; en: string }>> =
  MESSAGE_LABELS;
export type PayloadOf<T extends MessageTypeId> = z.output<(typeof MESSAGE_TYPES)[T]["payload"]>;

/** The reply type every receiver answers with. */
export const ACK_TYPE = "exchange.ack@1" satisfies MessageTypeId;

export function isMessageType(v: string): v is MessageTypeId {
  return Object.hasOwn(MESSAGE_TYPES, v);
}

/** Why a message is refused; stable codes written to the message log. */
export type Refusal =
  | "MALFORMED" // not a compact JWS, or its header or payload is not JSON
  | "UNKNOWN_KEY" // the key id names no registered agency key
  | "KEY_REVOKED"
  | "BAD_SIGNATURE" // the payload (or header) was altered after signing, or another key signed it
  | "INVALID_MESSAGE" // the envelope does not match its schema
  | "UNKNOWN_TYPE"
  | "INVALID_PAYLOAD" // the payload does not match its type's schema
  | "SIGNER_NOT_SENDER" // signed by an agency's key that is not the sender's
  | "WRONG_RECEIVER" // addressed to another agency
  | "WRONG_SENDER" // sent by an agency that may not send it (not the registry's owner)
  | "NOT_A_REPLY"; // a reply that is not the signed answer to the message sent

export type EnvelopeVerdict =
  | { ok: true; message: Envelope; disclosures: Disclosure[] }
  | { ok: false; reason: Refusal; issues: string[] };

/**
 * Checks a message's content once its signature is verified: the envelope's schema, a known type
 * and its payload's schema. Returns the message with what it discloses about whom, or a refusal.
 */
export function checkEnvelope(value: unknown): EnvelopeVerdict {
  const env = Envelope.safeParse(value);
  if (!env.success) return { ok: false, reason: "INVALID_MESSAGE", issues: issuesOf(env.error) };
  const t = env.data.type;
  if (!isMessageType(t)) return { ok: false, reason: "UNKNOWN_TYPE", issues: [t] };
  const def = MESSAGE_TYPES[t] as MessageType<z.ZodType>;
  const payload = def.payload.safeParse(env.data.payload);
  if (!payload.success) return { ok: false, reason: "INVALID_PAYLOAD", issues: issuesOf(payload.error) };
  const message = { ...env.data, payload: payload.data };
  return { ok: true, message, disclosures: def.discloses(payload.data) };
}

function issuesOf(err: z.ZodError): string[] {
  return err.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
}
