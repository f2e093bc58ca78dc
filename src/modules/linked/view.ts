import { reduce } from "../../domain/lifecycle.js";
import { earlierStepsDone, earlierStepWithoutResult, pendingEarlierStep } from "../../domain/linked-alone.js";
import { citizenLimit, supplementDeadline } from "../../domain/linked-clock.js";
import { groupState, type StepRecord } from "../../domain/linked-group.js";
import { AUTOMATIC_WORDS, groupWords, stepReasonNow, stepWords } from "../../domain/linked-group-words.js";
import { AppError } from "../../kernel/errors.js";
import { provinceOfId } from "../../kernel/locality.js";
import { getDefinition, getGroupVersion, getPublished } from "../catalog/index.js";
import { type Ctx, decidedAutomatically, getVisibleRecord } from "../dossiers/index.js";
import { disbursementOf } from "../payments/index.js";
import { aloneOf, alonesOf, filedAlone, mayFileAlone, shownAlone, withAloneResults } from "./alone.js";
import { headWait } from "./head-reminder.js";
import { writeBackFailures } from "./registry-lag.js";
import { findGroup, type GroupRow, groupsOfApplicant, type StepRow } from "./repository.js";
import { knownFacts } from "./step-inputs.js";
import { awaitsHeadConsent, CHILD_HOME_STEP } from "./steps.js";
import { citizenVerification } from "./verification.js";

/**
 * What the residence step waits for while the chosen household's head has not consented, in plain
 * words: the other parent heading it confirms; anyone else (a grandparent) consents.
 */
function awaitedConsent(home: NonNullable<GroupRow["childHome"]>) {
  const parent = home.relationshipToHead === "con";
  const whoVi = parent
    ? `${home.of === "father" ? "cha" : "mẹ"} của trẻ, chủ hộ ${home.headName},`
    : `chủ hộ ${home.headName}`;
  const whoEn = parent
    ? `the child's ${home.of}, ${home.headName}, head of the household,`
    : `the head of household, ${home.headName},`;
  return {
    vi: `Chờ ${whoVi} đồng ý cho trẻ đăng ký thường trú vào hộ (đăng nhập Một Lần, mục "Đề nghị chờ tôi đồng ý"). Bước này bắt đầu ngay khi có sự đồng ý và số định danh của trẻ.`,
    en: `Waiting for ${whoEn} to consent to the child's registration in the household (signed in to Một Lần, "Requests waiting for my consent"). This step starts as soon as the consent and the child's personal number are there.`,
  };
}

/**
 * The citizen's page of one group application: each step with its agency, its dossier (code,
 * status in plain words, clock, result number for the public verification page), why it failed or
 * was cancelled and what to do, an agency's supplement request (`supplement`: the officer's reason,
 * when asked, the deadline to supply), an allowance's transfer to the bank; the group's overall clock and state. Only the applicant sees it
 * (anyone else: NOT_FOUND). Limits the law does not confirm are not shown (`limit: null`).
 */
