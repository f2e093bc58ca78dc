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
  DISBURSEMENT_REASON_REQUIRED: {
    status: 400,
    vi: "Hãy ghi lý do chuyển lại khoản tiền (ví dụ: người thụ hưởng cung cấp tài khoản khác).",
    en: "Give the reason for sending the transfer again (e.g. the beneficiary gave another account).",
  },
  ACCOUNT_NUMBER_INVALID: {
    status: 400,
    vi: "Số tài khoản không hợp lệ: chỉ gồm chữ số, từ 6 đến 20 chữ số.",
    en: "The account number is invalid: digits only, 6 to 20 of them.",
  },
  BANK_NAME_INVALID: {
    status: 400,
    vi: "Hãy ghi tên ngân hàng (từ 2 đến 100 ký tự), ví dụ: Vietcombank.",
    en: "Give the bank's name (2 to 100 characters), e.g. Vietcombank.",
  },
  HOLDER_NAME_INVALID: {
    status: 400,
    vi: "Hãy ghi tên chủ tài khoản như trên thẻ hoặc sổ tài khoản (từ 2 đến 100 ký tự).",
    en: "Give the account holder's name as on the card or passbook (2 to 100 characters).",
  },
  ACCOUNT_HOLDER_MISMATCH: {
    status: 400,
    vi: "Tài khoản này không đứng tên bạn theo Cơ sở dữ liệu quốc gia về dân cư: tiền chỉ được chuyển vào tài khoản đứng tên người thụ hưởng. Hãy nhập một tài khoản mang đúng họ tên của bạn.",
    en: "This account is not in your name as the population registry gives it: the money is paid only to an account in the beneficiary's name. Enter an account held in your own name.",
  },
});
