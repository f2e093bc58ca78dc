import { z } from "zod";
import type { Condition as ConditionRule } from "./conditions.js";

export { conditionFields, evaluate } from "./conditions.js";
export { checkDefinition, type DefinitionProblem } from "./procedure-checks.js";
/** A rule over the form's values; used for conditional visibility and "required when". */
export type Condition = ConditionRule;

/**
 * A procedure version as data (DESIGN.md "Procedures are data"). The core knows nothing about
 * "birth": forms, prefill bindings, dossier components, steps, fees and results are declared
 * here and validated by this one schema, shared by the server and the web app.
 */

const Text = z.string().min(1).max(500);
const Key = z.string().regex(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)*$/, {
  message: "a dotted camelCase key such as child.fullName",
});

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ field: Key, equals: z.union([z.string(), z.number(), z.boolean()]) }).strict(),
    z.object({ field: Key, in: z.array(z.union([z.string(), z.number()])).min(1) }).strict(),
    z.object({ field: Key, filled: z.boolean() }).strict(),
    z.object({ field: Key, vietnamese: z.boolean() }).strict(),
    z.object({ all: z.array(Condition).min(1) }).strict(),
    z.object({ any: z.array(Condition).min(1) }).strict(),
    z.object({ not: Condition }).strict(),
  ]),
);

/**
 * Where a prefilled value comes from. `subject` names whose record: the applicant; their spouse;
 * their household head; the newborn of an unregistered birth notice whose mother or father is
 * the applicant; the deceased of an unregistered death notice in the applicant's household; their
 * newest living child whose birth was registered from a notice naming the applicant as a parent
 * (`child`: the population registry's record, personal number included, once the birth is written
 * back). A deceased person is never a living party: no deceased spouse, head or child is offered.
 */
export const PrefillSubject = z.enum([
  "applicant",
  "spouse",
  "householdHead",
  "birthNotice",
  "deathNotice",
  "child",
]);
export type PrefillSubject = z.infer<typeof PrefillSubject>;

export const PrefillBinding = z
  .object({
    subject: PrefillSubject,
    /** An attribute path of that subject, e.g. fullName, birthDate, permanentAddress, motherName. */
    path: z.string().regex(/^[a-zA-Z][a-zA-Z0-9.]*$/),
  })
  .strict();
export type PrefillBinding = z.infer<typeof PrefillBinding>;

export const FieldType = z.enum([
  "text",
  "textarea",
  "date",
  "datetime",
  "number",
  "select",
  "checkbox",
  "personalNumber",
  "commune",
  "phone",
  "email",
]);

/**
 * Plausibility of a date against today (the local date in Vietnam of the injected clock) and the
 * age of the person it is the birth date of. The rules run in the browser and on the server alike.
 */
export const DatePlausibility = z
  .object({
    /** "past": not after today (a birth, a death); "future": strictly after today (the end of a stay). */
    when: z.enum(["past", "future"]).optional(),
    /**
     * The person born on this date must have reached these full years today, by sex (M, F) read
     * from `sexField` (the smaller when that field is empty). E.g. marriage: men 20, women 18.
     */
    minAge: z
      .object({
        M: z.number().int().min(0).max(150),
        F: z.number().int().min(0).max(150),
        sexField: Key.optional(),
        /** The legal source, shown with the refusal (e.g. "Luật Hôn nhân và gia đình 2014, Điều 8"). */
        basisVi: Text.optional(),
        basisEn: Text.optional(),
      })
      .strict()
      .optional(),
    /**
     * At most this many years before today (the date's last possible day): a living person's date of
     * birth at most 120 years ago. Refused with DATE_TOO_LONG_AGO.
     */
    maxYearsAgo: z.number().int().min(1).max(300).optional(),
    /**
     * At most this many years after today (the date's first possible day), e.g. the end of a
     * temporary stay: at most 2 years (Law on Residence 2020, Art. 27(3)). Refused with
     * DATE_TOO_FAR_AHEAD, naming the legal source.
     */
    maxYearsAhead: z
      .object({
        years: z.number().int().min(1).max(100),
        basisVi: Text.optional(),
        basisEn: Text.optional(),
      })
      .strict()
      .optional(),
    /**
     * Not before the dates of these fields of the form (date fields, or whole-number fields holding a
     * year): a death not before the birth, a child's birth not before a parent's. Partial dates
     * are refused only when certainly before. Refused with DATE_BEFORE_RELATED.
     */
    notBefore: z.array(Key).min(1).max(10).optional(),
  })
  .strict();
export type DatePlausibility = z.infer<typeof DatePlausibility>;

