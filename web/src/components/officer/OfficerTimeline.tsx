import { byLinkedGroup, reasonOf, timelineOf } from "@domain/lifecycle.js";
import { useTranslation } from "react-i18next";
import type { LogEntry } from "../../api/types";
import { formatDateTime } from "../../lib/format";
import { headActorLabel } from "../../lib/head-actor";

/** The actor of the actions of imported history (src/domain/history.ts): shown in plain words. */
const IMPORTED = "import";

/**
 * The action log in the order it happened (`timelineOf`): what, who (account and role), when, and
 * why; the household head's answer is named as the head's (`headName`: the head the form names).
 */
export function OfficerTimeline({ log, headName = null }: { log: LogEntry[]; headName?: string | null }) {
  const { t, i18n } = useTranslation();
  const entries = timelineOf(log);
  const what = (type: string) =>
    t(`officer.event.${type}`, {
      defaultValue: t(`event.${type}`, { defaultValue: t("event.other") }),
    });
  return (
    <section aria-labelledby="ws-log-title" className="card">
      <h2 id="ws-log-title">{t("officer.view.log")}</h2>
      {entries.length === 0 ? (
        <p>{t("timeline.empty")}</p>
      ) : (
        <ol className="timeline" data-testid="timeline">
          {entries.map((e) => {
            const to = typeof e.payload.assignee === "string" ? e.payload.assignee : null;
            const head = headActorLabel(e, t, headName);
            // A step the linked group started (its draft, submission, receipt): the platform's.
            const linked = byLinkedGroup(e, log);
            return (
              <li
                key={e.seq}
                data-testid="timeline-item"
                data-type={e.type}
                data-actor={e.actorId}
                data-role={e.role}
              >
                <p className="tl-what">
                  {what(e.type)}
                  {to && <> → {to}</>}
                </p>
                <p className="tl-meta">
                  <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time> ·{" "}
                  <span className="tl-actor">
                    {head ??
                      (linked
                        ? t("systemActor.linked-group")
                        : e.actorKind === "system" || e.actorId === IMPORTED
                          ? t(`systemActor.${e.actorId}`, { defaultValue: e.actorId })
                          : e.actorId)}
                  </span>
                  {/* The head acted on the portal, not as an officer or the platform: no role after the name. */}
                  {head || linked ? null : <> · {t(`role.${e.role}`, { defaultValue: t("role.other") })}</>}
                </p>
                {reasonOf(e, i18n.language) && (
                  <p className="tl-reason">
                    {t("timeline.reason")} {reasonOf(e, i18n.language)}
                  </p>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
