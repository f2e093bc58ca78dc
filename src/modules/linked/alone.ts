import { type Db, type Queryable, withinOneTx } from "../../db/client.js";
import type { FormValues } from "../../domain/form.js";
import { RESULT_STATUSES, reduce, TERMINAL } from "../../domain/lifecycle.js";
import { earlierStepWithoutResult, pendingEarlierStep, stepHasResult } from "../../domain/linked-alone.js";
import { otherHouseholdValues } from "../../domain/linked-form.js";
import { type LinkedGroupDefinition, stepPrefill } from "../../domain/linked-group.js";
import { STATUS_WORDS } from "../../domain/status-words.js";
import { AppError } from "../../kernel/errors.js";
import { provinceOfId } from "../../kernel/locality.js";
import { getGroupVersion, getPublished } from "../catalog/index.js";
import {
  type Ctx,
  cancelBySystem,
  createDossier,
  type DraftSeed,
  dossierStanding,
  getVisibleRecord,
} from "../dossiers/index.js";
import { LinkedErrors } from "./errors.js";
import { findGroup, type GroupRow, type StepRow, setAloneDossier } from "./repository.js";
import { dependencyResults, knownFacts, resultValues } from "./step-inputs.js";
import { awaitsHeadConsent, CHILD_HOME_STEP, type LinkedEnv } from "./steps.js";

/**
 * A failed or cancelled step filed on its own ("Nộp riêng thủ tục này"): a new draft of its
 * procedure, outside the group (its own fee and clock), carrying what the group knows, read from
 * the group's own records, never from the client: the step's answers given with the group, the
 * values its dependencies' results give (the child's name and, once registered, personal number;
 * the deceased as the death registration recorded them) read-only with the result as their
 * source, the components those results stand for (the death extract) replaced by that very
 * result, and the notice the group was filed from. The household the head refused is not carried
 * (the applicant chooses one anew). The birth group's residence step may also be filed on its own
 * while it only waits for the chosen household's head (the group page's "meanwhile").
 *
 * One dossier per step: the step keeps the dossier it was filed as (migration 363), and every
 * later tap, from any device and with any key, opens that one again, a draft or filed; only a
 * withdrawn one is replaced by a new draft. Only the group's applicant (any other citizen, an
 * unknown group or step: 404 NOT_FOUND; an officer: 403); a step done in the group: 409
 * STEP_ALREADY_DONE; a step still in the group's hands: 409 STEP_NOT_ENDED; an earlier step ended without a result: 409 EARLIER_STEP_NO_RESULT; an earlier
 * step without its result yet (the birth submitted, not registered: the child has no personal
 * number, Law on Residence 2020 Art. 21): 409 EARLIER_STEP_PENDING naming it; nothing created.
 * An earlier step refused in the group and given its result filed on its own counts as having it
 * (`withAloneResults`): the draft then reads that alone dossier's form and result (the child's
 * personal number as the population registry holds it, with that result as its source).
 */