export const FormField = z
  .object({
    key: Key,
    labelVi: Text,
    labelEn: Text,
    type: FieldType,
    helpVi: Text.optional(),
    helpEn: Text.optional(),
    required: z.union([z.boolean(), Condition]).default(false),
    visibleWhen: Condition.optional(),
    options: z.array(z.object({ value: z.string(), labelVi: Text, labelEn: Text }).strict()).optional(),
    minLength: z.number().int().min(0).optional(),
    maxLength: z.number().int().min(1).max(10_000).optional(),
    pattern: z.string().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    /** Number fields: whole numbers only (pages, copies, a count of people); 1.5 copies is refused. */
    integer: z.boolean().optional(),
    prefill: PrefillBinding.optional(),
    /**
     * Text fields: "personName" is a person's name: Latin letters (the Vietnamese alphabet, with at
     * most 3 marks on a letter; src/domain/text.ts personNameProblem), spaces,
     * hyphens, apostrophes and full stops, at least one letter; runs of white space become one.
     * "nationality": free text; any spelling of Vietnam's ("Viet Nam", "VN", "Vietnamese") is
     * stored as "Việt Nam" (src/domain/nationality.ts), so conditions and documents agree.
     */
    format: z.enum(["personName", "nationality"]).optional(),
    /** Date fields: the date may be known only by its year ("1950") or month ("1950-07"), as births often are. */
    partial: z.boolean().optional(),
    /** Date and datetime fields: plausibility against today and the person's age. */
    plausible: DatePlausibility.optional(),
    /**
     * Personal-number fields: the fields of the same form that hold this person's date of birth and
     * sex; the number's century/sex digit and birth-year digits must agree with them.
     */
    person: z.object({ birthDate: Key.optional(), sex: Key.optional() }).strict().optional(),
    /**
     * The answer must differ from another field's answer, refused with this stable code and message
     * (the message without the field's label). E.g. the two parties of a marriage are of different
     * sexes: Law 52/2014/QH13 on Marriage and Family, Art. 8(2).
     */
    differsFrom: z
      .object({
        field: Key,
        code: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
        messageVi: Text,
        messageEn: Text,
      })
      .strict()
      .optional(),
  })
  .strict();
export type FormField = z.infer<typeof FormField>;

export const MIME_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;

/** A fact the state already holds that can stand in for a document. */
export const DataFact = z
  .object({
    kind: z.enum(["registry", "result"]),
    /** registry: birthNotice, marriageRecord, deathNotice, residence, healthInsurance; result: a national procedure code. */
    ref: z.string().min(1).max(64),
    descriptionVi: Text,
    descriptionEn: Text,
    /** The fact stands in for the file only while this holds on the form (always, without it). */
    when: Condition.optional(),
  })
  .strict();
export type DataFact = z.infer<typeof DataFact>;

export const Component = z
  .object({
    key: Key,
    nameVi: Text,
    nameEn: Text,
    /** upload: the citizen provides a file (unless replacedBy resolves); data: always a registry fact. */
    kind: z.enum(["upload", "data"]),
    required: z.union([z.boolean(), Condition]).default(true),
    accept: z.array(z.enum(MIME_TYPES)).min(1).optional(),
    maxBytes: z
      .number()
      .int()
      .min(1)
      .max(20 * 1024 * 1024)
      .optional(),
    replacedBy: DataFact.optional(),
  })
  .strict();
export type Component = z.infer<typeof Component>;

export const OfficerRoleName = z.enum(["receiver", "specialist", "approver", "agency_officer"]);

/**
 * A procedure's time limit, in working days or working hours. `confirmed: false`: the limit is
 * not confirmed by law (../shared/DOMAIN.md: "unconfirmed, make it data"); it still drives the
 * dossier's clock, but citizens never see it as a legal limit (`lawConfirmsLimit`). Absent: confirmed
 * (every version published before the flag carries a limit from its law).
 */
export const TimeLimit = z.union([
  z.object({ workingDays: z.number().int().min(0).max(365), confirmed: z.boolean().optional() }).strict(),
  z.object({ workingHours: z.number().int().min(1).max(2000), confirmed: z.boolean().optional() }).strict(),
]);
export type TimeLimit = z.infer<typeof TimeLimit>;

/**
 * Whether the law confirms a procedure's time limit: shown to citizens as a legal limit (badge,
 * "due by") only then; else no limit is shown to them and its due date is only expected. Officers
 * see the days marked unconfirmed.
 */
export function lawConfirmsLimit(limit: TimeLimit): boolean {
  return limit.confirmed !== false;
}

export const Step = z
  .object({ key: Key, nameVi: Text, nameEn: Text, role: OfficerRoleName, limit: TimeLimit })
  .strict();

const Dong = z.number().int().min(0).max(1_000_000_000);

/**
 * A part of a fee that grows with a quantity typed in the form (pages of a document). `tiers`
 * price the units in order: each tier its units up to `upTo` (counted from the first unit), the
 * last tier (without `upTo`) every unit after. `min`/`max` bound this part, in đồng.
 * E.g. Circular 226/2016/TT-BTC, Art. 4: 2,000 đồng a page, from the third page 1,000, at most
 * 200,000 a copy = `{ tiers: [{ upTo: 2, amount: 2000 }, { amount: 1000 }], max: 200000 }`.
 */
