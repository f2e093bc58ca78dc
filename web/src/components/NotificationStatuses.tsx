import type { NotificationStatus } from "@domain/delivery.js";
import { useTranslation } from "react-i18next";
import { api } from "../api/client";
import type { DossierNotificationList } from "../api/types";
import { formatDateTime } from "../lib/format";
import { useL, useLoad } from "../lib/hooks";
import { Empty, ErrorMessage, Loading } from "./Status";

const TONE: Record<NotificationStatus, string> = {
  queued: "info",
  sent: "ok",
  delivered: "ok",
  failed: "bad",
};

/**
 * The SMS and e-mails sent about a dossier, each with its status (queued, sent, delivered, failed)
 * and when it got there: the same card for the citizen (portal) and the officer (workspace).
 * `refresh` changes when the dossier does, to read the statuses again.
 */
export function NotificationStatuses({ dossierId, refresh }: { dossierId: string; refresh?: unknown }) {
  const { t, i18n } = useTranslation();
  const l = useL();
  const res = useLoad(
    (signal) => api.get<DossierNotificationList>(`/api/dossiers/${dossierId}/notifications`, { signal }),
    [dossierId, refresh],
  );
  const items = res.data?.items;
  return (
    <section aria-labelledby="notif-status-title" className="card" data-testid="notification-statuses">
      <h2 id="notif-status-title">{t("notificationStatus.title")}</h2>
      {!items ? (
        res.error ? (
          <ErrorMessage error={res.error} retry={res.reload} />
        ) : (
          <Loading />
        )
      ) : items.length === 0 ? (
        <Empty>
          <p>{t("notificationStatus.empty")}</p>
        </Empty>
      ) : (
        <ul className="notif-statuses">
          {items.map((n) => (
            <li key={n.id} data-testid="notification-status" data-channel={n.channel} data-status={n.status}>
              <p>
                <span className={`badge badge-${TONE[n.status]}`}>
                  {t(`notificationStatus.status.${n.status}`)}
                </span>{" "}
                <strong>{t(`notificationStatus.channel.${n.channel}`)}</strong>
                {n.recipient && <span className="mono"> {n.recipient}</span>}
                <span className="muted">
                  {" · "}
                  {formatDateTime(n.statusAt, i18n.language)}
                </span>
              </p>
              <p>{l(n.textVi, n.textEn)}</p>
              {n.status === "failed" && n.failureVi && n.failureEn && (
                <p className="note" data-testid="notification-failure" data-code={n.failureCode ?? undefined}>
                  {l(n.failureVi, n.failureEn)}
                </p>
              )}
              {n.status === "failed" && n.error && (
                <p className="note mono">{t("notificationStatus.why", { error: n.error })}</p>
              )}
              {n.status === "queued" && <p className="note">{t("notificationStatus.queuedHelp")}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
