import nodemailer from "nodemailer";

/** An e-mail as a channel sends it. `messageId` lets a receiver recognise a message sent twice. */
export type Email = { to: string; subject: string; text: string; messageId: string };
export type EmailChannel = { send(m: Email): Promise<void> };

/**
 * The SMS channel: an HTTP gateway (network, outside any transaction), or the demo phone, whose
 * "delivery" is a row of `demo_sms` written in the delivery's own transaction.
 */
export type SmsChannel =
  | {
      kind: "gateway";
      send(m: { to: string; text: string; reference: string }): Promise<"sent" | "delivered">;
    }
  | { kind: "demo" };

export type Channels = {
  email?: EmailChannel | undefined;
  sms?: SmsChannel | undefined;
  /** The portal's base URL: e-mails link to the dossier. */
  publicUrl: string;
};

/** How a person can be told: what they have on file (`contactForNotification`). */
export type Contact = { phone: string | null; email: string | null };

/**
 * The channels that reach a person with `contact` on this platform, e-mail first: e-mail when an
 * address is on file and SMTP is configured, SMS when a phone is on file and there is a gateway
 * (or the demo phone). Empty: nothing the platform sends reaches them.
 */
export function reachingChannels(
  contact: Contact | undefined,
  channels: Pick<Channels, "email" | "sms">,
): Array<"email" | "sms"> {
  if (!contact) return [];
  return [
    ...(contact.email && channels.email ? (["email"] as const) : []),
    ...(contact.phone && channels.sms ? (["sms"] as const) : []),
  ];
}

/**
 * E-mail over SMTP (nodemailer) to the server `url` (smtp://user:pass@host:587, smtps://… for
 * implicit TLS), from `from`. Accepted by that server = sent; there is no delivery receipt for
 * e-mail. Gives up on a silent server within seconds (connection 10 s, greeting 10 s, socket 20 s).
 */
export function smtpChannel(url: string, from: string): EmailChannel {
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(m) {
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text, messageId: m.messageId });
    },
  };
}

/**
 * SMS through an HTTP gateway: `POST url` with JSON `{ to, text, reference }` (and
 * `Authorization: Bearer <token>` when given). A 2xx answer means accepted: `sent`, or
 * `delivered` when its JSON body says `"status": "delivered"`. Anything else, or no answer within
 * 10 s, fails the attempt (retried). `reference` is the same on a resend, for the gateway to
 * recognise a message it already has, and names the SMS in the gateway's later delivery report
 * (`POST /api/sms/delivery-reports`, token SMS_GATEWAY_CALLBACK_TOKEN: sent → delivered or failed).
 */
export function smsGateway(url: string, token?: string): SmsChannel {
  return {
    kind: "gateway",
    async send(m) {
      const res = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(m),
        signal: AbortSignal.timeout(10_000),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`SMS gateway answered ${res.status}: ${text.slice(0, 200)}`);
      try {
        return (JSON.parse(text) as { status?: unknown }).status === "delivered" ? "delivered" : "sent";
      } catch {
        return "sent";
      }
    },
  };
}

/** hoa.nguyen@example.vn → h***@example.vn */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  return at <= 0 ? "***" : `${email.slice(0, 1)}***${email.slice(at)}`;
}
