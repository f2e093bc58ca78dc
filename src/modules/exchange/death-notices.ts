import { randomUUID } from "node:crypto";
import type { Queryable } from "../../db/client.js";
import type { Envelope, MessageTypeId, PayloadOf } from "../../domain/messages.js";
import { enqueue, type Handler, type OutboxMessage } from "../delivery/index.js";
import { recordDeathNotice } from "../registries/index.js";
import type { AgencySigners } from "./agency-keys.js";
import { receiveMessage } from "./message-log.js";
import { signMessage } from "./messages.js";

/**
 * Death notices (giấy báo tử), as signed messages, the mirror of the birth notices:
 *
 *   health facility or commune (`y-te`) ──signed `health.death_notice@1`, outbox──▶ platform
 *   (`mot-lan`): verify and log (evidence; the deceased's access list) ──▶ the notice kept for
 *   prefill, filed under the deceased's household ──▶ listener (linked groups: an offer of the
 *   death group to each adult of the household)
 *
 * all in the delivery's inbox transaction (a redelivered message applies once).
 */
export const DEATH_NOTICE = "health.death_notice@1" satisfies MessageTypeId;
const SENDER = "y-te" as const;
const RECEIVER = "mot-lan" as const;

/**
 * Told of a newly kept notice, in the message's transaction: the deceased's name, the instant of
 * the death, and the household's living adults (personal numbers) to offer the death group.
 */
export type DeathNoticeListener = (
  q: Queryable,
  e: {
    provinceCode: string;
    noticeId: string;
    deceasedName: string;
    relatives: string[];
    diedAt: Date;
    place: string;
    at: Date;
  },
) => Promise<void>;

/**
 * The sender's side (the demo generator, tests, an integration): signs the notice with the health
 * facilities' key and queues it for the platform, in `q`'s transaction. `provinceCode` is the
 * province of the notice's commune. Returns the message's id. Throws when `y-te` has no key here.
 */
export async function sendDeathNotice(
  q: Queryable,
  signers: AgencySigners,
  notice: PayloadOf<typeof DEATH_NOTICE>,
  provinceCode: string,
  at: Date,
): Promise<string> {
  const envelope: Envelope = {
    id: randomUUID(),
    type: DEATH_NOTICE,
    from: { agency: SENDER },
    to: { agency: RECEIVER },
    sentAt: at.toISOString(),
    province: provinceCode,
    payload: notice,
  };
  const jws = await signMessage(signers, envelope);
  await enqueue(q, { topic: DEATH_NOTICE, key: notice.noticeId, payload: { jws }, provinceCode, at });
  return envelope.id;
}

async function receive(q: Queryable, m: OutboxMessage, listener?: DeathNoticeListener): Promise<void> {
  const jws = typeof m.payload.jws === "string" ? m.payload.jws : "";
  const v = await receiveMessage(q, jws, { receiver: RECEIVER, sender: SENDER });
  if (!v.ok) return; // refused: logged as evidence, not applied, not retried
  const n = v.message.payload as PayloadOf<typeof DEATH_NOTICE>;
  const diedAt = new Date(n.diedAt);
  const kept = await recordDeathNotice(q, { ...n, provinceCode: v.message.province, diedAt });
  if (listener && kept && kept.adults.length > 0)
    await listener(q, {
      provinceCode: v.message.province,
      noticeId: n.noticeId,
      deceasedName: kept.deceasedName,
      relatives: kept.adults,
      diedAt,
      place: n.place,
      at: m.at,
    });
}

/** Registers the platform's handler of death notices with the dispatcher (src/server/app.ts). */
export function registerDeathNoticeHandler(
  delivery: { registerHandler(topic: string, handle: Handler<undefined>): void },
  listener?: DeathNoticeListener,
): void {
  delivery.registerHandler(DEATH_NOTICE, (q, m) => receive(q, m, listener));
}
