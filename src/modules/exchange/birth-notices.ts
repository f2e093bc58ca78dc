import { randomUUID } from "node:crypto";
import type { Queryable } from "../../db/client.js";
import type { Envelope, MessageTypeId, PayloadOf } from "../../domain/messages.js";
import { enqueue, type Handler, type OutboxMessage } from "../delivery/index.js";
import { recordBirthNotice } from "../registries/index.js";
import type { AgencySigners } from "./agency-keys.js";
import { receiveMessage } from "./message-log.js";
import { signMessage } from "./messages.js";

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
const SENDER = "y-te" as const;
const RECEIVER = "mot-lan" as const;

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
  const envelope: Envelope = {
    id: randomUUID(),
    type: BIRTH_NOTICE,
    from: { agency: SENDER },
    to: { agency: RECEIVER },
    sentAt: at.toISOString(),
    province: provinceCode,
    payload: notice,
  };
  const jws = await signMessage(signers, envelope);
  await enqueue(q, { topic: BIRTH_NOTICE, key: notice.noticeId, payload: { jws }, provinceCode, at });
  return envelope.id;
}

async function receive(q: Queryable, m: OutboxMessage, listener?: BirthNoticeListener): Promise<void> {
  const jws = typeof m.payload.jws === "string" ? m.payload.jws : "";
  const v = await receiveMessage(q, jws, { receiver: RECEIVER, sender: SENDER });
  if (!v.ok) return; // refused: logged as evidence, not applied, not retried
  const n = v.message.payload as PayloadOf<typeof BIRTH_NOTICE>;
  const birthAt = new Date(n.birthAt);
  const parents = await recordBirthNotice(q, {
    ...n,
    provinceCode: v.message.province,
    birthAt,
  });
  if (listener && parents.length > 0)
    await listener(q, { provinceCode: v.message.province, noticeId: n.noticeId, parents, birthAt, at: m.at });
}

/** Registers the platform's handler of facilities' birth notices with the dispatcher (src/server/app.ts). */
export function registerBirthNoticeHandler(
  delivery: { registerHandler(topic: string, handle: Handler<undefined>): void },
  listener?: BirthNoticeListener,
): void {
  delivery.registerHandler(BIRTH_NOTICE, (q, m) => receive(q, m, listener));
}
