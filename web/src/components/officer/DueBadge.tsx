import { useTranslation } from "react-i18next";
import type { DueState } from "../../api/types";

/** Amber for near due, red for overdue; nothing while on time or when the clock does not run. */
export function DueBadge({ state }: { state: DueState | "none" | null }) {
  const { t } = useTranslation();
  if (state !== "near_due" && state !== "overdue") return null;
  return (
    <span className={`badge ${state === "overdue" ? "badge-bad" : "badge-warn"} due-badge`} data-due={state}>
      {t(`officer.due.${state}`)}
    </span>
  );
}
