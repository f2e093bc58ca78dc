import type { FormValues } from "../../domain/form.js";
import { otherHouseholdValues } from "../../domain/linked-form.js";
import { stepPrefill } from "../../domain/linked-group.js";
import { AppError } from "../../kernel/errors.js";
import { provinceOfId } from "../../kernel/locality.js";
import { getGroupVersion } from "../catalog/index.js";
import { type Ctx, createDossier, type DraftSeed } from "../dossiers/index.js";
import { LinkedErrors } from "./errors.js";
import { findGroup } from "./repository.js";
import { dependencyResults, resultValues } from "./step-inputs.js";
import { CHILD_HOME_STEP, type LinkedEnv } from "./steps.js";

/**
 * A failed or cancelled step filed on its own ("Nộp riêng thủ tục này"): a new draft of its
 * procedure, outside the group (its own fee and clock), carrying what the group knows, read from
 * the group's own records, never from the client: the step's answers given with the group, the
 * values its dependencies' results give (the child's name and, once registered, personal number)
 * read-only with the result as their source, and the notice the group was filed from. The
 * household the head refused is not carried (the applicant chooses one anew). Only the group's
 * applicant (any other citizen, an unknown group or step: 404 NOT_FOUND; an officer: 403); a step still in the group's
 * hands: 409 STEP_NOT_ENDED. With an Idempotency-Key a repeated tap opens the same draft.
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
  const found = province ? await findGroup(ctx.db, province, groupId) : undefined;
  if (!found || found.group.applicantNumber !== p.personalNumber) throw new AppError("NOT_FOUND");
  const { group, steps } = found;
  const step = steps.find((s) => s.stepKey === stepKey);
  const def = (await getGroupVersion(ctx.db, group.groupCode, group.groupVersion)).definition;
  const member = def.members.find((m) => m.key === stepKey);
  if (!step || !member) throw new AppError("NOT_FOUND");
  if (step.state !== "failed" && step.state !== "cancelled") throw new AppError(LinkedErrors.STEP_NOT_ENDED);
  const { forms, sources, notice } = await dependencyResults(env, ctx, member, steps);
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
  const seed: DraftSeed = { values, prefill };
  const created = await createDossier(
    ctx,
    { procedureCode: step.procedureCode, ...(notice ? { noticeId: notice } : {}) },
    idempotencyKey,
    { alone: groupId, step: stepKey },
    seed,
  );
  return { id: created.dossier.id };
}
