import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { api } from "../../api/client";
import type { Dossier } from "../../api/types";
import { errorText } from "../../components/Status";
import { loginHref, useSession } from "../../session";

export function ApplyButton({ code }: { code: string }) {
  const { t, i18n } = useTranslation();
  const { principal } = useSession();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (!principal) {
    return (
      <a className="btn btn-primary btn-big" data-testid="apply" href={loginHref(`/thu-tuc/${code}`)}>
        {t("procedure.apply")}
        <span className="btn-sub">{t("procedure.applySignIn")}</span>
      </a>
    );
  }
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const d = await api.post<Dossier>("/api/dossiers", { procedureCode: code });
      navigate(`/ho-so/${d.id}`);
    } catch (e) {
      setError(e);
      setBusy(false);
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
