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
  const name = useCommuneName(type === "commune" ? value : null, i18n.language);
  const text = displayValue(value, type, options, i18n.language, t);
  // A commune by its name alone (its code means nothing to a reader); the code while it loads.
  return <>{name ?? text}</>;
}
