import { createHmac, timingSafeEqual } from "node:crypto";
import { BanksObject, QRPay } from "vietnam-qr-pay";
import type { Db, Queryable } from "../../db/client.js";
import { first, qb, run } from "../../db/query.js";
import { BANK_REF_PATTERN } from "../../domain/inputs.js";
import { TRANSITIONS } from "../../domain/lifecycle.js";
import {
  decodeUtf8,
  escapeBadCharacters,
  findBadCharacters,
  hasBadCharacters,
} from "../../kernel/characters.js";
import { localityId, NATIONAL_PROVINCE, provinceOfId } from "../../kernel/locality.js";
import { audit } from "../audit/index.js";
import { type DossierRow, needsHeadConsent, type TransitionEffect } from "../dossiers/index.js";
import {
  dossierCodeOfTransferContent,
  provinceOfDossierCode,
  transferContentOf,
} from "./transfer-content.js";
import { recordTransfer, type TransferOutcome } from "./transfers.js";

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

/** The payments' rows as `PaymentRow` names them. */
const payments = () =>
  qb
    .selectFrom("payments")
    .select([
      "id",
      "dossier_id as dossierId",
      "amount",
      "status",
      "transfer_content as transferContent",
      "bank_ref as bankRef",
      "paid_at as paidAt",
      "province_code as provinceCode",
    ]);

export async function findPaymentForDossier(
  q: Queryable,
  d: { id: string; provinceCode: string },
): Promise<PaymentRow | undefined> {
  return first(q, payments().where("province_code", "=", d.provinceCode).where("dossier_id", "=", d.id));
}

/** A payment by its id, which carries its province (src/kernel/locality.ts); any other id finds none. */
export async function findPayment(q: Queryable, id: string): Promise<PaymentRow | undefined> {
  const province = provinceOfId(id);
  if (!province) return undefined;
  return first(q, payments().where("province_code", "=", province).where("id", "=", id));
}

/**
 * Whether the payment's dossier can still take its fee: the statuses `record_payment` starts from
 * (src/domain/lifecycle.ts); never once it is withdrawn, refused, rejected or decided.
 */
export async function dossierTakesFee(q: Queryable, p: Pick<PaymentRow, "dossierId" | "provinceCode">) {
  const d = await first(
    q,
    qb
      .selectFrom("dossiers")
      .select("status")
      .where("province_code", "=", p.provinceCode)
      .where("id", "=", p.dossierId),
  );
  return d !== undefined && (TRANSITIONS.record_payment.from as readonly string[]).includes(d.status);
}

/**
 * The payment request a bank's transfer content names (any form `transferContentOf` writes, as the
 * bank reports it); undefined when it names no dossier that has one.
 */
export async function findPaymentByTransferContent(
  q: Queryable,
  content: string,
): Promise<PaymentRow | undefined> {
  const code = dossierCodeOfTransferContent(content);
  const province = code && provinceOfDossierCode(code);
  if (!code || !province) return undefined;
  const { rows } = await q.query<{ id: string }>(
    `select p.id from payments p
       join dossiers d on d.province_code = p.province_code and d.id = p.dossier_id
      where p.province_code = $1 and d.province_code = $1 and d.code = $2`,
    [province, code],
  );
  return rows[0] ? findPayment(q, rows[0].id) : undefined;
}

/**
 * Opens the dossier's payment request: an online dossier that owes a fee (at the counter the fee
 * is paid in person), once (one per dossier). Whether one was opened now.
 */
async function openRequest(q: Queryable, d: DossierRow): Promise<boolean> {
  if (d.feeAmount <= 0 || d.channel === "counter" || !d.code) return false;
  const opened = await first(
    q,
    qb
      .insertInto("payments")
      .values({
        id: localityId(d.provinceCode),
        dossier_id: d.id,
        amount: d.feeAmount,
        status: "unpaid",
        transfer_content: transferContentOf(d.code),
        province_code: d.provinceCode,
      })
      .onConflict((c) => c.columns(["province_code", "dossier_id"]).doNothing())
      .returning("id"),
  );
  return opened !== undefined;
}

/**
 * Effect of the dossier's `submit`, in its transaction: an online dossier that owes a fee gets its
 * payment request; but a spouse's request into a household whose head must consent (Law on
 * Residence 2020, Art. 21; `needsHeadConsent`) is not asked to pay before the head agrees: its
 * request opens on the head's consent (`openPaymentOnHeadConsent`), so a refusal leaves nothing
 * charged. Until then the fee reads `awaiting_consent` (./view.ts).
 */
export const openPaymentRequest: TransitionEffect = async (q, { dossier: d }) => {
  if (needsHeadConsent(d.form)) return undefined;
  await openRequest(q, d);
  return undefined;
};

/**
 * Effect of `head_consent` (the head of the household a spouse joins agreed), in its transaction:
 * the payment request the submission held back is opened now, for the fee fixed at submission;
 * `feeDue` (đồng) in the action's payload tells the applicant to pay.
 */
export const openPaymentOnHeadConsent: TransitionEffect = async (q, { dossier: d }) =>
  (await openRequest(q, d)) ? { feeDue: d.feeAmount } : undefined;

/**
 * The EMVCo (VietQR) payload a banking app scans to pay this exact amount with this reference.
 * The purpose is the whole transfer content, never cut (`transferContentOf` keeps it within 25).
 */
