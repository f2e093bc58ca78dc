/**
 * Delivery: the outbox drained by a dispatcher, at least once, in order per key, with exponential
 * backoff, a dead state and an administrator's retry or discard (audited); the inbox that makes
 * receivers idempotent; the archive of delivered messages; metrics and readiness.
 *
 * Writing a message: `enqueue(q, { topic, key, payload, provinceCode, at })` in the transaction of
 * the change it tells of (the dossiers module does so on every transition), so the change and its
 * message commit together. `key` orders: no message is delivered before an earlier pending one of
 * the same key and province (a dossier's id for its own messages). `provinceCode` is the
 * distribution key (the dossier's province, '00' for national messages).
 *
 * Receiving one: a module registers the one handler of a topic, wired in `src/server/wiring.ts`:
 *
 *   delivery.registerHandler("topic", async (q, message) => { … });
 *
 * `q` is the transaction in which the message's inbox row (province, message id) is written and the
 * message marked delivered: the handler's effects commit with them or not at all, so a redelivered
 * message (a dispatcher killed mid-delivery, a lease taken over) applies its effect once. Throwing
 * fails the attempt: it is retried after `retryDelayMs` (src/domain/delivery.ts) and dead after
 * `maxAttempts`; throwing `MessageRefused` makes it dead at once (a message refused for good, its
 * evidence written by the error's `record` in the transaction that marks it dead). `message` is `{ id, provinceCode, topic, key, payload, dossierCode, attempts,
 * createdAt, at }` (`at`: the dispatcher's clock). Network I/O goes in the optional `send` (third
 * argument: `{ send, onState }`), run outside any transaction before the handler, whose result the
 * handler receives; `onState` is told when the message dies, is discarded or retried. A topic with
 * no handler is delivered to no one (register handlers before such messages are written).
 */
export { discardMessage, listQueue, type QueueItem, retryMessage } from "./admin.js";
export { type ArchiveProgress, archiveFinished, DEFAULT_RETENTION_DAYS } from "./archive.js";
export {
  DEFAULT_SETTINGS,
  Delivery,
  type DeliveryOptions,
  type DeliverySettings,
  type Handler,
  type HandlerOptions,
  MessageRefused,
  type Outcome,
  type StateChange,
} from "./dispatcher.js";
export { DeliveryErrors } from "./errors.js";
export { deliveryWarning, oldestPendingAge, registerDeliveryMetrics } from "./health.js";
export {
  enqueue,
  type MessageArgs,
  messageArgs,
  type NewMessage,
  type OutboxMessage,
  outboxInsert,
  undeliveredOf,
} from "./outbox.js";
export { deliveryRoutes } from "./routes.js";
export { OUTBOX_WAKE_CHANNEL, wakeDispatchers } from "./wake.js";
