import type { Db, Queryable } from "../../db/client.js";
import { all, first, qb, run } from "../../db/query.js";
import type { RefundReason } from "../../domain/api/payment.js";
import { HEAD_REFUSAL_MARKER } from "../../domain/head-refusal.js";
import { check, type DossierState } from "../../domain/lifecycle.js";
import { AppError } from "../../kernel/errors.js";
import { localityId } from "../../kernel/locality.js";
import { systemTransition, type TransitionEffect, type TransitionEffects } from "../dossiers/index.js";
import { PaymentErrors } from "./errors.js";

/**
 * Bank transfers: every genuine transfer to a payment request is kept (one row per bank
 * transaction id), whatever state its dossier is in, so money is never lost or hidden. What goes
 * toward the fee is `applied`; the rest is owed back to the payer and waits in the refund queue.
 */
export type TransferRow = {
  id: string;
  paymentId: string;
  dossierId: string;
  bankRef: string;
  amount: number;
  applied: number;
  refundAmount: number;
  refundReason: RefundReason | null;
  receivedAt: Date;
  refundedAt: Date | null;
  refundedBy: string | null;
  refundRef: string | null;
};

/** The transfers to one payment request, oldest first. */
export async function transfersOf(
  q: Queryable,
  p: { id: string; provinceCode: string },
): Promise<TransferRow[]> {
  return all(
    q,
    qb
      .selectFrom("bank_transfers as t")
      .select([
        "t.id",
        "t.payment_id as paymentId",
        "t.dossier_id as dossierId",
        "t.bank_ref as bankRef",
        "t.amount",
        "t.applied",
        "t.refund_amount as refundAmount",
        "t.refund_reason as refundReason",
        "t.received_at as receivedAt",
        "t.refunded_at as refundedAt",
        "t.refunded_by as refundedBy",
        "t.refund_ref as refundRef",
      ])
      .where("t.province_code", "=", p.provinceCode)
      .where("t.payment_id", "=", p.id)
      .orderBy("t.received_at")
      .orderBy("t.bank_ref"),
  );
}

/** What a transfer does: the dossier action that records it, and how it splits. */
export type TransferPlan = {
  type: "record_payment" | "record_transfer";
  applied: number;
  refund: number;
  reason: RefundReason | null;
};

/**
 * Pure: how a genuine transfer of `amount` đồng splits, given the fee, what earlier transfers
 * already applied, and the dossier's state. While the dossier may still take the fee (the
 * lifecycle allows `record_payment`) and it is not paid, the transfer goes toward what is owed
 * and any excess is owed back ("overpaid"); the transfer that completes the fee is
 * `record_payment`, a part of it `record_transfer`. Otherwise all of it is owed back:
 * "already_paid" when the fee was paid, else "dossier_closed" (withdrawn, refused, rejected).
 */
export function planTransfer(
  state: DossierState,
  fee: number,
  received: number,
  amount: number,
): TransferPlan {
  const payable = check(state, { type: "record_payment", role: "system" }).ok;
  if (!payable || state.feePaid || received >= fee) {
    return {
      type: "record_transfer",
      applied: 0,
      refund: amount,
      reason: state.feePaid || received >= fee ? "already_paid" : "dossier_closed",
    };
  }
  const applied = Math.min(amount, fee - received);
  const refund = amount - applied;
  return {
    type: received + applied >= fee ? "record_payment" : "record_transfer",
    applied,
    refund,
    reason: refund > 0 ? "overpaid" : null,
  };
}

export type TransferOutcome = "accepted" | "partial" | "refund_due" | "replay" | "transfer_conflict";

/**
 * Records a genuine (signed) bank transfer on its dossier, through the dossiers module's
 * `systemTransition` (role "system"), in one transaction with the transfer row and the payment
 * request, planned (`planTransfer`) on the dossier and the request as locked: "accepted" (the fee
 * is now paid, any excess queued for refund), "partial" (a part of the fee), "refund_due" (all of
 * it owed back: the fee was paid, or the dossier closed), "replay" (this bank transaction was
 * recorded already; nothing changes), "transfer_conflict" (the bank transaction id was recorded
 * with another payment or amount; nothing changes). Callbacks for one dossier run one at a time
 * (its row lock), so concurrent transfers add up exactly.
 */
