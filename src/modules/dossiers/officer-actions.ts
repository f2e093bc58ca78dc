import type { Db, Queryable } from "../../db/client.js";
import { actsForAgency, dossierAgency } from "../../domain/agencies.js";
import { allowanceOf, grantedAmount } from "../../domain/allowances.js";
import { apologyNotDueMessage, mayApologizeAgain } from "../../domain/apology.js";
import {
  allowedWorkingMillis,
  clockInstant,
  dueAt,
  dueInstants,
  dueInstantsOf,
  dueStateAt,
} from "../../domain/due.js";
import type { FormValues } from "../../domain/form.js";
import { parseInstant } from "../../domain/instant.js";
import { type ActionType, HOLDER_ROLES } from "../../domain/lifecycle.js";
import { lawConfirmsLimit, type TimeLimit } from "../../domain/procedure.js";
import { AppError } from "../../kernel/errors.js";
import { dossierReadRight } from "../exchange/index.js";
import { findOfficer } from "../identity/index.js";
import type { Ctx } from "./access.js";
import { DossierErrors } from "./errors.js";
import { refuseWithoutHeadConsent } from "./head-consent.js";
import { refuseIfRegistered } from "./life-event.js";
import type { DossierRecord } from "./records.js";
import { checkedForm } from "./submit.js";
import type { Aggregate, Prepared, SystemTransition, TransitionEffects } from "./transition.js";
import { systemTransition, systemTransitions, transition } from "./transition.js";

/**
 * Officer and citizen actions after submission. Receipt fixes the legal due instant and the
 * projection's due and near-due instants; a supplement brings corrected values and moves both by
 * the working time the wait paused (src/domain/due.ts); issuing the result is done by the results
 * module's effect.
 */
export async function act(
  ctx: Ctx,
  id: string,
  input: {
    action: ActionType;
    reason?: string | undefined;
    values?: FormValues | undefined;
    newDueAt?: string | undefined;
    amount?: number | undefined;
  },
): Promise<DossierRecord> {
  return transition(ctx, id, {
    type: input.action,
    reason: input.reason,
    prepare: async (q, { dossier, definition, state, log }, at) => {
      if (input.action === "receive") return receipt(log, definition.timeLimit, at);
      if (input.action === "supplement") {
        // The wait ends now: the due and near-due instants move by the working time it paused.
        const pauses = state.pauses.map((p) => (p.to === null ? { from: p.from, to: at } : p));
        const instants = dueInstantsOf({ ...state, pauses });
        return {
          columns: {
            ...(instants ?? {}),
            ...(input.values ? { form: checkedForm(definition, dossier, input.values, true, at) } : {}),
          },
          payload: {
            ...(input.values ? { keys: Object.keys(input.values) } : {}),
            ...(instants ? { movedDueAt: instants.dueAt.toISOString() } : {}),
          },
        };
      }
      if (input.action === "apologize") {
        // Rescheduled no more than once (APOLOGY_RULES, src/domain/apology.ts).
        if (!mayApologizeAgain(log.filter((a) => a.type === "apologize").length))
          throw new AppError(DossierErrors.APOLOGY_ALREADY_SENT);
        return { payload: { newDueAt: apologyDate(state, at, input.reason, input.newDueAt).toISOString() } };
      }
      if (input.action === "issue_result" && !ctx.services?.effects?.issue_result?.length) {
        throw new Error("issuing a result needs the results module's effect");
      }
      if (input.action === "require_verification" && !ctx.services?.effects?.require_verification?.length) {
        throw new Error("marking verification needed needs the linked module's effect");
      }
      if (input.action === "approve" || input.action === "issue_result")
        return decisionChecks(q, input.action, dossier, definition, input.amount);
      return {};
    },
  });
}

/**
 * The checks of a decision, the officer's or the platform's: one event, one registration, checked
 * again where it is registered (a race may let two in); joining the spouse's household approved
 * only once its head consented (Law on Residence 2020, Art. 21); an allowance's amount.
 */
