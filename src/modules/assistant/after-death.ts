import type { Queryable } from "../../db/client.js";
import type { AfterDeath, AfterDeathStep } from "../../domain/assistant.js";
import { RESULT_STATUSES, type Status } from "../../domain/lifecycle.js";
import type { ProcedureDefinition } from "../../domain/procedure.js";
import { lifeEventHolders } from "../dossiers/index.js";
import { ownGroupOfDossiers } from "../linked/index.js";

/**
 * What was done after the registered death of `deceasedNumber` (the assistant's fact
 * `deathRegistered`, src/domain/assistant-after-death.ts): the citizen's own linked group of that
 * death with where each step stands (a step ended in the group but filed on its own stands as that
 * dossier), and every other dossier filed for the death (one per procedure and event). `defs`: the
 * published procedures (whose result is a payment: "đã được chi trả"). The exchange logs the read.
 */
export function afterDeathReader(
  q: Queryable,
  selfNumber: string,
  defs: ReadonlyMap<string, Pick<ProcedureDefinition, "result">>,
) {
  return async (deceasedNumber: string): Promise<AfterDeath> => {
    const holders = await lifeEventHolders(q, `death:${deceasedNumber}`);
    const byId = new Map(holders.map((h) => [h.id, h]));
    const payout = (code: string) => defs.get(code)?.result.kind === "allowance_decision";
    const found = await ownGroupOfDossiers(q, selfNumber, [...byId.keys()]);
    const steps: AfterDeathStep[] = [];
    const inGroup = new Set<string>();
    for (const s of [...(found?.steps ?? [])].sort(
      (a, b) => a.plannedDueAt.getTime() - b.plannedDueAt.getTime() || a.stepKey.localeCompare(b.stepKey),
    )) {
      const alone = s.aloneDossierId ? byId.get(s.aloneDossierId) : undefined;
      for (const id of [s.dossierId, s.aloneDossierId]) if (id) inGroup.add(id);
      const state: AfterDeathStep["state"] = alone
        ? standing(alone.status)
        : s.state === "done"
          ? "done"
          : s.state === "failed" || s.state === "cancelled"
            ? "ended"
            : "open";
      steps.push({ code: s.procedureCode, state, inGroup: true, payout: payout(s.procedureCode) });
    }
    for (const h of holders) {
      if (inGroup.has(h.id) || steps.some((s) => s.code === h.procedureCode)) continue;
      steps.push({
        code: h.procedureCode,
        state: standing(h.status),
        inGroup: false,
        payout: payout(h.procedureCode),
      });
    }
    return { group: found?.group.id ?? null, steps };
  };
}

/** A dossier holding the event: done once its result is issued, else being decided. */
const standing = (status: string): "done" | "open" =>
  RESULT_STATUSES.has(status as Status) ? "done" : "open";
