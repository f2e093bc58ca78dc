import type { FieldIssue } from "./api/errors.js";
import { checkPersonalNumber } from "./personal-number.js";
import { type Component, evaluate, type FormField, type ProcedureDefinition } from "./procedure.js";

/** Form values as stored: strings, numbers or booleans keyed by field key. */
export type FormValues = Record<string, string | number | boolean | null>;

export function visibleFields(def: ProcedureDefinition, values: FormValues): FormField[] {
  return def.form.filter((f) => evaluate(f.visibleWhen, values));
}

const issue = (f: FormField, vi: string, en: string): FieldIssue => ({
  field: `form.${f.key}`,
  messageVi: `${f.labelVi}: ${vi}`,
  messageEn: `${f.labelEn}: ${en}`,
});

function isDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
}

/** One field's value against its declared type and limits; undefined when fine. */
function checkField(f: FormField, v: string | number | boolean): FieldIssue | undefined {
  const str = typeof v === "string" ? v : String(v);
  switch (f.type) {
    case "checkbox":
      if (typeof v !== "boolean") return issue(f, "phải là có hoặc không.", "must be true or false.");
      return undefined;
    case "number":
      if (typeof v !== "number" || !Number.isFinite(v)) return issue(f, "phải là số.", "must be a number.");
      if (f.min !== undefined && v < f.min)
        return issue(f, `không nhỏ hơn ${f.min}.`, `must be at least ${f.min}.`);
      if (f.max !== undefined && v > f.max)
        return issue(f, `không lớn hơn ${f.max}.`, `must be at most ${f.max}.`);
      return undefined;
    default:
      if (typeof v !== "string") return issue(f, "phải là chuỗi ký tự.", "must be text.");
  }
  if (f.minLength !== undefined && str.length < f.minLength) {
    return issue(f, `cần ít nhất ${f.minLength} ký tự.`, `needs at least ${f.minLength} characters.`);
  }
  if (str.length > (f.maxLength ?? 2000)) return issue(f, "quá dài.", "is too long.");
  if (f.pattern !== undefined && !new RegExp(f.pattern).test(str))
    return issue(f, "sai định dạng.", "has the wrong format.");
  switch (f.type) {
    case "date":
      return isDate(str)
        ? undefined
        : issue(f, "ngày không hợp lệ (YYYY-MM-DD).", "is not a valid date (YYYY-MM-DD).");
    case "datetime":
      return Number.isNaN(Date.parse(str))
        ? issue(f, "thời điểm không hợp lệ.", "is not a valid date-time.")
        : undefined;
    case "select":
      return f.options?.some((o) => o.value === str)
        ? undefined
        : issue(f, "lựa chọn không hợp lệ.", "is not one of the options.");
    case "personalNumber":
      return checkPersonalNumber(str).ok
        ? undefined
        : issue(f, "số định danh cá nhân không hợp lệ.", "is not a valid personal identification number.");
    case "commune":
      return /^\d{5}$/.test(str)
        ? undefined
        : issue(f, "mã xã không hợp lệ.", "is not a valid commune code.");
    case "phone":
      return /^0\d{9}$/.test(str)
        ? undefined
        : issue(f, "số điện thoại 10 chữ số.", "must be a 10-digit phone number.");
    case "email":
      return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(str)
        ? undefined
        : issue(f, "thư điện tử không hợp lệ.", "is not a valid e-mail.");
    default:
      return undefined;
  }
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === "" || v === false;

/**
 * Validates values against the definition. `complete` = at submission (required fields must be
 * there); a draft may be partial. Unknown keys are refused either way.
 */
export function validateForm(def: ProcedureDefinition, values: FormValues, complete: boolean): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const known = new Set(def.form.map((f) => f.key));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) {
      issues.push({
        field: `form.${key}`,
        messageVi: "Trường không có trong biểu mẫu.",
        messageEn: "Not a field of this form.",
      });
    }
  }
  for (const f of visibleFields(def, values)) {
    const v = values[f.key];
    if (isEmpty(v)) {
      if (complete && evaluate(f.required, values, false)) {
        issues.push(issue(f, "bắt buộc.", "is required."));
      }
      continue;
    }
    const problem = checkField(f, v as string | number | boolean);
    if (problem) issues.push(problem);
  }
  return issues;
}

/** Keeps only the values of visible fields (hidden answers are not stored). */
export function visibleValues(def: ProcedureDefinition, values: FormValues): FormValues {
  const out: FormValues = {};
  for (const f of visibleFields(def, values))
    if (values[f.key] !== undefined) out[f.key] = values[f.key] ?? null;
  return out;
}

export function requiredComponents(def: ProcedureDefinition, values: FormValues): Component[] {
  return def.components.filter((c) => evaluate(c.required, values, true));
}

/** Data-reuse figures recorded per dossier. */
export function reuseCounts(
  def: ProcedureDefinition,
  values: FormValues,
  prefilledKeys: ReadonlySet<string>,
  replacedComponents: number,
): { total: number; prefilled: number; typed: number; componentsReplaced: number } {
  const visible = visibleFields(def, values);
  const prefilled = visible.filter((f) => prefilledKeys.has(f.key)).length;
  const typed = visible.filter((f) => !prefilledKeys.has(f.key) && !isEmpty(values[f.key])).length;
  return { total: visible.length, prefilled, typed, componentsReplaced: replacedComponents };
}
