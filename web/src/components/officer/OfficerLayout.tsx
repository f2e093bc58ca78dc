import { CORRECTION_ROLES } from "@domain/corrections.js";
import {
  ADMINISTRATORS,
  AGGREGATE_ONLY_ROLES,
  COUNTER_FILERS,
  LEADER_ROLES,
  ON_BEHALF_FILERS,
  REFUND_VIEWERS,
} from "@domain/principal.js";
import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, Outlet } from "react-router";
import { useJurisdictionName } from "../../lib/communes";
import { useL, useMainFocus } from "../../lib/hooks";
import { useSession } from "../../session";
import { AuthControls } from "../AuthControls";
import { LangSwitch } from "../LangSwitch";
import { SignInPrompt } from "../SignInPrompt";
import { Loading } from "../Status";
import type { Officer } from "./workspace";

type NavItem = { to: string; key: string; end: boolean; testid: string };

const DASHBOARD: NavItem = {
  to: "/can-bo/bang-so-lieu",
  key: "officer.nav.dashboard",
  end: false,
  testid: "ws-nav-dashboard",
};

function navFor(o: Officer): NavItem[] {
  const items: NavItem[] = [];
  // The national viewer and the admin see figures only: no queue of anyone's dossiers. The admin
  // also keeps the delivery queue (messages, not dossiers).
  if (AGGREGATE_ONLY_ROLES.has(o.role))
    return [
      { to: "/can-bo/lanh-dao", key: "officer.nav.leader", end: false, testid: "ws-nav-leader" },
      DASHBOARD,
      ...(ADMINISTRATORS.includes(o.role)
        ? [{ to: "/can-bo/hang-doi-tin", key: "officer.nav.outbox", end: false, testid: "ws-nav-outbox" }]
        : []),
    ];
  if (ON_BEHALF_FILERS.has(o.role)) {
    items.push({ to: "/can-bo", key: "officer.nav.myFilings", end: true, testid: "ws-nav-queue" });
    items.push({ to: "/can-bo/nop-ho", key: "officer.nav.assist", end: false, testid: "ws-nav-assist" });
    return items;
  }
  items.push({ to: "/can-bo", key: "officer.nav.queue", end: true, testid: "ws-nav-queue" });
  if (COUNTER_FILERS.has(o.role))
    items.push({ to: "/can-bo/tiep-nhan", key: "officer.nav.counter", end: false, testid: "ws-nav-counter" });
  if (LEADER_ROLES.has(o.role)) {
    items.push({ to: "/can-bo/lanh-dao", key: "officer.nav.leader", end: false, testid: "ws-nav-leader" });
    items.push(DASHBOARD);
  }
  if (CORRECTION_ROLES.has(o.role))
    items.push({
      to: "/can-bo/cai-chinh",
      key: "officer.nav.corrections",
      end: false,
      testid: "ws-nav-corrections",
    });
  if (REFUND_VIEWERS.includes(o.role))
    items.push({ to: "/can-bo/hoan-tien", key: "officer.nav.refunds", end: false, testid: "ws-nav-refunds" });
  return items;
}

/** "Cán bộ một cửa · Phường Hải Châu": the role and the jurisdiction of the signed-in officer. */
function WhoAmI({ officer }: { officer: Officer }) {
  const l = useL();
  const j = officer.jurisdiction;
  const place = useJurisdictionName(j);
  return (
    <p className="ws-who" data-testid="ws-who" data-role={officer.role}>
      <span>{l(officer.roleName.vi, officer.roleName.en)}</span>
      <span aria-hidden="true"> · </span>
      <span>{place}</span>
    </p>
  );
}

/** The officers' workspace: same sign-in and language switch as the portal, its own navigation. */
export function OfficerLayout() {
  const { t } = useTranslation();
  const { principal, loading } = useSession();
  const mainRef = useMainFocus();
  const officer = principal?.kind === "officer" ? principal : null;

  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <header className="site-header ws-header">
        <div className="bar">
          <Link to="/can-bo" className="brand" data-testid="ws-brand">
            <span className="brand-mark" aria-hidden="true">
              1
            </span>
            <span>
              {t("app.name")} <span className="ws-brand-sub">· {t("officer.brand")}</span>
            </span>
          </Link>
          <div className="bar-tools">
            <LangSwitch />
            <AuthControls />
          </div>
        </div>
        {officer && (
          <nav aria-label={t("officer.nav.label")} className="site-nav">
            <div className="ws-nav">
              <ul>
                {navFor(officer).map((n) => (
                  <li key={n.to}>
                    <NavLink to={n.to} end={n.end} data-testid={n.testid}>
                      {t(n.key)}
                    </NavLink>
                  </li>
                ))}
              </ul>
              <WhoAmI officer={officer} />
            </div>
          </nav>
        )}
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="workspace" data-testid="workspace">
        {loading ? (
          <Loading />
        ) : !principal ? (
          <>
            <h1>{t("officer.title")}</h1>
            <SignInPrompt text={t("officer.signIn")} />
          </>
        ) : !officer ? (
          <>
            <h1>{t("officer.title")}</h1>
            <div className="alert alert-warn" data-testid="ws-citizen">
              <p>{t("officer.citizenOnly")}</p>
              <p>
                <Link to="/">{t("officer.toPortal")}</Link>
              </p>
            </div>
          </>
        ) : (
          <Suspense fallback={<Loading />}>
            <Outlet context={officer} />
          </Suspense>
        )}
      </main>
      <footer className="site-footer">
        <p>{t("app.footer")}</p>
      </footer>
    </>
  );
}
