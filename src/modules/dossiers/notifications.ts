import type { Queryable } from "../../db/client.js";
import { all, qb, sql } from "../../db/query.js";
import { correctionDecisionText } from "../../domain/corrections.js";
import type { ActionType, Channel } from "../../domain/lifecycle.js";
import { formatInstant, formatInstantShort, formatMoney } from "../../domain/vietnamese-dates.js";
import { inAppNewsOf } from "./in-app-notifications.js";

/**
 * What a citizen is told when their dossier is submitted (by them or by an agent on their behalf)
 * and when an officer or the bank acts on it (app, SMS, e-mail).
 */
const TEXTS: Partial<Record<ActionType, { vi: string; en: string }>> = {
  submit: {
    vi: "Hồ sơ {code} đã được nộp. Cơ quan giải quyết sẽ kiểm tra và tiếp nhận.",
    en: "Dossier {code} has been submitted. The agency will check and receive it.",
  },
  receive: { vi: "Hồ sơ {code} đã được tiếp nhận.", en: "Dossier {code} has been received." },
  refuse_receipt: {
    vi: "Hồ sơ {code} không được tiếp nhận: {reason}",
    en: "Dossier {code} was not accepted: {reason}",
  },
  request_supplement: {
    vi: "Hồ sơ {code} cần bổ sung: {reason}",
    en: "Dossier {code} needs more information: {reason}",
  },
  approve: { vi: "Hồ sơ {code} đã được phê duyệt.", en: "Dossier {code} has been approved." },
  refuse: { vi: "Hồ sơ {code} bị từ chối: {reason}", en: "Dossier {code} was refused: {reason}" },
  issue_result: {
    vi: "Đã có kết quả điện tử của hồ sơ {code}.",
    en: "The electronic result of dossier {code} is ready.",
  },
  return_result: {
    vi: "Kết quả hồ sơ {code} đã được trả.",
    en: "The result of dossier {code} has been returned.",
  },
  // The apology slip (Decree 61/2018/NĐ-CP; Circular 01/2018/TT-VPCP Mẫu số 05); its new date follows.
  apologize: {
    vi: "Cơ quan giải quyết xin lỗi vì hồ sơ {code} chậm so với hẹn. Lý do: {reason}",
    en: "The agency apologises: dossier {code} is late. Reason: {reason}",
  },
  // The officer's answer to the citizen's feedback or complaint (src/domain/complaints.ts).
  answer_complaint: {
    vi: "Cơ quan giải quyết đã trả lời phản ánh, kiến nghị của bạn về hồ sơ {code}: {reason}",
    en: "The agency has answered your feedback or complaint on dossier {code}: {reason}",
  },
};

/**
 * A submission by an agent on the citizen's behalf (channel `online_on_behalf`: a postal worker or
 * a community digital technology team member, after the citizen confirmed the draft) says so: the
 * citizen learns that someone else pressed "submit" for her, and who in kind.
 */
const SUBMITTED_ON_BEHALF = {
  vi: "Hồ sơ {code} đã được nộp thay bạn (nhân viên bưu điện hoặc tổ công nghệ số cộng đồng, theo xác nhận của bạn). Cơ quan giải quyết sẽ kiểm tra và tiếp nhận.",
  en: "Dossier {code} has been submitted on your behalf (by a postal worker or a community digital technology team, as you confirmed). The agency will check and receive it.",
};

const money = (n: number) => ({ vi: formatMoney(n), en: `${n.toLocaleString("en-US")} VND` });

/**
 * What the citizen is told of a bank transfer (`record_payment` / `record_transfer` payloads:
 * amount, refund, refundReason, owed, in đồng): the fee paid or how much is still owed, and any
 * money to be refunded, with why.
 */
function transferText(type: ActionType, code: string, payload: Record<string, unknown>) {
  const n = (k: string) => (typeof payload[k] === "number" ? (payload[k] as number) : 0);
  const amount = money(n("amount"));
  const refund = money(n("refund"));
  if (type === "record_payment") {
    const base = {
      vi: `Đã nhận thanh toán phí cho hồ sơ ${code}.`,
      en: `Payment received for dossier ${code}.`,
    };
    if (n("refund") <= 0) return base;
    return {
      vi: `${base.vi} Số tiền nộp thừa ${refund.vi} sẽ được hoàn trả.`,
      en: `${base.en} The ${refund.en} paid in excess will be refunded.`,
    };
  }
  if (n("refund") <= 0) {
    const owed = money(n("owed"));
    return {
      vi: `Đã nhận ${amount.vi} cho hồ sơ ${code}; còn thiếu ${owed.vi}.`,
      en: `Received ${amount.en} for dossier ${code}; ${owed.en} is still owed.`,
    };
  }
  return payload.refundReason === "dossier_closed"
    ? {
        vi: `Đã nhận ${amount.vi} chuyển khoản cho hồ sơ ${code} sau khi hồ sơ đã kết thúc; số tiền này sẽ được hoàn trả.`,
        en: `Received a transfer of ${amount.en} for dossier ${code} after it was closed; it will be refunded.`,
      }
    : {
        vi: `Đã nhận thêm ${amount.vi} cho hồ sơ ${code} đã nộp đủ phí; số tiền này sẽ được hoàn trả.`,
        en: `Received another ${amount.en} for dossier ${code}, whose fee was already paid; it will be refunded.`,
      };
}

