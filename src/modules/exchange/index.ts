/**
 * The exchange: the one access path to personal data. Registry reads are purpose-bound, rights and
 * jurisdiction checked; dossier reads follow `dossierReadRight`; every read by someone other than
 * the citizen is in the citizen's access log (which this module alone writes), and its HTTP routes.
 *
 * It is also where agencies exchange messages (types in src/domain/messages.ts, participants and
 * registry owners in src/domain/agencies.ts). For a dispatcher:
 * - `signMessage(signers, envelope)` → compact JWS signed by the sending agency's key;
 * - `verifyMessage(q, jws, { receiver })` → `{ ok: true, message, disclosures, summary, … }` or
 *   `{ ok: false, reason, summary, … }` (altered after signing: BAD_SIGNATURE; signed by an agency
 *   that is not the sender: SIGNER_NOT_SENDER; …); never throws for the message's content;
 * - `logExchange(q, entry)` → the message log row (hash-chained, inside q's transaction) and the
 *   subjects' access-list rows for what the receiver now holds. Log a refusal too: a hosted
 *   receiver logs `received` with `accepted` (and the verdict's disclosures) or `refused`;
 * - `receiveMessage(q, jws, { receiver })` = verifyMessage + logExchange, for a hosted receiver;
 * - `sendToAgency(transport, envelope)` posts to an external agency and logs both ways itself;
 *   `registerSigned(delivery, topic, handle, external)` makes a topic's signed messages to an
 *   external agency go there (posted by the dispatcher) and only the rest be handled here.
 * For the registries' owners (the corrections module): `findPersonPlace` (where a person lives, to
 * route a correction) and `applyRegistryCorrection` (an accepted correction, with its history row).
 *
 * Registered births and deaths reach the population registry this way (civil-status.ts):
 * `civilStatusEffect(signers)` on `issue_result`, `registerCivilStatusHandlers(delivery)`; residence
 * registrations and health-insurance cards likewise (registry-writeback.ts):
 * `registryWritebackEffect(signers)`, `registerRegistryWritebackHandlers(delivery)`.
 */

export type {
  BirthNotice,
  DeathNotice,
  HealthInsuranceCard,
  PersonRecord,
  PrefillFields,
  PrefillNeed,
  PrefillPerson,
} from "../registries/index.js";
// `registeredMaritalStatus`: the one reader of a person's marriages and the status they make
// (registries/marriages.ts); the caller logs the civil-status read (eligibility facts, prefill).
export {
  applyRegistryCorrection,
  type CorrectionApplied,
  type CorrectionProvenance,
  correctionValueRefused,
  type DeathElsewhere,
  deceasedInRegistries,
  findPersonPlace,
  registeredMaritalStatus,
} from "../registries/index.js";
export { type AccessLogEntry, accessLogOf } from "./access-log.js";
export {
  type AgencyTransport,
  envelopeOf,
  type SendResult,
  sendSignedToAgency,
  sendToAgency,
} from "./agency-http.js";
export {
  type AgencyKey,
  type AgencySigners,
  findAgencyKey,
  publishAgencyKeys,
  registerAgencyKey,
} from "./agency-keys.js";
export { registerAllowanceHandlers, sendAllowancePaid } from "./allowances.js";
export { applicantNotFound } from "./applicant-errors.js";
export { readForAssistant } from "./assistant-reads.js";
export {
  BIRTH_NOTICE,
  type BirthNoticeListener,
  registerBirthNoticeHandler,
  sendBirthNotice,
} from "./birth-notices.js";
export { type ChildHomes, headedHousehold, readChildHomes } from "./child-home-reads.js";
export {
  type BirthNumberListener,
  childNumberEffect,
  civilStatusEffect,
  registerCivilStatusHandlers,
  registeredChildNumber,
  registeredLifeEvent,
} from "./civil-status.js";
export { contactForNotification } from "./contact.js";
export {
  DEATH_NOTICE,
  type DeathNoticeListener,
  registerDeathNoticeHandler,
  sendDeathNotice,
} from "./death-notices.js";
export {
  DOSSIER_USES,
  type DossierRight,
  type DossierSubject,
  type DossierUse,
  dossierReadRight,
  logDossierReads,
} from "./dossier-reads.js";
export { readEligibilityFacts, readMonthlyAllowance } from "./eligibility-reads.js";
export { ExchangeErrors } from "./errors.js";
export {
  type HouseholdView,
  PERSON_FIELDS,
  type RegistryFacts,
  readHousehold,
  readPerson,
  readRecords,
  searchPersons,
} from "./exchange.js";
export {
  type ExternalAgencies,
  type Posted,
  postToExternal,
  registerSigned,
  type SignedDelivery,
} from "./external-delivery.js";
export {
  type ApplicantLookup,
  citizenOwnName,
  lookupApplicant,
  readContactForOtp,
} from "./filing-reads.js";
export {
  type ExchangeEntry,
  logExchange,
  receivedEntry,
  receiveMessage,
  receiveOrRefuse,
} from "./message-log.js";
export {
  detachedSignature,
  type Expectation,
  MESSAGE_TYP,
  type MessageSummary,
  payloadSha256,
  type Refused,
  signMessage,
  summarise,
  type Verified,
  verifyMessage,
} from "./messages.js";
export { type PrefillRead, type PrefillSources, readForPrefill } from "./prefill-reads.js";
export { OFFICER_PURPOSES, PURPOSES, type Purpose } from "./purposes.js";
export type { ReadContext } from "./read-rights.js";
export {
  DECEASED_REASON,
  registerRegistryWritebackHandlers,
  registerWritebackHandlers,
  registryWritebackEffect,
  writebackEffects,
  writebackGuard,
} from "./registry-writeback.js";
export { registryRoutes } from "./routes.js";
export { readSpouseHousehold, type SpouseHousehold } from "./spouse-household-reads.js";
