import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../api/client";
import type { NotificationList } from "../../api/types";
import { formatDateTime } from "../../lib/format";
import { useL, useLoad } from "../../lib/hooks";

/** The newest few notifications, above the list of dossiers. */
export function LatestNotifications() {
  const { t, i18n } = useTranslation();
  const l = useL();
  const res = useLoad((signal) => api.get<NotificationList>("/api/me/notifications", { signal }), []);
  const items = res.data?.items.slice(0, 3) ?? [];
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="latest-title" className="card" data-testid="latest-notifications">
      <h2 id="latest-title">{t("notifications.latest")}</h2>
      <ul className="plain">
        {items.map((n) => (
          <li key={n.id}>
            <Link to={n.link}>{l(n.textVi, n.textEn)}</Link>{" "}
            <span className="muted">({formatDateTime(n.at, i18n.language)})</span>
          </li>
        ))}
      </ul>
      <Link to="/thong-bao" className="more-link">
        {t("notifications.all")}
      </Link>
    </section>
  );
}
