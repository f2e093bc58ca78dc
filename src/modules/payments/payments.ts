import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { BanksObject, QRPay } from "vietnam-qr-pay";
import type { Db, Queryable } from "../../db/client.js";
import { escapeBadCharacters, findBadCharacters, hasBadCharacters } from "../../server/edge.js";
import { AppError } from "../../server/errors.js";
import { audit } from "../audit/audit.js";
import { apply, check, reduce } from "../dossiers/lifecycle.js";
import { appendAction, enqueue, findDossier, loadLog } from "../dossiers/repository.js";

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
  dossierId: string,
): Promise<PaymentRow | undefined> {
  const { rows } = await q.query<PaymentRow>(`select ${COLUMNS} from payments where dossier_id = $1`, [
    dossierId,
  ]);
  return rows[0];
}

export async function findPayment(q: Queryable, id: string): Promise<PaymentRow | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  const { rows } = await q.query<PaymentRow>(`select ${COLUMNS} from payments where id = $1`, [id]);
  return rows[0];
}

/** Called inside the submit transaction when the dossier owes a fee. */
export async function createPaymentRequest(
  q: Queryable,
  d: { id: string; code: string; provinceCode: string },
  amount: number,
) {
  await q.query(
    `insert into payments (id, dossier_id, amount, status, transfer_content, province_code)
     values ($1, $2, $3, 'unpaid', $4, $5) on conflict (dossier_id) do nothing`,
    [randomUUID(), d.id, amount, `ML ${d.code}`, d.provinceCode],
  );
}

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
  await db.query(
    "insert into payment_callbacks (payment_id, outcome, body, remote) values ($1, $2, $3, $4)",
    [e.paymentId, e.outcome, escapeBadCharacters(e.rawBody.slice(0, 4000)), e.remote],
  );
  if (e.outcome !== "accepted" && e.outcome !== "replay") {
    await audit(db, {
      actor: { kind: "bank", id: null },
      action: "payment.callback",
      outcome: "denied",
      resource: e.paymentId ? `payment:${e.paymentId}` : undefined,
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
    outcome = await recordPayment(db, body.paymentId, body.amount, body.bankRef);
  }
  await logCallback(db, { paymentId, outcome, rawBody, remote, requestId });
  return outcome;
}

async function recordPayment(
  db: Db,
  paymentId: string,
  amount: number,
  bankRef: string,
): Promise<CallbackOutcome> {
  return db.tx(async (q) => {
    const p = await findPayment(q, paymentId);
    if (!p) return "unknown_payment";
    const d = await findDossier(q, p.dossierId, true);
    if (!d) return "unknown_payment";
    const locked = await findPayment(q, paymentId);
    if (locked?.status === "paid") return "replay";
    if (amount !== p.amount) return "wrong_amount";
    const log = await loadLog(q, d.id);
    const state = reduce(log);
    const at = new Date();
    const action = {
      type: "record_payment" as const,
      at,
      role: "system" as const,
      actorId: "demo-bank",
      channel: d.channel,
    };
    if (!check(state, action).ok) return "bad_request";
    apply(state, action);
    await q.query("update payments set status = 'paid', bank_ref = $2, paid_at = $3 where id = $1", [
      paymentId,
      bankRef,
      at,
    ]);
    await appendAction(q, d, log.length + 1, {
      ...action,
      actorKind: "system",
      payload: { paymentId, amount, bankRef },
    });
    await q.query("update dossiers set last_seq = $2, updated_at = now() where id = $1", [
      d.id,
      log.length + 1,
    ]);
    await enqueue(q, "dossier.record_payment", d.id, { code: d.code, amount, bankRef }, d.provinceCode);
    return "accepted";
  });
}

/** Processing waits for the fee on online dossiers (at the counter it is paid in person). */
export async function requirePaidIfOwed(q: Queryable, d: { id: string; feeAmount: number; channel: string }) {
  if (d.feeAmount <= 0 || d.channel === "counter") return;
  const p = await findPaymentForDossier(q, d.id);
  if (p?.status !== "paid") throw new AppError("PAYMENT_REQUIRED");
}
