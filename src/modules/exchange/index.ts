/**
 * The exchange: the one access path to personal data. Registry reads are purpose-bound, rights and
 * jurisdiction checked; dossier reads follow `dossierReadRight`; every read by someone other than
 * the citizen is in the citizen's access log (which this module alone writes), and its HTTP routes.
 */

export type { BirthNotice, DeathNotice, HealthInsuranceCard, PersonRecord } from "../registries/index.js";
export { type AccessLogEntry, accessLogOf } from "./access-log.js";
export { contactForNotification } from "./contact.js";
export {
  DOSSIER_USES,
  type DossierRight,
  type DossierSubject,
  type DossierUse,
  dossierReadRight,
  logDossierReads,
} from "./dossier-reads.js";
export {
  citizenOwnName,
  type HouseholdView,
  lookupApplicant,
  PERSON_FIELDS,
  type PrefillSources,
  type ReadContext,
  type RegistryFacts,
  readContactForOtp,
  readForPrefill,
  readHousehold,
  readPerson,
  readRecords,
  searchPersons,
} from "./exchange.js";
export { OFFICER_PURPOSES, PURPOSES, type Purpose } from "./purposes.js";
export { registryRoutes } from "./routes.js";
