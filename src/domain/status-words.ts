/**
 * A dossier's status in a few plain words (Vietnamese first, then English), for messages the server
 * writes (an error naming the current status, a command's refusal). The web app's longer words for
 * the citizen live in its i18n files; these are the same short names (web/src/i18n, `status.*.short`).
 */

import type { Status } from "./lifecycle.js";

export const STATUS_WORDS: Readonly<Record<Status, { vi: string; en: string }>> = {
  draft: { vi: "Bản nháp", en: "Draft" },
  submitted: { vi: "Đã nộp", en: "Submitted" },
  received: { vi: "Đã tiếp nhận", en: "Received" },
  in_processing: { vi: "Đang giải quyết", en: "Being processed" },
  supplement_requested: { vi: "Cần bổ sung", en: "Supplement requested" },
  supplemented: { vi: "Đã bổ sung", en: "Supplemented" },
  approved: { vi: "Đã phê duyệt", en: "Approved" },
  result_issued: { vi: "Đã có kết quả", en: "Result issued" },
  result_returned: { vi: "Đã trả kết quả", en: "Result delivered" },
  refused: { vi: "Không giải quyết", en: "Refused" },
  rejected: { vi: "Không tiếp nhận", en: "Not received" },
  withdrawn: { vi: "Đã rút", en: "Withdrawn" },
};
