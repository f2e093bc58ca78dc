import type { Queryable } from "../../db/client.js";
import { withinOneTx } from "../../db/client.js";
import { HEAD_ACTOR } from "../../domain/head-refusal.js";
import { BEFORE_RECEIPT, RESULT_STATUSES, type Status, TERMINAL } from "../../domain/lifecycle.js";
import { AppError } from "../../kernel/errors.js";
import { provinceOfId } from "../../kernel/locality.js";
import type { Ctx } from "./access.js";
import { DossierErrors } from "./errors.js";
import {
  answeredByHead,
  type HeadAnswer,
  headAnswerOf,
  needsHeadConsent,
  spouseConsentRequests,
} from "./head-consent.js";
import { type DossierRow, findDossier } from "./repository-reads.js";
import { systemTransition } from "./transition.js";

/**
 * What the applicant is told when the head refuses (the action's reason and notification), in
 * plain words: who refused, the rule, the head's own words if given, and what to do next.
 */
export function headRefusalWords(headName: string | null, own: string | null): { vi: string; en: string } {
  const head = headName ? { vi: `Chủ hộ ${headName}`, en: `The head of household, ${headName},` } : null;
  // The sentence's own full stop follows the quote: the head's trailing one is dropped (no "….”.").
  const quoted = own?.replace(/[.。]+$/u, "").trim() || null;
  return {
    vi:
      `${head?.vi ?? "Chủ hộ"} không đồng ý cho đăng ký thường trú vào hộ (Luật Cư trú 2020, Điều 21: cần chủ hộ đồng ý).` +
      (quoted ? ` Lý do chủ hộ nêu: “${quoted}”.` : "") +
      " Bạn có thể đăng ký thường trú tại chỗ ở hợp pháp khác (ví dụ hộ của mình), hoặc trao đổi lại với chủ hộ rồi nộp hồ sơ mới khi chủ hộ đồng ý.",
    en:
      `${head?.en ?? "The head of household"} did not consent to the registration into the household (Law on Residence 2020, Art. 21: the head's consent is required).` +
      (quoted ? ` The head's reason: “${quoted}”.` : "") +
      " You can register your permanent residence at another lawful home (your own household, for instance), or talk with the head again and file a new dossier once they agree.",
  };
}

const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);

const answer = (id: string, a: HeadAnswer, status: string) => ({
  dossierId: id,
  refusal: { by: a.headNumber, at: a.at.toISOString(), reason: a.reason, as: "head" as const },
  status,
});

/**
 * The head of the household a spouse's dossier joins refuses (Law on Residence 2020, Art. 21), in
 * one transaction: the refusal recorded once (who, when, the head's own short reason if given;
 * `dossier_head_consents`, migration 359) and the dossier ended by the platform (role "system")
 * with the reason in plain words and what the applicant can do: not received yet, it is not
 * received (`refuse_receipt`); else it is refused (`refuse`). The action tells the applicant (app,
 * SMS, e-mail). Refusing again answers the refusal on record. Anyone but the head the dossier
 * names, or a dossier not waiting: 404 HEAD_CONSENT_NOT_HEAD; after the head consented: 409
 * HEAD_CONSENT_GIVEN; nothing written.
 */
