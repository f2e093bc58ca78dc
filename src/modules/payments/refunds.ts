import type { z } from "zod";
import type { Db, Queryable } from "../../db/client.js";
import type { RefundItem } from "../../domain/api/payment.js";
import { actorOf, type OfficerPrincipal } from "../../domain/principal.js";
import { AppError } from "../../kernel/errors.js";
import { provinceOfId } from "../../kernel/locality.js";
import { audit } from "../audit/index.js";
import { logDossierReads } from "../exchange/index.js";
import { PaymentErrors } from "./errors.js";

/**
 * The refund queue: money a bank transferred that is owed back to the payer (an overpayment, a
 * transfer after the fee was paid, or after the dossier was withdrawn, refused or rejected).
 * Who may list it and record refunds: REFUND_VIEWERS and REFUNDERS (src/domain/principal.ts), each
 * within their jurisdiction.
 */

/**
 * The jurisdiction as SQL over dossiers `d`, its parameters appended to `params`: the province
 * first (the distribution key, docs/scaling.md), then a commune within it.
 */
function inJurisdiction(p: OfficerPrincipal, params: unknown[]): string {
  const j = p.jurisdiction;
  if (j.level === "country") return "true";
  params.push(j.provinceCode);
  const province = `d.province_code = $${params.length}`;
  if (j.level === "province") return province;
  params.push(j.code);
  return `${province} and d.commune_code = $${params.length}`;
}

const ITEM = `t.id, t.bank_ref as "bankRef", t.amount, t.applied, t.refund_amount as "refundAmount",
  t.refund_reason as "refundReason", t.received_at as "receivedAt", t.refunded_at as "refundedAt",
  t.refund_ref as "refundRef", t.refunded_by as "refundedBy", d.id as "dossierId", d.code as "dossierCode",
  d.status as "dossierStatus", d.procedure_code as "procedureCode", d.applicant_name as "payerName",
  p.transfer_content as "transferContent", d.applicant_number as "applicantNumber", d.province_code as "provinceCode"`;

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
  const params: unknown[] = [];
  const scope = inJurisdiction(p, params);
  const due = "t.refund_amount > 0 and t.refunded_at is null";
  const where = `${scope} and ${f.status === "due" ? due : "t.refunded_at is not null"}`;
  const from =
    "bank_transfers t join dossiers d on d.province_code = t.province_code and d.id = t.dossier_id " +
    "join payments p on p.province_code = t.province_code and p.id = t.payment_id";
  const { rows: sums } = await q.query<{ total: number; due: number }>(
    `select count(*) filter (where ${where})::int as total,
       coalesce(sum(t.refund_amount) filter (where ${due}), 0)::int as due
     from ${from} where ${scope}`,
    params,
  );
  const order = f.status === "due" ? "t.received_at asc, t.id" : "t.refunded_at desc, t.id";
  const { rows } = await q.query<
    z.output<typeof RefundItem> & { applicantNumber: string; provinceCode: string }
  >(
    `select ${ITEM} from ${from} where ${where} order by ${order} limit $${params.length + 1} offset $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  await logDossierReads(q, p, "payment", [
    ...new Map(rows.map((r) => [r.dossierId, { ...r, id: r.dossierId }])).values(),
  ]);
  return {
    items: rows.map(({ applicantNumber: _a, provinceCode: _p, ...item }) => item),
    total: sums[0]?.total ?? 0,
    totalDue: sums[0]?.due ?? 0,
  };
}

/**
 * Records that the money owed back on a transfer was refunded, with the bank's reference of the
 * refund. NOT_FOUND outside the officer's jurisdiction; 409 REFUND_NOT_DUE when nothing is owed
 * back on it or it was refunded already. Audited.
 */
export async function markRefunded(
  db: Db,
  p: OfficerPrincipal,
  transferId: string,
  refundRef: string,
  at: Date,
  requestId?: string,
): Promise<void> {
  // A transfer's id carries its province (src/kernel/locality.ts): the row is locked by its full key.
  const params: unknown[] = [transferId, provinceOfId(transferId) ?? ""];
  const scope = inJurisdiction(p, params);
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
      const { rows } = await q.query<{ due: boolean; provinceCode: string; amount: number }>(
        `select t.refund_amount > 0 and t.refunded_at is null as due, t.province_code as "provinceCode",
         t.refund_amount as amount
       from bank_transfers t join dossiers d on d.province_code = t.province_code and d.id = t.dossier_id
       where t.province_code = $2 and t.id = $1 and ${scope} for update of t`,
        params,
      );
      const t = rows[0];
      if (!t) throw new AppError("NOT_FOUND");
      if (!t.due) throw new AppError(PaymentErrors.REFUND_NOT_DUE);
      await q.query(
        "update bank_transfers set refunded_at = $3, refunded_by = $4, refund_ref = $5 where province_code = $1 and id = $2",
        [t.provinceCode, transferId, at, actor.id, refundRef],
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
    .catch(refused);
}
