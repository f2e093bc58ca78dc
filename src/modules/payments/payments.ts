import { createHmac, timingSafeEqual } from "node:crypto";
import { BanksObject, QRPay } from "vietnam-qr-pay";
import type { Db, Queryable } from "../../db/client.js";
import { escapeBadCharacters, findBadCharacters, hasBadCharacters } from "../../kernel/characters.js";
import { AppError } from "../../kernel/errors.js";
import { localityId, NATIONAL_PROVINCE, provinceOfId } from "../../kernel/locality.js";
import { audit } from "../audit/index.js";
import { systemTransition, type TransitionEffect } from "../dossiers/index.js";
import { PaymentErrors } from "./errors.js";

/**
 * Fees: a payment request per dossier that owes one, shown as a VietQR code; the built-in demo
 * bank confirms payment with an HMAC-signed callback, verified, idempotent and logged.
 * The collecting account is the State Treasury's; the demo uses an illustrative account.
 */
export const COLLECTING_ACCOUNT = {
  bankBin: BanksObject.vietinbank.bin,
  bankName: "VietinBank (Kho bạc Nhà nước — tài khoản thử nghiệm)",
  accountNumber: "113000000001",
  accountName: "KHO BAC NHA NUOC - THU PHI LE PHI",
};

export type PaymentRow = {
  id: string;
  dossierId: string;
  amount: number;
  status: "unpaid" | "paid";
  transferContent: string;
  bankRef: string | null;
  paidAt: Date | null;
  provinceCode: string;
};

const COLUMNS = `id, dossier_id as "dossierId", amount, status, transfer_content as "transferContent",
  bank_ref as "bankRef", paid_at as "paidAt", province_code as "provinceCode"`;

export async function findPaymentForDossier(
  q: Queryable,
  d: { id: string; provinceCode: string },
): Promise<PaymentRow | undefined> {
  const { rows } = await q.query<PaymentRow>(
    `select ${COLUMNS} from payments where province_code = $1 and dossier_id = $2`,
    [d.provinceCode, d.id],
  );
  return rows[0];
}

/** A payment by its id, which carries its province (src/kernel/locality.ts); any other id finds none. */
export async function findPayment(q: Queryable, id: string): Promise<PaymentRow | undefined> {
  const province = provinceOfId(id);
  if (!province) return undefined;
  const { rows } = await q.query<PaymentRow>(
    `select ${COLUMNS} from payments where province_code = $1 and id = $2`,
    [province, id],
  );
  return rows[0];
}

/**
 * Effect of the dossier's `submit`, in its transaction: an online dossier that owes a fee gets its
 * payment request (at the counter the fee is paid in person).
 */
export const openPaymentRequest: TransitionEffect = async (q, { dossier: d }) => {
  if (d.feeAmount <= 0 || d.channel === "counter" || !d.code) return undefined;
  await q.query(
    `insert into payments (id, dossier_id, amount, status, transfer_content, province_code)
     values ($1, $2, $3, 'unpaid', $4, $5) on conflict (province_code, dossier_id) do nothing`,
    [localityId(d.provinceCode), d.id, d.feeAmount, `ML ${d.code}`, d.provinceCode],
  );
  return undefined;
};

/** The EMVCo (VietQR) payload a banking app scans to pay this exact amount with this reference. */
export function vietQrPayload(p: Pick<PaymentRow, "amount" | "transferContent">): string {
  return QRPay.initVietQR({
    bankBin: COLLECTING_ACCOUNT.bankBin,
    bankNumber: COLLECTING_ACCOUNT.accountNumber,
    amount: String(p.amount),
    purpose: p.transferContent.replace(/[^A-Za-z0-9 .-]/g, " ").slice(0, 25),
  }).build();
}

export function sign(key: string, body: string): string {
  return createHmac("sha256", key).update(body).digest("hex");
}

export type CallbackOutcome =
  | "accepted"
  | "replay"
  | "bad_signature"
  | "wrong_amount"
  | "unknown_payment"
  | "bad_request"
  | "invalid_characters";

/**
 * Logs a callback (every one, accepted or refused: the `payment_callbacks` table), and a refused
 * one in the audit log too, so a forged attempt is never silent.
 */
