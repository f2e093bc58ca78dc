import { z } from "zod";

/** Why money a bank transferred is owed back to the payer. */
export const REFUND_REASONS = ["overpaid", "already_paid", "dossier_closed"] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

/** One bank transfer to a dossier's payment request (amounts in đồng). */
export const Transfer = z
  .object({
    id: z.string(),
    bankRef: z.string(),
    amount: z.number(),
    /** The part that went toward the fee. */
    applied: z.number(),
    /** The part owed back to the payer (0 when none). */
    refundAmount: z.number(),
    refundReason: z.enum(REFUND_REASONS).nullable(),
    receivedAt: z.date(),
    refundedAt: z.date().nullable(),
    refundRef: z.string().nullable(),
  })
  .meta({ id: "Transfer" });

/**
 * The fee of a dossier (GET /api/dossiers/:id/payment): amount, state, VietQR request for what is
 * still owed, every bank transfer received and what is owed back, receipt. `closed`: the dossier
 * was withdrawn, refused or rejected before the fee was paid, so no payment is asked for any more.
 * `awaiting_consent`: a spouse's request into a household whose head has not consented yet; the fee
 * (`amount`) is asked only once the head agrees (Law on Residence 2020, Art. 21), nothing before.
 */
export const Payment = z
  .object({
    amount: z.number(),
    status: z.enum(["not_required", "awaiting_consent", "unpaid", "paid", "closed"]),
    /** Applied toward the fee so far, and what is still owed (đồng). */
    received: z.number(),
    owed: z.number(),
    /** Owed back to the payer and not refunded yet (đồng). */
    refundDue: z.number(),
    transfers: z.array(Transfer),
    vietqr: z
      .object({
        payload: z.string(),
        amount: z.number(),
        bankName: z.string(),
        accountNumber: z.string(),
        accountName: z.string(),
        content: z.string(),
      })
      .nullable(),
    demoBankUrl: z.string().nullable(),
    paidAt: z.date().nullable(),
    receiptUrl: z.string().nullable(),
  })
  .meta({ id: "Payment" });

/** One entry of the refund queue (GET /api/officer/refunds). */
export const RefundItem = Transfer.extend({
  dossierId: z.string(),
  dossierCode: z.string().nullable(),
  dossierStatus: z.string(),
  procedureCode: z.string(),
  payerName: z.string().nullable(),
  transferContent: z.string(),
  refundedBy: z.string().nullable(),
}).meta({ id: "RefundItem" });

export const RefundQueue = z
  .object({
    items: z.array(RefundItem),
    total: z.number(),
    /** The sum owed back over the whole queue (not only this page), in đồng. */
    totalDue: z.number(),
  })
  .meta({ id: "RefundQueue" });

/**
 * An allowance paid to the beneficiary's bank account (GET /api/dossiers/:id/disbursement; also on
 * the citizen's group page): amount, bank and account (last 4 digits), where the transfer stands
 * (pending, retrying after a failure, paid with the bank's reference, or flagged for an officer
 * with the reason code: ACCOUNT_FORMAT, ACCOUNT_HOLDER_MISMATCH, or the bank's last error).
 */
export const Disbursement = z
  .object({
    kind: z.string(),
    amount: z.number(),
    monthlyAmount: z.number(),
    bank: z.string(),
    account: z.string(),
    state: z.enum(["pending", "retrying", "paid", "flagged"]),
    attempts: z.number(),
    lastError: z.string().nullable(),
    bankRef: z.string().nullable(),
    paidAt: z.date().nullable(),
  })
  .meta({ id: "Disbursement" });
