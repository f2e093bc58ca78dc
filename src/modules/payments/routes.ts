import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/client.js";
import { ACCOUNT_NUMBER_PATTERN } from "../../domain/allowances.js";
import { Disbursement, Payment, RefundQueue } from "../../domain/api/payment.js";
import { BANK_REF_PATTERN, TEXT_LIMITS } from "../../domain/inputs.js";
import { DISBURSEMENT_FIXERS, REFUND_VIEWERS, REFUNDERS } from "../../domain/principal.js";
import { formatMoney } from "../../domain/vietnamese-dates.js";
import { invalidCharacters } from "../../kernel/characters.js";
import { AppError } from "../../kernel/errors.js";
import { requireCitizen, requireOfficer } from "../../kernel/guards.js";
import { escapeHtml, page } from "../../kernel/html.js";
import { ErrorResponse, errorResponses, Page } from "../../kernel/schemas.js";
import { getVisibleDossier, getVisibleDossierPart, requestCtx } from "../dossiers/index.js";
import type { ResultServices } from "../results/index.js";
import { correctDisbursementAccount, resendDisbursement } from "./disbursement-fix.js";
import { demoBank, disbursementOf } from "./disbursements.js";
import { PaymentErrors } from "./errors.js";
import {
  COLLECTING_ACCOUNT,
  dossierTakesFee,
  findPayment,
  findPaymentForDossier,
  handleCallback,
  logCallback,
  type PaymentRow,
  RECORDED,
  sign,
} from "./payments.js";
import { findOrIssueReceipt } from "./receipt.js";
import { listRefunds, markRefunded } from "./refunds.js";
import { transfersOf } from "./transfers.js";
import { paymentView } from "./view.js";

/** A bank's reference of a transfer (the refund's, typed by the officer). */
const BankRef = z
  .string()
  .trim()
  .regex(BANK_REF_PATTERN, { message: `letters, digits and - _ . / (1–${TEXT_LIMITS.bankRef})` });

/** A bank account's number (digits only), refused with a stable code on its field. */
const AccountNumber = z
  .string({ error: "ACCOUNT_NUMBER_INVALID" })
  .trim()
  .regex(ACCOUNT_NUMBER_PATTERN, "ACCOUNT_NUMBER_INVALID");
/** A bank's name as the beneficiary writes it. */
const BankName = z
  .string({ error: "BANK_NAME_INVALID" })
  .trim()
  .min(2, "BANK_NAME_INVALID")
  .max(100, "BANK_NAME_INVALID");

/**
 * Fees: payment state with a VietQR code, receipts, the bank's signed callback (when a bank key is
 * configured) and, with DEMO on only, the demo bank's pages (404 otherwise).
 */
