/** Fees: VietQR payment requests, the bank's signed confirmation, receipts; the demo bank. */
export { PaymentErrors } from "./errors.js";
export { BANK_CALLBACK_PATH, logRefusedCallback, openPaymentRequest, sign } from "./payments.js";
export { type ReceiptInput, receiptDocument } from "./receipt.js";
export { paymentRoutes } from "./routes.js";
export { closedDossierRefundEffect } from "./transfers.js";
