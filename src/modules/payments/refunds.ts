import type { z } from "zod";
import type { Db, Queryable } from "../../db/client.js";
import { all, type Database, type ExpressionBuilder, first, qb, run } from "../../db/query.js";
import type { RefundItem } from "../../domain/api/payment.js";
import { actorOf, type OfficerPrincipal } from "../../domain/principal.js";
import { AppError } from "../../kernel/errors.js";
import { provinceOfId } from "../../kernel/locality.js";
import { audit } from "../audit/index.js";
import { inJurisdiction } from "../dossiers/index.js";
import { logDossierReads } from "../exchange/index.js";
import { PaymentErrors } from "./errors.js";

/**
 * The refund queue: money a bank transferred that is owed back to the payer (an overpayment, a
 * transfer after the fee was paid, or after the dossier was withdrawn, refused or rejected).
 * Who may list it and record refunds: REFUND_VIEWERS and REFUNDERS (src/domain/principal.ts), each
 * within their jurisdiction.
 */

/** A transfer `t` with its dossier `d` and payment `p`, joined by their full keys (one shard). */
const transfers = () =>
  qb
    .selectFrom("bank_transfers as t")
    .innerJoin("dossiers as d", (j) =>
      j.onRef("d.province_code", "=", "t.province_code").onRef("d.id", "=", "t.dossier_id"),
    )
    .innerJoin("payments as p", (j) =>
      j.onRef("p.province_code", "=", "t.province_code").onRef("p.id", "=", "t.payment_id"),
    );

type TransferExpressions = ExpressionBuilder<
  { t: Database["bank_transfers"]; d: Database["dossiers"]; p: Database["payments"] },
  "t" | "d" | "p"
>;

/** Money owed back on a transfer `t` and not refunded yet. */
const owed = (eb: ExpressionBuilder<{ t: Database["bank_transfers"] }, "t">) =>
  eb.and([eb("t.refund_amount", ">", 0), eb("t.refunded_at", "is", null)]);

/**
 * The queue of the officer's jurisdiction: `due` (owed back, oldest first) or `done` (refunded,
 * newest first), paged; `totalDue` is the sum owed back over the whole jurisdiction, in đồng.
 * Each payer shown is a read of their fee in their access list (exchange's `logDossierReads`,
 * use "payment").
 */
export async function listRefunds(
  q: Queryable,
  p: OfficerPrincipal,
  f: { status: "due" | "done"; limit: number; offset: number },
): Promise<{ items: z.output<typeof RefundItem>[]; total: number; totalDue: number }> {
  // The jurisdiction on the dossier: the province first (the distribution key, docs/scaling.md).
  const scope = (eb: TransferExpressions) => inJurisdiction(eb, p.jurisdiction);
  const listed = (eb: TransferExpressions) =>
    eb.and([...scope(eb), f.status === "due" ? owed(eb) : eb("t.refunded_at", "is not", null)]);
  const sums = await first(
    q,
    transfers()
      .select((eb) => [
        eb.fn.countAll<number>().filterWhere(listed).as("total"),
        eb.fn.coalesce(eb.fn.sum<number>("t.refund_amount").filterWhere(owed), eb.lit(0)).as("due"),
      ])
      .where((eb) => eb.and(scope(eb))),
  );
  const rows = await all(
    q,
    transfers()
      .select([
        "t.id",
        "t.bank_ref as bankRef",
        "t.amount",
        "t.applied",
        "t.refund_amount as refundAmount",
        "t.refund_reason as refundReason",
        "t.received_at as receivedAt",
        "t.refunded_at as refundedAt",
        "t.refund_ref as refundRef",
        "t.refunded_by as refundedBy",
        "d.id as dossierId",
        "d.code as dossierCode",
        "d.status as dossierStatus",
        "d.procedure_code as procedureCode",
        "d.applicant_name as payerName",
        "p.transfer_content as transferContent",
        "d.applicant_number as applicantNumber",
        "d.province_code as provinceCode",
      ])
      .where(listed)
      .$if(f.status === "due", (s) => s.orderBy("t.received_at", "asc"))
      .$if(f.status === "done", (s) => s.orderBy("t.refunded_at", "desc"))
      .orderBy("t.id")
      .limit(f.limit)
      .offset(f.offset),
  );
  await logDossierReads(q, p, "payment", [
    ...new Map(rows.map((r) => [r.dossierId, { ...r, id: r.dossierId }])).values(),
  ]);
  return {
    items: rows.map(({ applicantNumber: _a, provinceCode: _p, ...item }) => item),
    total: sums?.total ?? 0,
    totalDue: sums?.due ?? 0,
  };
}

