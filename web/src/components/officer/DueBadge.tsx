import { useTranslation } from "react-i18next";
import type { DueState } from "../../api/types";
import { DUE_TONE } from "../../lib/status";

/** Amber for near due, red for overdue; nothing while on time or when the clock does not run. */
export function DueBadge({ state }: { state: DueState | "none" | null }) {
  const { t } = useTranslation();
  if (state === null || state === "none" || DUE_TONE[state] === "ok") return null;
  return (
    <span className={`badge badge-${DUE_TONE[state]} due-badge`} data-due={state}>
      {t(`officer.due.${state}`)}
    </span>
  );
}
