/**
 * The one error shape of the API: a stable code, a Vietnamese and an English message, and
 * optional field details. Services throw AppError; the server's error handler alone maps it
 * to HTTP.
 */
export type FieldIssue = { field: string; messageVi: string; messageEn: string };

export type ErrorBody = {
  error: {
    code: string;
    status: number;
    messageVi: string;
    messageEn: string;
    details?: FieldIssue[];
    requestId?: string;
  };
};

export const ERRORS = {
  VALIDATION_FAILED: { status: 400, vi: "Dữ liệu gửi lên không hợp lệ.", en: "The request data is invalid." },
  INVALID_PERSONAL_NUMBER: {
    status: 400,
    vi: "Số định danh cá nhân không hợp lệ.",
    en: "The personal identification number is invalid.",
  },
  UNKNOWN_COMMUNE: {
    status: 400,
    vi: "Mã đơn vị hành chính cấp xã không tồn tại.",
    en: "Unknown commune code.",
  },
  UNKNOWN_PROVINCE: { status: 400, vi: "Mã tỉnh, thành phố không tồn tại.", en: "Unknown province code." },
  INVALID_JSON: {
    status: 400,
    vi: "Nội dung JSON không đọc được.",
    en: "The JSON body could not be parsed.",
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    vi: "Kiểu nội dung không được hỗ trợ.",
    en: "Unsupported content type.",
  },
  PAYLOAD_TOO_LARGE: { status: 413, vi: "Dữ liệu gửi lên quá lớn.", en: "The request body is too large." },
  UNAUTHENTICATED: { status: 401, vi: "Bạn cần đăng nhập.", en: "You need to sign in." },
  INVALID_TOKEN: {
    status: 401,
    vi: "Mã truy cập không hợp lệ hoặc đã hết hạn.",
    en: "The access token is invalid or expired.",
  },
  CSRF_INVALID: {
    status: 403,
    vi: "Yêu cầu thiếu mã chống giả mạo (CSRF) hợp lệ.",
    en: "The request lacks a valid anti-forgery (CSRF) token.",
  },
  FORBIDDEN: {
    status: 403,
    vi: "Bạn không có quyền thực hiện thao tác này.",
    en: "You are not allowed to do this.",
  },
  NOT_FOUND: { status: 404, vi: "Không tìm thấy.", en: "Not found." },
  CONFLICT: { status: 409, vi: "Dữ liệu đã tồn tại.", en: "This already exists." },
  PROCEDURE_INVALID: {
    status: 400,
    vi: "Định nghĩa thủ tục không hợp lệ.",
    en: "The procedure definition is invalid.",
  },
  PROCEDURE_NOT_PUBLISHED: {
    status: 409,
    vi: "Thủ tục chưa được công bố hoặc đã được công bố.",
    en: "The procedure version is not in a state that allows this.",
  },
  FORM_INVALID: { status: 400, vi: "Biểu mẫu còn trường chưa hợp lệ.", en: "Some form fields are invalid." },
  PREFILL_TAMPERED: {
    status: 400,
    vi: "Thông tin lấy từ cơ sở dữ liệu đã bị sửa đổi; không thể nộp hồ sơ.",
    en: "Registry-sourced values were altered; the dossier cannot be submitted.",
  },
  ILLEGAL_TRANSITION: {
    status: 409,
    vi: "Thao tác không hợp lệ ở trạng thái hiện tại của hồ sơ.",
    en: "This action is not allowed in the dossier's current status.",
  },
  IDEMPOTENCY_CONFLICT: {
    status: 409,
    vi: "Mã chống gửi trùng (Idempotency-Key) đã được dùng cho một yêu cầu khác.",
    en: "The Idempotency-Key was already used for a different request.",
  },
  UPLOAD_TYPE_MISMATCH: {
    status: 415,
    vi: "Nội dung tệp không khớp với loại tệp cho phép.",
    en: "The file's content does not match an accepted type.",
  },
  UPLOAD_TOO_LARGE: {
    status: 413,
    vi: "Tệp vượt quá dung lượng cho phép.",
    en: "The file exceeds the size limit.",
  },
  COMPONENT_MISSING: {
    status: 400,
    vi: "Hồ sơ còn thiếu giấy tờ bắt buộc.",
    en: "A required dossier component is missing.",
  },
  PAYMENT_REQUIRED: { status: 402, vi: "Hồ sơ chưa nộp phí, lệ phí.", en: "The fee has not been paid." },
  PAYMENT_REJECTED: {
    status: 400,
    vi: "Xác nhận thanh toán không hợp lệ.",
    en: "The payment confirmation is not valid.",
  },
  RATE_LIMITED: {
    status: 429,
    vi: "Quá nhiều yêu cầu, vui lòng thử lại sau.",
    en: "Too many requests, please retry later.",
  },
  SIGN_IN_FAILED: { status: 401, vi: "Đăng nhập không thành công.", en: "Sign-in failed." },
  INTERNAL: {
    status: 500,
    vi: "Đã có lỗi hệ thống, vui lòng thử lại.",
    en: "An internal error occurred, please retry.",
  },
  CALENDAR_YEAR_MISSING: {
    status: 503,
    vi: "Lịch ngày làm việc của năm cần tính chưa được cập nhật. Vui lòng thử lại sau.",
    en: "The working-day calendar of the year needed has not been loaded yet. Please retry later.",
  },
  UNAVAILABLE: { status: 503, vi: "Hệ thống tạm thời chưa sẵn sàng.", en: "The service is not ready yet." },
} as const satisfies Record<string, { status: number; vi: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details?: FieldIssue[],
    readonly messages?: { vi: string; en: string },
  ) {
    super(messages?.en ?? ERRORS[code].en);
    this.name = "AppError";
    this.status = ERRORS[code].status;
  }

  toBody(requestId?: string): ErrorBody {
    const base = ERRORS[this.code];
    return {
      error: {
        code: this.code,
        status: this.status,
        messageVi: this.messages?.vi ?? base.vi,
        messageEn: this.messages?.en ?? base.en,
        ...(this.details && this.details.length > 0 ? { details: this.details } : {}),
        ...(requestId ? { requestId } : {}),
      },
    };
  }
}

export const notFound = () => new AppError("NOT_FOUND");
