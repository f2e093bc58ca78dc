import { localDate } from "./calendar/index.js";
import { parseInstant } from "./instant.js";
import type { ProcedureDefinition } from "./procedure.js";

/**
 * An issued result as the source of the values a later form takes from it ("kết quả đăng ký khai
 * tử …"): a linked group's step (src/modules/linked) or a single form of a procedure that follows
 * a death the applicant registered here (src/modules/dossiers).
 */
export function resultSource(
  name: { nameVi: string; nameEn: string },
  number: string,
  issued: Date,
): { sourceVi: string; sourceEn: string; asOf: string; ref: string } {
  return {
    sourceVi: `kết quả ${lowerFirst(name.nameVi)} ${number}`,
    sourceEn: `the result of ${lowerFirst(name.nameEn)} ${number}`,
    asOf: issued.toISOString(),
    ref: number,
  };
}

const lowerFirst = (text: string) => text.charAt(0).toLocaleLowerCase("vi") + text.slice(1);

type Form = Pick<ProcedureDefinition, "form">;

/**
 * The deceased's values a form that follows a death (the residence deregistration, the funeral
 * allowance, the survivor benefit) takes from the death registration's form, field by field through
 * the death notice's paths both bind (`deceasedName`, `deceasedNumber`, …; the day of death from
 * the time of death). Only non-empty values; the form's fields the registration does not bind stay
 * to the citizen (or to the registries that fill them).
 */
export function valuesFromDeathRegistration(
  def: Form,
  registration: Form,
  form: Readonly<Record<string, unknown>>,
): Record<string, string | number | boolean> {
  const byPath = new Map<string, unknown>();
  for (const f of registration.form)
    if (f.prefill?.subject === "deathNotice") byPath.set(f.prefill.path, form[f.key]);
  const out: Record<string, string | number | boolean> = {};
  for (const f of def.form) {
    if (f.prefill?.subject !== "deathNotice") continue;
    let value = byPath.get(f.prefill.path);
    if (value === undefined && f.prefill.path === "diedDate") {
      const at = byPath.get("diedAt");
      const instant = typeof at === "string" ? parseInstant(at) : undefined;
      value = instant ? localDate(instant) : undefined;
    }
    if (
      typeof value === "string"
        ? value.trim() !== ""
        : typeof value === "number" || typeof value === "boolean"
    )
      out[f.key] = value as string | number | boolean;
  }
  return out;
}
