import { withinOneTx } from "../../db/client.js";
import type { FormValues } from "../../domain/form.js";
import { earlierStepWithoutResult } from "../../domain/linked-alone.js";
import { otherHouseholdValues } from "../../domain/linked-form.js";
import { stepPrefill } from "../../domain/linked-group.js";
import { AppError } from "../../kernel/errors.js";
import { provinceOfId } from "../../kernel/locality.js";
import { getGroupVersion } from "../catalog/index.js";
import { type Ctx, createDossier, type DraftSeed, getVisibleRecord } from "../dossiers/index.js";
import { LinkedErrors } from "./errors.js";
import { findGroup, type GroupRow, type StepRow, setAloneDossier } from "./repository.js";
import { dependencyResults, resultValues } from "./step-inputs.js";
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
 * unknown group or step: 404 NOT_FOUND; an officer: 403); a step still in the group's hands: 409
 * STEP_NOT_ENDED.
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
    if (!mayFileAlone(group, step)) throw new AppError(LinkedErrors.STEP_NOT_ENDED);
    if (earlierStepWithoutResult(def, steps, stepKey))
      throw new AppError(LinkedErrors.EARLIER_STEP_NO_RESULT);
    const tx: Ctx = { ...ctx, db };
    const earlier = await aloneDossier(tx, step);
    if (earlier) return { id: earlier.id };
    const { forms, sources, notice, codes } = await dependencyResults({ ...env, db }, tx, member, steps);
    const own: FormValues = { ...(step.values as FormValues) };
    // The other parent's household, as the group would have registered the child into it: not carried.
    if (stepKey === CHILD_HOME_STEP && group.childHome)
      for (const k of Object.keys(otherHouseholdValues(group.childHome, ""))) delete own[k];
    const values: FormValues = { ...own, ...(stepPrefill(member, forms, group.facts) as FormValues) };
    // A result's value only as the form holds it (a rule taking a date-time's day keeps it typed).
    const prefill = Object.fromEntries(
      Object.entries(resultValues(def, member, forms, group.facts, sources)).filter(
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
 * Whether the step may be filed on its own: it ended in the group (refused, withdrawn, cancelled),
 * or it is the birth group's residence step waiting only for the chosen household's head.
 */
export const mayFileAlone = (group: Pick<GroupRow, "childHome">, step: StepRow): boolean =>
  step.state === "failed" ||
  step.state === "cancelled" ||
  (step.state === "waiting" && awaitsHeadConsent(group, step.stepKey));

/**
 * The dossier the step was filed as on its own, as the applicant sees it: none when never filed,
 * or when that draft or dossier was withdrawn (a new tap starts a new one).
 */
export async function aloneDossier(ctx: Ctx, step: StepRow) {
  if (!step.aloneDossierId) return undefined;
  const r = await getVisibleRecord(ctx, step.aloneDossierId, "view").catch((err: unknown) => {
    if (err instanceof AppError && err.status === 404) return undefined;
    throw err;
  });
  return r && r.dossier.status !== "withdrawn" ? r.dossier : undefined;
}
