import type { z } from "zod";
import type { Queryable } from "../../db/client.js";
import type { Payment } from "../../domain/api/payment.js";
import { TRANSITIONS } from "../../domain/lifecycle.js";
import { type DossierRow, needsHeadConsent } from "../dossiers/index.js";
import { COLLECTING_ACCOUNT, type PaymentRow, vietQrPayload } from "./payments.js";
import { transfersOf } from "./transfers.js";

/**
 * A dossier's fee as the citizen and the officer see it (`Payment`, src/domain/api/payment.ts):
 * what was received toward it, what is still owed (the VietQR code asks for exactly that, and only
 * while the dossier can still take the fee: never once it is withdrawn, refused or rejected),
 * every bank transfer, and what is owed back to the payer; a spouse's request into a household
 * waiting for its head's consent, `awaiting_consent` (no payment request yet). Amounts in đồng.
 */
export async function paymentView(
  q: Queryable,
  d: Pick<DossierRow, "id" | "status" | "feeAmount" | "channel" | "form">,
  p: PaymentRow | undefined,
  demo: boolean,
): Promise<z.output<typeof Payment>> {
  if (!p) {
    // A spouse's request into a household: no request before its head consents (./payments.ts);
    // open, it waits for the consent; ended (the head refused, or withdrawn), nothing was asked.
    const held = d.feeAmount > 0 && d.channel !== "counter" && needsHeadConsent(d.form);
    const open = TRANSITIONS.record_payment.from.includes(d.status);
    return {
      amount: d.feeAmount,
      status: !held ? "not_required" : open ? "awaiting_consent" : "closed",
      received: 0,
      owed: 0,
      refundDue: 0,
      transfers: [],
      vietqr: null,
      demoBankUrl: null,
      paidAt: null,
      receiptUrl: null,
    };
  }
  const transfers = await transfersOf(q, p);
  const received = transfers.reduce((sum, t) => sum + t.applied, 0);
  const open = TRANSITIONS.record_payment.from.includes(d.status);
  const status = p.status === "paid" ? "paid" : open ? "unpaid" : "closed";
  const owed = status === "unpaid" ? Math.max(0, p.amount - received) : 0;
  return {
    amount: p.amount,
    status,
    received,
    owed,
    refundDue: transfers.reduce((sum, t) => sum + (t.refundedAt ? 0 : t.refundAmount), 0),
    transfers: transfers.map(({ paymentId: _p, dossierId: _d, refundedBy: _b, ...t }) => t),
    vietqr:
      owed > 0
        ? {
            payload: vietQrPayload({ amount: owed, transferContent: p.transferContent }),
            amount: owed,
            bankName: COLLECTING_ACCOUNT.bankName,
            accountNumber: COLLECTING_ACCOUNT.accountNumber,
            accountName: COLLECTING_ACCOUNT.accountName,
            content: p.transferContent,
          }
        : null,
    demoBankUrl: demo && owed > 0 ? `/demo-bank/pay/${p.id}` : null,
    paidAt: p.paidAt,
    receiptUrl: p.status === "paid" ? `/api/dossiers/${d.id}/payment/receipt` : null,
  };
}
