/**
 * The ledger: tamper-evident hash chains over the audit log and the message log, per province,
 * with checkpoints signed by the platform's ledger key and a verifier (`npm run audit:verify`).
 * Writers append inside their own transaction (`appendChained`); see chain.ts for the rules.
 */

export { type Anchored, appendAnchor, readAnchor } from "./anchor.js";
export { appendChained, asStored, CHAINS, type Chain, GENESIS, rowHash, type SealedLink } from "./chain.js";
export {
  type CheckpointClaim,
  checkpointChains,
  readCheckpoint,
  signCheckpoint,
  startCheckpoints,
} from "./checkpoints.js";
export { type AuditContent, auditContent, type MessageContent, messageContent } from "./contents.js";
export { type ChainProblem, type ChainReport, type VerifyReport, verifyChains } from "./verify.js";