export async function groupView(ctx: Ctx, id: string) {
  const p = ctx.principal;
  const province = provinceOfId(id);
  const found = province ? await findGroup(ctx.db, province, id) : undefined;
  if (!found || p.kind !== "citizen" || found.group.applicantNumber !== p.personalNumber)
    throw new AppError("NOT_FOUND");
  const { group, steps } = found;
  const def = (await getGroupVersion(ctx.db, group.groupCode, group.groupVersion)).definition;
  // The residence step filed on its own and submitted while the head had not answered: the head's
  // consent is no longer needed (`filedAlone`), not waited for nor reminded.
  const aloneFiled = await filedAlone(ctx.db, group, steps);
  const out = [];
  const recs: StepRecord[] = [];
  const lagging = await writeBackFailures(
    ctx.db,
    group.provinceCode,
    steps.flatMap((s) => (s.dossierId ? [s.dossierId] : [])),
  );
  const automatic = await decidedAutomatically(
    ctx.db,
    group.provinceCode,
    steps.flatMap((s) => (s.dossierId ? [s.dossierId] : [])),
  );
  // Each step's dossier filed on its own, read once: shown, and counted by the "Nộp riêng" rules.
  const alones = await alonesOf(ctx, steps);
  const counted = await withAloneResults(ctx, steps, alones);
  const facts = await knownFacts(ctx, def, group, counted, alones);
  for (const m of def.members) {
    const s = steps.find((x) => x.stepKey === m.key);
    if (!s) continue;
    const r = s.dossierId ? await getVisibleRecord(ctx, s.dossierId, "view") : undefined;
    const d = r?.dossier;
    // A step not started yet is named by its procedure's published version (never by its code).
    const procedure = d
      ? await getDefinition(ctx.db, d.procedureCode, d.procedureVersion)
      : (await getPublished(ctx.db, s.procedureCode)).definition;
    const status = d && s.state !== "waiting" ? d.status : null;
    const asked = r && status === "supplement_requested" ? reduce(r.parts.log).supplementRequest : null;
    const alone = alones.get(s.stepKey) ?? null;
    // Filed on its own and given its result there: the step is done for the group (issue 12 review).
    recs.push({ key: s.stepKey, state: alone?.resultNumber ? "done" : s.state, dossierStatus: status });
    const home = m.key === CHILD_HOME_STEP ? group.childHome : null;
    const filedApart = m.key === CHILD_HOME_STEP && aloneFiled !== undefined;
    // The stored reason as the group counts its steps now (`stepReasonNow`): a step given its
    // result on its own, or cancelled for an earlier step that has (or may get) its result since.
    const pending = pendingEarlierStep(def, counted, s.stepKey, facts);
    const cascade = s.state === "cancelled" && earlierStepWithoutResult(def, steps, s.stepKey);
    const ended = m.dependsOn.find((k) =>
      ["failed", "cancelled"].includes(steps.find((x) => x.stepKey === k)?.state ?? ""),
    );
    const told = stepReasonNow(s.reason, {
      ownResult: Boolean(alone?.resultNumber),
      cascade,
      earlier: pendingWords(out, pending ?? ended),
      earlierWithoutResult: earlierStepWithoutResult(def, counted, s.stepKey),
      pending: pending !== undefined,
      filedAlone: alone !== null && alone.status !== "draft",
    });
    const awaiting =
      s.state === "waiting" && awaitsHeadConsent(group, m.key) && home && !filedApart
        ? awaitedConsent(home)
        : null;
    out.push({
      key: s.stepKey,
      procedureCode: s.procedureCode,
      procedureVi: procedure.nameVi,
      procedureEn: procedure.nameEn,
      agencyVi: m.agencyVi,
      agencyEn: m.agencyEn,
      dependsOn: m.dependsOn,
      state: s.state,
      words: alone?.resultNumber
        ? { vi: "Đã có kết quả (nộp riêng)", en: "Result issued (filed on its own)" }
        : filedApart
          ? { vi: "Đã nộp riêng", en: "Filed on its own" }
          : awaiting
            ? { vi: "Chờ chủ hộ đồng ý", en: "Waiting for the head of household's consent" }
            : stepWords(s.state, status),
      /** What the step waits for besides its dependencies (the head's consent), in plain words. */
      awaiting,
      /** The commune whose police handle the step, when not the applicant's (the chosen household's). */
      communeName: home?.communeName ?? null,
      dossierId: s.state === "waiting" || s.state === "cancelled" ? null : (d?.id ?? null),
      code: d?.code ?? null,
      status,
      limit: citizenLimit(m.limit),
      plannedDueAt: s.plannedDueAt,
      receivedAt: d?.receivedAt ?? null,
      dueAt: s.state === "waiting" ? null : (d?.dueAt ?? null),
      feeAmount: d && status ? d.feeAmount : null,
      resultNumber: r ? reduce(r.parts.log).resultNumber : null,
      // Why it ended and what to do, as it stands now; the stored reason as history when it no
      // longer applies (`pastReason`, worded as past; null otherwise).
      reason: told.reason,
      pastReason: told.past,
      // The agency asked for documents: why, by when (the group's `supplementWithin`, null when the
      // law does not confirm it); the step's clock is paused meanwhile.
      supplement: asked
        ? {
            reason: asked.reason,
            requestedAt: asked.at,
            dueAt: supplementDeadline(def.supplementWithin, asked.at),
          }
        : null,
      // An allowance paid to the applicant's bank account: where the transfer stands.
      disbursement: d ? ((await disbursementOf(ctx.db, d.provinceCode, d.id)) ?? null) : null,
      // The result's registry write-back refused or given up: the result stands, the registry lags.
      registryUpdateFailed: d ? lagging.has(d.id) : false,
      // Decided by the platform under the group's rule (issue 12 point 2): "Xử lý tự động".
      automatic: d && automatic.has(d.id) ? AUTOMATIC_WORDS : null,
      // Filed on its own ("Nộp riêng"): that dossier, its code once filed, its status in plain words.
      alone: shownAlone(alone),
      // Whether "Nộp riêng" is offered: ended in the group, or the residence step waiting only for
      // the head, and every earlier step has its result (in the group, or filed on its own), as
      // POST …/steps/:step/alone accepts it (`fileStepAlone`).
      mayFileAlone: mayFileAlone(group, s) && earlierStepsDone(def, counted, s.stepKey, facts),
    });
  }
  const state = groupState(recs);
  const residence = out.find((s) => s.key === CHILD_HOME_STEP);
  const now = (ctx.now ?? (() => new Date()))();
  return {
    id: group.id,
    group: { code: def.code, version: group.groupVersion, nameVi: def.nameVi, nameEn: def.nameEn },
    receivedAt: group.receivedAt,
    dueAt: group.dueAt,
    limit: citizenLimit(
      group.verification && def.limitWithVerification ? def.limitWithVerification : def.limit,
    ),
    // Marked "cần xác minh": why the limit is the longer one, the officer's reason (null: not marked).
    verification: await citizenVerification(ctx, group, def, steps),
    supplementWithin: citizenLimit(def.supplementWithin),
    state,
    words: groupWords(state),
    feeNoteVi: def.fee.noteVi,
    feeNoteEn: def.fee.noteEn,
    // Birth group: the other parent's household the child joins (null: the applicant's own).
    childHome: group.childHome
      ? {
          of: group.childHome.of,
          headName: group.childHome.headName,
          address: group.childHome.address,
          communeName: group.childHome.communeName,
          consent: group.childHome.consent
            ? { as: group.childHome.consent.as, at: group.childHome.consent.at }
            : null,
          // The head refused: when (the residence step says why, cancelled).
          refusal: group.childHome.refusal ? { at: group.childHome.refusal.at } : null,
          // The applicant's reminders to the head, oldest first (the group's log lists them).
          reminders: group.childHome.reminders ?? [],
          // While the head has not answered: since when, the reminder, what to do meanwhile.
          waiting: aloneFiled
            ? null
            : headWait(
                group,
                steps,
                now,
                { vi: residence?.procedureVi ?? "", en: residence?.procedureEn ?? "" },
                pendingWords(out, pendingEarlierStep(def, counted, CHILD_HOME_STEP, facts)),
              ),
          // The residence step filed on its own and submitted before the head answered: that
          // dossier; the head's consent is no longer needed (null otherwise).
          filedAlone: aloneFiled ? { dossierId: aloneFiled.id, code: aloneFiled.code } : null,
        }
      : null,
    steps: out,
  };
}

