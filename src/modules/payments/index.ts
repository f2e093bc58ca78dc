/** Fees: VietQR payment requests, the bank's signed confirmation, receipts; the demo bank. */
export {
  DISBURSEMENT_MAX_ATTEMPTS,
  type DisbursementBank,
  type DisbursementView,
  demoBank,
  disbursementEffect,
  disbursementOf,
  registerDisbursements,
  wireAllowancePayments,
} from "./disbursements.js";
export { PaymentErrors } from "./errors.js";
export {
  BANK_CALLBACK_PATH,
  logRefusedCallback,
  openPaymentOnHeadConsent,
  openPaymentRequest,
  sign,
} from "./payments.js";
export { type ReceiptInput, receiptDocument } from "./receipt.js";
export { paymentRoutes } from "./routes.js";
export { closedDossierRefundEffect } from "./transfers.js";