export async function logCallback(
  db: Queryable,
  e: {
    paymentId: string | null;
    outcome: CallbackOutcome;
    rawBody: string;
    remote: string;
    requestId?: string;
  },
): Promise<void> {
  // Kept with the payment's province; a callback for no known payment under the sentinel '00'.
  const province = (e.paymentId && provinceOfId(e.paymentId)) || NATIONAL_PROVINCE;
  await db.query(
    "insert into payment_callbacks (province_code, payment_id, outcome, body, remote) values ($1, $2, $3, $4, $5)",
    [province, e.paymentId, e.outcome, escapeBadCharacters(e.rawBody.slice(0, 4000)), e.remote],
  );
  if (e.outcome !== "accepted" && e.outcome !== "replay") {
    await audit(db, {
      actor: { kind: "bank", id: null },
      action: "payment.callback",
      outcome: "denied",
      resource: e.paymentId ? `payment:${e.paymentId}` : undefined,
      provinceCode: province,
      requestId: e.requestId,
      detail: { outcome: e.outcome, remote: e.remote },
    });
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The bank's payment confirmation. Only a correctly signed callback for the exact amount of an
 * unpaid request is accepted; it records the payment on the dossier's log in one transaction.
 * A replay of an accepted confirmation changes nothing. Every callback is logged.
 */
export async function handleCallback(
  db: Db,
  key: string,
  rawBody: string,
  signature: string | undefined,
  remote: string,
  requestId?: string,
  now: Date = new Date(),
): Promise<CallbackOutcome> {
  const expected = Buffer.from(sign(key, rawBody));
  const given = Buffer.from(signature ?? "");
  let body: { paymentId?: unknown; amount?: unknown; bankRef?: unknown };
  try {
    body = JSON.parse(rawBody) as typeof body;
  } catch {
    body = {};
  }
  let outcome: CallbackOutcome;
  let paymentId: string | null = null;
  // Characters first, signed or not: such a body can never be a payment, and is logged as such.
  if (hasBadCharacters(rawBody) || findBadCharacters(body, "body")) outcome = "invalid_characters";
  else if (given.length !== expected.length || !timingSafeEqual(given, expected)) outcome = "bad_signature";
  else if (
    typeof body.paymentId !== "string" ||
    typeof body.amount !== "number" ||
    typeof body.bankRef !== "string"
  ) {
    outcome = "bad_request";
  } else if (!UUID.test(body.paymentId)) outcome = "unknown_payment";
  else {
    paymentId = body.paymentId;
    outcome = await recordPayment(db, body.paymentId, body.amount, body.bankRef, now);
  }
  await logCallback(db, { paymentId, outcome, rawBody, remote, requestId });
  return outcome;
}

/**
 * Records a confirmed payment as the dossier's `record_payment` action (role "system"), through the
 * dossiers module's transition, in one transaction with the payment row.
 */
async function recordPayment(
  db: Db,
  paymentId: string,
  amount: number,
  bankRef: string,
  at: Date,
): Promise<CallbackOutcome> {
  const p = await findPayment(db, paymentId);
  if (!p) return "unknown_payment";
  let outcome: CallbackOutcome = "bad_request";
  const result = await systemTransition(db, p.dossierId, {
    type: "record_payment",
    actorId: "demo-bank",
    at,
    payload: { paymentId, amount, bankRef },
    prepare: async (q) => {
      const { rows } = await q.query<{ status: string; amount: number }>(
        "select status, amount from payments where province_code = $1 and id = $2 for update",
        [p.provinceCode, paymentId],
      );
      const locked = rows[0];
      outcome =
        locked?.status === "paid" ? "replay" : amount !== locked?.amount ? "wrong_amount" : "accepted";
      if (outcome !== "accepted") throw new AppError(PaymentErrors.PAYMENT_REJECTED);
      await q.query(
        "update payments set status = 'paid', bank_ref = $3, paid_at = $4 where province_code = $1 and id = $2",
        [p.provinceCode, paymentId, bankRef, at],
      );
      return {};
    },
  });
  if (result.ok) return "accepted";
  // Set inside `prepare` when the payment itself was the reason; otherwise the lifecycle refused.
  const decided = outcome as CallbackOutcome;
  return result.reason === "not_found" ? "unknown_payment" : decided === "accepted" ? "bad_request" : decided;
}
