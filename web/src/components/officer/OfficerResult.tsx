import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import type { Result } from "../../api/types";
import { useLoad } from "../../lib/hooks";
import { isResultOnPaper, ResultOnPaper } from "../ResultOnPaper";
import { LoadedView } from "../Status";

/** The issued result: its number, the signed PDF and the public verification page. */
export function OfficerResult({ dossierId, status }: { dossierId: string; status: string }) {
  const { t } = useTranslation();
  const res = useLoad(
    (signal) => api.get<Result>(`/api/dossiers/${dossierId}/result`, { signal }),
    [dossierId, status],
  );
  return (
    <section aria-labelledby="ws-result-title" className="card" data-testid="ws-result">
      <h2 id="ws-result-title">{t("officer.result.title")}</h2>
      {isResultOnPaper(res.error) ? (
        <ResultOnPaper error={res.error} />
      ) : (
        <LoadedView res={res}>
          {(r) => (
            <>
              <p>
                {t("officer.result.number")} <strong data-testid="result-number">{r.number}</strong>
              </p>
              <div className="actions">
                <a className="btn btn-small" href={r.downloadUrl} data-testid="result-download" download>
                  {t("result.download")}
                </a>
                <a
                  className="btn btn-small"
                  href={r.verifyUrl}
                  data-testid="result-verify"
                  target="_blank"
                  rel="noreferrer"
                >
                  {t("result.verify")}
                </a>
              </div>
            </>
          )}
        </LoadedView>
      )}
    </section>
  );
}
