import { mayActOnDossier } from "../../domain/agencies.js";
import { accountProblem } from "../../domain/allowances.js";
import { actorOf, type CitizenPrincipal, type OfficerPrincipal } from "../../domain/principal.js";
import { AppError, type ErrorDef } from "../../kernel/errors.js";
import { audit } from "../audit/index.js";
import { enqueue } from "../delivery/index.js";
import { audited, type Ctx, DossierErrors, getVisibleDossierPart } from "../dossiers/index.js";
import {
  DISBURSEMENT_TOPIC,
  type DisbursementBank,
  type DisbursementView,
  disbursementOf,
} from "./disbursements.js";
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
    await sendAgain(ctx, d, at, (r) => ({
      account: fix.accountNumber ?? r.account,
      bank: fix.bank ?? r.bank,
      actor: actorOf(p),
      detail: { reason: fix.reason },
    }));
    const view = await disbursementOf(ctx.db, d.provinceCode, d.id);
    if (!view) throw new AppError("NOT_FOUND");
    return view;
  });
}

type Locked = { id: string; state: string; account: string; bank: string; error: string };

/**
 * The flagged transfer of dossier `d`, locked, sent again to the account `change` gives (a new
 * `disbursement.transfer`, attempts from zero) and audited (`disbursement.resend`: who, the
 * previous error, whether the account or bank changed, its last 4 digits, and `detail`). Whoever
 * comes second (an officer's resend and the beneficiary's correction at once) finds it under way:
 * DISBURSEMENT_NOT_FLAGGED (409), nothing changed.
 */
async function sendAgain(
  ctx: Ctx,
  d: { provinceCode: string; id: string; code: string | null },
  at: Date,
  change: (r: Locked) => {
    account: string;
    bank: string;
    actor: ReturnType<typeof actorOf>;
    detail: Record<string, unknown>;
  },
): Promise<void> {
  await ctx.db.tx(async (q) => {
    const { rows } = await q.query<Locked>(
      `select id, state, account_number as account, bank, last_error as error from disbursements
       where province_code = $1 and dossier_id = $2 for update`,
      [d.provinceCode, d.id],
    );
    const r = rows[0];
    if (!r) throw new AppError("NOT_FOUND");
    if (r.state !== "flagged") throw new AppError(PaymentErrors.DISBURSEMENT_NOT_FLAGGED);
    const c = change(r);
    await q.query(
      `update disbursements set account_number = $3, bank = $4, state = 'pending', attempts = 0,
         last_error = null, updated_at = $5 where province_code = $1 and id = $2`,
      [d.provinceCode, r.id, c.account, c.bank, at],
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
      actor: c.actor,
      action: "disbursement.resend",
      outcome: "allowed",
      resource: `dossier:${d.id}`,
      requestId: ctx.requestId,
      provinceCode: d.provinceCode,
      detail: {
        ...c.detail,
        previousError: r.error,
        accountChanged: c.account !== r.account,
        account: `****${c.account.slice(-4)}`,
        bankChanged: c.bank !== r.bank,
      },
    });
  });
}

/** The beneficiary's own correction of a flagged transfer: the account she holds, at which bank, in whose name. */
export type AccountCorrection = { accountNumber: string; bank: string; holderName: string };

/**
 * The applicant corrects the account of her flagged allowance transfer herself (from the group's
 * page), checked as the transfer checks it before any money moves: the number's format, the holder
 * she names against her name in the population registry, and the holder the bank knows
 * (`bank.holderName`, the demo bank's; skipped without a bank adapter: the transfer checks it
 * again). A refusal names its field (ACCOUNT_NUMBER_INVALID on `body.accountNumber`,
 * ACCOUNT_HOLDER_MISMATCH on `body.holderName` or, when the bank names someone else, on
 * `body.accountNumber`) and leaves the transfer stopped. Then sent again as an officer's resend
 * (`sendAgain`, audited `disbursement.resend` with `by: "applicant"`). Errors: NOT_FOUND (no such
 * dossier for her, someone else's, or no transfer), DISBURSEMENT_NOT_FLAGGED (409: under way or
 * paid, e.g. an officer sent it again first).
 */
export async function correctDisbursementAccount(
  ctx: Ctx,
  p: CitizenPrincipal,
  dossierId: string,
  fix: AccountCorrection,
  bank: DisbursementBank | undefined,
  at: Date,
): Promise<DisbursementView> {
  return audited(ctx, "disbursement.correct", `dossier:${dossierId}`, async () => {
    const { dossier: d, part } = await getVisibleDossierPart(ctx, dossierId, "payment", async (x) =>
      x.applicantNumber === p.personalNumber ? disbursementOf(ctx.db, x.provinceCode, x.id) : undefined,
    );
    if (part.state !== "flagged") throw new AppError(PaymentErrors.DISBURSEMENT_NOT_FLAGGED);
    const name = await beneficiaryName(ctx, d);
    const refuse = (field: "accountNumber" | "holderName", def: ErrorDef) =>
      new AppError(def, [{ field: `body.${field}`, messageVi: def.vi, messageEn: def.en }]);
    const typed = accountProblem(fix.accountNumber, fix.holderName, name);
    if (typed?.code === "ACCOUNT_FORMAT") throw refuse("accountNumber", PaymentErrors.ACCOUNT_NUMBER_INVALID);
    if (typed) throw refuse("holderName", PaymentErrors.ACCOUNT_HOLDER_MISMATCH);
    if (bank) {
      const holder = await bank.holderName(fix.accountNumber, fix.bank, name);
      if (accountProblem(fix.accountNumber, holder, name))
        throw refuse("accountNumber", PaymentErrors.ACCOUNT_HOLDER_MISMATCH);
    }
    await sendAgain(ctx, d, at, () => ({
      account: fix.accountNumber,
      bank: fix.bank,
      actor: actorOf(p),
      detail: { by: "applicant" },
    }));
    const view = await disbursementOf(ctx.db, d.provinceCode, d.id);
    if (!view) throw new AppError("NOT_FOUND");
    return view;
  });
}

/** The beneficiary's name as the transfer checks it (kept on the disbursement when it was decided). */
async function beneficiaryName(ctx: Ctx, d: { provinceCode: string; id: string }): Promise<string> {
  const { rows } = await ctx.db.query<{ name: string }>(
    "select beneficiary_name as name from disbursements where province_code = $1 and dossier_id = $2",
    [d.provinceCode, d.id],
  );
  return rows[0]?.name ?? "";
}
