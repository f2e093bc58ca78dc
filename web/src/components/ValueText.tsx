import { COMMUNE_CODE_PATTERN } from "@domain/inputs.js";
import { useTranslation } from "react-i18next";
import type { Option, Value } from "../api/types";
import { useCommuneName } from "../lib/communes";
import { displayValue } from "../lib/display";

/** A stored value in words; a commune code is shown as its commune's name. */
export function ValueText({
  value,
  type,
  options,
}: {
  value: Value | undefined;
  type?: string;
  options?: Option[] | null;
}) {
  const { t, i18n } = useTranslation();
  const code = type === "commune" && typeof value === "string" && COMMUNE_CODE_PATTERN.test(value);
  const name = useCommuneName(code ? value : null, i18n.language);
  // A commune by its name alone (its code means nothing to a reader): until the name is known, a
  // placeholder, never the bare 5-digit code.
  if (code && !name)
    return (
      <span aria-busy="true" data-testid="value-loading">
        <span aria-hidden="true">…</span>
        <span className="sr-only">{t("common.loading")}</span>
      </span>
    );
  return <>{name ?? displayValue(value, type, options, i18n.language, t)}</>;
}