/**
 * What the applicant is told when the head of the household she joins consents (`head_consent`:
 * `headName`, and `feeDue` in đồng when the fee is asked now): who agreed, and the fee to pay.
 */
function headConsentText(label: { vi: string; en: string }, payload: Record<string, unknown>) {
  const name = typeof payload.headName === "string" ? payload.headName : null;
  const fee = typeof payload.feeDue === "number" && payload.feeDue > 0 ? money(payload.feeDue) : null;
  return {
    textVi:
      `${name ? `Chủ hộ ${name}` : "Chủ hộ"} đã đồng ý cho bạn đăng ký thường trú vào hộ (hồ sơ ${label.vi}).` +
      (fee ? ` Mời bạn nộp lệ phí ${fee.vi} trên trang hồ sơ để hồ sơ được tiếp nhận.` : ""),
    textEn:
      `${name ? `The head of household, ${name},` : "The head of household"} agreed to your registration into the household (dossier ${label.en}).` +
      (fee ? ` Please pay the fee of ${fee.en} on the dossier's page so that it can be received.` : ""),
  };
}

/** The procedure's name as the catalogue gives it (plain words, "Đăng ký khai sinh"). */
export type ProcedureName = { nameVi: string; nameEn: string };

/**
 * The text of a notification about an action, in Vietnamese and English; times are Vietnam's
 * local time written the Vietnamese way ("17 giờ 00 phút, ngày 14/07/2026"), never ISO instants.
 * `payload` is the action's payload (the receipt's `dueAt`; `limitConfirmed: false` when no law sets
 * that limit: the day is then only expected, never an appointment). With `procedure`, the dossier is named
 * by its procedure in plain words and its code (“Đăng ký khai sinh” (mã UB.…)), not by a code alone.
 * `channel`: the dossier's; a submission `online_on_behalf` says it was filed for the citizen.
 * Undefined for actions not notified.
 */
export function notificationText(
  type: ActionType,
  code: string | null,
  reason: string | null | undefined,
  payload: Record<string, unknown> = {},
  procedure?: ProcedureName,
  channel?: Channel,
) {
  const c = code ?? "";
  const label = procedure
    ? { vi: `“${procedure.nameVi}” (mã ${c})`, en: `“${procedure.nameEn}” (${c})` }
    : { vi: c, en: c };
  if (type === "head_consent") return headConsentText(label, payload);
  if (type === "record_payment" || type === "record_transfer") {
    const vi = transferText(type, label.vi, payload).vi;
    const en = transferText(type, label.en, payload).en;
    return { textVi: vi, textEn: en };
  }
  const t = type === "submit" && channel === "online_on_behalf" ? SUBMITTED_ON_BEHALF : TEXTS[type];
  if (!t) return undefined;
  // A reason given in each language (the platform's own, `reasonVi`/`reasonEn`) is told in that one.
  const said = (k: string) => (typeof payload[k] === "string" ? (payload[k] as string) : (reason ?? ""));
  const fill = (s: string, l: string, k: string) => s.replace("{code}", l).replace("{reason}", said(k));
  // On receipt, the legal due date: when the citizen can expect the result.
  // On an apology, the new date promised.
  const due =
    typeof payload.dueAt === "string"
      ? payload.dueAt
      : typeof payload.newDueAt === "string"
        ? payload.newDueAt
        : undefined;
  // A limit the law does not confirm (`limitConfirmed: false` on the receipt) gives an expected date.
  const expected = payload.limitConfirmed === false;
  const vi =
    type === "apologize"
      ? " Hẹn lại ngày trả kết quả:"
      : expected
        ? " Dự kiến giải quyết xong trước"
        : " Hẹn trả kết quả trước";
  const en =
    type === "apologize"
      ? " The new date for the result:"
      : expected
        ? " The result is expected by"
        : " The result is due by";
  return {
    textVi: fill(t.vi, label.vi, "reasonVi") + (due ? `${vi} ${formatInstant(due)}.` : ""),
    textEn: fill(t.en, label.en, "reasonEn") + (due ? `${en} ${formatInstantShort(due, "en")}.` : ""),
  };
}

/** What a dossier's notification links: the dossier, and the linked group it is a step of. */
const ofDossier = (dossierId: string, code: string | null, groupId: string | null) => ({
  dossierId: dossierId as string | null,
  dossierCode: code,
  groupId,
  link: `/ho-so/${dossierId}`,
});

