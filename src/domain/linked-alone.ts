import type { GroupFact, LinkedGroupDefinition } from "./linked-group.js";

/**
 * A group step as the "Nộp riêng" rules read it: its state in the group, and whether the dossier it
 * was filed as on its own (after it ended in the group) has its result (`aloneResult`: status in
 * `RESULT_STATUSES`, src/domain/lifecycle.ts; computed by src/modules/linked/alone.ts). Such a
 * result stands for the step's result: the birth registered on its own gives the child's personal
 * number as the group's would have.
 */
export type AloneStepRecord = {
  stepKey: string;
  state: string;
  aloneResult?: boolean | undefined;
  /** Filed on its own and submitted, not yet ended there: its result may still come (pending). */
  aloneInProgress?: boolean | undefined;
};

/** Whether the step's result is there: given in the group, or by the dossier it was filed as alone. */
const hasResult = (s: AloneStepRecord | undefined): boolean => s?.state === "done" || s?.aloneResult === true;

/**
 * Whether a step's earlier steps ended without a result (refused, withdrawn, cancelled) and were
 * not given one since by their own dossier filed alone: filed on its own the step would lack what
 * they give (the child's personal number, the death extract), so it is not offered, and a request
 * to file it so is refused (EARLIER_STEP_NO_RESULT). A dependency still in progress, in the group
 * or filed on its own (`aloneInProgress`), is not such an end (see `pendingEarlierStep`). Decree 63/2024/NĐ-CP (linked groups: a step starts from the
 * results it depends on).
 */
export function earlierStepWithoutResult(
  def: Pick<LinkedGroupDefinition, "members">,
  steps: readonly AloneStepRecord[],
  key: string,
): boolean {
  const member = def.members.find((m) => m.key === key);
  return (member?.dependsOn ?? []).some((dep) => {
    const s = steps.find((x) => x.stepKey === dep);
    return (
      (s?.state === "failed" || s?.state === "cancelled") && !hasResult(s) && s?.aloneInProgress !== true
    );
  });
}

/**
 * The first earlier step (a dependency's key, in the group's order) whose result is not there yet:
 * neither done in the group nor given by its dossier filed on its own; undefined when every
 * dependency has its result (`earlierStepsDone`), or is no step of this group (not chosen). The one rule of when a step may be filed on its
 * own as to its dependencies and the facts it needs (`facts`: known to the group, as `startable`
 * reads them): the birth group's residence step needs the child's personal number,
 * which only the registered birth gives (Law on Residence 2020, Art. 21: the child's residence is
 * registered for a person in the population registry; Decree 63/2024/NĐ-CP, linked groups), so it
 * is neither offered nor accepted (409 EARLIER_STEP_PENDING) while the birth is only submitted.
 */
export function pendingEarlierStep(
  def: Pick<LinkedGroupDefinition, "members">,
  steps: readonly AloneStepRecord[],
  key: string,
  facts: KnownFacts,
): string | undefined {
  const member = def.members.find((m) => m.key === key);
  const deps = member?.dependsOn ?? [];
  const waiting = deps.find((dep) => {
    const s = steps.find((x) => x.stepKey === dep);
    // A member not chosen in this group is no step to wait for (as `startable` reads it).
    return s !== undefined && !hasResult(s);
  });
  if (waiting) return waiting;
  // Every needed fact known, as `startable` asks (the child's personal number once the population
  // registry holds it: a result issued whose registry write-back lags does not give it yet). The
  // step waited for is the dependency that provides the missing fact.
  const missing = (member?.needs ?? []).find((f) => facts[f] === undefined);
  if (missing === undefined) return undefined;
  return deps.find(
    (dep) =>
      steps.some((x) => x.stepKey === dep) &&
      def.members.find((m) => m.key === dep)?.provides.includes(missing) === true,
  );
}

/** The facts a group knows (its `facts`, and those its steps filed alone gave by their result). */
export type KnownFacts = Readonly<Partial<Record<GroupFact, string>>>;

/** Whether every dependency of step `key` has its result (in the group or filed alone): `pendingEarlierStep`. */
export const earlierStepsDone = (
  def: Pick<LinkedGroupDefinition, "members">,
  steps: readonly AloneStepRecord[],
  key: string,
  facts: KnownFacts,
): boolean => pendingEarlierStep(def, steps, key, facts) === undefined;

/** Whether the step's result is there: done in the group, or given by its dossier filed alone. */
export const stepHasResult = (steps: readonly AloneStepRecord[], key: string): boolean =>
  hasResult(steps.find((x) => x.stepKey === key));
