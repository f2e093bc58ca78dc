/**
 * Conditions over form values (visibility, "required when", fee exemptions): one pure evaluator
 * shared by the server and the web app (which imports this file directly; no dependencies but
 * the domain's text cleaning and nationality folding).
 */
import { isVietnameseNationality } from "./nationality.js";
import { cleanText } from "./text.js";

/** An answer not given: nothing, an unticked box, or only invisible characters and white space. */
export function isEmptyValue(v: unknown): boolean {
  if (v === undefined || v === null || v === false) return true;
  return typeof v === "string" && cleanText(v).trim() === "";
}
export type Condition =
  | { field: string; equals: string | number | boolean }
  | { field: string; in: Array<string | number> }
  | { field: string; filled: boolean }
  /** The answer names (true) or does not name (false) Vietnam's nationality, however spelled (nationality.ts). */
  | { field: string; vietnamese: boolean }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

/** Every field key a condition mentions. */
export function conditionFields(c: Condition): string[] {
  if ("all" in c) return c.all.flatMap(conditionFields);
  if ("any" in c) return c.any.flatMap(conditionFields);
  if ("not" in c) return conditionFields(c.not);
  return [c.field];
}

/** Pure: evaluate a condition against form values. */
export function evaluate(
  c: Condition | boolean | undefined,
  values: Record<string, unknown>,
  fallback = true,
): boolean {
  if (c === undefined) return fallback;
  if (typeof c === "boolean") return c;
  if ("all" in c) return c.all.every((x) => evaluate(x, values));
  if ("any" in c) return c.any.some((x) => evaluate(x, values));
  if ("not" in c) return !evaluate(c.not, values);
  const v = values[c.field];
  if ("equals" in c) return v === c.equals;
  if ("in" in c) return c.in.includes(v as string | number);
  if ("vietnamese" in c) return isVietnameseNationality(v) === c.vietnamese;
  // An unticked box (false) counts as filled; text of only white space does not.
  const filled = v === false || !isEmptyValue(v);
  return c.filled ? filled : !filled;
}
