import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import type { Dossier } from "../../api/types";
import { errorText } from "../../components/Status";
import { useSession } from "../../session";

/** A draft an agent (post office, digital team) prepares for me: I confirm before it can be filed. */
export function OnBehalfBanner({
  dossier,
  onDossier,
}: {
  dossier: Dossier;
  onDossier: (d: Dossier) => void;
}) {
  const { t, i18n } = useTranslation();
  const { principal } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (dossier.channel !== "online_on_behalf") return null;
  const confirmed = dossier.onBehalfConfirmed;
  const canConfirm = principal?.kind === "citizen" && dossier.availableActions.includes("confirm_on_behalf");
  if (confirmed)
    return (
      <p className="banner banner-ok" data-testid="on-behalf-confirmed">
        {t("onBehalf.confirmed")}
      </p>
    );
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      onDossier(await api.post<Dossier>(`/api/dossiers/${dossier.id}/confirm`));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="banner banner-warn" data-testid="on-behalf">
      <p>{t("onBehalf.explain")}</p>
      {canConfirm && (
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy}
          onClick={() => void confirm()}
          data-testid="on-behalf-confirm"
        >
          {t("onBehalf.confirm")}
        </button>
      )}
      {error ? (
        <p className="field-error" role="alert">
          {errorText(error, i18n.language, t("common.error"))}
        </p>
      ) : null}
    </div>
  );
}
