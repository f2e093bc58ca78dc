import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError, api } from "../api/client";
import type { NotificationList } from "../api/types";
import { DemoPhone } from "../components/officer/DemoSms";
import { SignInPrompt } from "../components/SignInPrompt";
import { Empty, ErrorMessage, Loading } from "../components/Status";
import { formatDateTime } from "../lib/format";
import { useL, useLoad, useTitle } from "../lib/hooks";
import { markShownRead } from "../lib/unread";
import { useSession } from "../session";

export default function Notifications() {
  const { t, i18n } = useTranslation();
  const l = useL();
  const { principal, loading: sessionLoading } = useSession();
  useTitle(t("notifications.title"));
  const signedIn = principal !== null;
  const res = useLoad(
    async (signal) => {
      if (!signedIn) return null;
      const list = await api.get<NotificationList>("/api/me/notifications", { signal });
      // Opening the list reads what it shows, on every device (the badge is the server's count).
      if (principal?.kind === "citizen") await markShownRead(list).catch(() => undefined);
      return list;
    },
    [signedIn],
  );
  const items = res.data?.items ?? [];
  const missing = res.error instanceof ApiError && res.error.status === 404;
  return (
    <section>
      <h1>{t("notifications.title")}</h1>
      {sessionLoading ? (
        <Loading />
      ) : !principal ? (
        <SignInPrompt text={t("notifications.signIn")} />
      ) : res.loading && !res.data ? (
        <Loading />
      ) : res.error && !missing ? (
        <ErrorMessage error={res.error} retry={res.reload} />
      ) : items.length === 0 ? (
        <Empty>{t("notifications.empty")}</Empty>
      ) : (
        <ol className="card-list" data-testid="notifications">
          {items.map((n) => (
            <li key={n.id} className="card" data-testid="notification">
              <p>
                {n.readAt === null && (
                  <span className="badge badge-info" data-testid="notification-new">
                    {t("notifications.new")}
                  </span>
                )}{" "}
                {l(n.textVi, n.textEn)}
              </p>
              <p className="muted">
                <time dateTime={n.at}>{formatDateTime(n.at, i18n.language)}</time>
                {" · "}
                <Link to={n.link} data-testid="notification-open">
                  {/* The home page: a head's requests (a spouse's dossier is answered there, not opened). */}
                  {n.link === "/"
                    ? t("notifications.openRequests")
                    : n.dossierId
                      ? t("notifications.open", { code: n.dossierCode ?? "" })
                      : t("notifications.openGroup")}
                </Link>
                {/* A linked group's step: its group's page too. */}
                {n.dossierId && n.groupId && (
                  <>
                    {" · "}
                    <Link to={`/lien-thong/${n.groupId}`} data-testid="notification-group">
                      {t("notifications.openGroup")}
                    </Link>
                  </>
                )}
              </p>
            </li>
          ))}
        </ol>
      )}
      {principal?.kind === "citizen" && <DemoPhone />}
    </section>
  );
}
