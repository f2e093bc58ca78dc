import { formCounts } from "../../domain/form-counts.js";
import type { ProcedureDefinition } from "../../domain/procedure.js";

/** How much less a citizen declares online than on the paper form. */
export type FormStats = {
  /** Fields on the paper form (declared by the procedure). */
  paperFieldCount: number;
  /** Fields of the online form. */
  onlineFieldCount: number;
  /** Online fields filled from registries (a prefill binding). */
  prefilledFieldCount: number;
  /** Online fields the citizen types or picks (no prefill binding; checkboxes count). */
  typedFieldCount: number;
  /** Dossier components that a registry fact or an earlier electronic result can replace. */
  componentsReplacedByData: number;
  /** 1 − typed / paper, as a percentage with one decimal (negative if online asks for more). */
  reductionPercent: number;
};

/** Pure: counts of a procedure version's form. */
export function formStats(def: ProcedureDefinition): FormStats {
  const { total, prefilled, typed } = formCounts(def.form);
  return {
    paperFieldCount: def.paperFieldCount,
    onlineFieldCount: total,
    prefilledFieldCount: prefilled,
    typedFieldCount: typed,
    componentsReplacedByData: def.components.filter((c) => c.replacedBy !== undefined).length,
    reductionPercent: Math.round((1 - typed / def.paperFieldCount) * 1000) / 10,
  };
}