async function decisionChecks(
  q: Queryable,
  action: "approve" | "issue_result",
  dossier: Aggregate["dossier"],
  definition: Aggregate["definition"],
  amount?: number | undefined,
): Promise<Prepared> {
  await refuseIfRegistered(q, dossier, definition);
  if (action === "approve") {
    await refuseWithoutHeadConsent(q, dossier);
    return {};
  }
  return { payload: allowanceGranted(definition.code, dossier.form, amount) };
}

/**
 * The platform decides a linked step its group decides automatically (the member's `decision:
 * "automatic"`, issue 12 point 2), once received: it forwards, approves and issues the signed result
 * (the results module's `issue_result` effects, as an officer's) in one transaction, each log entry
 * saying it was decided automatically and under which rule. When a check refuses, nothing of it is
 * written: the platform forwards the step to the agency's officers with why, and they decide it as
 * any dossier. True when the result was issued.
 */
export async function decideAutomatically(
  db: Db,
  id: string,
  t: {
    actorId: string;
    at: Date;
    basis: { vi: string; en: string };
    effects?: TransitionEffects | undefined;
  },
): Promise<boolean> {
  const note = (vi: string, en: string) =>
    `Xử lý tự động, không cần cán bộ quyết định, theo ${t.basis.vi}: ${vi} — ` +
    `Decided automatically, no officer's decision needed, under ${t.basis.en}: ${en}`;
  const step = (type: "forward" | "approve" | "issue_result", vi: string, en: string): SystemTransition => ({
    type,
    actorId: t.actorId,
    at: t.at,
    reason: note(vi, en),
    payload: { automatic: t.basis },
    ...(type === "forward"
      ? {}
      : { prepare: (q, { dossier, definition }) => decisionChecks(q, type, dossier, definition) }),
    ...(type === "issue_result" ? { effects: { issue_result: t.effects?.issue_result ?? [] } } : {}),
  });
  const signs = (t.effects?.issue_result?.length ?? 0) > 0;
  const done = signs
    ? await systemTransitions(db, id, [
        step("forward", "chuyển xử lý.", "forwarded."),
        step("approve", "phê duyệt.", "approved."),
        step("issue_result", "cấp kết quả.", "result issued."),
      ])
    : undefined;
  if (done?.ok) return true;
  if (done?.reason === "not_found") return false;
  const body = done?.error?.toBody().error;
  const why = body
    ? {
        vi: [body.messageVi, ...(body.details ?? []).map((d) => d.messageVi)].join(" "),
        en: [body.messageEn, ...(body.details ?? []).map((d) => d.messageEn)].join(" "),
      }
    : { vi: "nền tảng chưa ký được kết quả.", en: "the platform cannot sign results now." };
  await systemTransition(db, id, {
    type: "forward",
    actorId: t.actorId,
    at: t.at,
    reason:
      `Không xử lý tự động được: ${why.vi} Chuyển cán bộ của cơ quan xử lý. — ` +
      `Could not be decided automatically: ${why.en} Forwarded to the agency's officers.`,
    payload: { automaticFailed: why },
  });
  return false;
}

/**
 * Receipt fixes the legal due instant and the projection's due and near-due instants. A step of a
 * linked group has the group's limit for that step (Decree 63/2024), fixed at its submission.
 * A limit the law does not confirm (the step's, or the procedure's `confirmed: false`) is recorded
 * as such (`limitConfirmed: false`): the citizen is told an expected date, not the law's.
 */
function receipt(
  log: Aggregate["log"],
  procedureLimit: TimeLimit,
  at: Date,
): { columns: ReturnType<typeof dueInstants>; payload: Record<string, unknown> } {
  const linked = log.find((a) => a.type === "submit")?.payload?.linked as
    | { timeLimit?: TimeLimit; limitConfirmed?: boolean }
    | undefined;
  const legal = dueAt(at, linked?.timeLimit ?? procedureLimit);
  const instants = dueInstants({ receivedAt: at, legalDueAt: legal, pauses: [] });
  const confirmed = linked?.timeLimit ? linked.limitConfirmed !== false : lawConfirmsLimit(procedureLimit);
  return {
    columns: instants,
    payload: { dueAt: legal.toISOString(), ...(confirmed ? {} : { limitConfirmed: false }) },
  };
}

