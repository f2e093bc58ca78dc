/**
 * Every name the citizen's access log can record for the data read or sent ("fields" of an
 * access_log row): the categories of a person record, of the other registries and of a dossier.
 * `logAccess` accepts only these, and the web app has a label for each (test/access-fields.test.ts),
 * so that "Dữ liệu của tôi" never shows a raw key such as "deathNotice".
 */
/** The categories of a person record (population registry), as the access log names them. */
export const PERSON_FIELDS = [
  "personalNumber",
  "fullName",
  "birthDate",
  "sex",
  "ethnicity",
  "nationality",
  "religion",
  "birthRegistration",
  "parents",
  "permanentResidence",
  "temporaryResidence",
  "household",
  "contact",
] as const;

export const ACCESS_FIELDS = [
  ...PERSON_FIELDS,
  "vitalStatus",
  /** The record as a whole (a correction of an attribute without a category of its own). */
  "personRecord",
  // Other registries.
  "civilStatus",
  "healthInsurance",
  "allowances",
  "birthNotice",
  "deathNotice",
  /** A death of the household registered (the civil-status register, or its result issued here). */
  "deathRegistered",
  /**
   * What was filed after a registered death (the linked group's steps, the deregistration, the
   * funeral allowance: done, paid or being decided), as the assistant reads it.
   */
  "deathProcedures",
  // A dossier.
  "dossierForm",
  "dossierComponents",
  "dossierHistory",
  "dossierFile",
  "dossierStatus",
  "payment",
  "receipt",
  "result",
  "apologySlip",
  "notifications",
] as const;
export type AccessField = (typeof ACCESS_FIELDS)[number];

const NAMES: ReadonlySet<string> = new Set(ACCESS_FIELDS);
/** Whether a name is one the access log knows (a correction's attribute, for instance). */
export const isAccessField = (name: string): name is AccessField => NAMES.has(name);

/** A corrected attribute as the access log names it: itself when it is one, else its registry's. */
const REGISTRY_FIELD: Readonly<Record<string, AccessField>> = {
  population: "personRecord",
  residence: "permanentResidence",
  civil_status: "civilStatus",
  health_insurance: "healthInsurance",
  allowances: "allowances",
};
export const correctedField = (p: { registry: string; field: string }): AccessField =>
  isAccessField(p.field) ? p.field : (REGISTRY_FIELD[p.registry] ?? "personRecord");
