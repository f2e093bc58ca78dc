import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../api/client";
import type { DossierListPage } from "../api/types";
import { SignInPrompt } from "../components/SignInPrompt";
import { Empty, ErrorMessage, Loading } from "../components/Status";
import { formatDate } from "../lib/format";
import { useL, useLoad, useTitle } from "../lib/hooks";
import { procedureNames } from "../lib/procedureNames";
import { statusTone } from "../lib/status";
import { useSession } from "../session";
import { MyLinked } from "./linked/MyLinked";
import { Offers } from "./linked/Offers";
import { LatestNotifications } from "./me/LatestNotifications";

export default function MyDossiers() {
  const { t, i18n } = useTranslation();
  const l = useL();
  const { principal, loading: sessionLoading } = useSession();
  useTitle(t("dossiers.title"));
  const signedIn = principal !== null;
  const res = useLoad(
    async (signal) => {
      if (!signedIn) return null;
      const [list, names] = await Promise.all([
        api.get<DossierListPage>("/api/me/dossiers?limit=100", { signal }),
        procedureNames().catch(() => new Map<string, { vi: string; en: string }>()),
      ]);
      return { list, names };
    },
    [signedIn],
  );

  return (
    <section>
      <h1>{t("dossiers.title")}</h1>
      {principal?.kind === "citizen" && (
        <>
          <Offers />
          <MyLinked />
        </>
      )}
      {sessionLoading ? (
        <Loading />
      ) : !principal ? (
        <SignInPrompt text={t("dossiers.signIn")} />
      ) : res.loading && !res.data ? (
        <Loading label={t("dossiers.loading")} />
      ) : res.error ? (
        <ErrorMessage error={res.error} retry={res.reload} />
      ) : res.data && res.data.list.items.length === 0 ? (
        <Empty>
          <p>{t("dossiers.empty")}</p>
          <Link to="/" className="btn btn-primary">
            {t("dossiers.find")}
          </Link>
        </Empty>
      ) : res.data ? (
        <>
          {principal.kind === "citizen" && <LatestNotifications />}
          <p className="muted" data-testid="dossiers-total">
            {t("dossiers.total", { count: res.data.list.total })}
          </p>
          <ul className="card-list" data-testid="dossier-list">
            {res.data.list.items.map((d) => {
              const n = res.data?.names.get(d.procedureCode);
              const name = n ? l(n.vi, n.en) : l(d.procedureNameVi, d.procedureNameEn) || d.procedureCode;
              return (
                <li
                  key={d.id}
                  className="card dossier-item"
                  data-testid="dossier-item"
                  data-id={d.id}
                  data-status={d.status}
                >
                  <h2 className="h3">
                    <Link to={`/ho-so/${d.id}`} className="card-link" data-testid="dossier-link">
                      {name}
                    </Link>
                  </h2>
                  <p>
                    <span className={`badge badge-${statusTone(d.status)}`}>
                      {t(`status.${d.status}.short`, { defaultValue: d.status })}
                    </span>{" "}
                    {d.code ? (
                      <span>
                        {t("tracking.code")} <strong>{d.code}</strong>
                      </span>
                    ) : (
                      <span className="muted">{t("dossiers.draftHint")}</span>
                    )}
                  </p>
                  {d.submittedAt && (
                    <p className="muted">
                      {t("dossiers.submitted", { date: formatDate(d.submittedAt, i18n.language) })}
                    </p>
                  )}
                  {d.dueAt && (
                    <p className="muted">{t("dossiers.due", { date: formatDate(d.dueAt, i18n.language) })}</p>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </section>
  );
}