export async function fileStepAlone(
  env: Pick<LinkedEnv, "db" | "now">,
  ctx: Ctx,
  groupId: string,
  stepKey: string,
  idempotencyKey?: string,
): Promise<{ id: string }> {
  const p = ctx.principal;
  if (p.kind !== "citizen") throw new AppError("FORBIDDEN");
  const province = provinceOfId(groupId);
  if (!province) throw new AppError("NOT_FOUND");
  // The group's row locked: two taps at once (two devices) start one draft.
  return withinOneTx(ctx.db, async (db, q) => {
    const found = await findGroup(q, province, groupId, true);
    if (!found || found.group.applicantNumber !== p.personalNumber) throw new AppError("NOT_FOUND");
    const { group, steps } = found;
    const step = steps.find((s) => s.stepKey === stepKey);
    const def = (await getGroupVersion(db, group.groupCode, group.groupVersion)).definition;
    const member = def.members.find((m) => m.key === stepKey);
    if (!step || !member) throw new AppError("NOT_FOUND");
    // A step with its result (in the group) has nothing to be filed for: said so, not "still handled".
    if (step.state === "done") throw new AppError(LinkedErrors.STEP_ALREADY_DONE);
    if (!mayFileAlone(group, step)) throw new AppError(LinkedErrors.STEP_NOT_ENDED);
    const tx: Ctx = { ...ctx, db };
    // Each step's dossier filed on its own, read once: for the rules, and this step's own.
    const alones = await alonesOf(tx, steps);
    const counted = await withAloneResults(tx, steps, alones);
    if (earlierStepWithoutResult(def, counted, stepKey))
      throw new AppError(LinkedErrors.EARLIER_STEP_NO_RESULT);
    const known = await knownFacts(tx, def, group, counted, alones);
    const pending = pendingEarlierStep(def, counted, stepKey, known);
    if (pending) throw await earlierStepPending(db, def, pending, stepHasResult(counted, pending));
    const earlier = alones.get(stepKey);
    if (earlier) return { id: earlier.dossierId };
    const deps = await dependencyResults({ ...env, db }, tx, def, member, counted);
    const { forms, sources, notice, codes } = deps;
    const facts = { ...group.facts, ...deps.facts };
    const own: FormValues = { ...(step.values as FormValues) };
    // The other parent's household, as the group would have registered the child into it: not carried.
    if (stepKey === CHILD_HOME_STEP && group.childHome)
      for (const k of Object.keys(otherHouseholdValues(group.childHome, ""))) delete own[k];
    const values: FormValues = { ...own, ...(stepPrefill(member, forms, facts) as FormValues) };
    // A result's value only as the form holds it (a rule taking a date-time's day keeps it typed).
    const prefill = Object.fromEntries(
      Object.entries(resultValues(def, member, forms, facts, sources)).filter(
        ([k, v]) => values[k] !== undefined && String(values[k]) === String(v.value),
      ),
    );
    for (const k of Object.keys(prefill)) delete values[k];
    const seed: DraftSeed = { values, prefill, results: codes };
    const created = await createDossier(
      tx,
      { procedureCode: step.procedureCode, ...(notice ? { noticeId: notice } : {}) },
      idempotencyKey,
      { alone: groupId, step: stepKey },
      seed,
    );
    await setAloneDossier(q, province, groupId, stepKey, created.dossier.id);
    return { id: created.dossier.id };
  });
}

/**
 * 409 EARLIER_STEP_PENDING naming the earlier step (its procedure) whose result is not there yet,
 * or (`issued`) whose result is issued but what it gives this step is not known yet: the child's
 * personal number the population registry does not hold yet (its write-back lags).
 */
async function earlierStepPending(
  db: Queryable,
  def: Pick<LinkedGroupDefinition, "members">,
  key: string,
  issued: boolean,
): Promise<AppError> {
  const code = def.members.find((m) => m.key === key)?.procedureCode ?? "";
  const name = (await getPublished(db, code)).definition;
  if (issued)
    return new AppError(LinkedErrors.EARLIER_STEP_PENDING, undefined, {
      vi: `Chưa thể nộp riêng bước này: bước trước “${name.nameVi}” đã có kết quả nhưng thông tin bước này cần (như số định danh cá nhân của trẻ) chưa được cập nhật vào cơ sở dữ liệu quốc gia về dân cư. Khi thông tin đó đã được cập nhật, bạn có thể nộp riêng thủ tục này. Chưa có hồ sơ nào được tạo.`,
      en: `This step cannot be filed on its own yet: the earlier step “${name.nameEn}” has its result, but what this step needs (such as the child's personal number) has not reached the national population database yet. Once it has, you can file this procedure on its own. Nothing was created.`,
    });
  return new AppError(LinkedErrors.EARLIER_STEP_PENDING, undefined, {
    vi: `Chưa thể nộp riêng bước này: bước trước “${name.nameVi}” chưa có kết quả, nên chưa có thông tin bước này cần (như số định danh cá nhân của trẻ). Khi bước “${name.nameVi}” đã có kết quả, bạn có thể nộp riêng thủ tục này. Chưa có hồ sơ nào được tạo.`,
    en: `This step cannot be filed on its own yet: the earlier step “${name.nameEn}” has no result yet, so what this step needs (such as the child's personal number) is not there. Once “${name.nameEn}” has its result, you can file this procedure on its own. Nothing was created.`,
  });
}

/**
 * Whether the step may be filed on its own: it ended in the group (refused, withdrawn, cancelled),
 * or it is the birth group's residence step waiting only for the chosen household's head.
 */
