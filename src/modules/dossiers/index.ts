/**
 * Dossiers: the lifecycle of one application as an append-only action log (rules in
 * `src/domain/lifecycle.ts`), its projection row, codes, forms, uploads, the officer queue, and the
 * one writer of the log: `transition`. Other modules change a dossier only through it.
 */
export {
  audited,
  type Ctx,
  getVisibleDossier,
  getVisibleDossierPart,
  getVisibleRecord,
  requestCtx,
  type Services,
} from "./access.js";
export { agencyCode, formatDossierCode } from "./codes.js";
export { answererAt } from "./complaints.js";
export {
  type DossierExpressions,
  type DossierLogExpressions,
  decidedOnTime,
  dueStateIs,
  endedByHeadRefusal,
  inJurisdiction,
  onDossierKey,
  ownedBy,
  provinceOfJurisdiction,
} from "./conditions.js";
export { createDossier, type DraftSeed } from "./create.js";
export { maskCodes, maskPhone, type SmsMessage, type SmsSink } from "./demo-sms.js";
export { backfillDueInstants } from "./due-instants.js";
export { applicantRefusal } from "./eligibility.js";
export { DossierErrors } from "./errors.js";
export {
  consentToDossierAsHead,
  headConsentOf,
  needsHeadConsent,
  type SpouseConsentRequest,
  spouseConsentRequests,
  spouseHousehold,
} from "./head-consent.js";
export { refuseDossierAsHead } from "./head-refusal.js";
export { HEAD_REQUEST_EVENT, HEAD_REQUEST_TOPIC, type HeadRequestNews } from "./head-request.js";
export {
  type HistoryCache,
  type HistoryItem,
  type HistoryLineOutcome,
  historyCache,
  importHistoryBatch,
  provinceHasDossiers,
  type RecordedHistory,
  recordHistoryLines,
} from "./history.js";
export { keyUsed } from "./idempotency.js";
export { refuseLateSupplement } from "./late-supplements.js";
export { registeredDeathHere } from "./life-event.js";
export { lifeEventHolders } from "./life-event-holders.js";
/** DUPLICATE_LIFE_EVENT as it is worded for a procedure (its names and kind: `claimNames`). */
export { claimNames, duplicate } from "./life-event-refusals.js";
export {
  type CitizenNews,
  notificationText,
  type ProcedureName,
} from "./notifications.js";
export { type DossierChange, type DossierObserver, observeDossiers } from "./observers.js";
export { cancelBySystem, decideAutomatically, receiveAutomatically } from "./officer-actions.js";
export type { PrefilledValue, Provenance } from "./prefill.js";
export { previewPrefill } from "./preview.js";
export { officerQueue } from "./queue.js";
export {
  type CorrectionDecision,
  type CorrectionRequestRow,
  findCorrectionRequest,
  type RegistryAlert,
  recordCorrectionDecision,
  recordCorrectionReceived,
  registryAlertsOf,
} from "./registry-alerts.js";
export { type DossierRow, dossierStanding } from "./repository-reads.js";
export { dossierRoutes } from "./routes.js";
export { decidedAutomatically, resultWriteBacks, type StepClockRow, stepClocks } from "./step-clocks.js";
export { type LinkedFiling, saveDraft, submit } from "./submit.js";
export {
  type Aggregate,
  type SystemTransition,
  systemTransition,
  systemTransitions,
  type Transition,
  type TransitionEffect,
  type TransitionEffects,
  transition,
} from "./transition.js";
export { uploadRoutes } from "./upload-routes.js";
export { workspaceRoutes } from "./workspace-routes.js";
