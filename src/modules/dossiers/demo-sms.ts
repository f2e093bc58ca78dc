import type { Queryable } from "../../db/client.js";
import { all, qb } from "../../db/query.js";
import { OTP_LENGTH } from "../../domain/inputs.js";
import { ADMINISTRATORS, ON_BEHALF_FILERS, type Principal } from "../../domain/principal.js";
import { AppError } from "../../kernel/errors.js";

/**
 * An SMS to a citizen about a dossier: the number it goes to, its text (a one-time code in it is
 * secret), the dossier and its place, and when it was asked for.
 */
export type SmsMessage = {
  personalNumber: string;
  phone: string;
  dossierId: string;
  communeCode: string | null;
  provinceCode: string;
  textVi: string;
  textEn: string;
  at: Date;
};

/**
 * Queues an SMS inside the caller's transaction (so a rolled-back action sends nothing); the
 * notifications module's sink, wired by the server when an SMS gateway is configured (the demo
 * phone with DEMO on).
 */
export type SmsSink = (q: Queryable, m: SmsMessage) => Promise<void>;

export const maskPhone = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-3)}`;
/** Codes in a message, hidden from everyone but the phone's owner. */
const CODE = new RegExp(`[0-9]{${OTP_LENGTH}}`, "g");
export const maskCodes = (text: string) => text.replace(CODE, "•".repeat(OTP_LENGTH));

export type DemoSms = { at: Date; phone: string; textVi: string; textEn: string };

/**
 * The demo SMS outbox, latest 20 messages, as each reader may see it. The citizen sees their own
 * messages whole: that is the demo phone, and the only place a one-time code is shown. The admin
 * and the officers of the commune a message concerns see it with the code and the number masked.
 * Everyone else (agents above all: the code proves the citizen's consent to them) is refused.
 */
export async function readDemoSms(q: Queryable, p: Principal): Promise<DemoSms[]> {
  const latest = qb
    .selectFrom("demo_sms")
    .select(["created_at as at", "phone", "text_vi as textVi", "text_en as textEn"])
    .orderBy("id", "desc")
    .limit(20);
  if (p.kind === "citizen") return all(q, latest.where("personal_number", "=", p.personalNumber));
  let rows: DemoSms[];
  if (ADMINISTRATORS.includes(p.role) && !p.clientId) rows = await all(q, latest);
  else if (!ON_BEHALF_FILERS.has(p.role) && !p.clientId && p.jurisdiction.level === "commune")
    rows = await all(q, latest.where("commune_code", "=", p.jurisdiction.code));
  else throw new AppError("FORBIDDEN");
  return rows.map((m) => ({
    ...m,
    phone: maskPhone(m.phone),
    textVi: maskCodes(m.textVi),
    textEn: maskCodes(m.textEn),
  }));
}