export const PerUnit = z
  .object({
    /** A whole-number field of the form (`type: "number"`, `integer: true`, required, min ≥ 0). */
    field: Key,
    tiers: z
      .array(z.object({ upTo: z.number().int().min(1).optional(), amount: Dong }).strict())
      .min(1)
      .max(10),
    min: Dong.optional(),
    max: Dong.optional(),
  })
  .strict();
export type PerUnit = z.infer<typeof PerUnit>;

/**
 * A procedure's tariff, as data: `amount` (đồng) plus the `perUnit` part, all charged once per
 * copy when `copiesField` names the form's whole-number field of copies; then the exemption and
 * the online discount (src/domain/fees.ts computes it, in the browser and on the server alike).
 */
export const Fee = z
  .object({
    amount: Dong,
    perUnit: PerUnit.optional(),
    /** A whole-number field holding how many copies are asked for: everything is charged per copy. */
    copiesField: Key.optional(),
    /** Percent off for dossiers filed online (e.g. 50 = half price). */
    onlineDiscountPercent: z.number().int().min(0).max(100).default(0),
    exemptWhen: Condition.optional(),
    noteVi: Text.optional(),
    noteEn: Text.optional(),
  })
  .strict();
export type Fee = z.infer<typeof Fee>;

/**
 * A procedure's code: its code in the national database of administrative procedures (`1.001193`)
 * or, for a procedure that has none there, `LOCAL.` and capitals, digits and dashes.
 */
export const PROCEDURE_CODE_PATTERN = /^(\d\.\d{6}|LOCAL\.[A-Z0-9-]+)$/;

/**
 * A check of registry facts before submit (src/domain/eligibility.ts, `checkEligibility`): whose
 * record (the applicant, or the person a personal-number field names) and what must hold. E.g.
 * marriage: the applicant and the other party unmarried, the other party registered, living and
 * of age (Law 52/2014/QH13, Art. 5(2)(c) and 8). A deceased applicant is refused by every procedure.
 */
export const EligibilityRule = z
  .object({
    person: z.union([z.literal("applicant"), z.object({ field: Key }).strict()]),
    registered: z.boolean().optional(),
    living: z.boolean().optional(),
    unmarried: z.boolean().optional(),
    minAge: z
      .object({
        M: z.number().int().min(0).max(150),
        F: z.number().int().min(0).max(150),
        basisVi: Text.optional(),
        basisEn: Text.optional(),
      })
      .strict()
      .optional(),
    severity: z.enum(["refusal", "warning"]).optional(),
    /** The form fields of a field person's name and date of birth, matched before anything is told. */
    identity: z.object({ fullName: Key, birthDate: Key }).strict().optional(),
    /** The select where the person declares their marital status; it must agree with the civil-status registry. */
    maritalStatus: z.object({ field: Key }).strict().optional(),
    /**
     * The select where the form declares the person a monthly social-allowance beneficiary (`value`):
     * the allowances registry must record one on their date of death (or today).
     */
    monthlyAllowance: z
      .object({ field: Key, value: z.string().min(1) })
      .strict()
      .optional(),
  })
  .strict();
export type EligibilityRule = z.infer<typeof EligibilityRule>;

export const ProcedureDefinition = z
  .object({
    code: z.string().regex(PROCEDURE_CODE_PATTERN, { message: "a national code like 1.001193 or LOCAL.X" }),
    codeVerified: z.boolean(),
    nameVi: Text,
    nameEn: Text,
    summaryVi: Text,
    summaryEn: Text,
    /** Everyday words people type when looking for it (for the procedure finder). */
    keywords: z.array(z.string().min(1).max(100)).default([]),
    field: z.enum([
      "civil_status",
      "residence",
      "health_insurance",
      "social_insurance",
      "social_assistance",
      "certification",
    ]),
    level: z.enum(["commune", "province"]),
    agency: z
      .object({
        sector: z.enum(["peoples_committee", "police", "social_security", "labour_social"]),
        nameVi: Text,
        nameEn: Text,
      })
      .strict(),
    linkedGroup: z.enum(["birth", "death"]).optional(),
    timeLimit: TimeLimit,
    paperFieldCount: z.number().int().min(1),
    form: z.array(FormField).min(1),
    components: z.array(Component),
    steps: z.array(Step).min(1),
    fee: Fee,
    result: z
      .object({
        kind: z.string().regex(/^[a-z_]+$/),
        nameVi: Text,
        nameEn: Text,
        electronic: z.boolean(),
      })
      .strict(),
    fullyOnline: z.boolean(),
    /** A commune field whose answer decides the competent commune (e.g. where to stay temporarily). */
    competentCommuneField: Key.optional(),
    /** Registry facts checked before submit (src/domain/eligibility.ts). */
    eligibility: z.array(EligibilityRule).max(10).optional(),
  })
  .strict();
export type ProcedureDefinition = z.infer<typeof ProcedureDefinition>;
export type ProcedureDefinitionInput = z.input<typeof ProcedureDefinition>;
