import type { FormValues } from "./form.js";
import type { ProcedureDefinition } from "./procedure.js";

/**
 * Whose result it is: the person the public verification page names (masked). Most results are
 * the requester's own; a card issued to someone else (a child's health-insurance card, requested
 * by a parent) is held by the person its form names, read through the form's prefill bindings of
 * that person's record (`subject`): their full name and personal number. When the form does not
 * name them both, the requester.
 */
const HELD_BY_SUBJECT: Readonly<Record<string, string>> = { health_insurance_card: "child" };

export type ResultHolder = { number: string; name: string };

export function resultHolder(
  def: Pick<ProcedureDefinition, "form" | "result">,
  form: FormValues,
  requester: ResultHolder,
): ResultHolder {
  const subject = HELD_BY_SUBJECT[def.result.kind];
  if (!subject) return requester;
  const named = (path: string) => {
    const f = def.form.find((x) => x.prefill?.subject === subject && x.prefill.path === path);
    const v = f ? form[f.key] : undefined;
    return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
  };
  const name = named("fullName");
  const number = named("personalNumber");
  return name && number ? { number, name } : requester;
}