export const mayFileAlone = (group: Pick<GroupRow, "childHome">, step: StepRow): boolean =>
  step.state === "failed" ||
  step.state === "cancelled" ||
  (step.state === "waiting" && awaitsHeadConsent(group, step.stepKey));

/**
 * The dossier the step was filed as on its own with its parts (its log), as the applicant sees it,
 * in one gated read: none when never filed, or when that draft or dossier was withdrawn (a new tap
 * starts a new one).
 */
async function aloneRecord(ctx: Ctx, step: StepRow) {
  if (!step.aloneDossierId) return undefined;
  const r = await getVisibleRecord(ctx, step.aloneDossierId, "view").catch((err: unknown) => {
    if (err instanceof AppError && err.status === 404) return undefined;
    throw err;
  });
  return r && r.dossier.status !== "withdrawn" ? r : undefined;
}

/**
 * The step's dossier filed on its own, as the group page links it: its id, code, status (and in
 * plain words), its result's number once issued (status in RESULT_STATUSES: verifiable, and the
 * step counts as done for the group and for the steps after it); null: none, or withdrawn.
 */
export async function aloneOf(ctx: Ctx, step: StepRow) {
  const r = await aloneRecord(ctx, step);
  if (!r) return null;
  const d = r.dossier;
  return {
    dossierId: d.id,
    code: d.code,
    status: d.status,
    words: STATUS_WORDS[d.status],
    resultNumber: RESULT_STATUSES.has(d.status) ? reduce(r.parts.log).resultNumber : null,
    /** Its result's issue payload (what the result gives: `knownFacts`), never shown as such. */
    issued: RESULT_STATUSES.has(d.status)
      ? (r.parts.log.find((a) => a.type === "issue_result")?.payload ?? null)
      : null,
  };
}

/** A step's `aloneOf` as the group page shows it: without its result's payload. */
export const shownAlone = (a: AloneOf) =>
  a
    ? { dossierId: a.dossierId, code: a.code, status: a.status, words: a.words, resultNumber: a.resultNumber }
    : null;

/** A step's `aloneOf`, by step key. */
export type AloneOf = Awaited<ReturnType<typeof aloneOf>>;

/** Each step's `aloneOf`, by step key: one read of each dossier filed on its own, none for the others. */
export async function alonesOf(ctx: Ctx, steps: readonly StepRow[]): Promise<Map<string, AloneOf>> {
  const out = new Map<string, AloneOf>();
  for (const s of steps) out.set(s.stepKey, await aloneOf(ctx, s));
  return out;
}

/**
 * The group's steps as the "Nộp riêng" rules read them (`AloneStepRecord`, src/domain/linked-alone.ts):
 * each with `aloneResult`, whether the dossier it was filed as on its own has its result
 * (`aloneOf`'s `resultNumber`; the one way it is computed) and `aloneInProgress`, whether it was
 * submitted and has not ended there (refused, withdrawn) without one. `known`: the steps' `aloneOf` the
 * caller already read (the group page), by step key; the others are read as `ctx`.
 */
export async function withAloneResults(
  ctx: Ctx,
  steps: readonly StepRow[],
  known?: ReadonlyMap<string, AloneOf>,
): Promise<Array<StepRow & { aloneResult: boolean; aloneInProgress: boolean }>> {
  const out = [];
  for (const s of steps) {
    const alone = known?.has(s.stepKey)
      ? known.get(s.stepKey)
      : s.aloneDossierId
        ? await aloneOf(ctx, s)
        : null;
    out.push({
      ...s,
      aloneResult: Boolean(alone?.resultNumber),
      // Submitted on its own and not ended there (refused, withdrawn): its result may still come.
      aloneInProgress: Boolean(
        alone && !alone.resultNumber && alone.status !== "draft" && !TERMINAL.has(alone.status),
      ),
    });
  }
  return out;
}

/** An alone dossier in these statuses does not stand in the group's way: not filed, or given up. */
const NOT_FILED: ReadonlySet<string> = new Set(["draft", "withdrawn"]);

/**
 * The birth group's residence step filed on its own and submitted while it waits for the chosen
 * household's head: that dossier (its id, status, code), read by the platform (whoever asks: the
 * head, the applicant); undefined when the step does not wait for the head, was never filed on its
 * own, or only as a draft or a withdrawn dossier.
 */
