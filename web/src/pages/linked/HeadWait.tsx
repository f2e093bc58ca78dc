import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { errorText } from "../../components/Status";
import { formatDate, formatDateTime } from "../../lib/format";
import { useL } from "../../lib/hooks";
import { type AloneDossier, FileAlone } from "./FileAlone";

/** The wait for the head of household (GET /api/linked-applications/:id, `childHome.waiting`). */
export type HeadWaitInfo = {
  headName: string;
  since: string;
  workingDays: number;
  /** When a reminder is possible again (null: now). */
  nextReminderAt: string | null;
  meanwhileVi: string;
  meanwhileEn: string;
};

/**
 * On the applicant's group page, while the chosen household's head has not answered: since when
 * (in working days), a button that reminds the head (POST …/head-reminder; once in 24 hours, the
 * server says when again), and what the applicant can do meanwhile: file the residence step
 * (`stepKey`) on its own, through the group (POST …/steps/:step/alone: the draft carries the child
 * as the group knows it, not the household waited for), or open the one already filed (`alone`).
 * `stepKey` null: not offered (the birth not registered yet; the meanwhile words say when).
 */
export function HeadWait(props: {
  groupId: string;
  wait: HeadWaitInfo;
  stepKey: string | null;
  alone: AloneDossier | null;
  onReminded: () => void;
}) {
  const { groupId, wait, stepKey, alone, onReminded } = props;
  const { t, i18n } = useTranslation();
  const l = useL();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState<string | null>(null);
  const remind = async () => {
    setError(null);
    setBusy(true);
    try {
      const r = await api.post<{ nextReminderAt: string }>(
        `/api/linked-applications/${groupId}/head-reminder`,
        {},
      );
      setSent(r.nextReminderAt);
      onReminded();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  // No reminder before the next allowed instant, as the server gave it (on the page's load or in
  // the reminder's answer): the button stays disabled until then. Then the page asks the server
  // again (its clock decides, not the phone's), which clears the wait's next instant.
  const next = wait.nextReminderAt ?? sent;
  const [reopened, setReopened] = useState<string | null>(null);
  const locked = next !== null && reopened !== next;
  useEffect(() => {
    if (!next) return;
    const left = Date.parse(next) - Date.now();
    if (!(left > 0)) return;
    const timer = setTimeout(
      () => {
        setReopened(next);
        onReminded();
      },
      Math.min(left + 1000, 2 ** 31 - 1),
    );
    return () => clearTimeout(timer);
  }, [next, onReminded]);
  return (
    <div data-testid="head-wait">
      <p data-testid="head-wait-line">
        {wait.workingDays === 0
          ? t("linked.headWaitToday", { head: wait.headName })
          : t("linked.headWait", {
              head: wait.headName,
              date: formatDate(wait.since, i18n.language),
              n: wait.workingDays,
            })}
      </p>
      <p>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="head-remind"
          disabled={busy || locked}
          aria-busy={busy}
          onClick={() => void remind()}
        >
          {t("linked.headRemind")}
        </button>
      </p>
      {sent ? (
        <p className="alert" role="status" data-testid="head-reminded">
          {t("linked.headReminded", { date: formatDateTime(sent, i18n.language) })}
        </p>
      ) : (
        wait.nextReminderAt && (
          <p className="muted" data-testid="head-remind-again">
            {t("linked.headRemindAgain", { date: formatDateTime(wait.nextReminderAt, i18n.language) })}
          </p>
        )
      )}
      {error ? (
        <p className="alert alert-error" role="alert" data-testid="head-remind-error">
          {errorText(error, i18n.language, t("common.error"))}
        </p>
      ) : null}
      <p data-testid="head-wait-meanwhile">
        <strong>{t("linked.meanwhile")}:</strong> {l(wait.meanwhileVi, wait.meanwhileEn)}
      </p>
      {stepKey && (
        <FileAlone groupId={groupId} stepKey={stepKey} alone={alone} testId="head-wait-file-alone" />
      )}
    </div>
  );
}

/** The group's log of requests to the head: each reminder the applicant sent, oldest first. */
export function HeadLog({ reminders }: { reminders: string[] }) {
  const { t, i18n } = useTranslation();
  if (reminders.length === 0) return null;
  return (
    <>
      <h3>{t("linked.headLog")}</h3>
      <ul data-testid="head-log">
        {reminders.map((at) => (
          <li key={at}>{t("linked.headRemindedAt", { date: formatDateTime(at, i18n.language) })}</li>
        ))}
      </ul>
    </>
  );
}