export function vietQrPayload(p: Pick<PaymentRow, "amount" | "transferContent">): string {
  return QRPay.initVietQR({
    bankBin: COLLECTING_ACCOUNT.bankBin,
    bankNumber: COLLECTING_ACCOUNT.accountNumber,
    amount: String(p.amount),
    purpose: p.transferContent.replace(/[^A-Za-z0-9 .-]/g, " "),
  }).build();
}

export function sign(key: string, body: string | Uint8Array): string {
  return createHmac("sha256", key).update(body).digest("hex");
}

export type CallbackOutcome =
  | TransferOutcome
  | "bad_signature"
  | "unknown_payment"
  | "bad_request"
  | "invalid_characters";

/** Outcomes the bank is thanked for (200): the transfer is recorded, or was already. */
export const RECORDED: ReadonlySet<CallbackOutcome> = new Set([
  "accepted",
  "partial",
  "refund_due",
  "replay",
]);

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
  await run(
    db,
    qb.insertInto("payment_callbacks").values({
      province_code: province,
      payment_id: e.paymentId,
      outcome: e.outcome,
      body: escapeBadCharacters(e.rawBody.slice(0, 4000)),
      remote: e.remote,
    }),
  );
  if (!RECORDED.has(e.outcome)) {
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

/** The path of the bank's callback (payment routes). */
export const BANK_CALLBACK_PATH = "/api/payments/demo-bank/callback";

/**
 * A callback refused by Node's HTTP parser before any route ran (a control character in
 * `x-bank-signature`, say): `requestLine` is the start of the raw packet the parser kept. When it
 * names the callback path, the attempt is logged (`logCallback`, outcome `invalid_characters`, no
 * body: none was read); returns whether it was. Never throws: the caller is an error handler.
 */
export async function logRefusedCallback(
  db: Queryable,
  requestLine: string,
  remote: string,
): Promise<boolean> {
  const target = /^[A-Z]+ (\S+)/.exec(requestLine)?.[1]?.split("?")[0];
  if (target !== BANK_CALLBACK_PATH) return false;
  try {
    await logCallback(db, { paymentId: null, outcome: "invalid_characters", rawBody: "", remote });
    return true;
  } catch {
    return false;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The largest single transfer recorded, in đồng (the column is a 32-bit integer). */
const MAX_TRANSFER = 2_000_000_000;

/**
 * The bank's confirmation of a transfer. A correctly signed one is genuine: the transfer is
 * recorded whatever it is (`recordTransfer`: the fee paid, a part of it, or money owed back when
 * it is too much, late, or for a closed dossier), never refused. A replay of the same bank
 * transaction changes nothing. Refused: bytes that are not UTF-8 text, NUL or a lone surrogate
 * (`invalid_characters`), a bad signature, an unreadable body, an amount that is
 * not a whole number of đồng above zero, an unknown payment request. The body names the payment
 * request by `paymentId`, or else by the transfer `content` as the bank received it
 * (`findPaymentByTransferContent`). Every callback is logged.
 */
export async function handleCallback(
  db: Db,
  key: string,
  bytes: Uint8Array,
  signature: string | undefined,
  remote: string,
  requestId?: string,
  now: Date = new Date(),
): Promise<CallbackOutcome> {
  // Undefined when the bytes are not UTF-8; logged then as Node decodes them (U+FFFD in place).
  const text = decodeUtf8(bytes);
  const rawBody = text ?? Buffer.from(bytes).toString("utf8");
  const expected = Buffer.from(sign(key, bytes));
  const given = Buffer.from(signature ?? "");
  let body: { paymentId?: unknown; content?: unknown; amount?: unknown; bankRef?: unknown };
  try {
    body = JSON.parse(rawBody) as typeof body;
  } catch {
    body = {};
  }
  let outcome: CallbackOutcome;
  let paymentId: string | null = null;
  // Characters first, signed or not: such a body can never be a payment, and is logged as such.
  if (text === undefined || hasBadCharacters(text) || findBadCharacters(body, "body"))
    outcome = "invalid_characters";
  else if (given.length !== expected.length || !timingSafeEqual(given, expected)) outcome = "bad_signature";
  else if (
    (typeof body.paymentId !== "string" && typeof body.content !== "string") ||
    typeof body.amount !== "number" ||
    !Number.isSafeInteger(body.amount) ||
    body.amount <= 0 ||
    body.amount > MAX_TRANSFER ||
    typeof body.bankRef !== "string" ||
    !BANK_REF_PATTERN.test(body.bankRef)
  ) {
    outcome = "bad_request";
  } else {
    // The payment request by its id, or else by the transfer content the citizen's bank carried.
    const byId = typeof body.paymentId === "string";
    if (byId && UUID.test(String(body.paymentId))) paymentId = String(body.paymentId);
    const p = byId
      ? paymentId
        ? await findPayment(db, paymentId)
        : undefined
      : await findPaymentByTransferContent(db, String(body.content));
    if (p) paymentId = p.id;
    outcome = p
      ? await recordTransfer(db, p, { amount: body.amount, bankRef: body.bankRef, at: now })
      : "unknown_payment";
  }
  await logCallback(db, { paymentId, outcome, rawBody, remote, requestId });
  return outcome;
}