export async function filedAlone(
  q: Queryable,
  group: Pick<GroupRow, "childHome">,
  steps: readonly StepRow[],
): Promise<{ id: string; status: string; code: string | null } | undefined> {
  const step = steps.find((s) => s.stepKey === CHILD_HOME_STEP);
  if (!step?.aloneDossierId || step.state !== "waiting" || !awaitsHeadConsent(group, step.stepKey))
    return undefined;
  const d = await dossierStanding(q, step.aloneDossierId);
  return d && !NOT_FILED.has(d.status) ? d : undefined;
}

/**
 * The one rule against two residence registrations of the same child (issue 12): once the
 * applicant submitted the residence step filed on its own (`filedAlone`: any status but draft and
 * withdrawn), the head's consent to the child joining their household (Law on Residence 2020,
 * Art. 21(1): needed only to register into that household) is no longer asked in the group: 409
 * STEP_FILED_ALONE naming the procedure and the dossier's code, worded for the head (`to` "head":
 * the applicant filed…) or the applicant ("applicant": you filed…). Null while the head's consent
 * is still wanted (no alone dossier, or only a draft: a draft does not block). Read under the
 * group row's lock by the writers (consent), so that a submission and a consent never both pass.
 */
export async function filedAloneError(
  q: Queryable,
  group: Pick<GroupRow, "childHome">,
  steps: readonly StepRow[],
  to: "head" | "applicant" = "head",
): Promise<AppError | null> {
  const d = await filedAlone(q, group, steps);
  if (!d) return null;
  const step = steps.find((s) => s.stepKey === CHILD_HOME_STEP) as StepRow;
  const name = (await getPublished(q, step.procedureCode)).definition;
  const code = d.code ?? "";
  const whoVi = to === "head" ? "Người nộp" : "Bạn";
  const whoEn = to === "head" ? "The applicant" : "You";
  return new AppError(LinkedErrors.STEP_FILED_ALONE, undefined, {
    vi: `${whoVi} đã nộp riêng thủ tục “${name.nameVi}” cho trẻ (hồ sơ ${code}), nên không cần chủ hộ đồng ý trong nhóm hồ sơ liên thông này nữa. Chưa có gì được ghi nhận.`,
    en: `${whoEn} filed “${name.nameEn}” for the child separately, as dossier ${code}, so the head of household's consent in this linked application is no longer needed. Nothing was recorded.`,
  });
}

/**
 * The head consents while the applicant only has a draft of the residence step filed on its own:
 * the group's step goes on, so that draft is withdrawn by the platform (role "system"), with the
 * reason on its page, and can no longer be submitted (the child is registered once). Judged on the
 * draft's row as locked, in the caller's transaction `db` that holds the group row's lock: a
 * submission that won the draft's lock first makes it 409 STEP_FILED_ALONE (the consent is rolled
 * back with the caller's transaction). Nothing when there is no draft.
 */
export async function withdrawAloneDraft(
  db: Db,
  group: Pick<GroupRow, "childHome">,
  steps: readonly StepRow[],
  at: Date,
): Promise<void> {
  const step = steps.find((s) => s.stepKey === CHILD_HOME_STEP);
  const home = group.childHome;
  if (!step?.aloneDossierId || !home) return;
  const d = await dossierStanding(db, step.aloneDossierId);
  const withdrawn =
    d?.status === "draft" &&
    (await cancelBySystem(db, d.id, {
      actorId: ALONE_ACTOR,
      at,
      onlyDraft: true,
      reason: {
        vi: `Chủ hộ ${home.headName} đã đồng ý cho trẻ đăng ký thường trú vào hộ, nên bước đăng ký thường trú tiếp tục trong nhóm hồ sơ liên thông. Bản nháp nộp riêng này đã được hủy để trẻ không bị đăng ký hai lần.`,
        en: `The head of household, ${home.headName}, consented to the child's registration in the household, so the residence step goes on in the linked application. This draft filed on its own was withdrawn so that the child is not registered twice.`,
      },
    }));
  if (withdrawn) return;
  // Submitted meanwhile (its lock came first): the head's consent is the one refused.
  const filed = await filedAloneError(db, group, steps);
  if (filed) throw filed;
}

/** Who the platform is in the log of a draft it withdraws: the linked-group engine. */
const ALONE_ACTOR = "linked-group";
