/**
 * How much of a procedure's online form the registries fill and how much is left to type: the one
 * count the procedure page ("you type N of T fields") and the signed-in citizen's panel ("the
 * platform fills K of T; you type the other T − K") both show, so their numbers agree.
 */
export type FormCounts = {
  /** Fields of the online form. */
  total: number;
  /** Fields the registries fill: those with a prefill binding (and, for one person, a value). */
  prefilled: number;
  /** Fields left to type or pick: the others (checkboxes included). */
  typed: number;
  /** Fields with a prefill binding the registries held no value for (typed, counted in `typed`). */
  unfilled: number;
};

/**
 * Counts a form's fields. Without `filled`, every field with a prefill binding counts as prefilled
 * (what the procedure promises anyone); with `filled`, the keys the registries gave a value for
 * this person, only those of them (a binding the registry has no value for is typed).
 */
export function formCounts(
  fields: ReadonlyArray<{ key: string; prefill?: unknown }>,
  filled?: ReadonlySet<string>,
): FormCounts {
  const bound = fields.filter((f) => f.prefill !== undefined && f.prefill !== null);
  const prefilled = filled ? bound.filter((f) => filled.has(f.key)).length : bound.length;
  return {
    total: fields.length,
    prefilled,
    typed: fields.length - prefilled,
    unfilled: bound.length - prefilled,
  };
}

/** The keys a prefill answer gave a value for from the registries (a value and its provenance). */
export function filledKeys(
  fields: ReadonlyArray<{ key: string; value: unknown; provenance?: unknown }>,
): ReadonlySet<string> {
  return new Set(fields.filter((f) => f.value !== null && f.value !== "" && f.provenance).map((f) => f.key));
}
