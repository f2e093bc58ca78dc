import { defineErrors } from "../../kernel/errors.js";

/** Errors of the owning agency's handling of correction requests. */
export const CorrectionErrors = defineErrors({
  CORRECTION_REASON_REQUIRED: {
    status: 400,
    vi: "Từ chối đề nghị chỉnh sửa phải ghi rõ lý do (ít nhất 5 ký tự) để công dân được biết.",
    en: "Rejecting a correction request needs a reason (at least 5 characters) for the citizen to read.",
  },
  CORRECTION_DECIDED: {
    status: 409,
    vi: "Đề nghị chỉnh sửa này đã được xử lý.",
    en: "This correction request has already been decided.",
  },
  CORRECTION_NOT_APPLICABLE: {
    status: 409,
    vi: "Thông tin này không điều chỉnh được bằng đề nghị chỉnh sửa (hoặc giá trị không hợp lệ); hãy từ chối và hướng dẫn công dân làm thủ tục phù hợp.",
    en: "This value cannot be changed by a correction (or the value is invalid); reject it and point the citizen to the right procedure.",
  },
});
