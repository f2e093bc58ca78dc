import { TEXT_LIMITS } from "@domain/inputs.js";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { apiMessage } from "./apiMessage";

type Props = { dossierId: string; workingDays: number; onChanged: () => void };

/**
 * "Cần xác minh" on a linked group's birth step: the reason, then the action
 * (`require_verification`); the group's limit becomes the longer one (`workingDays`, from the
 * group's definition through the API). Shown only when the server offers the action.
 */
export function VerificationForm({ dossierId, workingDays, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const send = async () => {
    if (busy) return;
    const text = reason.trim();
    if (!text) {
      setError(t("officer.verification.reasonRequired"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/dossiers/${dossierId}/actions`, { action: "require_verification", reason: text });
      setReason("");
      onChanged();
    } catch (e) {
      setError(apiMessage(e, i18n.language, t("officer.verification.failed")));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="verification-form">
      <p className="help" id={`${id}-help`}>
        {t("officer.verification.help", { days: workingDays })}
      </p>
      <p>
        <label htmlFor={`${id}-reason`}>{t("officer.verification.reason")}</label>
      </p>
      <textarea
        id={`${id}-reason`}
        data-testid="verification-reason"
        rows={3}
        maxLength={TEXT_LIMITS.reason}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        aria-describedby={`${id}-help`}
        aria-invalid={error !== null}
      />
      {error && (
        <p className="error" role="alert" data-testid="verification-error">
          {error}
        </p>
      )}
      <p>
        <button type="button" className="btn" data-testid="verification-mark" disabled={busy} onClick={send}>
          {t("officer.verification.mark")}
        </button>
      </p>
    </div>
  );
}
