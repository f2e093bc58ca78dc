import { createHash, randomInt } from "node:crypto";
import { AppError } from "../../kernel/errors.js";
import { readContactForOtp } from "../exchange/index.js";
import { audited, type Ctx, canSee } from "./access.js";
import { DossierErrors } from "./errors.js";
import { enqueue, findDossier } from "./repository.js";
import { confirmOnBehalf } from "./submit.js";

/**
 * Assisted filing: a postal or community agent files for a citizen who is present. The citizen
 * confirms by reading out a one-time code sent to the phone on file (shown in the demo outbox).
 */
const TTL_MS = 5 * 60_000;
const MAX_ATTEMPTS = 5;

const hash = (dossierId: string, code: string) =>
  createHash("sha256").update(`${dossierId}:${code}`).digest("hex");
export const maskPhone = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-3)}`;

async function agentDraft(ctx: Ctx, id: string) {
  const p = ctx.principal;
  const d = await findDossier(ctx.db, id);
  if (!d || !canSee(p, d)) throw new AppError("NOT_FOUND");
  if (p.kind !== "officer" || p.role !== "agent" || d.channel !== "online_on_behalf")
    throw new AppError("FORBIDDEN");
  if (d.status !== "draft") throw new AppError(DossierErrors.ILLEGAL_TRANSITION);
  return d;
}

export async function sendOtp(ctx: Ctx, id: string): Promise<{ sentTo: string }> {
  return audited(ctx, "dossier.otp.send", `dossier:${id}`, async () => {
    const d = await agentDraft(ctx, id);
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
    const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    await ctx.db.tx(async (q) => {
      await q.query(
        `insert into otp_challenges (dossier_id, code_hash, phone, attempts, expires_at) values ($1, $2, $3, 0, $4)
         on conflict (dossier_id) do update set code_hash = excluded.code_hash, phone = excluded.phone, attempts = 0,
           expires_at = excluded.expires_at, created_at = now()`,
        [id, hash(id, code), phone, new Date(Date.now() + TTL_MS)],
      );
      // The SMS sender drains notify.sms; the code is in the message the citizen receives.
      await enqueue(
        q,
        "notify.sms",
        d.applicantNumber,
        {
          phone: phone,
          code,
          textVi: `Một Lần: mã xác nhận ${code} để nhân viên bưu điện nộp hồ sơ thay bạn. Không chia sẻ cho người khác.`,
          textEn: `Một Lần: confirmation code ${code} for a postal agent to file on your behalf.`,
        },
        d.provinceCode,
      );
    });
    return { sentTo: maskPhone(phone) };
  });
}

export async function verifyOtp(ctx: Ctx, id: string, code: string) {
  await audited(ctx, "dossier.otp.verify", `dossier:${id}`, async () => {
    await agentDraft(ctx, id);
    const { rows } = await ctx.db.query<{ code_hash: string; attempts: number; expires_at: Date }>(
      "update otp_challenges set attempts = attempts + 1 where dossier_id = $1 returning code_hash, attempts, expires_at",
      [id],
    );
    const c = rows[0];
    const wrong = (vi: string, en: string) =>
      new AppError("VALIDATION_FAILED", [{ field: "body.code", messageVi: vi, messageEn: en }]);
    if (!c) throw wrong("Chưa gửi mã xác nhận.", "No code was sent.");
    if (c.attempts > MAX_ATTEMPTS)
      throw wrong("Nhập sai quá nhiều lần; hãy gửi mã mới.", "Too many attempts; send a new code.");
    if (c.expires_at.getTime() < Date.now())
      throw wrong("Mã đã hết hạn; hãy gửi mã mới.", "The code expired; send a new one.");
    if (c.code_hash !== hash(id, code)) throw wrong("Mã xác nhận không đúng.", "The code is not correct.");
    await ctx.db.query("delete from otp_challenges where dossier_id = $1", [id]);
  });
  return confirmOnBehalf(ctx, id, "otp");
}
