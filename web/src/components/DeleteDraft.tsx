import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "./Status";

/**
 * "Delete the draft", then one more tap on a confirmation that names what goes (`question`): a
 * dossier's draft on its procedure page, a linked group's combined form. `testId` prefixes the
 * buttons' and the question's test ids (`delete-draft`, `delete-draft-yes`, `delete-draft-question`).
 */
export function DeleteDraft({
  question,
  onDelete,
  label,
  testId = "delete-draft",
}: {
  question: string;
  onDelete: () => Promise<void>;
  /** The first button's accessible name, when it must say which draft. */
  label?: string;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await onDelete();
      setConfirm(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {confirm ? (
        <div role="alert">
          <p data-testid={`${testId}-question`}>{question}</p>
          <button
            type="button"
            className="btn btn-danger-outline"
            data-testid={`${testId}-yes`}
            disabled={busy}
            onClick={() => void remove()}
          >
            {t("procedure.deleteDraftYes")}
          </button>{" "}
          <button type="button" className="btn" onClick={() => setConfirm(false)}>
            {t("procedure.deleteDraftNo")}
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="btn btn-danger-outline"
          data-testid={testId}
          aria-label={label}
          onClick={() => setConfirm(true)}
        >
          {t("procedure.deleteDraft")}
        </button>
      )}
      {error ? (
        <p className="alert alert-error" role="alert">
          {errorText(error, i18n.language, t("common.error"))}
        </p>
      ) : null}
    </>
  );
}
