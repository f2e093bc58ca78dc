import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import type { Dossier } from "../../api/types";
import { errorText } from "../../components/Status";

/** Withdraw a dossier not yet processed, with an optional reason; asks once more before acting. */
export function WithdrawButton({
  dossier,
  onDossier,
}: {
  dossier: Dossier;
  onDossier: (d: Dossier) => void;
}) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!dossier.availableActions.includes("withdraw")) return null;
  if (!open)
    return (
      <button
        type="button"
        className="btn btn-danger-outline"
        data-testid="withdraw"
        onClick={() => setOpen(true)}
      >
        {t("withdraw.open")}
      </button>
    );
  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      onDossier(
        await api.post<Dossier>(`/api/dossiers/${dossier.id}/actions`, {
          action: "withdraw",
          ...(reason.trim() ? { reason: reason.trim() } : {}),
        }),
      );
      setOpen(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="card withdraw" data-testid="withdraw-form">
      <p>{t("withdraw.confirm")}</p>
      <div className="field">
        <label htmlFor="withdraw-reason">
          {t("withdraw.reason")} <span className="opt">{t("form.optional")}</span>
        </label>
        <textarea id="withdraw-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      {error ? (
        <p className="alert alert-error" role="alert">
          {errorText(error, i18n.language, t("common.error"))}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void send()}>
          {t("withdraw.send")}
        </button>
        <button type="button" className="btn" onClick={() => setOpen(false)}>
          {t("common.cancel")}
        </button>
      </div>
    </div>
  );
}