export async function paymentRoutes(
  appBase: FastifyInstance,
  opts: {
    db: Db;
    publicUrl: string;
    publicRateLimit: number;
    demo: boolean;
    bankKey: string | undefined;
    /** Where signed documents are stored and the key that signs them (the receipt is one). */
    documents: ResultServices;
    now?: () => Date;
  },
) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const { db } = opts;
  const now = opts.now ?? (() => new Date());
  const Id = z.object({ id: z.uuid() });

  app.get(
    "/api/dossiers/:id/payment",
    {
      schema: {
        tags: ["payments"],
        summary: "Fee of a dossier: amount after the online discount, VietQR payment request, state, receipt",
        params: Id,
        response: {
          200: Payment,
          ...errorResponses,
        },
      },
    },
    async (req) => {
      // The fee's state is always there ("not_required" without a payment request).
      const d = await getVisibleDossier(requestCtx(req, db), req.params.id, "payment");
      return paymentView(db, d, await findPaymentForDossier(db, d), opts.demo);
    },
  );

  app.get(
    "/api/officer/refunds",
    {
      schema: {
        tags: ["payments"],
        summary:
          "Officer: the refund queue of my jurisdiction: bank transfers owed back (overpaid, paid twice, or after the dossier closed), or refunded",
        querystring: Page.extend({ status: z.enum(["due", "done"]).default("due") }),
        response: { 200: RefundQueue, ...errorResponses },
      },
    },
    async (req) => listRefunds(db, requireOfficer(req, REFUND_VIEWERS), req.query),
  );

  app.post(
    "/api/officer/refunds/:id",
    {
      schema: {
        tags: ["payments"],
        summary: "Officer: record that the money owed back on a bank transfer was refunded",
        params: Id,
        body: z.object({ refundRef: BankRef }).strict(),
        response: { 200: z.object({ ok: z.literal(true) }), ...errorResponses, 409: ErrorResponse },
      },
    },
    async (req) => {
      await markRefunded(
        db,
        requireOfficer(req, REFUNDERS),
        req.params.id,
        req.body.refundRef,
        now(),
        req.id,
      );
      return { ok: true as const };
    },
  );

  app.get(
    "/api/dossiers/:id/disbursement",
    {
      schema: {
        tags: ["payments"],
        summary:
          "An allowance paid to the beneficiary's bank account: amount, account (masked), transfer state",
        params: Id,
        response: { 200: Disbursement, ...errorResponses },
      },
    },
    async (req) => {
      const { part } = await getVisibleDossierPart(requestCtx(req, db), req.params.id, "payment", (d) =>
        disbursementOf(db, d.provinceCode, d.id),
      );
      return part;
    },
  );

  app.post(
    "/api/dossiers/:id/disbursement/resend",
    {
      schema: {
        tags: ["payments"],
        summary:
          "Paying agency's officer: correct a flagged allowance transfer's account, or send it again (audited)",
        params: Id,
        body: z
          .object({
            accountNumber: AccountNumber.optional(),
            bank: BankName.optional(),
            // Missing or blank: a stable code in both languages, on the field (not the validator's words).
            reason: z
              .string({ error: "DISBURSEMENT_REASON_REQUIRED" })
              .trim()
              .min(1, "DISBURSEMENT_REASON_REQUIRED")
              .max(TEXT_LIMITS.reason),
          })
          .strict(),
        response: { 200: Disbursement, ...errorResponses, 409: ErrorResponse },
      },
    },
    async (req) =>
      resendDisbursement(
        requestCtx(req, db),
        requireOfficer(req, DISBURSEMENT_FIXERS),
        req.params.id,
        req.body,
        now(),
      ),
  );

  // The beneficiary's own correction checks the account with the bank as the transfer does.
  const bank = opts.bankKey ? demoBank(opts.bankKey, now) : undefined;
  app.post(
    "/api/dossiers/:id/disbursement/account",
    {
      schema: {
        tags: ["payments"],
        summary:
          "Applicant: correct the bank account of her stopped allowance transfer (checked: format, holder's name, the bank's holder); sent again (audited)",
        params: Id,
        body: z
          .object({
            bank: BankName,
            accountNumber: AccountNumber,
            holderName: z
              .string({ error: "HOLDER_NAME_INVALID" })
              .trim()
              .min(2, "HOLDER_NAME_INVALID")
              .max(100, "HOLDER_NAME_INVALID"),
          })
          .strict(),
        response: { 200: Disbursement, ...errorResponses, 409: ErrorResponse },
      },
    },
    async (req) =>
      correctDisbursementAccount(
        requestCtx(req, db),
        requireCitizen(req),
        req.params.id,
        req.body,
        bank,
        now(),
      ),
  );

  app.get(
    "/api/dossiers/:id/payment/receipt",
    { schema: { tags: ["payments"], summary: "Receipt of a paid fee (PDF)", params: Id } },
    async (req, reply) => {
      // A receipt only once paid: before that, NOT_FOUND and nothing read.
      const { dossier: d, part } = await getVisibleDossierPart(
        requestCtx(req, db),
        req.params.id,
        "receipt",
        async (d) => {
          const p = await findPaymentForDossier(db, d);
          return p?.status === "paid" && p.paidAt ? { ...p, paidAt: p.paidAt } : undefined;
        },
      );
      const receipt = await findOrIssueReceipt(db, opts.documents, d, part);
      const bytes = await opts.documents.store.get(receipt.sha256);
      if (!bytes) throw new AppError("NOT_FOUND");
      return reply
        .type("application/pdf")
        .header("content-disposition", `attachment; filename="bien-lai-${d.code ?? d.id}.pdf"`)
        .header("cache-control", "private, no-store")
        .send(bytes);
    },
  );

  const bankKey = opts.bankKey;
  if (!bankKey) return;

  // The demo bank (DEMO on only): a page of "the bank" where the citizen confirms; the bank then calls us back.
  if (opts.demo) {
    // The bank asks for what is still owed (the amount in the VietQR code).
    const owedOn = async (p: PaymentRow) =>
      p.amount - (await transfersOf(db, p)).reduce((sum, t) => sum + t.applied, 0);
    const bankPage = (p: PaymentRow, owed: number, body: string) =>
      page(
        "Ngân hàng thử nghiệm / Demo bank",
        `<main class="narrow"><h1>Ngân hàng thử nghiệm <span lang="en">/ Demo bank</span></h1>
<p class="demo">Mô phỏng ngân hàng để thử thanh toán. <span lang="en">A simulated bank for trying payments.</span></p>
<p>Số tiền <span lang="en">/ Amount</span>: <strong>${escapeHtml(formatMoney(owed))}</strong></p>
<p>Nội dung <span lang="en">/ Reference</span>: <code>${escapeHtml(p.transferContent)}</code></p>
<p>Người nhận <span lang="en">/ Payee</span>: ${escapeHtml(COLLECTING_ACCOUNT.accountName)}</p>${body}</main>`,
      );

    const closedNote = `<p data-testid="demo-bank-closed">${escapeHtml(PaymentErrors.PAYMENT_CLOSED.vi)} <span lang="en">${escapeHtml(PaymentErrors.PAYMENT_CLOSED.en)}</span></p>`;
    const backLink = (p: PaymentRow) =>
      `<p><a href="/ho-so/${p.dossierId}">Quay lại hồ sơ / Back to the dossier</a></p>`;

    app.get("/demo-bank/pay/:id", { schema: { hide: true, params: Id } }, async (req, reply) => {
      const p = await findPayment(db, req.params.id);
      if (!p) throw new AppError("NOT_FOUND");
      // A withdrawn, refused or rejected dossier is offered no payment (the bank asks for nothing).
      if (p.status !== "paid" && !(await dossierTakesFee(db, p)))
        return reply.type("text/html").send(bankPage(p, 0, `${closedNote}${backLink(p)}`));
      const body =
        p.status === "paid"
          ? `<p>Đã thanh toán. <span lang="en">Already paid.</span></p>${backLink(p)}`
          : `<form method="post" action="/demo-bank/pay/${p.id}"><button type="submit" data-testid="demo-bank-confirm">Xác nhận thanh toán <span lang="en">/ Confirm payment</span></button></form>`;
      return reply.type("text/html").send(bankPage(p, await owedOn(p), body));
    });

    app.post(
      "/demo-bank/pay/:id",
      { config: { csrf: false }, schema: { hide: true, params: Id } },
      async (req, reply) => {
        const p = await findPayment(db, req.params.id);
        if (!p) throw new AppError("NOT_FOUND");
        if (p.status === "unpaid" && !(await dossierTakesFee(db, p)))
          return reply
            .code(PaymentErrors.PAYMENT_CLOSED.status)
            .type("text/html")
            .send(bankPage(p, 0, `${closedNote}${backLink(p)}`));
        if (p.status === "unpaid") {
          const body = JSON.stringify({
            paymentId: p.id,
            amount: await owedOn(p),
            bankRef: `DEMO${randomBytes(6).toString("hex").toUpperCase()}`,
            paidAt: new Date().toISOString(),
          });
          // The bank calls the platform over real HTTP, signing the body with the shared key.
          const res = await fetch(`${opts.publicUrl}/api/payments/demo-bank/callback`, {
            method: "POST",
            headers: { "content-type": "application/json", "x-bank-signature": sign(bankKey, body) },
            body,
          });
          if (!res.ok) throw new AppError(PaymentErrors.PAYMENT_REJECTED);
        }
        return reply.redirect(`/ho-so/${p.dossierId}`, 303);
      },
    );
  }

  // The callback needs the exact bytes that were signed: parse JSON ourselves in this scope.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      "application/json",
      { parseAs: "buffer", bodyLimit: 16 * 1024 },
      (_req, body, done) => done(null, body),
    );
    const logged = Symbol("callback logged");
    scope.post(
      "/api/payments/demo-bank/callback",
      {
        config: {
          csrf: false,
          checksOwnBody: true,
          rateLimit: { max: opts.publicRateLimit, timeWindow: "1 minute" },
        },
        schema: {
          tags: ["payments"],
          summary: "Bank → platform: HMAC-signed payment confirmation (x-bank-signature)",
        },
        // Refused before the handler (too large, not JSON, bad URL): logged all the same. Not a
        // rate-limited flood: writing a row per refused request would amplify it into the database.
        onError: async (req, _reply, err) => {
          const flood = err instanceof AppError && err.code === "RATE_LIMITED";
          if ((req as unknown as Record<symbol, boolean>)[logged] || flood) return;
          await logCallback(db, {
            paymentId: null,
            outcome: "bad_request",
            rawBody: Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "",
            remote: req.ip,
            requestId: req.id,
          }).catch((e) => req.log.error({ err: e, cause: err }, "payment callback not logged"));
        },
      },
      async (req, reply) => {
        const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const signature = req.headers["x-bank-signature"];
        const outcome = await handleCallback(
          db,
          bankKey,
          raw,
          typeof signature === "string" ? signature : undefined,
          req.ip,
          req.id,
          now(),
        );
        (req as unknown as Record<symbol, boolean>)[logged] = true;
        if (RECORDED.has(outcome)) return reply.send({ ok: true, outcome });
        req.log.warn({ outcome }, "payment callback refused");
        if (outcome === "invalid_characters") throw invalidCharacters("body");
        throw new AppError(PaymentErrors.PAYMENT_REJECTED, [
          { field: "body", messageVi: `Từ chối: ${outcome}`, messageEn: `Refused: ${outcome}` },
        ]);
      },
    );
  });
}
