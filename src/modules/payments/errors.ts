import { defineErrors } from "../../kernel/errors.js";

/** Errors of fees and payment confirmations. */
export const PaymentErrors = defineErrors({
  PAYMENT_REJECTED: {
    status: 400,
    vi: "Xác nhận thanh toán không hợp lệ.",
    en: "The payment confirmation is not valid.",
  },
});
