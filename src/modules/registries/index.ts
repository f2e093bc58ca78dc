/**
 * The base registries (population, residence and households, civil status, health insurance,
 * allowances, birth and death notices). Other modules read them only through `exchange`, which
 * checks rights and logs every read; the exchange and the seeding commands are its only callers.
 */

export { applyAllowancePaid } from "./allowances.js";
export {
  applyRegistryCorrection,
  type CorrectionApplied,
  type CorrectionProvenance,
  correctionValueRefused,
  findPersonPlace,
} from "./corrections.js";
export { type DeathNoticeKept, type IncomingDeathNotice, recordDeathNotice } from "./death-notices.js";
export { toDays } from "./demo/dates.js";
export { PROVINCE_CODES, SLOT_SIZE } from "./demo/numbers.js";
export {
  DEFAULT_BATCH_PERSONS,
  findDemoAccounts,
  type SeedOptions,
  type SeedResult,
  seedPopulation,
  seedRunId,
} from "./demo/seed.js";
export { type DeathElsewhere, deceasedInRegistries, registeredMaritalStatus } from "./marriages.js";
export * from "./prefill.js";
export * from "./repository.js";
export {
  applyCardIssued,
  applyResidenceEnded,
  applyResidenceRegistered,
  findHouseholdOf,
  HEAD_RELATIONSHIP,
  type ResidenceApplied,
} from "./residence.js";
export {
  applyBirthRegistered,
  applyDeathRegistered,
  type BirthApplied,
  findBirthNoticeParents,
  findRegisteredEvent,
  hasRegisteredBirth,
  type IncomingBirthNotice,
  type Provenance,
  type RegisteredEvent,
  recordBirthNotice,
  reserveChildNumber,
} from "./writeback.js";
