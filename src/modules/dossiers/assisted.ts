import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { afterCommit, type Queryable } from "../../db/client.js";
import { first, qb, run } from "../../db/query.js";
import { OTP_LENGTH } from "../../domain/inputs.js";
import { isDraft } from "../../domain/lifecycle.js";
import { actorOf, ON_BEHALF_FILERS } from "../../domain/principal.js";
import { AppError } from "../../kernel/errors.js";
import { getDefinition } from "../catalog/index.js";
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
  if (p.kind !== "officer" || !ON_BEHALF_FILERS.has(p.role) || d.channel !== "online_on_behalf")
    throw new AppError("FORBIDDEN");
  if (!isDraft(d.status)) throw new AppError(DossierErrors.ILLEGAL_TRANSITION);
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
    // The message names what is filed, not only a code (the citizen knows what they consent to).
    const def = await getDefinition(ctx.db, d.procedureCode, d.procedureVersion);
    const code = String(randomInt(0, 10 ** OTP_LENGTH)).padStart(OTP_LENGTH, "0");
    await ctx.db.tx(async (q) => {
      // Serialise sends for this citizen so two at once cannot both pass the limit.
      await q.query("select pg_advisory_xact_lock(hashtext($1))", [`otp:${d.applicantNumber}`]);
      // Sends within the window, in the dossier's province (its shard).
      const sent = await first(
        q,
        qb
          .selectFrom("otp_sends")
          .select((eb) => [
            eb.fn.countAll<number>().filterWhere("applicant_number", "=", d.applicantNumber).as("citizen"),
            eb.fn.countAll<number>().filterWhere("agent_id", "=", agent).as("agent"),
          ])
          .where("province_code", "=", d.provinceCode)
          .where("at", ">", new Date(at.getTime() - SEND_WINDOW_MS))
          .where((eb) => eb.or([eb("applicant_number", "=", d.applicantNumber), eb("agent_id", "=", agent)])),
      );
      if ((sent?.citizen ?? 0) >= SENDS_PER_CITIZEN || (sent?.agent ?? 0) >= SENDS_PER_AGENT)
        throw new AppError(DossierErrors.OTP_SEND_LIMITED);
      await run(
        q,
        qb.insertInto("otp_sends").values({
          at,
          dossier_id: d.id,
          applicant_number: d.applicantNumber,
          agent_id: agent,
          province_code: d.provinceCode,
        }),
      );
      // A new code replaces the old one; the count of wrong guesses carries over.
      await run(
        q,
        qb
          .insertInto("otp_challenges")
          .values({
            dossier_id: d.id,
            code_hash: codeHash(otpKey(ctx), d.id, code),
            phone: maskPhone(phone),
            attempts: 0,
            expires_at: new Date(at.getTime() + TTL_MS),
            created_at: at,
            province_code: d.provinceCode,
          })
          .onConflict((c) =>
            c.columns(["province_code", "dossier_id"]).doUpdateSet((eb) => ({
              code_hash: eb.ref("excluded.code_hash"),
              phone: eb.ref("excluded.phone"),
              expires_at: eb.ref("excluded.expires_at"),
              created_at: eb.ref("excluded.created_at"),
            })),
          ),
      );
      await sms(q, {
        personalNumber: d.applicantNumber,
        phone,
        dossierId: d.id,
        at,
        communeCode: d.communeCode,
        provinceCode: d.provinceCode,
        textVi: `Một Lần: mã xác nhận ${code} để nhân viên bưu điện nộp hồ sơ ${def.nameVi} thay bạn. Không chia sẻ cho người khác.`,
        textEn: `Một Lần: confirmation code ${code} for a postal agent to file "${def.nameEn}" on your behalf.`,
      });
    });
    // The citizen is at the counter waiting for the code: deliver now, not at the next poll (once
    // committed: inside an outer transaction, when that one commits).
    const soon = ctx.services?.deliverSoon;
    if (soon) afterCommit(ctx.db, soon);
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
    const c = await first(
      ctx.db,
      qb
        .updateTable("otp_challenges")
        .set((eb) => ({ attempts: eb("attempts", "+", 1) }))
        .where("province_code", "=", d.provinceCode)
        .where("dossier_id", "=", d.id)
        .returning(["code_hash", "attempts", "expires_at"]),
    );
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
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      // Its own code, with the guesses left before the citizen must confirm in their own account.
      const left = Math.max(0, MAX_ATTEMPTS - c.attempts);
      throw new AppError(
        DossierErrors.OTP_MISMATCH,
        [
          {
            field: "body.code",
            messageVi: `Mã xác nhận không đúng; còn ${left} lần thử.`,
            messageEn: `The code is not correct; ${left} attempt(s) left.`,
          },
        ],
        {
          vi: `Mã xác nhận không đúng; còn ${left} lần thử.`,
          en: `The confirmation code is not correct; ${left} attempt(s) left.`,
        },
      );
    }
    return d;
  });
  return confirmOnBehalf(ctx, id, "otp", async (q: Queryable) => {
    // Used up with the confirmation; a concurrent confirmation that took it first wins.
    const used = await run(
      q,
      qb
        .deleteFrom("otp_challenges")
        .where("province_code", "=", d.provinceCode)
        .where("dossier_id", "=", d.id)
        .where("code_hash", "=", expected.toString()),
    );
    if (used.rowCount === 0) throw new AppError(DossierErrors.ILLEGAL_TRANSITION);
  });
}
