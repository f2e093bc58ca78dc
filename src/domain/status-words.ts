/**
 * A dossier's status (src/domain/lifecycle.ts) in words, Vietnamese first then English, for the
 * server's own messages (the import's refusals, ILLEGAL_TRANSITION). The web app has its own, longer texts (i18n).
 */
import type { Status } from "./lifecycle.js";

export const STATUS_WORDS: Readonly<Record<Status, { vi: string; en: string }>> = {
  draft: { vi: "đang soạn, chưa nộp", en: "draft, not submitted" },
  submitted: { vi: "đã nộp, chờ tiếp nhận", en: "submitted, waiting to be received" },
  received: { vi: "đã tiếp nhận", en: "received" },
  in_processing: { vi: "đang giải quyết", en: "being processed" },
  supplement_requested: { vi: "chờ công dân bổ sung", en: "waiting for the citizen's supplement" },
  supplemented: { vi: "đã bổ sung, đang giải quyết tiếp", en: "supplemented, being processed" },
  approved: { vi: "đã duyệt, chờ ra kết quả", en: "approved, result not yet issued" },
  result_issued: { vi: "đã có kết quả", en: "result issued" },
  result_returned: { vi: "đã trả kết quả", en: "result returned" },
  refused: { vi: "đã từ chối giải quyết", en: "refused" },
  rejected: { vi: "bị từ chối tiếp nhận", en: "refused at receipt" },
  withdrawn: { vi: "đã rút", en: "withdrawn" },
};
