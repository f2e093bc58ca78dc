/**
 * A linked group's step in plain words for the citizen (Vietnamese first, then English), from the
 * group's record of the step and its dossier's status (src/domain/lifecycle.ts). Shared by the
 * server's answer and the web page.
 */

import type { Status } from "./lifecycle.js";
import type { GroupLimit, StepState } from "./linked-group.js";
import { formatInstantShort } from "./vietnamese-dates.js";

export type Words = { vi: string; en: string };

const BY_STATUS: Partial<Record<Status, Words>> = {
  submitted: { vi: "Đã gửi, chờ cơ quan tiếp nhận", en: "Sent, waiting to be received" },
  received: { vi: "Cơ quan đã tiếp nhận", en: "Received by the agency" },
  in_processing: { vi: "Đang xử lý", en: "Being processed" },
  supplement_requested: {
    vi: "Cơ quan cần bạn bổ sung giấy tờ",
    en: "The agency needs more documents from you",
  },
  supplemented: { vi: "Đã bổ sung, đang xử lý tiếp", en: "Supplemented, processing continues" },
  approved: { vi: "Đã duyệt, đang ra kết quả", en: "Approved, the result is being issued" },
  result_issued: { vi: "Đã có kết quả", en: "Result issued" },
  result_returned: { vi: "Đã trả kết quả", en: "Result delivered" },
};

/**
 * A step the platform decided itself under its group's rule (`decision: "automatic"`): shown with
 * its result on the citizen's group page and the officers' view of the group.
 */
export const AUTOMATIC_WORDS: Words = { vi: "Xử lý tự động", en: "Processed automatically" };

/**
 * The statuses whose words speak to the citizen ("bạn"), said to an officer of any agency (the
 * group panel of the workspace, the leader's list): who was asked, not "you".
 */
const FOR_OFFICER: Partial<Record<Status, Words>> = {
  supplement_requested: {
    vi: "Đã yêu cầu công dân bổ sung giấy tờ",
    en: "The citizen was asked for documents",
  },
};

/**
 * The step's status in plain words, for the citizen (`audience` "citizen", the default: "Cơ quan
 * cần bạn bổ sung giấy tờ") or for officers ("officer": "Đã yêu cầu công dân bổ sung giấy tờ").
 */
export function stepWords(
  state: StepState,
  dossierStatus: Status | null,
  audience: "citizen" | "officer" = "citizen",
): Words {
  const officer = audience === "officer" && dossierStatus ? FOR_OFFICER[dossierStatus] : undefined;
  if (officer && state !== "waiting" && state !== "cancelled" && state !== "failed") return officer;
  switch (state) {
    case "waiting":
      return { vi: "Đang chờ bước trước có kết quả", en: "Waiting for the earlier step's result" };
    case "cancelled":
      return { vi: "Đã hủy", en: "Cancelled" };
    case "failed":
      return dossierStatus === "withdrawn"
        ? { vi: "Đã rút hồ sơ", en: "Withdrawn" }
        : { vi: "Bị từ chối", en: "Refused" };
    case "done":
      return BY_STATUS[dossierStatus ?? "result_issued"] ?? BY_STATUS.result_issued ?? { vi: "", en: "" };
    default:
      return (dossierStatus && BY_STATUS[dossierStatus]) || { vi: "Đang xử lý", en: "Being processed" };
  }
}

/** The group's state in plain words. */
export function groupWords(state: "in_progress" | "done" | "partly_done" | "failed"): Words {
  return {
    in_progress: { vi: "Đang giải quyết", en: "In progress" },
    done: { vi: "Đã xong tất cả các bước", en: "All steps done" },
    partly_done: { vi: "Xong một phần", en: "Partly done" },
    failed: { vi: "Không thực hiện được", en: "Could not be done" },
  }[state];
}

/**
 * A linked group marked "cần xác minh" (the officer of its first step found the case needs
 * verification: Decree 63/2024, its overall limit becomes `workingDays`, 5 for the birth group),
 * for officers and the leader's list.
 */
export function verificationWords(workingDays: number): Words {
  return {
    vi: `Cần xác minh: thời hạn của cả nhóm là ${workingDays} ngày làm việc`,
    en: `Verification required: the group's time limit is ${workingDays} working days`,
  };
}

