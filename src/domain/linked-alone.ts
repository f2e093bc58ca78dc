import type { LinkedGroupDefinition } from "./linked-group.js";

/**
 * Whether a step's earlier steps ended without a result (refused, withdrawn, cancelled): filed on
 * its own it would lack what they give (the child's personal number, the death extract), so it is
 * not offered, and a request to file it so is refused (EARLIER_STEP_NO_RESULT). A dependency still
 * in progress is not such an end (the residence step waiting for the household's head).
 */
export function earlierStepWithoutResult(
  def: Pick<LinkedGroupDefinition, "members">,
  steps: readonly { stepKey: string; state: string }[],
  key: string,
): boolean {
  const member = def.members.find((m) => m.key === key);
  return (member?.dependsOn ?? []).some((dep) => {
    const state = steps.find((s) => s.stepKey === dep)?.state;
    return state === "failed" || state === "cancelled";
  });
}
