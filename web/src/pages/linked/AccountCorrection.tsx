import { ACCOUNT_NUMBER_PATTERN } from "@domain/allowances.js";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../api/client";
import { errorText } from "../../components/Status";

const FIELDS = ["bank", "accountNumber", "holderName"] as const;
type Field = (typeof FIELDS)[number];

/**
 * A stopped allowance transfer, for its applicant on the group's page: the account she holds
 * (bank, number, holder's name as on the card), checked by the platform and the bank as the
 * transfer checks it, then sent again (`POST /api/dossiers/:id/disbursement/account`). A refusal is
 * shown on its field (aria-invalid, aria-describedby) and focus goes to the first such field;
 * anything else (already sent again by an officer: 409) above the button, focused.
 */
export function AccountCorrection({ dossierId, onDone }: { dossierId: string; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState<Record<Field, string>>({
    bank: "",
    accountNumber: "",
    holderName: "",
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);
  const words = (d: { messageVi: string; messageEn: string }) =>
    i18n.language === "en" ? d.messageEn : d.messageVi;
  const onField: Partial<Record<Field, string>> = {};
  if (error instanceof ApiError)
    for (const d of error.details) {
      const f = d.field.replace(/^body\./, "") as Field;
      if (FIELDS.includes(f) && !onField[f]) onField[f] = words(d);
    }
  const general =
    error && Object.keys(onField).length === 0 ? errorText(error, i18n.language, t("common.error")) : "";
  // After each refused save, focus goes to the first field in error (as SubmitProblems does), else
  // to the message above the button: a screen reader hears it, a keyboard user is where to correct.
  const id = (f: Field) => `acct-${dossierId}-${f}`;
  const [attempt, setAttempt] = useState(0);
  const alertRef = useRef<HTMLParagraphElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per refused save
  useEffect(() => {
    if (attempt === 0) return;
    const first = FIELDS.find((f) => onField[f]);
    (first ? document.getElementById(id(first)) : alertRef.current)?.focus();
  }, [attempt]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/dossiers/${dossierId}/disbursement/account`, {
        bank: values.bank.trim(),
        accountNumber: values.accountNumber.trim(),
        holderName: values.holderName.trim(),
      });
      setSent(true);
      onDone();
    } catch (err) {
      setError(err);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };
  const input = (f: Field, extra: Record<string, unknown>) => (
    <div className="field">
      <label htmlFor={id(f)}>{t(`disbursement.correct.${f}`)}</label>
      {f === "accountNumber" && (
        <p id={`${id(f)}-help`} className="help">
          {t("disbursement.correct.accountNumberHelp")}
        </p>
      )}
      <input
        id={id(f)}
        data-testid={`acct-${f}`}
        required
        value={values[f]}
        onChange={(e) => setValues({ ...values, [f]: e.target.value })}
        aria-invalid={onField[f] ? true : undefined}
        aria-describedby={
          [f === "accountNumber" ? `${id(f)}-help` : "", onField[f] ? `${id(f)}-error` : ""]
            .filter(Boolean)
            .join(" ") || undefined
        }
        {...extra}
      />
      {onField[f] && (
        <p className="field-error" id={`${id(f)}-error`} data-testid={`acct-${f}-error`}>
          {onField[f]}
        </p>
      )}
    </div>
  );
  return (
    <form
      className="disbursement-correct"
      data-testid="account-correction"
      noValidate
      onSubmit={(e) => void submit(e)}
      aria-labelledby={`acct-${dossierId}-title`}
    >
      <h3 id={`acct-${dossierId}-title`}>{t("disbursement.correct.title")}</h3>
      <p className="help">{t("disbursement.correct.intro")}</p>
      {input("bank", { autoComplete: "off", maxLength: 100 })}
      {input("accountNumber", {
        inputMode: "numeric",
        autoComplete: "off",
        pattern: ACCOUNT_NUMBER_PATTERN.source.replace(/^\^|\$$/g, ""),
      })}
      {input("holderName", { autoComplete: "name", maxLength: 100 })}
      <div aria-live="assertive">
        {general ? (
          <p className="alert alert-error" role="alert" data-testid="acct-error" ref={alertRef} tabIndex={-1}>
            {general}
          </p>
        ) : Object.keys(onField).length > 0 ? (
          <p className="alert alert-error" role="alert">
            {t("disbursement.correct.fixFields")}
          </p>
        ) : null}
      </div>
      <div aria-live="polite">
        {sent && !error ? <p role="status">{t("disbursement.correct.sent")}</p> : null}
      </div>
      <button type="submit" className="btn btn-primary" data-testid="acct-submit" disabled={busy}>
        {busy ? t("common.sending") : t("disbursement.correct.submit")}
      </button>
    </form>
  );
}