/**
 * Records that the money owed back on a transfer was refunded, with the bank's reference of the
 * refund. NOT_FOUND outside the officer's jurisdiction; 409 REFUND_NOT_DUE when nothing is owed
 * back on it or it was refunded already; 409 REFUND_REF_TAKEN when the reference is recorded for
 * another refund in the province already (one bank transaction refunds one transfer; unique key
 * (province_code, refund_ref), migration 140). Audited.
 */
export async function markRefunded(
  db: Db,
  p: OfficerPrincipal,
  transferId: string,
  refundRef: string,
  at: Date,
  requestId?: string,
): Promise<void> {
  const actor = actorOf(p);
  const refused = (err: unknown) =>
    err instanceof AppError
      ? audit(db, {
          actor,
          action: "payment.refund",
          outcome: "denied",
          resource: `transfer:${transferId}`,
          requestId,
          detail: { code: err.code },
        }).then(() => Promise.reject(err))
      : Promise.reject(err);
  await db
    .tx(async (q) => {
      // A transfer's id carries its province (src/kernel/locality.ts): the row is locked by its full key.
      const t = await first(
        q,
        qb
          .selectFrom("bank_transfers as t")
          .innerJoin("dossiers as d", (j) =>
            j.onRef("d.province_code", "=", "t.province_code").onRef("d.id", "=", "t.dossier_id"),
          )
          .select((eb) => [
            owed(eb).as("due"),
            "t.province_code as provinceCode",
            "t.refund_amount as amount",
          ])
          .where("t.province_code", "=", provinceOfId(transferId) ?? "")
          .where("t.id", "=", transferId)
          .where((eb) => eb.and(inJurisdiction(eb, p.jurisdiction)))
          .forUpdate("t"),
      );
      if (!t) throw new AppError("NOT_FOUND");
      if (!t.due) throw new AppError(PaymentErrors.REFUND_NOT_DUE);
      const taken = await first(
        q,
        qb
          .selectFrom("bank_transfers")
          .select("id")
          .where("province_code", "=", t.provinceCode)
          .where("refund_ref", "=", refundRef),
      );
      if (taken) throw new AppError(PaymentErrors.REFUND_REF_TAKEN);
      await run(
        q,
        qb
          .updateTable("bank_transfers")
          .set({ refunded_at: at, refunded_by: actor.id, refund_ref: refundRef })
          .where("province_code", "=", t.provinceCode)
          .where("id", "=", transferId),
      );
      await audit(q, {
        actor,
        action: "payment.refund",
        outcome: "allowed",
        resource: `transfer:${transferId}`,
        provinceCode: t.provinceCode,
        requestId,
        detail: { refundRef, amount: t.amount },
      });
    })
    .catch((err: unknown) => refused(refRace(err)));
}

/** Two officers recording one reference at once: the unique key refuses the second. */
function refRace(err: unknown): unknown {
  const e = err as { code?: string; constraint?: string } | undefined;
  return e?.code === "23505" && e.constraint === "bank_transfers_refund_ref_key"
    ? new AppError(PaymentErrors.REFUND_REF_TAKEN)
    : err;
}
