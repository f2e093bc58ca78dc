import { defineErrors } from "../../kernel/errors.js";

/** Errors of linked group applications. */
export const LinkedErrors = defineErrors({
  OFFER_CLOSED: {
    status: 409,
    vi: "Lời mời nộp hồ sơ này đã hết hạn, đã bị từ chối hoặc đã được dùng.",
    en: "This offer has expired, was declined or was already used.",
  },
});
