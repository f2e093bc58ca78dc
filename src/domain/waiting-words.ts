/**
 * Why an officer has no decision to take on a dossier now, in plain words (Vietnamese first, then
 * English), when someone else's step comes first: the one-stop desk's receipt (a linked group's
 * step of the police or social security is received at the commune's one-stop desk before its
 * agency acts), the applicant's supplement, the result to be issued. Null when the officer may act
 * or when nothing is awaited (a finished dossier). Shared by the dossier page and the queue.
 */

import {
  type ActorRole,
  BEFORE_RECEIPT,
  OFFICER_ACTIONS,
  type Status,
  TERMINAL,
  TRANSITIONS,
} from "./lifecycle.js";

export type Words = { vi: string; en: string };

const AWAITED: Partial<Record<Status, Words>> = {
  submitted: {
    vi: "Hồ sơ đang chờ bộ phận một cửa tiếp nhận. Bạn xử lý được sau khi hồ sơ được tiếp nhận.",
    en: "The dossier is waiting for the one-stop desk to receive it. You can act on it once it is received.",
  },
  supplement_requested: {
    vi: "Hồ sơ đang chờ người nộp bổ sung giấy tờ.",
    en: "The dossier is waiting for the applicant's supplement.",
  },
  approved: {
    vi: "Hồ sơ đã được duyệt, đang chờ ký và trả kết quả.",
    en: "The dossier is approved and waiting for its result to be issued.",
  },
};

/**
 * Pure: what the officer (by role: a lifecycle role, or one that only looks, e.g. a leader) waits
 * for on a dossier in `status`, or null when they may act (or nothing is awaited).
 */
export function awaitedBefore(status: Status, role: string | null): Words | null {
  if (TERMINAL.has(status) || status === "draft") return null;
  const mayAct = OFFICER_ACTIONS.some(
    (a) => TRANSITIONS[a].from.includes(status) && TRANSITIONS[a].roles.some((r: ActorRole) => r === role),
  );
  if (mayAct) return null;
  if (BEFORE_RECEIPT.has(status)) return AWAITED.submitted ?? null;
  return AWAITED[status] ?? null;
}
