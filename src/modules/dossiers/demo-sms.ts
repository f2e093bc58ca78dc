import type { Queryable } from "../../db/client.js";
import { all, qb, run } from "../../db/query.js";
import { OTP_LENGTH } from "../../domain/inputs.js";
import { ADMINISTRATORS, ON_BEHALF_FILERS, type Principal } from "../../domain/principal.js";
import { AppError } from "../../kernel/errors.js";

/** An SMS to a citizen: the number it goes to, its text, and the commune it concerns. */
export type SmsMessage = {
  personalNumber: string;
  phone: string;
  communeCode: string | null;
  provinceCode: string | null;
  textVi: string;
  textEn: string;
};

/** Delivers an SMS inside the caller's transaction (so a rolled-back action sends nothing). */
export type SmsSink = (q: Queryable, m: SmsMessage) => Promise<void>;

/**
 * The demo's SMS "gateway": the message is kept in `demo_sms` for the demo phone to show. Only
 * wired with DEMO on (src/server/app.ts); with DEMO off nothing ever writes that table.
 */
export const demoSmsSink: SmsSink = async (q, m) => {
  await run(
    q,
    qb.insertInto("demo_sms").values({
      personal_number: m.personalNumber,
      phone: m.phone,
      commune_code: m.communeCode,
      province_code: m.provinceCode,
      text_vi: m.textVi,
      text_en: m.textEn,
    }),
  );
};

export const maskPhone = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-3)}`;
/** Codes in a message, hidden from everyone but the phone's owner. */
const CODE = new RegExp(`[0-9]{${OTP_LENGTH}}`, "g");
const maskCodes = (text: string) => text.replace(CODE, "•".repeat(OTP_LENGTH));

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
