import { defineErrors } from "../../kernel/errors.js";

/** Errors of fees and payment confirmations. */
export const PaymentErrors = defineErrors({
  PAYMENT_REJECTED: {
    status: 400,
    vi: "Xác nhận thanh toán không hợp lệ.",
    en: "The payment confirmation is not valid.",
  },
  PAYMENT_CLOSED: {
    status: 409,
    vi: "Hồ sơ đã rút, bị từ chối hoặc không được tiếp nhận: không thể thanh toán lệ phí.",
    en: "The dossier was withdrawn, refused or rejected: its fee cannot be paid.",
  },
  REFUND_REF_TAKEN: {
    status: 409,
    vi: "Mã giao dịch hoàn trả này đã được ghi cho một khoản hoàn trả khác.",
    en: "This refund bank reference is already recorded for another refund.",
  },
  REFUND_NOT_DUE: {
    status: 409,
    vi: "Khoản chuyển này không có tiền phải hoàn trả, hoặc đã được hoàn trả.",
    en: "Nothing is owed back on this transfer, or it was refunded already.",
  },
  DISBURSEMENT_NOT_FLAGGED: {
    status: 409,
    vi: "Khoản chi trả này không ở trạng thái cần xử lý (đang chuyển hoặc đã chuyển xong).",
    en: "This allowance transfer is not stopped for an officer (it is under way or paid).",
  },
});
