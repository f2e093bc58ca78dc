/**
 * Delivery rules shared by the server and the browser (pure): when a failed message is tried again,
 * and how a message's stored state reads on the administrator's page.
 */

/** Backoff settings in milliseconds: the first retry waits about `baseMs`, no retry waits over `maxMs`. */
export type Backoff = { baseMs: number; maxMs: number };

/**
 * The wait before the next attempt after `attempt` failed attempts (1, 2, …), in milliseconds:
 * exponential (`baseMs · 2^(attempt−1)`, capped at `maxMs`) with "equal jitter": half of it fixed,
 * half drawn by `random` (a number in [0, 1)), so that messages that failed together (a gateway
 * down) do not all come back at the same instant, and each wait is at least half the previous cap.
 * An attempt below 1 is taken as 1.
 */
export function retryDelayMs(attempt: number, b: Backoff, random: number): number {
  const n = Math.max(1, Math.floor(attempt));
  const cap = Math.min(b.maxMs, b.baseMs * 2 ** Math.min(n - 1, 40));
  const r = Math.min(Math.max(random, 0), 1);
  return Math.round(cap / 2 + (cap / 2) * r);
}

/** Stored states of an outbox message (the `state` column). */
export const MESSAGE_STATES = ["pending", "delivered", "dead", "discarded"] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];

/**
 * What the administrator's page lists: `pending` (not yet tried, or claimed now), `failed`
 * (pending after a failed attempt, waiting for its next one), `dead` (failed every attempt),
 * `discarded` (given up by an administrator: who, when and why).
 */
export const QUEUE_VIEWS = ["pending", "failed", "dead", "discarded"] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

/** The view a stored message falls in; undefined for delivered ones (not listed). */
export function queueViewOf(m: { state: MessageState; lastError: string | null }): QueueView | undefined {
  if (m.state === "dead" || m.state === "discarded") return m.state;
  if (m.state !== "pending") return undefined;
  return m.lastError === null ? "pending" : "failed";
}

/** Statuses of a notification as the citizen and the officer read them. */
export const NOTIFICATION_STATUSES = ["queued", "sent", "delivered", "failed"] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/**
 * Why a notification failed, as a stable code the citizen reads in plain words (`failureWords`);
 * the technical error (a mail server's refusal, a network error) is for officers and
 * administrators only: `SEND_FAILED` (every attempt failed: an administrator may send it again),
 * `SEND_CANCELLED` (an administrator gave it up), `NOT_DELIVERED` (the SMS gateway reported it
 * undelivered).
 */
export const NOTIFICATION_FAILURES = ["SEND_FAILED", "SEND_CANCELLED", "NOT_DELIVERED"] as const;
export type NotificationFailure = (typeof NOTIFICATION_FAILURES)[number];

/** A notification's failure in plain words, in Vietnamese and English, for the citizen. */
export function failureWords(
  code: NotificationFailure,
  channel: "sms" | "email",
): { vi: string; en: string } {
  const what =
    channel === "email" ? { vi: "thư điện tử", en: "The e-mail" } : { vi: "tin nhắn SMS", en: "The SMS" };
  switch (code) {
    case "SEND_FAILED":
      return {
        vi: `Chưa gửi được ${what.vi}; hệ thống sẽ thử lại.`,
        en: `${what.en} could not be sent yet; the system will try again.`,
      };
    case "SEND_CANCELLED":
      return {
        vi: `${what.vi.charAt(0).toUpperCase()}${what.vi.slice(1)} này sẽ không được gửi; thông tin vẫn có đầy đủ trong hồ sơ.`,
        en: `${what.en} will not be sent; everything in it is in the dossier.`,
      };
    case "NOT_DELIVERED":
      return {
        vi: "Nhà mạng báo tin nhắn SMS chưa đến được điện thoại của bạn; thông tin vẫn có đầy đủ trong hồ sơ.",
        en: "The carrier reports the SMS did not reach your phone; everything in it is in the dossier.",
      };
  }
}

/** What an SMS gateway's delivery report may say of a message it accepted. */
export const DELIVERY_REPORTS = ["delivered", "failed"] as const;
export type DeliveryReport = (typeof DELIVERY_REPORTS)[number];

/**
 * The status a notification takes on a gateway's delivery report, or undefined when the report
 * changes nothing: a queued or sent SMS becomes delivered or failed; a final status (delivered,
 * failed) stays, since reports may arrive twice or out of order (the first final report wins).
 */
export function statusOnReport(
  current: NotificationStatus,
  report: DeliveryReport,
): NotificationStatus | undefined {
  return current === "queued" || current === "sent" ? report : undefined;
}
