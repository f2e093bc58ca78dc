import type { Queryable } from "../../db/client.js";
import { citizenLimit, plannedDue } from "../../domain/linked-clock.js";
import type { LinkedGroupDefinition } from "../../domain/linked-group.js";
import { citizenVerificationWords } from "../../domain/linked-group-words.js";
import { AppError } from "../../kernel/errors.js";
import { getGroupVersion } from "../catalog/index.js";
import { type Ctx, getVisibleRecord, type TransitionEffect } from "../dossiers/index.js";
import { LinkedErrors } from "./errors.js";
import { findGroup, type GroupRow, groupOfDossier, type StepRow } from "./repository.js";

/** The step "cần xác minh" may be marked on: a first step (no dependency), of a group with a verification limit. */
export function isVerifiableStep(def: LinkedGroupDefinition, stepKey: string): boolean {
  const m = def.members.find((x) => x.key === stepKey);
  return def.limitWithVerification !== undefined && m !== undefined && m.dependsOn.length === 0;
}

/**
 * Why "cần xác minh" cannot be marked on a step now, or null when it can: the one rule the
 * action's effect enforces and the dossier's `availableActions`, the officer's group context
 * (`verifiableDays`) read. `def` is the step's group version, undefined when the dossier is no
 * linked step; `marked` whether the group is already marked (once per group, Decree 63/2024).
 */
export function verificationRefusal(
  def: LinkedGroupDefinition | undefined,
  stepKey: string,
  marked: boolean,
): "VERIFICATION_NOT_GROUP_STEP" | "VERIFICATION_ALREADY_MARKED" | null {
  if (!def?.limitWithVerification || !isVerifiableStep(def, stepKey)) return "VERIFICATION_NOT_GROUP_STEP";
  return marked ? "VERIFICATION_ALREADY_MARKED" : null;
}

/**
 * Whether `require_verification` would succeed on the dossier now as far as its group goes (the
 * lifecycle checks status, role and agency): the dossier's view offers the action only then. A
 * plain read, no lock (the effect checks again under the group's lock).
 */
export async function mayRequireVerification(
  q: Queryable,
  dossier: { provinceCode: string; id: string },
): Promise<boolean> {
  const link = await groupOfDossier(q, dossier.provinceCode, dossier.id);
  const found = link && (await findGroup(q, dossier.provinceCode, link.groupId));
  if (!link || !found) return false;
  const def = (await getGroupVersion(q, found.group.groupCode, found.group.groupVersion)).definition;
  return verificationRefusal(def, link.stepKey, found.group.verification) === null;
}

/**
 * The `require_verification` action's effect, in the dossier's transaction (after the lifecycle
 * allowed the officer: own agency, a processing status, a reason): the dossier must be the first
 * step (the birth registration) of a group whose definition has `limitWithVerification`, else
 * VERIFICATION_NOT_GROUP_STEP; once per group (VERIFICATION_ALREADY_MARKED) — `verificationRefusal`.
 * The group, locked, is marked and its due recomputed from its receipt with the verification limit
 * (Decree 63/2024: 5 working days instead of 3, the 15:00 rule and the calendar included): the
 * group page and the leader's at-risk list read it. The action's payload records the group, its
 * new due and the limit.
 */
export const verificationEffect: TransitionEffect = async (q, { dossier }) => {
  const link = await groupOfDossier(q, dossier.provinceCode, dossier.id);
  const found = link && (await findGroup(q, dossier.provinceCode, link.groupId, true));
  if (!link || !found) throw new AppError(LinkedErrors.VERIFICATION_NOT_GROUP_STEP);
  const { group, steps } = found;
  const def = (await getGroupVersion(q, group.groupCode, group.groupVersion)).definition;
  const refused = verificationRefusal(def, link.stepKey, group.verification);
  const limit = def.limitWithVerification;
  if (refused || !limit) throw new AppError(LinkedErrors[refused ?? "VERIFICATION_NOT_GROUP_STEP"]);
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

/**
 * The citizen's group page on a group marked "cần xác minh": when it was marked (`at`), the
 * officer's reason (the `require_verification` action's, already notified to the citizen), the
 * limit now running (working days; null when the law does not confirm it: never shown) and the
 * sentence saying so in both languages (`citizenVerificationWords`). Null when not marked.
 */
export async function citizenVerification(
  ctx: Ctx,
  group: Pick<GroupRow, "verification">,
  def: LinkedGroupDefinition,
  steps: readonly StepRow[],
) {
  const limit = def.limitWithVerification;
  if (!group.verification || !limit) return null;
  const step = steps.find((s) => s.dossierId !== null && isVerifiableStep(def, s.stepKey));
  const member = def.members.find((m) => m.key === step?.stepKey);
  const log = step?.dossierId ? (await getVisibleRecord(ctx, step.dossierId, "view")).parts.log : [];
  const marked = [...log].reverse().find((a) => a.type === "require_verification");
  const days = citizenLimit(limit)?.workingDays ?? null;
  const agency = { vi: member?.agencyVi ?? "Cơ quan hộ tịch", en: member?.agencyEn ?? "civil-status office" };
  return {
    at: marked?.at ?? null,
    reason: marked?.reason ?? null,
    workingDays: days,
    words: citizenVerificationWords(agency, days, marked?.reason ?? null),
  };
}
