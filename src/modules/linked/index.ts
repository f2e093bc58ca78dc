/**
 * Linked procedures (Decree 63/2024/NĐ-CP): one application served by several agencies. A group
 * application is a group record and one dossier per member procedure (dossiers module: its own
 * code, queue, roles and clock). Steps that depend on another's result wait and start when it
 * arrives, followed through delivery (`dossier.*` messages; `registerLinkedHandlers`), prefilled
 * from it. The group definitions are catalogue data (catalog module, `linked_group_versions`).
 */
import type { Delivery } from "../delivery/index.js";
import { FOLLOWED_TOPICS, type LinkedEnv, onDossierEvent } from "./steps.js";

export { applyGroup, type GroupApplication } from "./apply.js";
export { linkedRoutes } from "./routes.js";
export { advance, FOLLOWED_TOPICS, type LinkedEnv, onDossierEvent, provideFact } from "./steps.js";
export { groupView } from "./view.js";

/**
 * Follows the steps' dossiers: a handler per followed topic. The work (submitting the steps that
 * may start, in their own transactions) runs in delivery's `send`, outside the message's
 * transaction; it is idempotent (a step starts once: only a waiting step starts, only a started
 * step finishes), so a redelivery changes nothing.
 */
export function registerLinkedHandlers(delivery: Delivery, env: LinkedEnv): void {
  for (const topic of FOLLOWED_TOPICS) {
    delivery.registerHandler(topic, async () => undefined, {
      send: (message) => onDossierEvent(env, message),
    });
  }
}
