/**
 * Linked procedures (Decree 63/2024/NĐ-CP): one application served by several agencies. A group
 * application is a group record and one dossier per member procedure (dossiers module: its own
 * code, queue, roles and clock). Steps that depend on another's result wait and start when it
 * arrives, followed through delivery (`dossier.*` messages; `registerLinkedHandlers`), prefilled
 * from it; a health facility's birth notice offers the parents the birth group, a death notice the
 * deceased's household's adults the death group (offers.ts). The group definitions are catalogue data (catalog module, `linked_group_versions`).
 */
import type { Queryable } from "../../db/client.js";
import { type Delivery, enqueue } from "../delivery/index.js";
import { registerBirthNoticeHandler, registerDeathNoticeHandler } from "../exchange/index.js";
import { LATE_SUPPLEMENT_EVERY_MS, refuseLateSupplements } from "./late-supplements.js";
import { offerBirthGroup, offerDeathGroup } from "./offers.js";
import { addFacts, groupOfDossier } from "./repository.js";
import { advance, FOLLOWED_TOPICS, type LinkedEnv, onDossierEvent } from "./steps.js";

export { applyGroup, type GroupApplication } from "./apply.js";
export { consentAsHead, refuseAsHead } from "./child-home.js";
export { ownGroupOfDossiers } from "./event-groups.js";
export { refuseLateSupplements } from "./late-supplements.js";
export { linkedRoutes } from "./routes.js";
export { resultSource } from "./step-inputs.js";
export { advance, FOLLOWED_TOPICS, type LinkedEnv, onDossierEvent, provideFact } from "./steps.js";
export { mayRequireVerification, verificationEffect } from "./verification.js";
export { groupView } from "./view.js";

/**
 * Follows the steps' dossiers: a handler per followed topic. The work (submitting the steps that
 * may start, in their own transactions) runs in delivery's `send`, outside the message's
 * transaction; it is idempotent (a step starts once: only a waiting step starts, only a started
 * step finishes), so a redelivery changes nothing. `publicUrl` (PUBLIC_URL, no trailing slash):
 * the base of the offers' links (SMS, e-mail). Timed work: a step's unanswered supplement request
 * refuses its file once past the deadline (`refuseLateSupplements`).
 */
export function registerLinkedHandlers(delivery: Delivery, env: LinkedEnv, publicUrl: string): LinkedEnv {
  // A facility's birth notice: kept for prefill, and the parents are offered the birth group.
  registerBirthNoticeHandler(delivery, offerBirthGroup(publicUrl));
  // A death notice: kept for prefill, and the household's adults are offered the death group.
  registerDeathNoticeHandler(delivery, offerDeathGroup(publicUrl));
  delivery.registerHandler(ADVANCE, async () => undefined, {
    send: async (m) => {
      const groupId = typeof m.payload.groupId === "string" ? m.payload.groupId : "";
      if (groupId) await advance(env, m.provinceCode, groupId);
    },
  });
  // A supplement request unanswered past its deadline: the step's file is refused (Decree 63/2024).
  delivery.registerTimed("linked.late-supplements", LATE_SUPPLEMENT_EVERY_MS, async (at) => {
    await refuseLateSupplements(env, at);
  });
  for (const topic of FOLLOWED_TOPICS) {
    delivery.registerHandler(topic, async () => undefined, {
      send: (message) => onDossierEvent(env, message),
    });
  }
  return env;
}

const ADVANCE = "linked.advance";

/**
 * The civil-status registry gave a birth dossier's child a personal number (`birth_registered`,
 * exchange's `BirthNumberListener`): when that dossier is a group's step, the number is recorded
 * as the group's fact in the message's transaction, and `linked.advance` is queued to start the
 * steps that needed it (they are submitted outside this transaction, by its `send`).
 */
export async function onChildNumber(
  q: Queryable,
  e: { provinceCode: string; dossierId: string; personalNumber: string; at: Date },
): Promise<void> {
  const link = await groupOfDossier(q, e.provinceCode, e.dossierId);
  if (!link) return;
  await addFacts(q, e.provinceCode, link.groupId, { childPersonalNumber: e.personalNumber });
  await enqueue(q, {
    topic: ADVANCE,
    key: link.groupId,
    payload: { groupId: link.groupId },
    provinceCode: e.provinceCode,
    at: e.at,
  });
}