/** The earlier step `key` (pending, `pendingEarlierStep`) named by its procedure; null: none. */
const pendingWords = (
  out: ReadonlyArray<{ key: string; procedureVi: string; procedureEn: string }>,
  key?: string,
) => {
  const step = key ? out.find((s) => s.key === key) : undefined;
  return step ? { vi: step.procedureVi, en: step.procedureEn } : null;
};

/** The steps' states as the group counts them: a step filed on its own and given its result is done. */
async function countedStates(
  ctx: Ctx,
  states: readonly StepRow["state"][],
  alone: ReadonlyArray<string | null>,
) {
  const out: StepRow["state"][] = [];
  for (const [i, state] of states.entries()) {
    const id = alone[i] ?? null;
    const own = id ? await aloneOf(ctx, { aloneDossierId: id } as StepRow) : null;
    out.push(own?.resultNumber ? "done" : state);
  }
  return out;
}

/**
 * The citizen's own group applications (My dossiers): each group's name, overall state in plain
 * words, receipt and overall due instant, newest first (at most 50).
 */
export async function myGroups(ctx: Ctx) {
  const p = ctx.principal;
  if (p.kind !== "citizen") throw new AppError("FORBIDDEN");
  const rows = await groupsOfApplicant(ctx.db, p.personalNumber, 50);
  const items = [];
  for (const g of rows) {
    const def = (await getGroupVersion(ctx.db, g.groupCode, g.groupVersion)).definition;
    const states = await countedStates(ctx, g.states, g.alone);
    const state = groupState(states.map((s, i) => ({ key: String(i), state: s, dossierStatus: null })));
    items.push({
      id: g.id,
      group: { code: def.code, nameVi: def.nameVi, nameEn: def.nameEn },
      receivedAt: g.receivedAt,
      dueAt: g.dueAt,
      state,
      words: groupWords(state),
      steps: g.states.length,
      done: states.filter((s) => s === "done").length,
    });
  }
  return { items };
}