/**
 * The platform receives a submitted dossier itself (role "system", `actorId`), its legal clock
 * starting now: for a step of a linked group started from a verified result of the group, which
 * needs no one-stop check of a paper file (issue 12 point 2). `note` says so in both languages
 * (the log's reason, Vietnamese first; and `payload.automatic`). False when it could not be
 * received (not submitted any more, a fee unpaid): it then waits for the one-stop desk.
 */
export async function receiveAutomatically(
  db: Db,
  id: string,
  t: { actorId: string; at: Date; note: { vi: string; en: string } },
): Promise<boolean> {
  const r = await systemTransition(db, id, {
    type: "receive",
    actorId: t.actorId,
    at: t.at,
    reason: `${t.note.vi} — ${t.note.en}`,
    prepare: async (_q, { definition, log }, at) => {
      const done = receipt(log, definition.timeLimit, at);
      return { columns: done.columns, payload: { ...done.payload, automatic: t.note } };
    },
  });
  return r.ok;
}

/**
 * The platform cancels a dossier it filed for the citizen and could not take further (a linked
 * group's step that could not start): role "system", with the bilingual reason; never logged as
 * the citizen's withdrawal. False when it could not (already decided). `onlyDraft`: only a draft
 * is withdrawn, judged on the row as locked (a submission at the same moment: false, nothing
 * written).
 */
export async function cancelBySystem(
  db: Db,
  id: string,
  t: { actorId: string; at: Date; reason: { vi: string; en: string }; onlyDraft?: boolean },
): Promise<boolean> {
  const r = await systemTransition(db, id, {
    type: async (_q, state) => {
      if (t.onlyDraft && state.status !== "draft") throw new AppError("CONFLICT");
      return "withdraw";
    },
    actorId: t.actorId,
    at: t.at,
    reason: `${t.reason.vi} — ${t.reason.en}`,
    payload: { cancelledBy: "system", reasonVi: t.reason.vi, reasonEn: t.reason.en },
  });
  return r.ok;
}

/**
 * What an allowance's decision grants (`{ amount, monthly }` in whole đồng, logged with the
 * `issue_result` action and paid from there), or nothing for a procedure that grants no allowance.
 * The amount is the law's (`ALLOWANCE_RULES`) or, where the paying agency decides it (the one-time
 * survivor benefit, Law on Social Insurance 2024 Art. 90), the officer's `amount`: VALIDATION_FAILED
 * (field body.amount) when missing or out of range; AMOUNT_SET_BY_LAW (400) when an amount is sent
 * where the law sets it (nothing is logged: the officer's figure is refused, not replaced).
 */
function allowanceGranted(procedureCode: string, form: FormValues, amount: number | undefined) {
  const rule = allowanceOf(procedureCode);
  if (!rule) return {};
  const granted = grantedAmount(rule, form["benefit.kind"], amount);
  if (granted.ok) return { amount: granted.amount, monthly: granted.monthly };
  const issue = [{ field: "body.amount", messageVi: granted.vi, messageEn: granted.en }];
  if (granted.code === "AMOUNT_SET_BY_LAW")
    throw new AppError(DossierErrors.AMOUNT_SET_BY_LAW, issue, { vi: granted.vi, en: granted.en });
  throw new AppError("VALIDATION_FAILED", issue);
}

/** The shortest reason an apology slip may give (the citizen reads why the dossier is late). */
export const APOLOGY_REASON_MIN = 10;

