import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { api } from "../../api/client";
import type { Dossier } from "../../api/types";
import { errorText } from "../../components/Status";
import { useIntent } from "../../lib/intent";
import { loginHref, useSession } from "../../session";

export function ApplyButton({ code }: { code: string }) {
  const { t, i18n } = useTranslation();
  const { principal } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  // One "start" per procedure: a double tap or a retry after a lost answer opens the same draft.
  const intent = useIntent<Dossier>(code);
  const busy = intent.busy;

  if (!principal) {
    return (
      <a className="btn btn-primary btn-big" data-testid="apply" href={loginHref(`/thu-tuc/${code}`)}>
        {t("procedure.apply")}
        <span className="btn-sub">{t("procedure.applySignIn")}</span>
      </a>
    );
  }
  const start = async () => {
    setError(null);
    try {
      const d = await intent.run((headers) =>
        api.post<Dossier>("/api/dossiers", { procedureCode: code }, { headers }),
      );
      navigate(`/ho-so/${d.id}`);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div className="apply">
      <button
        type="button"
        className="btn btn-primary btn-big"
        data-testid="apply"
        disabled={busy}
        aria-busy={busy}
        onClick={() => void start()}
      >
        {busy ? t("procedure.applying") : t("procedure.apply")}
      </button>
      <div aria-live="assertive">
        {error ? (
          <p className="alert alert-error" role="alert">
            {errorText(error, i18n.language, t("common.error"))}
          </p>
        ) : null}
      </div>
    </div>
  );
}
