import type { FormField } from "./procedure.js";
import { formatDate, formatInstant, formatInstantShort } from "./vietnamese-dates.js";

/**
 * A stored form value as a person reads it on a document or a screen: the option's label for a
 * select, "Có"/"Không" for a checkbox, the commune's name for a 5-digit commune code, dates
 * day/month/year and instants in Vietnam's local time. Empty values give "". Pure: the caller
 * passes how to name a commune (the units module on the server, the units API in the browser);
 * an unknown code is shown as it is rather than hidden.
 */
export function fieldText(
  field: Pick<FormField, "type" | "options">,
  value: string | number | boolean | null | undefined,
  opts: { lang?: "vi" | "en"; communeName?: (code: string) => string | undefined } = {},
): string {
  const en = opts.lang === "en";
  if (value === null || value === undefined || value === "") return "";
  if (field.type === "checkbox" || typeof value === "boolean") {
    return value ? (en ? "Yes" : "Có") : en ? "No" : "Không";
  }
  const option = field.options?.find((o) => o.value === String(value));
  if (option) return en ? option.labelEn : option.labelVi;
  if (typeof value === "number") return String(value);
  switch (field.type) {
    case "commune":
      return opts.communeName?.(value) ?? value;
    case "date":
      return formatDate(value);
    case "datetime":
      return en ? formatInstantShort(value, "en") : formatInstant(value);
    default:
      return value;
  }
}
