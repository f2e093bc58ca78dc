import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, Outlet, useLocation } from "react-router";
import { useMainFocus } from "../lib/hooks";
import { NOTIFICATIONS_PATH, useUnreadCount } from "../lib/unread";
import { AuthControls } from "./AuthControls";
import { Assistant } from "./assistant/Assistant";
import { LangSwitch } from "./LangSwitch";
import { Loading } from "./Status";

const NAV = [
  { to: "/", key: "nav.home", end: true },
  // Second, right after home: on a 390 px phone the sideways-scrolling row shows the unread
  // count without scrolling.
  { to: NOTIFICATIONS_PATH, key: "nav.notifications", end: false },
  { to: "/ho-so", key: "nav.dossiers", end: false },
  { to: "/du-lieu-cua-toi", key: "nav.myData", end: false },
  { to: "/xac-minh", key: "nav.verify", end: false },
  { to: "/thong-ke", key: "nav.stats", end: false },
] as const;

export function Layout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const unread = useUnreadCount(pathname);
  const mainRef = useMainFocus();

  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <header className="site-header">
        <div className="bar">
          <Link to="/" className="brand" data-testid="brand">
            <span className="brand-mark" aria-hidden="true">
              1
            </span>
            <span>{t("app.name")}</span>
          </Link>
          <div className="bar-tools">
            <LangSwitch />
            <AuthControls />
          </div>
        </div>
        <nav aria-label={t("nav.label")} className="site-nav">
          <ul>
            {NAV.map((n) => (
              <li key={n.to}>
                <NavLink to={n.to} end={n.end} data-testid={`nav-${n.to.replace(/\W/g, "") || "home"}`}>
                  {t(n.key)}
                  {n.to === NOTIFICATIONS_PATH && unread > 0 ? (
                    <span className="unread-badge" data-testid="unread-badge">
                      <span aria-hidden="true">{unread}</span>
                      <span className="sr-only">{t("notifications.unread", { count: unread })}</span>
                    </span>
                  ) : null}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>{t("app.footer")}</p>
      </footer>
      <Assistant />
    </>
  );
}
