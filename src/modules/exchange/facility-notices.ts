import { randomUUID } from "node:crypto";
import type { Queryable } from "../../db/client.js";
import type { Envelope, PayloadOf } from "../../domain/messages.js";
import { enqueue, type OutboxMessage } from "../delivery/index.js";
import type { AgencySigners } from "./agency-keys.js";
import { receiveMessage } from "./message-log.js";
import { signMessage } from "./messages.js";

/** The notices health facilities send the platform: births (giấy chứng sinh) and deaths (giấy báo tử). */
export type NoticeType = "health.birth_notice@1" | "health.death_notice@1";
const SENDER = "y-te" as const;
const RECEIVER = "mot-lan" as const;

/**
 * The facility's side (the demo generator, tests, an integration): signs a notice of `type` with
 * the health facilities' key and queues it for the platform, in `q`'s transaction, keyed by the
 * notice's id. `provinceCode` is the province of the notice's commune (the message log's chain).
 * Returns the message's id. Throws when `y-te` has no key here.
 */
export async function sendNotice<T extends NoticeType>(
  q: Queryable,
  signers: AgencySigners,
  type: T,
  notice: PayloadOf<T>,
  provinceCode: string,
  at: Date,
): Promise<string> {
  const envelope: Envelope = {
    id: randomUUID(),
    type,
    from: { agency: SENDER },
    to: { agency: RECEIVER },
    sentAt: at.toISOString(),
    province: provinceCode,
    payload: notice,
  };
  const jws = await signMessage(signers, envelope);
  await enqueue(q, { topic: type, key: notice.noticeId, payload: { jws }, provinceCode, at });
  return envelope.id;
}

/**
 * The platform's side: verifies a delivered notice (signature, sender `y-te`, receiver) and logs
 * it as evidence in `q`'s transaction. Returns its payload and province, or undefined when it was
 * refused (logged, not applied, not retried).
 */
export async function receiveNotice<T extends NoticeType>(
  q: Queryable,
  m: OutboxMessage,
  _type: T,
): Promise<{ notice: PayloadOf<T>; provinceCode: string } | undefined> {
  const jws = typeof m.payload.jws === "string" ? m.payload.jws : "";
  const v = await receiveMessage(q, jws, { receiver: RECEIVER, sender: SENDER });
  if (!v.ok) return undefined;
  return { notice: v.message.payload as PayloadOf<T>, provinceCode: v.message.province };
}
