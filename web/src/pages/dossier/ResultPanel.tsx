import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../api/client";
import type { Dossier, Result } from "../../api/types";
import { isResultOnPaper, ResultOnPaper } from "../../components/ResultOnPaper";
import { ErrorMessage, Loading } from "../../components/Status";
import { formatDateTime } from "../../lib/format";
import { useL, useLoad } from "../../lib/hooks";

/** The electronic result: download it, and the public page that proves it genuine; a paper result says where to collect it. */
export function ResultPanel({ dossier }: { dossier: Dossier }) {
  const { t, i18n } = useTranslation();
  const l = useL();
  const res = useLoad(
    (signal) => api.get<Result>(`/api/dossiers/${dossier.id}/result`, { signal }),
    [dossier.id, dossier.status],
  );
  return (
    <section aria-labelledby="result-title" className="card result" data-testid="result">
      <h2 id="result-title">{t("result.title")}</h2>
      {res.loading && !res.data && <Loading />}
      {isResultOnPaper(res.error) ? (
        <ResultOnPaper error={res.error} />
      ) : res.error ? (
        <ErrorMessage error={res.error} retry={res.reload} />
      ) : null}
      {res.data && (
        <>
          <p className="banner banner-ok">
            {t("result.issued", {
              name: l(res.data.nameVi, res.data.nameEn),
              at: formatDateTime(res.data.issuedAt, i18n.language),
            })}
          </p>
          <p>
            {t("result.number")} <strong data-testid="result-number">{res.data.number}</strong>
          </p>
          <div className="actions">
            <a className="btn btn-primary" href={res.data.downloadUrl} data-testid="result-download" download>
              {t("result.download")}
            </a>
            <Link
              className="btn"
              to={`/xac-minh/${encodeURIComponent(res.data.number)}`}
              data-testid="result-verify-link"
            >
              {t("result.verify")}
            </Link>
          </div>
          <p className="help">{t("result.verifyHelp")}</p>
        </>
      )}
    </section>
  );
}
