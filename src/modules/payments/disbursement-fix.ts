import { mayActOnDossier } from "../../domain/agencies.js";
import { actorOf, type OfficerPrincipal } from "../../domain/principal.js";
import { AppError } from "../../kernel/errors.js";
import { audit } from "../audit/index.js";
import { enqueue } from "../delivery/index.js";
import { audited, type Ctx, DossierErrors, getVisibleDossierPart } from "../dossiers/index.js";
import { DISBURSEMENT_TOPIC, type DisbursementView, disbursementOf } from "./disbursements.js";
import { PaymentErrors } from "./errors.js";

/** An officer's correction of a flagged transfer: the new account (and bank), or neither to re-send. */
export type DisbursementFix = {
  accountNumber?: string | undefined;
  bank?: string | undefined;
  reason: string;
};

/**
 * A flagged allowance transfer (failed after its retries, or the account's holder not the
 * beneficiary: src/modules/payments/disbursements.ts) handled by the paying agency's officer: the
 * account corrected (what the beneficiary gave them: checked again, format and holder's name,
 * before any money moves) or the same account sent again, as a new `disbursement.transfer` with
 * its attempts counted from zero. Audited (`disbursement.resend`: the officer, the reason, the
 * previous error, whether the account changed, its last 4 digits); refusals audited as denied.
 * Errors: NOT_FOUND (no such dossier for this officer, or no transfer), OTHER_AGENCY (another
 * agency's dossier), DISBURSEMENT_NOT_FLAGGED (under way or paid: 409).
 */
export async function resendDisbursement(
  ctx: Ctx,
  p: OfficerPrincipal,
  dossierId: string,
  fix: DisbursementFix,
  at: Date,
): Promise<DisbursementView> {
  const resource = `dossier:${dossierId}`;
  return audited(ctx, "disbursement.resend", resource, async () => {
    const { dossier: d } = await getVisibleDossierPart(ctx, dossierId, "payment", (x) =>
      disbursementOf(ctx.db, x.provinceCode, x.id),
    );
    if (!mayActOnDossier(p.agency, d.agencyCode)) throw new AppError(DossierErrors.OTHER_AGENCY);
    await ctx.db.tx(async (q) => {
      const { rows } = await q.query<{
        id: string;
        state: string;
        account: string;
        bank: string;
        error: string;
      }>(
        `select id, state, account_number as account, bank, last_error as error from disbursements
         where province_code = $1 and dossier_id = $2 for update`,
        [d.provinceCode, d.id],
      );
      const r = rows[0];
      if (!r) throw new AppError("NOT_FOUND");
      if (r.state !== "flagged") throw new AppError(PaymentErrors.DISBURSEMENT_NOT_FLAGGED);
      const account = fix.accountNumber ?? r.account;
      const bank = fix.bank ?? r.bank;
      await q.query(
        `update disbursements set account_number = $3, bank = $4, state = 'pending', attempts = 0,
           last_error = null, updated_at = $5 where province_code = $1 and id = $2`,
        [d.provinceCode, r.id, account, bank, at],
      );
      const result = await q.query<{ number: string }>(
        "select number from results where province_code = $1 and dossier_id = $2",
        [d.provinceCode, d.id],
      );
      await enqueue(q, {
        topic: DISBURSEMENT_TOPIC,
        key: d.id,
        payload: { dossierId: d.id, resultNumber: result.rows[0]?.number ?? null },
        provinceCode: d.provinceCode,
        at,
        dossierCode: d.code,
      });
      await audit(q, {
        actor: actorOf(p),
        action: "disbursement.resend",
        outcome: "allowed",
        resource,
        requestId: ctx.requestId,
        provinceCode: d.provinceCode,
        detail: {
          reason: fix.reason,
          previousError: r.error,
          accountChanged: account !== r.account,
          account: `****${account.slice(-4)}`,
          bankChanged: bank !== r.bank,
        },
      });
    });
    const view = await disbursementOf(ctx.db, d.provinceCode, d.id);
    if (!view) throw new AppError("NOT_FOUND");
    return view;
  });
}