/**
 * Why the citizen's group takes longer, on the group page: the agency of its first step (`agencyVi`,
 * `agencyEn`: the civil-status office of the commune) needs to verify the case, so the overall
 * limit is `workingDays` (Decree 63/2024); with the officer's reason when one was given (the
 * `require_verification` action always has one; the citizen was notified of it).
 */
export function citizenVerificationWords(
  agency: { vi: string; en: string },
  workingDays: number | null,
  reason: string | null,
): Words {
  const whyVi = reason ? ` Lý do: ${reason}` : "";
  const whyEn = reason ? ` Reason: ${reason}` : "";
  // A limit the law does not confirm is never stated to the citizen (`citizenLimit`).
  const soVi =
    workingDays === null ? "" : `, vì vậy thời hạn giải quyết cả nhóm là ${workingDays} ngày làm việc`;
  const soEn = workingDays === null ? "" : `, so the whole group's time limit is ${workingDays} working days`;
  return {
    vi: `${agency.vi} cần xác minh thêm hồ sơ của bạn${soVi}.${whyVi}`,
    en: `The ${agency.en} needs to verify your application further${soEn}.${whyEn}`,
  };
}

export const AT_RISK_REASONS = ["overdue", "near_due", "registry_update_failed"] as const;
export type AtRiskReason = (typeof AT_RISK_REASONS)[number];

/**
 * Why a leader's view lists a group, in plain words: its overall clock late or near due, and each
 * step whose result the registry has not taken in (its write-back dead in delivery), named by its
 * procedure, whose dependent steps wait until an administrator sends the message again. Empty
 * when the group is not at risk.
 */
export function atRiskReasons(
  dueState: "on_time" | "near_due" | "overdue" | null,
  lagging: ReadonlyArray<{ procedureVi: string; procedureEn: string }>,
): Array<Words & { code: AtRiskReason }> {
  const out: Array<Words & { code: AtRiskReason }> = [];
  if (dueState === "overdue")
    out.push({ code: "overdue", vi: "Đã quá hạn của cả nhóm", en: "Past the group's time limit" });
  if (dueState === "near_due")
    out.push({ code: "near_due", vi: "Sắp đến hạn của cả nhóm", en: "Near the group's time limit" });
  for (const p of lagging)
    out.push({
      code: "registry_update_failed",
      vi: `Kết quả “${p.procedureVi}” chưa cập nhật được vào cơ sở dữ liệu (tin nhắn gửi lỗi): các bước sau đang chờ; quản trị viên cần gửi lại trong mục Hàng đợi gửi tin.`,
      en: `The result of “${p.procedureEn}” has not reached the registry (its message failed): the next steps wait; an administrator must send it again from the delivery queue.`,
    });
  return out;
}

/** Why a step ended without a result and what to do, in both languages (stored with the step). */
export type EndReason = Words & { whatToDoVi: string; whatToDoEn: string };

/**
 * Why a step's dossier ended without a result, and what the citizen can do, fitting the case: the
 * citizen withdrew it (no agency's reason to address: file the procedure on its own when needed),
 * or the step's agency refused it (`code`: the dossier's code; `why`: the officer's reason; correct
 * what the reason says, then file the procedure on its own). Results already issued stand.
 */
export function stepEndReason(
  end:
    | { kind: "withdrawn" }
    | {
        kind: "refused";
        agencyVi: string;
        agencyEn: string;
        code: string | null;
        why: string;
        /** Whether any step of the group has its result (else none "stands": nothing was issued). */
        resultsIssued?: boolean;
      },
): EndReason {
  if (end.kind === "withdrawn")
    return {
      vi: "Bạn đã rút hồ sơ của bước này.",
      en: "You withdrew this step's dossier.",
      whatToDoVi: "Bạn đã rút bước này. Có thể nộp riêng thủ tục này khi cần.",
      whatToDoEn: "You withdrew this step. You can file this procedure on its own when you need it.",
    };
  const code = end.code ?? "";
  const standsVi = end.resultsIssued === false ? "" : "Các kết quả đã cấp vẫn có giá trị. ";
  const standsEn = end.resultsIssued === false ? "" : "Results already issued stand. ";
  return {
    vi: `${end.agencyVi} từ chối hồ sơ ${code}: ${end.why}`.replace(/\s+:/, ":").replace(/:\s*$/, "."),
    en: `${end.agencyEn} refused dossier ${code}: ${end.why}`.replace(/\s+:/, ":").replace(/:\s*$/, "."),
    whatToDoVi: `${standsVi}Hãy sửa hoặc bổ sung theo lý do ${end.agencyVi} nêu ở trên, rồi nộp riêng thủ tục này.`,
    whatToDoEn: `${standsEn}Correct or complete what the ${end.agencyEn} gave as its reason above, then file this procedure on its own.`,
  };
}

