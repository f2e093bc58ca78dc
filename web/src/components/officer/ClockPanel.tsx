import { leftToday } from "@domain/due.js";
import { useTranslation } from "react-i18next";
import type { OfficerDossier } from "../../api/types";
import { formatDateTime } from "../../lib/format";
import { DUE_TONE } from "../../lib/status";
import { workingParts } from "./workspace";

/** The legal clock: due date, working time used and left, whether it is paused now. */
export function ClockPanel({ dossier }: { dossier: OfficerDossier }) {
  const { t, i18n } = useTranslation();
  const c = dossier.clock;
  const span = (ms: number) => {
    const p = workingParts(ms);
    if (p.days === 0) return t("officer.clock.hours", p);
    return p.hours === 0 ? t("officer.clock.days", p) : t("officer.clock.daysHours", p);
  };
  // Due later today, the clock running: the hours and minutes left and the due time, as the
  // officer's day counts them ("9 giờ 36 phút, hạn 17:00 hôm nay"), not "1 working day".
  const today =
    c && c.finishedOnTime === null && !c.pausedNow && c.remainingWorkingMillis >= 0
      ? leftToday(new Date(c.dueAt), new Date())
      : null;
  return (
    <section
      aria-labelledby="ws-clock-title"
      className={`card clock-card clock-${c ? (c.finishedOnTime !== null ? "finished" : c.state) : "none"}`}
      data-testid="ws-clock"
      data-state={c?.state ?? "none"}
      data-paused={c?.pausedNow ? "true" : "false"}
    >
      <h2 id="ws-clock-title">{t("officer.clock.title")}</h2>
      {!c ? (
        <p>{t("officer.clock.notStarted")}</p>
      ) : (
        <dl className="facts compact">
          <div>
            <dt>{t("officer.clock.due")}</dt>
            <dd data-testid="ws-due-at">
              <time dateTime={c.dueAt}>{formatDateTime(c.dueAt, i18n.language)}</time>
            </dd>
          </div>
          <div>
            <dt>{t("officer.clock.used")}</dt>
            <dd data-testid="ws-clock-used">{span(c.usedWorkingMillis)}</dd>
          </div>
          <div>
            <dt>
              {c.remainingWorkingMillis < 0 ? t("officer.clock.overdueBy") : t("officer.clock.remaining")}
            </dt>
            <dd data-testid="ws-clock-left">
              {today
                ? t("officer.clock.leftToday", { ...today, time: today.dueTime })
                : span(c.remainingWorkingMillis)}
            </dd>
          </div>
          <div>
            <dt>{t("officer.clock.state")}</dt>
            <dd>
              <span className={`badge badge-${DUE_TONE[c.state]}`}>{t(`officer.dueFilter.${c.state}`)}</span>
              {c.finishedOnTime !== null && (
                <span className="note">
                  {c.finishedOnTime ? t("clock.finishedOnTime") : t("clock.finishedLate")}
                </span>
              )}
            </dd>
          </div>
          <div>
            <dt>{t("officer.clock.paused")}</dt>
            <dd data-testid="ws-clock-paused">
              {c.pausedNow ? t("officer.clock.pausedYes") : t("common.no")}
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}
