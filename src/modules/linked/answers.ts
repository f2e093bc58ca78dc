import { type FormValues, isEmptyValue, visibleFields } from "../../domain/form.js";
import { type LinkedGroupDefinition, stepPrefill } from "../../domain/linked-group.js";
import { evaluate } from "../../domain/procedure.js";
import { AppError } from "../../kernel/errors.js";
import { getPublished } from "../catalog/index.js";
import { type Ctx, previewPrefill } from "../dossiers/index.js";
import { LinkedErrors } from "./errors.js";

/** Prefill subjects a group's first step consumes: once it is registered they no longer prefill. */
const CONSUMED = new Set(["birthNotice", "deathNotice"]);

/**
 * The values each step that starts later will be filed with, checked now (Decree 63/2024: one
 * application; issue 12 point 2, each fact asked once and nothing cancelled at start for want of
 * an answer the citizen could have given when applying). A later step starts after the group's
 * first one has registered the birth or death, so what the hospital's notice told is no longer
 * offered by the registries then: it is kept now with the step's values (`kept`). The rest comes
 * at start from the registries, from earlier steps' forms (the group's prefill rules) and from the
 * facts their results give (not checked here: a result provides them).
 *
 * `chosen`: the member keys applied for; `shared`, `own`: the citizen's answers (asked once, and
 * per member). Returns, per later member, the values to keep with it. Throws AppError
 * LINKED_ANSWERS_MISSING (422) naming each required field of a chosen later step that nothing
 * fills, as `values.<member>.<field>` with the step's procedure and the field's label.
 */
export async function laterStepValues(
  ctx: Ctx,
  def: LinkedGroupDefinition,
  chosen: readonly string[],
  shared: FormValues,
  own: Readonly<Record<string, FormValues>>,
): Promise<Record<string, FormValues>> {
  const members = def.members.filter((m) => chosen.includes(m.key));
  const forms: Record<string, FormValues> = {};
  const kept: Record<string, FormValues> = {};
  const missing: Array<{ field: string; messageVi: string; messageEn: string }> = [];
  // Members in order: a dependency comes before its dependants in every starter group, and a
  // member's form is built from the registries now, the citizen's answers and earlier forms.
  for (const m of members) {
    const procedure = (await getPublished(ctx.db, m.procedureCode)).definition;
    const fields = new Set(procedure.form.map((f) => f.key));
    const preview = await previewPrefill(ctx, m.procedureCode);
    const now: FormValues = {};
    const consumed: FormValues = {};
    for (const f of preview.fields) {
      if (f.value === null || f.value === undefined || f.value === "") continue;
      now[f.key] = f.value;
      const subject = procedure.form.find((x) => x.key === f.key)?.prefill?.subject;
      if (subject && CONSUMED.has(subject)) consumed[f.key] = f.value;
    }
    const answers = { ...pick(shared, fields), ...(own[m.key] ?? {}) };
    const values = { ...now, ...(stepPrefill(m, forms, {}) as FormValues), ...answers };
    forms[m.key] = values;
    if (m.dependsOn.length === 0) continue;
    kept[m.key] = consumed;
    const fromFacts = new Set(m.prefill.flatMap((p) => ("fact" in p ? [p.to] : [])));
    for (const f of visibleFields(procedure, values)) {
      if (fromFacts.has(f.key) || !evaluate(f.required, values, false) || !isEmptyValue(values[f.key]))
        continue;
      missing.push({
        field: `values.${m.key}.${f.key}`,
        messageVi: `${procedure.nameVi}: ${f.labelVi}: cần trả lời.`,
        messageEn: `${procedure.nameEn}: ${f.labelEn}: needs an answer.`,
      });
    }
  }
  if (missing.length > 0) throw new AppError(LinkedErrors.LINKED_ANSWERS_MISSING, missing);
  return kept;
}

const pick = (values: FormValues, keys: ReadonlySet<string>): FormValues =>
  Object.fromEntries(Object.entries(values).filter(([k]) => keys.has(k)));