/**
 * Why the platform refused a step's file on its own: the supplement asked at `requestedAt` was not
 * given by `deadline` (the group's `supplementWithin`, and its legal source as the catalogue gives it).
 */
export function lateSupplementReason(within: GroupLimit, requestedAt: Date, deadline: Date): Words {
  const source = within.source ? ` (${within.source})` : "";
  return {
    vi: `Hệ thống tự động từ chối hồ sơ: yêu cầu bổ sung lúc ${formatInstantShort(requestedAt)} không được đáp ứng trong ${within.workingDays} ngày làm việc (hạn cuối ${formatInstantShort(deadline)}); quá hạn bổ sung, hồ sơ bị từ chối theo quy định${source}.`,
    en: `Refused automatically by the platform: the supplement asked for at ${formatInstantShort(requestedAt, "en")} was not given within ${within.workingDays} working days (deadline ${formatInstantShort(deadline, "en")}); past that deadline the file is refused by rule${source}.`,
  };
}

/** A step's reason as stored (`EndReason`, or one without advice). */
export type StoredReason = Words & { whatToDoVi?: string | undefined; whatToDoEn?: string | undefined };

/**
 * What a step's stored end reason (`EndReason`, stored when it ended in the group) says now, as the
 * group counts its steps (a step filed on its own and given its result there has it: the one rule
 * of src/domain/linked-alone.ts). `reason`: the current words (why, what to do), null when there is
 * nothing to do about it any more; `past`: the stored reason as history, worded as past.
 * - The step has its result on its own (`ownResult`): no advice; its refusal is history.
 * - Cancelled because an earlier step (`earlier`, its procedure) had no result (`cascade`), which
 *   now has it or may still get it (`earlierWithoutResult` false): it may be filed on its own now
 *   ("Nộp riêng"; nothing to do when it already is: `filedAlone`), or it waits for that result
 *   (`pending`), never "the earlier step has no result".
 * - Otherwise: the stored reason, unchanged.
 */
export function stepReasonNow(
  reason: StoredReason | null,
  now: {
    ownResult: boolean;
    cascade: boolean;
    earlier: Words | null;
    earlierWithoutResult: boolean;
    pending: boolean;
    filedAlone: boolean;
  },
): { reason: StoredReason | null; past: Words | null } {
  if (!reason) return { reason: null, past: null };
  const name = now.earlier ?? { vi: "bước trước", en: "the earlier step" };
  const past = now.cascade
    ? {
        vi: `Trước đó, bước này đã bị hủy trong nhóm hồ sơ liên thông vì khi đó bước trước (“${name.vi}”) chưa có kết quả.`,
        en: `Earlier, this step was cancelled in the linked application because the earlier step (“${name.en}”) had no result then.`,
      }
    : {
        vi: `Trước đó, trong nhóm hồ sơ liên thông: ${reason.vi}`,
        en: `Earlier, in the linked application: ${reason.en}`,
      };
  if (now.ownResult) return { reason: null, past };
  if (!now.cascade || now.earlierWithoutResult) return { reason, past: null };
  if (now.pending)
    return {
      reason: {
        vi: `Bước này chờ kết quả của bước trước “${name.vi}”.`,
        en: `This step waits for the result of the earlier step “${name.en}”.`,
        whatToDoVi: `Khi bước “${name.vi}” đã có kết quả, bạn có thể nộp riêng thủ tục này.`,
        whatToDoEn: `Once “${name.en}” has its result, you can file this procedure on its own.`,
      },
      past,
    };
  return {
    reason: {
      vi: `Bước trước “${name.vi}” đã có kết quả.`,
      en: `The earlier step “${name.en}” has its result.`,
      whatToDoVi: now.filedAlone
        ? "Bạn đã nộp riêng thủ tục này; theo dõi hồ sơ nộp riêng bên dưới."
        : "Bạn có thể nộp riêng thủ tục này (“Nộp riêng thủ tục này” bên dưới).",
      whatToDoEn: now.filedAlone
        ? "You filed this procedure on its own; follow that dossier below."
        : "You can file this procedure on its own (“File this procedure on its own” below).",
    },
    past,
  };
}
