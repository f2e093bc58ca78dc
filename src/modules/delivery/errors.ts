import { defineErrors } from "../../kernel/errors.js";

/** Errors of the delivery administration and the archive command. */
export const DeliveryErrors = defineErrors({
  OUTBOX_NOT_RETRYABLE: {
    status: 409,
    vi: "Chỉ gửi lại được tin đang chờ gửi lại hoặc đã ngừng gửi; tin này đã được gửi hoặc đã bị hủy.",
    en: "Only a message waiting for a retry or given up can be retried; this one was delivered or discarded.",
  },
  OUTBOX_NOT_DISCARDABLE: {
    status: 409,
    vi: "Tin này đã được gửi hoặc đã bị hủy, không hủy được nữa.",
    en: "This message was delivered or discarded already; it cannot be discarded.",
  },
  OUTBOX_REDACTED: {
    status: 409,
    vi: "Nội dung tin này đã được xóa vì chứa mã xác nhận dùng một lần; không gửi lại được. Hãy gửi mã mới cho công dân.",
    en: "This message's content was erased because it carried a one-time code; it cannot be sent again. Send the citizen a new code.",
  },
  ARCHIVE_TOO_RECENT: {
    status: 400,
    vi: "Không được lưu trữ tin gửi trong thời hạn phải giữ trong bảng đang dùng.",
    en: "Messages delivered within the retention period cannot be archived yet.",
  },
});
