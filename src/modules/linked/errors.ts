import { defineErrors } from "../../kernel/errors.js";

/** Errors of linked group applications. */
export const LinkedErrors = defineErrors({
  OFFER_CLOSED: {
    status: 409,
    vi: "Lời mời nộp hồ sơ này đã hết hạn, đã bị từ chối hoặc đã được dùng.",
    en: "This offer has expired, was declined or was already used.",
  },
  OFFER_ALREADY_FILED: {
    status: 409,
    vi: "Hồ sơ từ giấy tờ của lời mời này đã được nộp (có thể do người thân nộp), nên lời mời đã đóng. Không cần nộp lại.",
    en: "An application was already filed from this offer's notice (perhaps by a relative), so the offer is closed. There is nothing to file again.",
  },
  LINKED_ANSWERS_MISSING: {
    status: 422,
    vi: "Còn câu hỏi của các thủ tục liên thông chưa được trả lời.",
    en: "Some questions of the linked procedures are not answered yet.",
  },
});
