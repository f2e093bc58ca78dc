import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ApiError, api } from "../../api/client";
import type { Dossier } from "../../api/types";
import { errorText } from "../../components/Status";
import { useIntent } from "../../lib/intent";
import { loginHref, useSession } from "../../session";

/**
 * "Apply online": starts a draft and opens it. While the citizen has a draft of this procedure
 * (`hasDraft`), "continue" is the page's primary action: this one is a secondary "start a new
 * dossier" that asks once more before making a second draft.
 */
export function ApplyButton({
  code,
  hasDraft = false,
  household,
}: {
  code: string;
  hasDraft?: boolean;
  /** Permanent residence into the spouse's household (`SpouseHouseholdChoice`). */
  household?: "spouse" | undefined;
}) {
  const { t, i18n } = useTranslation();
  const { principal } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  // One "start" per procedure: a double tap or a retry after a lost answer opens the same draft.
  const intent = useIntent<Dossier>(household ? `${code}:${household}` : code);
  const busy = intent.busy;
  const [confirming, setConfirming] = useState(false);

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
        api.post<Dossier>(
          "/api/dossiers",
          { procedureCode: code, ...(household ? { household } : {}) },
          { headers },
        ),
      );
      navigate(`/ho-so/${d.id}`);
    } catch (e) {
      setError(e);
    }
  };
  if (hasDraft && !confirming)
    return (
      <div className="apply">
        <button type="button" className="btn" data-testid="apply" onClick={() => setConfirming(true)}>
          {t("procedure.applyNew")}
        </button>
      </div>
    );
  return (
    <div className="apply">
      {hasDraft && (
        <p role="alert" data-testid="apply-new-question">
          {t("procedure.applyNewConfirm")}
        </p>
      )}
      <button
        type="button"
        className={hasDraft ? "btn" : "btn btn-primary btn-big"}
        data-testid={hasDraft ? "apply-new-yes" : "apply"}
        disabled={busy}
        aria-busy={busy}
        onClick={() => void start()}
      >
        {busy ? t("procedure.applying") : hasDraft ? t("procedure.applyNewYes") : t("procedure.apply")}
      </button>
      {hasDraft && (
        <>
          {" "}
          <button type="button" className="btn" onClick={() => setConfirming(false)}>
            {t("procedure.applyNewNo")}
          </button>
        </>
      )}
      <div aria-live="assertive">
        {error ? (
          <div className="alert alert-error" role="alert" data-testid="apply-error">
            <p>{errorText(error, i18n.language, t("common.error"))}</p>
            {/* A rule's refusal says why, for this citizen (already married: by which registration). */}
            {error instanceof ApiError &&
              error.details.map((d) => (
                <p key={`${d.field}|${d.messageVi}`} data-code={d.code}>
                  {i18n.language === "en" ? d.messageEn : d.messageVi}
                </p>
              ))}
          </div>
        ) : null}
      </div>
    </div>
  );
}
