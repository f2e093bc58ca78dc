import type { ErrorBody, FieldIssue } from "../domain/api/errors.js";

export type { ErrorBody, FieldIssue } from "../domain/api/errors.js";

/**
 * Errors: every module owns its codes (`<module>/errors.ts`, made with `defineErrors`); this kernel
 * owns the generic ones below. Services throw AppError; the server's error handler alone maps it
 * to HTTP. Codes are stable: clients and tests rely on them.
 */
export type ErrorDef = {
  readonly code: string;
  readonly status: number;
  readonly vi: string;
  readonly en: string;
};
type Table = Record<string, { status: number; vi: string; en: string }>;

const registry = new Map<string, ErrorDef>();

/** Registers a module's error codes (unique across the platform) and returns them by name. */
export function defineErrors<T extends Table>(
  table: T,
): { readonly [K in keyof T & string]: ErrorDef & { code: K } } {
  const out: Record<string, ErrorDef> = {};
  for (const [code, d] of Object.entries(table)) {
    const existing = registry.get(code);
    if (existing && (existing.status !== d.status || existing.en !== d.en))
      throw new Error(`error code ${code} defined twice`);
    const def = { code, ...d };
    registry.set(code, def);
    out[code] = def;
  }
  return out as { readonly [K in keyof T & string]: ErrorDef & { code: K } };
}

/** The definition of a registered code (e.g. a code named in a zod refinement message). */
export function findErrorDef(code: string): ErrorDef | undefined {
  return registry.get(code);
}

/** Generic codes, used by every module and by the HTTP edge. */
export const KernelErrors = defineErrors({
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
  RESERVED_JSON_KEY: {
    status: 400,
    vi: 'Nội dung JSON có khóa dành riêng ("__proto__" hoặc "constructor") nên không được nhận; hãy bỏ khóa đó.',
    en: 'The JSON body holds a reserved key ("__proto__" or "constructor"), which is refused; leave that key out.',
  },
  BODY_REQUIRED: {
    status: 400,
    vi: "Yêu cầu này cần có nội dung (JSON) nhưng không nhận được nội dung nào.",
    en: "This request needs a body (JSON), and none was sent.",
  },
  MALFORMED_REQUEST: {
    status: 400,
    vi: "Yêu cầu HTTP sai cú pháp.",
    en: "The HTTP request is malformed.",
  },
  INVALID_CHARACTERS: {
    status: 400,
    vi: "Dữ liệu gửi lên có ký tự không hợp lệ.",
    en: "The request contains characters that are not allowed.",
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    vi: "Kiểu nội dung không được hỗ trợ.",
    en: "Unsupported content type.",
  },
  PAYLOAD_TOO_LARGE: { status: 413, vi: "Dữ liệu gửi lên quá lớn.", en: "The request body is too large." },
  HEADERS_TOO_LARGE: {
    status: 431,
    vi: "Phần đầu (header) của yêu cầu quá lớn.",
    en: "The request's headers are too large.",
  },
  REQUEST_TIMEOUT: {
    status: 408,
    vi: "Yêu cầu gửi đến quá chậm nên đã bị ngắt; vui lòng gửi lại.",
    en: "The request arrived too slowly and was cut off; please send it again.",
  },
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
  RATE_LIMITED: {
    status: 429,
    vi: "Quá nhiều yêu cầu, vui lòng thử lại sau.",
    en: "Too many requests, please retry later.",
  },
  TOO_MANY_UPLOADS: {
    status: 429,
    vi: "Bạn đang tải lên quá nhiều tệp cùng lúc; hãy chờ tệp trước hoàn tất.",
    en: "Too many uploads at once; wait for the previous ones to finish.",
  },
  INTERNAL: {
    status: 500,
    vi: "Đã có lỗi hệ thống, vui lòng thử lại.",
    en: "An internal error occurred, please retry.",
  },
  UNAVAILABLE: { status: 503, vi: "Hệ thống tạm thời chưa sẵn sàng.", en: "The service is not ready yet." },
  CALENDAR_YEAR_MISSING: {
    status: 503,
    vi: "Lịch ngày làm việc của năm cần tính chưa được cập nhật. Vui lòng thử lại sau.",
    en: "The working-day calendar of the year needed has not been loaded yet. Please retry later.",
  },
});
export type KernelErrorCode = keyof typeof KernelErrors;

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  private readonly def: ErrorDef;
  /** `error` is a kernel code ("NOT_FOUND") or a module's definition (`DossierErrors.FORM_INVALID`). */
  constructor(
    error: KernelErrorCode | ErrorDef,
    readonly details?: FieldIssue[],
    readonly messages?: { vi: string; en: string },
  ) {
    const def = typeof error === "string" ? KernelErrors[error] : error;
    super(messages?.en ?? def.en);
    this.name = "AppError";
    this.def = def;
    this.code = def.code;
    this.status = def.status;
  }

  toBody(requestId?: string): ErrorBody {
    return {
      error: {
        code: this.code,
        status: this.status,
        messageVi: this.messages?.vi ?? this.def.vi,
        messageEn: this.messages?.en ?? this.def.en,
        ...(this.details && this.details.length > 0 ? { details: this.details } : {}),
        ...(requestId ? { requestId } : {}),
      },
    };
  }
}

/**
 * A validator's message without the heading it starts with ("Too small: expected string to have
 * >=8 characters" gives "expected string to have >=8 characters"), so that our own heading is not
 * said twice; a message that is only a heading of that kind ("Invalid UUID") is kept whole and
 * `whole` is true (it is said alone).
 */
export function issueDetail(message: string): { text: string; whole: boolean } {
  const headed = /^(?:too (?:small|big)|invalid [a-z ]{1,30}|unrecognized keys?)\s*:\s*(.+)$/is.exec(message);
  if (headed?.[1]) return { text: headed[1], whole: false };
  return { text: message, whole: /^(?:invalid|too (?:small|big)|unrecognized)\b/i.test(message) };
}
