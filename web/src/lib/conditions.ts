// The server's own evaluator: the form shows exactly the fields the server will keep.
import { evaluate, isEmptyValue } from "@domain/conditions.js";
import type { FormFieldDef, FormValues } from "../api/types";

export { evaluate, isEmptyValue };

export const isVisible = (f: FormFieldDef, values: FormValues) => evaluate(f.visibleWhen, values);
export const isRequired = (f: FormFieldDef, values: FormValues) => evaluate(f.required, values, false);