export async function recordTransfer(
  db: Db,
  p: { id: string; dossierId: string; provinceCode: string },
  t: { amount: number; bankRef: string; at: Date },
): Promise<TransferOutcome | "unknown_payment"> {
  let plan: TransferPlan | undefined;
  let owed = 0;
  let outcome: TransferOutcome | undefined;
  const result = await systemTransition(db, p.dossierId, {
    type: async (q, state) => {
      // The payment locked by its full key; what its transfers applied so far, in its shard.
      const row = await first(
        q,
        qb
          .selectFrom("payments as p")
          .select((eb) => [
            "p.amount",
            eb.fn
              .coalesce(
                eb
                  .selectFrom("bank_transfers as b")
                  .select((b) => b.fn.sum<number>("b.applied").as("applied"))
                  .where("b.province_code", "=", p.provinceCode)
                  .where("b.payment_id", "=", p.id),
                eb.lit(0),
              )
              .as("received"),
          ])
          .where("p.province_code", "=", p.provinceCode)
          .where("p.id", "=", p.id)
          .forUpdate(),
      );
      const fee = row?.amount ?? 0;
      const received = row?.received ?? 0;
      plan = planTransfer(state, fee, received, t.amount);
      owed = Math.max(0, fee - received - plan.applied);
      return plan.type;
    },
    actorId: "demo-bank",
    at: t.at,
    prepare: async (q) => {
      if (!plan) throw new Error("transfer not planned");
      const { applied, refund, reason } = plan;
      const inserted = await first(
        q,
        qb
          .insertInto("bank_transfers")
          .columns([
            "id",
            "payment_id",
            "dossier_id",
            "bank_ref",
            "amount",
            "applied",
            "refund_amount",
            "refund_reason",
            "received_at",
            "province_code",
          ])
          .expression((eb) =>
            eb
              .selectFrom("payments as p")
              .select((s) => [
                s.val(localityId(p.provinceCode)).as("id"),
                "p.id as payment_id",
                "p.dossier_id",
                s.val(t.bankRef).as("bank_ref"),
                s.val(t.amount).as("amount"),
                s.val(applied).as("applied"),
                s.val(refund).as("refund_amount"),
                s.val(reason).as("refund_reason"),
                s.val(t.at).as("received_at"),
                "p.province_code",
              ])
              .where("p.province_code", "=", p.provinceCode)
              .where("p.id", "=", p.id),
          )
          .onConflict((c) => c.columns(["province_code", "bank_ref"]).doNothing())
          .returning("id"),
      );
      if (!inserted) {
        const seen = await first(
          q,
          qb
            .selectFrom("bank_transfers")
            .select(["payment_id as paymentId", "amount"])
            .where("province_code", "=", p.provinceCode)
            .where("bank_ref", "=", t.bankRef),
        );
        const same = seen?.paymentId === p.id && seen?.amount === t.amount;
        outcome = same ? "replay" : "transfer_conflict";
        throw new AppError(PaymentErrors.PAYMENT_REJECTED);
      }
      if (plan.type === "record_payment") {
        await run(
          q,
          qb
            .updateTable("payments")
            .set({ status: "paid", bank_ref: t.bankRef, paid_at: t.at })
            .where("province_code", "=", p.provinceCode)
            .where("id", "=", p.id),
        );
      }
      outcome = plan.type === "record_payment" ? "accepted" : plan.refund > 0 ? "refund_due" : "partial";
      return {
        payload: {
          paymentId: p.id,
          amount: t.amount,
          bankRef: t.bankRef,
          applied: plan.applied,
          refund: plan.refund,
          owed,
          ...(plan.reason ? { refundReason: plan.reason } : {}),
        },
      };
    },
  });
  if (!result.ok && result.reason === "not_found") return "unknown_payment";
  // The plan always names an action the lifecycle allows now, so a refusal came from `prepare`.
  if (!outcome) throw new Error(`bank transfer ${t.bankRef} was refused by the lifecycle`);
  return outcome;
}

/**
 * The effect of a dossier's closing actions (withdraw, refuse, refuse_receipt), in their
 * transaction: a fee that was not paid in full can no longer be, so what its transfers applied
 * toward it is owed back ("dossier_closed"; the refund queue lists it). A fee paid in full stays
 * paid, except on the refusal of the head of the household a spouse joins (`payload.headRefusal`):
 * the request was never the agency's to decide, so a fee paid for it is owed back too (a request
 * opened before the fee waited for the head's consent, ./payments.ts; since then none is paid
 * before the consent, and a consent cannot become a refusal). The payment stays paid, its
 * receipt genuine. Adds `{ refundDue: đồng }` to the action's payload when anything became owed back.
 * Legal basis: the payer's money is never kept for a service not rendered (issue 9 point 10;
 * Luật Phí và lệ phí 2015 Điều 6 — lệ phí is collected for a service provided).
 * Returns the effects by action, to spread into the app's `TransitionEffects`.
 */
export function closedDossierRefundEffect(): TransitionEffects {
  const effect: TransitionEffect = async (q, { dossier, payload }) => {
    const headRefusal = payload[HEAD_REFUSAL_MARKER] !== undefined;
    const payment = await first(
      q,
      qb
        .selectFrom("payments")
        .select("id")
        .where("province_code", "=", dossier.provinceCode)
        .where("dossier_id", "=", dossier.id)
        .$if(!headRefusal, (w) => w.where("status", "=", "unpaid")),
    );
    if (!payment) return undefined;
    const owed = await all(
      q,
      qb
        .updateTable("bank_transfers")
        .set((eb) => ({
          refund_amount: eb("refund_amount", "+", eb.ref("applied")),
          applied: 0,
          refund_reason: "dossier_closed",
        }))
        .where("province_code", "=", dossier.provinceCode)
        .where("payment_id", "=", payment.id)
        .where("applied", ">", 0)
        .where("refunded_at", "is", null)
        .returning("refund_amount"),
    );
    if (owed.length === 0) return undefined;
    return { refundDue: owed.reduce((sum, t) => sum + t.refund_amount, 0) };
  };
  return { withdraw: [effect], refuse: [effect], refuse_receipt: [effect] };
}
