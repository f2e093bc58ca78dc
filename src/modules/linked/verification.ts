import { type LinkedGroupDefinition, plannedDue } from "../../domain/linked-group.js";
import { AppError } from "../../kernel/errors.js";
import { getGroupVersion } from "../catalog/index.js";
import type { TransitionEffect } from "../dossiers/index.js";
import { LinkedErrors } from "./errors.js";
import { findGroup, groupOfDossier } from "./repository.js";

/** The step "cần xác minh" may be marked on: a first step (no dependency), of a group with a verification limit. */
export function isVerifiableStep(def: LinkedGroupDefinition, stepKey: string): boolean {
  const m = def.members.find((x) => x.key === stepKey);
  return def.limitWithVerification !== undefined && m !== undefined && m.dependsOn.length === 0;
}

/**
 * The `require_verification` action's effect, in the dossier's transaction (after the lifecycle
 * allowed the officer: own agency, a processing status, a reason): the dossier must be the first
 * step (the birth registration) of a group whose definition has `limitWithVerification`, else
 * VERIFICATION_NOT_GROUP_STEP; once per group (VERIFICATION_ALREADY_MARKED). The group, locked, is
 * marked and its due recomputed from its receipt with the verification limit (Decree 63/2024: 5
 * working days instead of 3, the 15:00 rule and the calendar included): the group page and the
 * leader's at-risk list read it. The action's payload records the group, its new due and the limit.
 */
export const verificationEffect: TransitionEffect = async (q, { dossier }) => {
  const link = await groupOfDossier(q, dossier.provinceCode, dossier.id);
  const found = link && (await findGroup(q, dossier.provinceCode, link.groupId, true));
  if (!link || !found) throw new AppError(LinkedErrors.VERIFICATION_NOT_GROUP_STEP);
  const { group, steps } = found;
  const def = (await getGroupVersion(q, group.groupCode, group.groupVersion)).definition;
  const limit = def.limitWithVerification;
  if (!limit || !isVerifiableStep(def, link.stepKey))
    throw new AppError(LinkedErrors.VERIFICATION_NOT_GROUP_STEP);
  if (group.verification) throw new AppError(LinkedErrors.VERIFICATION_ALREADY_MARKED);
  const keys = steps.map((s) => s.stepKey);
  const due = plannedDue(def, keys, new Date(group.receivedAt), { verification: true }).group;
  await q.query(
    "update linked_groups set verification = true, due_at = $3 where province_code = $1 and id = $2",
    [group.provinceCode, group.id, due],
  );
  return {
    verification: {
      groupId: group.id,
      groupDueAt: due.toISOString(),
      workingDays: limit.workingDays,
      source: limit.source ?? null,
    },
  };
};
