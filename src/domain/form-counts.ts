import { type Condition, evaluate, isEmptyValue } from "./conditions.js";

/**
 * How much of a procedure's online form the registries fill and how much is left to type: the one
 * count every screen shows, so their numbers agree. Two scopes, and each screen says which:
 * - the whole form (no `values`): every field the form may ask, some only for some answers; what
 *   the procedure page promises anyone ("tối đa");
 * - the fields the citizen sees (`values` given): those whose `visibleWhen` holds for the answers
 *   so far; what a draft, its card and its review show.
 */
export type FormCounts = {
  /** Fields counted: the whole form, or the fields shown for these answers. */
  total: number;
  /** Fields the registries fill: those with a prefill binding (and, for one person, a value). */
  prefilled: number;
  /** Fields left to type or pick: the others (checkboxes included). */
  typed: number;
  /** Fields with a prefill binding the registries held no value for (typed, counted in `typed`). */
  unfilled: number;
  /** Fields holding an answer: the prefilled ones and, with `values`, the typed ones answered (an unticked box is none). */
  answered: number;
};

type CountedField = { key: string; prefill?: unknown; visibleWhen?: Condition | boolean };
type Values = Record<string, unknown>;

/**
 * Counts a form's fields. Without `filled`, every field with a prefill binding counts as prefilled
 * (what the procedure promises anyone); with `filled`, the keys the registries gave a value for
 * this person (a dossier's prefill: a binding, or a registry message's field), and a binding the
 * registry has no value for is typed. With
 * `values`, only the fields shown for these answers count, and the typed answers are counted.
 */
export function formCounts(
  fields: ReadonlyArray<CountedField>,
  filled?: ReadonlySet<string>,
  values?: Values,
): FormCounts {
  const shown = values ? fields.filter((f) => evaluate(f.visibleWhen, values)) : fields;
  const bound = shown.filter((f) => f.prefill !== undefined && f.prefill !== null);
  const isPrefilled = (f: CountedField) => (filled ? filled.has(f.key) : bound.includes(f));
  const prefilled = shown.filter(isPrefilled).length;
  const typedAnswers = values
    ? shown.filter((f) => !isPrefilled(f) && !isEmptyValue(values[f.key])).length
    : 0;
  return {
    total: shown.length,
    prefilled,
    typed: shown.length - prefilled,
    unfilled: bound.filter((f) => !isPrefilled(f)).length,
    answered: prefilled + typedAnswers,
  };
}

/** The keys a prefill answer gave a value for from the registries (a value and its provenance). */
export function filledKeys(
  fields: ReadonlyArray<{ key: string; value: unknown; provenance?: unknown }>,
): ReadonlySet<string> {
  return new Set(fields.filter((f) => f.value !== null && f.value !== "" && f.provenance).map((f) => f.key));
}
