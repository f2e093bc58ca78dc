import type { Queryable } from "../../db/client.js";
import type { MessageTypeId, PayloadOf } from "../../domain/messages.js";
import type { Handler, OutboxMessage } from "../delivery/index.js";
import { recordBirthNotice } from "../registries/index.js";
import type { AgencySigners } from "./agency-keys.js";
import { receiveNotice, sendNotice } from "./facility-notices.js";

/**
 * Health facilities' electronic birth notices (giấy chứng sinh), as signed messages:
 *
 *   facility (`y-te`) ──signed `health.birth_notice@1`, outbox──▶ platform (`mot-lan`): verify and
 *   log (evidence; the parents' access lists) ──▶ the notice kept for prefill, filed under each
 *   parent ──▶ listener (linked groups: an offer of the birth group to each parent)
 *
 * all in the delivery's inbox transaction (a redelivered message applies once).
 */
export const BIRTH_NOTICE = "health.birth_notice@1" satisfies MessageTypeId;

/** Told of a newly kept notice, in the message's transaction: the parents it was filed under. */
export type BirthNoticeListener = (
  q: Queryable,
  e: { provinceCode: string; noticeId: string; parents: string[]; birthAt: Date; at: Date },
) => Promise<void>;

/**
 * The facility's side (the demo generator, tests, an integration): signs the notice with the
 * health facilities' key and queues it for the platform, in `q`'s transaction. `provinceCode` is
 * the province of the notice's commune (the message log's chain). Throws when `y-te` has no key here.
 */
export async function sendBirthNotice(
  q: Queryable,
  signers: AgencySigners,
  notice: PayloadOf<typeof BIRTH_NOTICE>,
  provinceCode: string,
  at: Date,
): Promise<string> {
  return sendNotice(q, signers, BIRTH_NOTICE, notice, provinceCode, at);
}

async function receive(q: Queryable, m: OutboxMessage, listener?: BirthNoticeListener): Promise<void> {
  const received = await receiveNotice(q, m, BIRTH_NOTICE);
  if (!received) return; // refused: logged as evidence, not applied, not retried
  const n = received.notice;
  const birthAt = new Date(n.birthAt);
  const parents = await recordBirthNotice(q, {
    ...n,
    provinceCode: received.provinceCode,
    birthAt,
  });
  if (listener && parents.length > 0)
    await listener(q, {
      provinceCode: received.provinceCode,
      noticeId: n.noticeId,
      parents,
      birthAt,
      at: m.at,
    });
}

/** Registers the platform's handler of facilities' birth notices with the dispatcher (src/server/wiring.ts). */
export function registerBirthNoticeHandler(
  delivery: { registerHandler(topic: string, handle: Handler<undefined>): void },
  listener?: BirthNoticeListener,
): void {
  delivery.registerHandler(BIRTH_NOTICE, (q, m) => receive(q, m, listener));
}
