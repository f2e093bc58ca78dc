import type { TFunction } from "i18next";
import type { Option, Value } from "../api/types";
import { isEmptyValue } from "./conditions";
import { formatDate, formatDateTime } from "./format";

/** A stored value as a person reads it: option labels, yes/no, dates in local format. */
export function displayValue(
  value: Value | undefined,
  type: string | undefined,
  options: Option[] | null | undefined,
  lang: string,
  t: TFunction,
): string {
  // Nothing, or only white space and invisible characters (as the form schema counts it).
  if (value === null || value === undefined || (typeof value === "string" && isEmptyValue(value)))
    return t("common.notGiven");
  if (type === "checkbox" || typeof value === "boolean") return value ? t("common.yes") : t("common.no");
  if (options) {
    const o = options.find((x) => x.value === String(value));
    if (o) return lang === "en" ? o.labelEn : o.labelVi;
  }
  if (type === "date" && typeof value === "string") return formatDate(value, lang);
  if (type === "datetime" && typeof value === "string") return formatDateTime(value, lang);
  return String(value);
}
