import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import type { FastifyBaseLogger, FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { CalendarYearMissingError } from "../domain/calendar/index.js";
import { invalidCharacters } from "../kernel/characters.js";
import { AppError, type FieldIssue, findErrorDef, issueDetail } from "../kernel/errors.js";

/** Vietnamese and English wording for the validation issues users meet most. */
function describeIssue(keyword: string, raw: string): { vi: string; en: string } {
  const named = findErrorDef(raw);
  if (named) return { vi: named.vi, en: named.en };
  const { text: message, whole } = issueDetail(raw);
  if (whole) return { ...describeIssue(keyword, ""), en: message };
  switch (keyword) {
    case "invalid_type":
      return { vi: "Sai kiểu dữ liệu hoặc thiếu giá trị.", en: `Wrong type or missing value: ${message}` };
    case "too_small":
      return { vi: "Giá trị quá ngắn hoặc quá nhỏ.", en: `Too short or too small: ${message}` };
    case "too_big":
      return { vi: "Giá trị quá dài hoặc quá lớn.", en: `Too long or too large: ${message}` };
    case "invalid_format":
      return { vi: "Sai định dạng.", en: `Invalid format: ${message}` };
    case "invalid_value":
      return { vi: "Giá trị không nằm trong danh sách cho phép.", en: `Value not allowed: ${message}` };
    case "unrecognized_keys":
      return { vi: "Có trường không được chấp nhận.", en: `Unknown field: ${message}` };
    default:
      return { vi: "Giá trị không hợp lệ.", en: message };
  }
}

/** Maps every error to the one error shape. Validation codes named in a refinement win. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  // Missing holiday data is ours to fix, not the caller's: 503, and readiness warned beforehand.
  if (err instanceof CalendarYearMissingError) {
    return new AppError("CALENDAR_YEAR_MISSING", undefined, {
      vi:
        `Lịch ngày làm việc năm ${err.year} chưa được cập nhật nên chưa tính được thời hạn giải quyết. ` +
        "Vui lòng thử lại sau hoặc báo quản trị hệ thống.",
      en:
        `The working-day calendar of ${err.year} has not been loaded yet, so time limits cannot be computed. ` +
        "Please retry later or tell the system administrator.",
    });
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const context = (err as { validationContext?: string }).validationContext ?? "body";
    const details: FieldIssue[] = err.validation.map((v) => {
      const field = [context, ...v.instancePath.split("/").filter(Boolean)].join(".");
      const m = describeIssue(v.keyword, v.message ?? "");
      return { field, messageVi: m.vi, messageEn: m.en };
    });
    const named = err.validation.map((v) => findErrorDef(v.message ?? "")).find((d) => d !== undefined);
    // A malformed id in the path names nothing that exists ("/api/dossiers/not-a-uuid"): 404, as
    // for a well-formed id that matches nothing, unless the refinement named its own code.
    if (!named && context === "params") return new AppError("NOT_FOUND");
    return new AppError(named ?? "VALIDATION_FAILED", details);
  }
  const fe = err as Partial<FastifyError>;
  switch (fe.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new AppError("PAYLOAD_TOO_LARGE");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new AppError("UNSUPPORTED_MEDIA_TYPE");
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return new AppError("INVALID_JSON");
    case "FST_CSRF_INVALID_TOKEN":
    case "FST_CSRF_MISSING_SECRET":
      return new AppError("CSRF_INVALID");
  }
  if (fe.statusCode === 429) return new AppError("RATE_LIMITED");
  if (fe instanceof SyntaxError) return new AppError("INVALID_JSON");
  if (fe.statusCode === 413) return new AppError("PAYLOAD_TOO_LARGE");
  if (fe.statusCode === 415) return new AppError("UNSUPPORTED_MEDIA_TYPE");
  if (fe.statusCode === 400) return new AppError("VALIDATION_FAILED");
  if (fe.statusCode === 404) return new AppError("NOT_FOUND");
  return new AppError("INTERNAL");
}

export function sendError(err: unknown, request: FastifyRequest, reply: FastifyReply) {
  const appErr = toAppError(err);
  if (appErr.status >= 500) request.log.error({ err }, "request failed");
  else request.log.info({ code: appErr.code }, "request refused");
  return reply.status(appErr.status).type("application/json").send(appErr.toBody(request.id));
}

/**
 * Errors Node's HTTP parser meets before Fastify has a request (Fastify's `clientErrorHandler`):
 * answered in the one error shape too, then the connection is closed. A control character (or
 * NUL) in a header or the request line is 400 INVALID_CHARACTERS; headers over the limit 431
 * HEADERS_TOO_LARGE; a request that took too long to arrive 408 REQUEST_TIMEOUT; anything else
 * the parser refuses 400 MALFORMED_REQUEST.
 */
export function sendClientError(
  this: { log: FastifyBaseLogger },
  err: NodeJS.ErrnoException,
  socket: Duplex,
) {
  // A reset connection has nobody to answer.
  if (err.code === "ECONNRESET" || socket.destroyed) return;
  const appErr =
    err.code === "HPE_INVALID_HEADER_TOKEN"
      ? invalidCharacters("headers", "control")
      : err.code === "HPE_INVALID_URL"
        ? invalidCharacters("url", "control")
        : err.code === "HPE_HEADER_OVERFLOW"
          ? new AppError("HEADERS_TOO_LARGE")
          : err.code === "ERR_HTTP_REQUEST_TIMEOUT"
            ? new AppError("REQUEST_TIMEOUT")
            : new AppError("MALFORMED_REQUEST");
  this.log.info({ code: appErr.code, parserError: err.code }, "request refused by the HTTP parser");
  if (socket.writable) {
    const body = JSON.stringify(appErr.toBody());
    socket.write(
      `HTTP/1.1 ${appErr.status} ${STATUS_CODES[appErr.status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
