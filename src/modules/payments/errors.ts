import { defineErrors } from "../../kernel/errors.js";

/** Errors of fees and payment confirmations. */
export const PaymentErrors = defineErrors({
  PAYMENT_REJECTED: {
    status: 400,
    vi: "Xác nhận thanh toán không hợp lệ.",
    en: "The payment confirmation is not valid.",
  },
  REFUND_NOT_DUE: {
    status: 409,
    vi: "Khoản chuyển này không có tiền phải hoàn trả, hoặc đã được hoàn trả.",
    en: "Nothing is owed back on this transfer, or it was refunded already.",
  },
});
