import { BEFORE_RECEIPT, TERMINAL } from "@domain/lifecycle.js";
import { useTranslation } from "react-i18next";
import type { Dossier } from "../../api/types";
import { formatDateTime, remainingParts } from "../../lib/format";

/**
 * The due date and a clock a citizen can read: "Còn 2 ngày làm việc". The due date is called the
 * law's only when the limit is confirmed by law (`clock.limitConfirmed`), else it is expected.
 */
export function ClockView({ dossier }: { dossier: Dossier }) {
  const { t, i18n } = useTranslation();
  const c = dossier.clock;
  if (!c) {
    if (BEFORE_RECEIPT.has(dossier.status)) {
      return <p data-testid="clock">{t("clock.notStarted")}</p>;
    }
    return null;
  }
  // Decided: on time or late (KPIS.md). Left without a decision (withdrawn): no clock to read.
  const finished = c.finishedOnTime !== null;
  if (!finished && TERMINAL.has(dossier.status)) return null;
  const left = remainingParts(c.remainingWorkingMillis);
  const text = finished
    ? c.finishedOnTime
      ? t("clock.finishedOnTime")
      : t("clock.finishedLate")
    : c.pausedNow
      ? t("clock.paused")
      : t(left.key, { count: left.count });
  return (
    <div
      className={`clock clock-${finished ? "finished" : c.state}`}
      data-testid="clock"
      data-state={c.state}
    >
      <p className="clock-due">
        {t(c.limitConfirmed ? "clock.due" : "clock.expected")}{" "}
        <strong data-testid="due-at">{formatDateTime(c.dueAt, i18n.language)}</strong>
      </p>
      <p className="clock-left" data-testid="clock-left">
        {text}
      </p>
    </div>
  );
}