export async function refuseDossierAsHead(ctx: Ctx, id: string, reason?: string) {
  const p = ctx.principal;
  if (p.kind !== "citizen") throw new AppError("FORBIDDEN");
  const province = provinceOfId(id);
  const before = province ? await answeredByHead(ctx, province, id) : undefined;
  if (before) return onRecord(ctx, id, before);
  const waiting = province ? (await spouseConsentRequests(ctx)).find((r) => r.dossierId === id) : undefined;
  if (!province || !waiting) {
    // A consent committed while this refusal ran: told as the consent on record (409), not 404.
    const raced = province ? await answeredByHead(ctx, province, id) : undefined;
    if (raced) return onRecord(ctx, id, raced);
    throw new AppError(DossierErrors.HEAD_CONSENT_NOT_HEAD);
  }
  const own = text(reason);
  const at = ctx.now ? ctx.now() : new Date();
  const status = await withinOneTx(ctx.db, async (db) => {
    const { rowCount } = await db.query(
      `insert into dossier_head_consents (province_code, dossier_id, head_number, consented_at, decision, reason)
       values ($1, $2, $3, $4, 'refused', $5) on conflict do nothing`,
      [province, id, p.personalNumber, at, own],
    );
    // Answered meanwhile (a second tap, a consent): told below what is on record.
    if ((rowCount ?? 0) === 0) return null;
    const d = await findDossier(db, id);
    const headName = text(d?.form["household.headName"]);
    const words = headRefusalWords(headName, own);
    const done = await systemTransition(db, id, {
      type: async (_q, state) => (BEFORE_RECEIPT.has(state.status) ? "refuse_receipt" : "refuse"),
      actorId: HEAD_ACTOR,
      at,
      reason: `${words.vi} — ${words.en}`,
      // The head named in the timeline (`householdHeadOf`), not "the system".
      payload: {
        headRefusal: { by: p.personalNumber, reason: own },
        headName,
        reasonVi: words.vi,
        reasonEn: words.en,
      },
      effects: ctx.services?.effects,
    });
    // Closed meanwhile (withdrawn, decided): the refusal is not recorded either.
    if (!done.ok) throw new AppError(DossierErrors.HEAD_CONSENT_NOT_HEAD);
    return done.dossier.status;
  });
  if (status === null) {
    const raced = await answeredByHead(ctx, province, id);
    if (!raced) throw new AppError(DossierErrors.HEAD_CONSENT_NOT_HEAD);
    return onRecord(ctx, id, raced);
  }
  return answer(id, { headNumber: p.personalNumber, at, decision: "refused", reason: own }, status);
}

/**
 * 409 HEAD_CONSENT_GIVEN in words that fit where the dossier stands: still being handled by the
 * commune police, or already ended (its result issued, refused, withdrawn).
 */
function consentGiven(status: string | undefined): AppError {
  const s = status as Status | undefined;
  const now =
    s && RESULT_STATUSES.has(s)
      ? { vi: "Hồ sơ đã có kết quả.", en: "The dossier's result has been issued." }
      : s === "approved"
        ? { vi: "Hồ sơ đã được phê duyệt.", en: "The dossier has been approved." }
        : s && TERMINAL.has(s)
          ? { vi: "Hồ sơ đã kết thúc.", en: "The dossier has ended." }
          : null;
  if (!now) return new AppError(DossierErrors.HEAD_CONSENT_GIVEN);
  return new AppError(DossierErrors.HEAD_CONSENT_GIVEN, undefined, {
    vi: `Bạn đã đồng ý cho đăng ký thường trú vào hộ; không thể từ chối sau khi đã đồng ý. ${now.vi}`,
    en: `You already consented to the registration into your household; it cannot be refused afterwards. ${now.en}`,
  });
}

/** The head's earlier answer: a refusal is answered again; a consent cannot become one (409). */
async function onRecord(ctx: Ctx, id: string, a: HeadAnswer) {
  const d = await findDossier(ctx.db, id);
  if (a.decision === "consented") throw consentGiven(d?.status);
  return answer(id, a, d?.status ?? "rejected");
}

/**
 * The head's answer as the dossier's view shows it (`DossierView.headConsent`): the head the form
 * names, waiting since the submission (while the dossier is open and unanswered), the consent or
 * the refusal with the head's reason. Null, with no statement, for a dossier that needs no consent.
 */
export async function headConsentView(q: Queryable, d: DossierRow) {
  if (!needsHeadConsent(d.form)) return null;
  const a = await headAnswerOf(q, { provinceCode: d.provinceCode, id: d.id });
  return {
    headNumber: text(d.form["household.headNumber"]),
    headName: text(d.form["household.headName"]),
    waitingSince: !a && !TERMINAL.has(d.status) ? d.submittedAt : null,
    consent: a?.decision === "consented" ? { by: a.headNumber, at: a.at } : null,
    refusal: a?.decision === "refused" ? { by: a.headNumber, at: a.at, reason: a.reason } : null,
  };
}