/**
 * In-app notifications, newest first: what others did on my dossiers (a linked group's step with
 * its group), the decisions on my correction requests, and the in-app copies of the messages to me
 * (my linked groups' news; as head of household, a spouse's request for my consent: `inAppNewsOf`).
 */
export async function notificationsOf(q: Queryable, personalNumber: string, limit = 50) {
  // The citizen's dossiers in every province (a colocated join; listed in docs/scaling.md).
  const rows = await all(
    q,
    qb
      .selectFrom("dossier_actions as a")
      .innerJoin("dossiers as d", (j) =>
        j.onRef("d.province_code", "=", "a.province_code").onRef("d.id", "=", "a.dossier_id"),
      )
      .innerJoin("procedure_versions as pv", (j) =>
        j.onRef("pv.code", "=", "d.procedure_code").onRef("pv.version", "=", "d.procedure_version"),
      )
      .select(["a.dossier_id as dossierId", "d.code", "a.seq", "a.at", "a.action", "a.reason", "a.payload"])
      .select("a.channel")
      // A linked group's step: the list links the group's page too.
      .leftJoin("linked_group_steps as ls", (j) =>
        j.onRef("ls.province_code", "=", "d.province_code").onRef("ls.dossier_id", "=", "d.id"),
      )
      .select("ls.group_id as groupId")
      // The procedure in plain words, as the catalogue names it.
      .select(["pv.name_vi as nameVi", sql<string>`pv.definition->>'nameEn'`.as("nameEn")])
      .where("d.applicant_number", "=", personalNumber)
      // What others did, and every submission (the citizen's own included: her receipt of it).
      .where((eb) => eb.or([eb("a.actor_kind", "<>", "citizen"), eb("a.action", "=", "submit")]))
      .orderBy("a.at", "desc")
      .orderBy("a.seq", "desc")
      .limit(limit),
  );
  const actions = rows.flatMap((r) => {
    const text = notificationText(r.action, r.code, r.reason, r.payload, r, r.channel);
    return text
      ? [{ id: `${r.dossierId}:${r.seq}`, at: r.at, ...ofDossier(r.dossierId, r.code, r.groupId), ...text }]
      : [];
  });
  const decisions = await correctionDecisionsOf(q, personalNumber, limit);
  const inApp = await inAppNewsOf(q, personalNumber, limit);
  return [...actions, ...decisions, ...inApp].sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, limit);
}

/**
 * The owners' decisions on the correction requests filed from my dossiers, as in-app
 * notifications (`<dossier id>:c<request id>`), newest first: which field, which decision.
 */
async function correctionDecisionsOf(q: Queryable, personalNumber: string, limit: number) {
  const rows = await all(
    q,
    qb
      .selectFrom("correction_requests as c")
      .innerJoin("dossiers as d", (j) =>
        j.onRef("d.province_code", "=", "c.province_code").onRef("d.id", "=", "c.dossier_id"),
      )
      .innerJoin("procedure_versions as pv", (j) =>
        j.onRef("pv.code", "=", "d.procedure_code").onRef("pv.version", "=", "d.procedure_version"),
      )
      .select([
        "c.id",
        "c.dossier_id as dossierId",
        "d.code",
        "c.status",
        "c.decided_at as decidedAt",
        "c.field_key as fieldKey",
        "c.attribute",
        "c.registry_value as registryValue",
        "c.applied_value as appliedValue",
        "c.decision_reason as reason",
        "pv.name_vi as nameVi",
        sql<string>`pv.definition->>'nameEn'`.as("nameEn"),
      ])
      .where("d.applicant_number", "=", personalNumber)
      .where("c.status", "in", ["accepted", "rejected"])
      .where("c.decided_at", "is not", null)
      .orderBy("c.decided_at", "desc")
      .limit(limit),
  );
  return rows.map((r) => {
    const c = r.code ?? "";
    const text = correctionDecisionText({
      outcome: r.status,
      attribute: r.attribute ?? r.fieldKey,
      previousValue: r.registryValue,
      newValue: r.appliedValue,
      reason: r.reason,
      dossier: { vi: `“${r.nameVi}” (mã ${c})`, en: `“${r.nameEn}” (${c})` },
    });
    const at = r.decidedAt as Date;
    return { id: `${r.dossierId}:c${r.id}`, at, ...ofDossier(r.dossierId, r.code, null), ...text };
  });
}

/** What `notify.citizen` carries: whose dossier, which procedure, and the text in both languages. */
export type CitizenNews = {
  dossierId: string;
  applicantNumber: string;
  communeCode: string | null;
  code: string | null;
  procedureVi: string;
  procedureEn: string;
  action: string;
  textVi: string;
  textEn: string;
  /**
   * The linked group the dossier is a step of, when the news is also written as the group's
   * in-app copy (what is not a dossier action: an allowance's transfer stopped or paid).
   */
  groupId?: string | null;
};