/**
 * Checks an apology slip (`apologize`; rules and their unconfirmed source in src/domain/apology.ts:
 * Decree 61/2018/NĐ-CP Art. 19 as amended by Decree 107/2021/NĐ-CP, Circular 01/2018/TT-VPCP Mẫu
 * số 05) and returns its new promised date. Once per dossier (checked by the caller). It may be
 * sent while the dossier is not decided and is near due (the last working day before its due
 * instant; for a time limit of at most a working day, its last quarter: `apologyNotDueMessage`
 * says which to the officer) or already late, at its clock's instant; the reason has at
 * least `APOLOGY_REASON_MIN` characters; the new date is after now and after the current due
 * instant. The new date is only promised to the citizen: the legal due instant does not move, and
 * the figures still measure lateness against it. A slip after the due instant is still accepted
 * (the text wants it 1 day before; see `APOLOGY_RULES.sendByDaysBeforeDue` for why it is not
 * refused): the publicity figure counts it as not timely. Throws APOLOGY_NOT_DUE (409) or VALIDATION_FAILED.
 */
function apologyDate(
  state: Aggregate["state"],
  at: Date,
  reason: string | undefined,
  newDueAt: string | undefined,
): Date {
  const instants = dueInstantsOf(state);
  if (!instants || state.decidedAt !== null) throw new AppError(DossierErrors.APOLOGY_NOT_DUE);
  if (dueStateAt(instants, clockInstant(state, at)) === "on_time")
    throw new AppError(
      DossierErrors.APOLOGY_NOT_DUE,
      undefined,
      apologyNotDueMessage(allowedWorkingMillis(state.receivedAt as Date, state.legalDueAt as Date)),
    );
  const problems: Array<{ field: string; messageVi: string; messageEn: string }> = [];
  if ((reason ?? "").trim().length < APOLOGY_REASON_MIN)
    problems.push({
      field: "body.reason",
      messageVi: `Cần nêu lý do trễ hạn (ít nhất ${APOLOGY_REASON_MIN} ký tự).`,
      messageEn: `Give the reason for the delay (at least ${APOLOGY_REASON_MIN} characters).`,
    });
  const date = newDueAt === undefined ? undefined : parseInstant(newDueAt);
  if (!date)
    problems.push({
      field: "body.newDueAt",
      messageVi: "Cần ghi ngày hẹn trả kết quả mới.",
      messageEn: "Give the new date the result is promised for.",
    });
  else if (date.getTime() <= at.getTime() || date.getTime() <= instants.dueAt.getTime())
    problems.push({
      field: "body.newDueAt",
      messageVi: "Ngày hẹn mới phải sau thời điểm hiện tại và sau hạn giải quyết hiện tại.",
      messageEn: "The new date must be after now and after the current due date.",
    });
  if (problems.length > 0 || !date) throw new AppError("VALIDATION_FAILED", problems);
  return date;
}

/** Claim a dossier ("me") or hand it to a colleague who may act on it in the same jurisdiction. */
export async function assign(ctx: Ctx, id: string, assignee: string): Promise<DossierRecord> {
  return transition(ctx, id, {
    type: "assign",
    prepare: async (q, { dossier }) => {
      const p = ctx.principal;
      if (p.kind !== "officer") throw new AppError("FORBIDDEN");
      const username = assignee === "me" ? p.username : assignee;
      if (username !== p.username) {
        const colleague = await findOfficer(q, username);
        if (
          !colleague ||
          !(HOLDER_ROLES as readonly string[]).includes(colleague.role) ||
          !dossierReadRight(colleague, dossier).ok ||
          !actsForAgency(colleague.agency, dossierAgency(dossier.agencyCode))
        ) {
          throw new AppError("VALIDATION_FAILED", [
            {
              field: "body.assignee",
              messageVi:
                "Không thể giao cho cán bộ này (không cùng địa bàn, cơ quan hoặc không xử lý hồ sơ).",
              messageEn: "This officer cannot take the dossier (other jurisdiction, agency or role).",
            },
          ]);
        }
      }
      return { columns: { assignee: username }, payload: { assignee: username } };
    },
  });
}
