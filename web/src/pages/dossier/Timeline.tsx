import { byLinkedGroup, reasonOf, timelineOf } from "@domain/lifecycle.js";
import { useTranslation } from "react-i18next";
import type { LogEntry } from "../../api/types";
import { formatDateTime } from "../../lib/format";
import { headActorLabel } from "../../lib/head-actor";
import { useSession } from "../../session";

/**
 * What happened to the dossier, in the order it happened (`timelineOf`), who did it, when and why;
 * the household head's answer is named as the head's (`headName`: the head the form names).
 */
export function Timeline({ log, headName = null }: { log: LogEntry[]; headName?: string | null }) {
  const { t, i18n } = useTranslation();
  const { principal } = useSession();
  const me = principal?.kind === "citizen" ? principal.personalNumber : null;
  const entries = timelineOf(log);
  return (
    <section aria-labelledby="timeline-title" className="card">
      <h2 id="timeline-title">{t("timeline.title")}</h2>
      {entries.length === 0 ? (
        <p>{t("timeline.empty")}</p>
      ) : (
        <ol className="timeline" data-testid="timeline">
          {entries.map((e) => {
            // A step the linked group started: the platform's doing, not the applicant's.
            const who = byLinkedGroup(e, log)
              ? t("systemActor.linked-group")
              : e.actorId === me
                ? t("timeline.you")
                : (headActorLabel(e, t, headName) ??
                  t(`role.${e.role}`, { defaultValue: t("role.other") }) +
                    // Officers see who of them acted (their sign-in name); a citizen sees the role.
                    (e.actorKind === "officer" && principal?.kind === "officer" ? ` (${e.actorId})` : ""));
            return (
              <li key={e.seq} data-testid="timeline-item" data-type={e.type}>
                <p className="tl-what">{t(`event.${e.type}`, { defaultValue: t("event.other") })}</p>
                <p className="tl-meta">
                  <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time> · {who}
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
