/**
 * Corrections reach the owner (issue 11 point 3): a citizen's "this is wrong" about a prefilled
 * registry value (filed by the dossiers module with its `registry.correction_requested` outbox
 * message) travels as a signed message to the registry's owning agency (src/domain/agencies.ts,
 * the office where the person lives), whose officers see it in their queue
 * (GET /api/workspace/corrections) with the evidence and decide it
 * (POST /api/workspace/corrections/:provinceCode/:id/decision): accepted → the registry value
 * changes with a history row (`registry_corrections`), rejected → a reason the citizen reads. The
 * signed answer comes back to the platform, which records it on the request, alerts open dossiers
 * that reused the old value (GET /api/dossiers/:id/registry-alerts) and tells the citizen.
 * Wiring: `registerCorrectionHandlers(delivery, signers)` in src/server/wiring.ts, `correctionRoutes` in src/server/app.ts.
 */
export { correctionQueue, type Decision, decideCorrection } from "./cases.js";
export { CorrectionErrors } from "./errors.js";
export { agencyMessageRoutes, InboundErrors } from "./inbound.js";
export { registerCorrectionHandlers } from "./relay.js";
export type { CorrectionCase } from "./repository.js";
export { correctionRoutes } from "./routes.js";
