import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import type { Queryable } from "../../db/client.js";
import { actorOf } from "../../domain/principal.js";
import { AppError } from "../../kernel/errors.js";
import { readContactForOtp } from "../exchange/index.js";
import { audited, type Ctx, getVisibleDossier } from "./access.js";
import { maskPhone } from "./demo-sms.js";
import { DossierErrors } from "./errors.js";
import { confirmOnBehalf } from "./submit.js";

/**
 * Assisted filing: a postal or community agent files for a citizen who is present. The citizen
 * confirms by reading out a one-time code sent to the phone on file. The code is stored only as
 * an HMAC (keyed by the OTP key of the key file, so a database dump does not reveal it); the SMS
 * text goes to the SMS sink alone (the demo phone with DEMO on).
 *
 * Limits: a code lives 5 minutes; at most 5 wrong guesses per dossier, and sending a new code does
 * not reset that count; at most 3 codes per citizen and 10 per agent in any 15 minutes, counted
 * within the dossier's province (the distribution key: docs/scaling.md).
 */
const TTL_MS = 5 * 60_000;
const MAX_ATTEMPTS = 5;
const SEND_WINDOW_MS = 15 * 60_000;
const SENDS_PER_CITIZEN = 3;
const SENDS_PER_AGENT = 10;

const clock = (ctx: Ctx) => (ctx.now ? ctx.now() : new Date());

function otpKey(ctx: Ctx): Buffer {
  const key = ctx.services?.otpKey;
  if (!key) throw new Error("one-time codes need the OTP key");
  return key;
}

const codeHash = (key: Buffer, dossierId: string, code: string) =>
  createHmac("sha256", key).update(`${dossierId}:${code}`).digest("hex");

async function agentDraft(ctx: Ctx, id: string) {
  const p = ctx.principal;
  const d = await getVisibleDossier(ctx, id, "filing");
  if (p.kind !== "officer" || p.role !== "agent" || d.channel !== "online_on_behalf")
    throw new AppError("FORBIDDEN");
  if (d.status !== "draft") throw new AppError(DossierErrors.ILLEGAL_TRANSITION);
  return d;
}

/** Sends (or re-sends) the code for an agent's on-behalf draft; returns the masked number it went to. */
export async function sendOtp(ctx: Ctx, id: string): Promise<{ sentTo: string }> {
  return audited(ctx, "dossier.otp.send", `dossier:${id}`, async () => {
    const d = await agentDraft(ctx, id);
    const sms = ctx.services?.sms;
    if (!sms) throw new AppError(DossierErrors.SMS_UNAVAILABLE);
    const phone = await readContactForOtp(
      ctx.db,
      { principal: ctx.principal, purpose: "dossier-filing", requestId: ctx.requestId },
      d.applicantNumber,
    );
    if (!phone) {
      throw new AppError("VALIDATION_FAILED", [
        {
          field: "applicantNumber",
          messageVi: "Công dân chưa có số điện thoại trong cơ sở dữ liệu.",
          messageEn: "The citizen has no phone number on file.",
        },
      ]);
    }
    const agent = actorOf(ctx.principal).id;
    const at = clock(ctx);
    const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    await ctx.db.tx(async (q) => {
      // Serialise sends for this citizen so two at once cannot both pass the limit.
      await q.query("select pg_advisory_xact_lock(hashtext($1))", [`otp:${d.applicantNumber}`]);
      const { rows } = await q.query<{ citizen: number; agent: number }>(
        `select count(*) filter (where applicant_number = $1)::int as citizen,
                count(*) filter (where agent_id = $2)::int as agent
         from otp_sends where province_code = $4 and at > $3 and (applicant_number = $1 or agent_id = $2)`,
        [d.applicantNumber, agent, new Date(at.getTime() - SEND_WINDOW_MS), d.provinceCode],
      );
      if ((rows[0]?.citizen ?? 0) >= SENDS_PER_CITIZEN || (rows[0]?.agent ?? 0) >= SENDS_PER_AGENT)
        throw new AppError(DossierErrors.OTP_SEND_LIMITED);
      await q.query(
        "insert into otp_sends (at, dossier_id, applicant_number, agent_id, province_code) values ($1, $2, $3, $4, $5)",
        [at, d.id, d.applicantNumber, agent, d.provinceCode],
      );
      // A new code replaces the old one; the count of wrong guesses carries over.
      await q.query(
        `insert into otp_challenges (dossier_id, code_hash, phone, attempts, expires_at, created_at, province_code)
         values ($1, $2, $3, 0, $4, $5, $6)
         on conflict (province_code, dossier_id) do update set code_hash = excluded.code_hash, phone = excluded.phone,
           expires_at = excluded.expires_at, created_at = excluded.created_at`,
        [
          d.id,
          codeHash(otpKey(ctx), d.id, code),
          maskPhone(phone),
          new Date(at.getTime() + TTL_MS),
          at,
          d.provinceCode,
        ],
      );
      await sms(q, {
        personalNumber: d.applicantNumber,
        phone,
        dossierId: d.id,
        at,
        communeCode: d.communeCode,
        provinceCode: d.provinceCode,
        textVi: `Một Lần: mã xác nhận ${code} để nhân viên bưu điện nộp hồ sơ thay bạn. Không chia sẻ cho người khác.`,
        textEn: `Một Lần: confirmation code ${code} for a postal agent to file on your behalf.`,
      });
    });
    // The citizen is at the counter waiting for the code: deliver now, not at the next poll.
    ctx.services?.deliverSoon?.();
    return { sentTo: maskPhone(phone) };
  });
}

