import type { Condition, FormFieldDef, FormValues } from "../api/types";

/** Mirrors the server's evaluation so the form shows the same fields the server will keep. */
export function evaluate(c: Condition | boolean | undefined, values: FormValues, fallback = true): boolean {
  if (c === undefined) return fallback;
  if (typeof c === "boolean") return c;
  if ("all" in c) return c.all.every((x) => evaluate(x, values));
  if ("any" in c) return c.any.some((x) => evaluate(x, values));
  if ("not" in c) return !evaluate(c.not, values);
  const v = values[c.field];
  if ("equals" in c) return v === c.equals;
  if ("in" in c) return c.in.includes(v as string | number);
  // Same as the server: false (an unticked box) counts as filled there, so it does here.
  const filled = v !== undefined && v !== null && v !== "";
  return c.filled ? filled : !filled;
}

export const isVisible = (f: FormFieldDef, values: FormValues) => evaluate(f.visibleWhen, values);
export const isRequired = (f: FormFieldDef, values: FormValues) => evaluate(f.required, values, false);

export const isEmpty = (v: unknown) => v === undefined || v === null || v === "" || v === false;
