import { TEXT_LIMITS } from "@domain/inputs.js";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../api/client";
import type { CorrectionFiled } from "../../api/types";
import { errorText } from "../../components/Status";
import { useAudienceT } from "../../lib/hooks";

type Props = {
  dossierId: string;
  fieldKey: string;
  label: string;
  onClose: () => void;
  onDone: (id: number) => void;
};

/** "Thông tin này sai": a correction request to the registry that owns the value. */
export function CorrectionForm({ dossierId, fieldKey, label, onClose, onDone }: Props) {
  const { i18n } = useTranslation();
  const t = useAudienceT();
  const [claimed, setClaimed] = useState("");
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const base = `corr-${fieldKey.replace(/\W/g, "-")}`;
  const issue = error instanceof ApiError ? error.details[0] : undefined;

  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!claimed.trim()) {
      setError(new Error("empty"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<CorrectionFiled>(`/api/dossiers/${dossierId}/corrections`, {
        fieldKey,
        claimedValue: claimed.trim(),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      onDone(r.id);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const message =
    error instanceof ApiError
      ? issue
        ? i18n.language === "en"
          ? issue.messageEn
          : issue.messageVi
        : errorText(error, i18n.language, "")
      : error
        ? t("correction.empty")
        : "";

  return (
    <form
      className="correction"
      onSubmit={(e) => void send(e)}
      data-testid={`correction-form-${fieldKey}`}
      id={base}
    >
      <p className="help">{t("correction.intro", { label })}</p>
      <div className="field">
        <label htmlFor={`${base}-value`}>{t("correction.claimed")}</label>
        <input
          id={`${base}-value`}
          data-testid="correction-value"
          value={claimed}
          maxLength={TEXT_LIMITS.claimedValue}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? `${base}-error` : undefined}
          onChange={(e) => setClaimed(e.target.value)}
        />
        {message && (
          <p className="field-error" id={`${base}-error`} role="alert">
            {message}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${base}-note`}>
          {t("correction.note")} <span className="opt">{t("form.optional")}</span>
        </label>
        <textarea
          id={`${base}-note`}
          rows={2}
          maxLength={TEXT_LIMITS.correctionNote}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="correction-send">
          {busy ? t("common.sending") : t("correction.send")}
        </button>
        <button type="button" className="btn" onClick={onClose}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
