/**
 * The exchange: the one access path to personal data held by the registries (purpose-bound reads,
 * rights and jurisdiction checked, every read in the citizen's access log), and its HTTP routes.
 */

export type { BirthNotice, DeathNotice, HealthInsuranceCard, PersonRecord } from "../registries/index.js";
export {
  type AccessLogEntry,
  accessLogOf,
  type HouseholdView,
  lookupApplicant,
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