/**
 * Checks the code the citizen read out and confirms the dossier. A wrong guess is counted (and
 * stays counted); the code is used up only in the confirmation's own transaction, so a
 * confirmation that fails leaves it valid.
 */
export async function verifyOtp(ctx: Ctx, id: string, code: string) {
  const key = otpKey(ctx);
  const expected = Buffer.from(codeHash(key, id, code));
  const d = await audited(ctx, "dossier.otp.verify", `dossier:${id}`, async () => {
    const d = await agentDraft(ctx, id);
    const { rows } = await ctx.db.query<{ code_hash: string; attempts: number; expires_at: Date }>(
      `update otp_challenges set attempts = attempts + 1 where province_code = $1 and dossier_id = $2
       returning code_hash, attempts, expires_at`,
      [d.provinceCode, d.id],
    );
    const c = rows[0];
    const wrong = (vi: string, en: string) =>
      new AppError("VALIDATION_FAILED", [{ field: "body.code", messageVi: vi, messageEn: en }]);
    if (!c) throw wrong("Chưa gửi mã xác nhận.", "No code was sent.");
    if (c.attempts > MAX_ATTEMPTS)
      throw wrong(
        "Nhập sai quá nhiều lần; công dân cần tự xác nhận trong tài khoản của mình.",
        "Too many wrong codes; the citizen must confirm in their own account.",
      );
    if (c.expires_at.getTime() < clock(ctx).getTime())
      throw wrong("Mã đã hết hạn; hãy gửi mã mới.", "The code expired; send a new one.");
    const given = Buffer.from(c.code_hash);
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw wrong("Mã xác nhận không đúng.", "The code is not correct.");
    return d;
  });
  return confirmOnBehalf(ctx, id, "otp", async (q: Queryable) => {
    // Used up with the confirmation; a concurrent confirmation that took it first wins.
    const used = await q.query(
      "delete from otp_challenges where province_code = $1 and dossier_id = $2 and code_hash = $3",
      [d.provinceCode, d.id, expected.toString()],
    );
    if (used.rowCount === 0) throw new AppError(DossierErrors.ILLEGAL_TRANSITION);
  });
}
