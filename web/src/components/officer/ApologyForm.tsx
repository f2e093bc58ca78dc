import { TEXT_LIMITS } from "@domain/inputs.js";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../api/client";
import { DayInput } from "../PeriodFields";
import { apiMessage } from "./apiMessage";

type Props = { dossierId: string; onSent: (text: string) => void };

/** The promised day's hour, Vietnam time: the end of the office day. */
const PROMISED_HOUR = "T17:00";

/**
 * The apology slip for a late dossier (Decree 61/2018/NĐ-CP; Circular 01/2018/TT-VPCP Mẫu số 05):
 * the reason and the new date promised, typed dd/mm/yyyy. Shown when the server offers `apologize`;
 * the server checks both and its refusals are shown under their field.
 */
export function ApologyForm({ dossierId, onSent }: Props) {
  const { t, i18n } = useTranslation();
  const [reason, setReason] = useState("");
  const [day, setDay] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const byField = (field: string) => {
    if (!(error instanceof ApiError)) return null;
    const d = error.details.find((x) => x.field === field);
    return d ? (i18n.language === "en" ? d.messageEn : d.messageVi) : null;
  };
  const reasonError = byField("body.reason");
  const dateError = byField("body.newDueAt");
  const general =
    error && !reasonError && !dateError ? apiMessage(error, i18n.language, t("common.error")) : null;

  const send = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/dossiers/${dossierId}/actions`, {
        action: "apologize",
        reason: reason.trim(),
        ...(day ? { newDueAt: `${day}${PROMISED_HOUR}` } : {}),
      });
      setReason("");
      onSent(t("officer.apology.sent"));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="ws-apology"
      aria-labelledby="apology-form-title"
      data-testid="apology-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <h3 id="apology-form-title">{t("officer.apology.title")}</h3>
      <p className="help">{t("officer.apology.help")}</p>
      <div className="field">
        <label htmlFor="apology-reason">{t("officer.apology.reason")}</label>
        <textarea
          id="apology-reason"
          data-testid="apology-reason-input"
          rows={3}
          maxLength={TEXT_LIMITS.reason}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? "apology-reason-error" : undefined}
        />
        {reasonError && (
          <p className="field-error" id="apology-reason-error" data-testid="apology-reason-error">
            {reasonError}
          </p>
        )}
      </div>
      <DayInput id="apology-date" label={t("officer.apology.date")} value={day} onDay={setDay} />
      {dateError && (
        <p className="field-error" id="apology-date-server-error" data-testid="apology-date-error">
          {dateError}
        </p>
      )}
      {general && (
        <p className="alert alert-error" role="alert" data-testid="apology-error">
          {general}
        </p>
      )}
      <button
        type="submit"
        className="btn btn-primary"
        data-testid="apology-send"
        aria-busy={busy}
        disabled={busy}
      >
        {busy ? t("common.sending") : t("officer.apology.send")}
      </button>
    </form>
  );
}
