import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../components/Status";
import { formatDateTime } from "../../lib/format";
import { SaveStatus } from "../dossier/SaveStatus";
import type { useGroupDraft } from "./useGroupDraft";

/**
 * The combined form's draft (useGroupDraft): reopened, "continuing your draft" with when it was
 * saved, and "delete" (one more tap on a confirmation) for a fresh form; while typing, whether
 * what was typed is saved.
 */
export function GroupDraftBar({ draft }: { draft: ReturnType<typeof useGroupDraft> }) {
  const { t, i18n } = useTranslation();
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await draft.remove();
      setConfirm(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const status =
    draft.saveState === "idle" ? null : (
      <div data-testid="group-draft-save">
        <SaveStatus state={draft.saveState} error={draft.saveError} retry={() => void draft.saveNow()} />
      </div>
    );
  if (!draft.resumed) return status;
  return (
    <section className="card drafts" aria-labelledby="group-draft-title" data-testid="group-draft">
      <h2 id="group-draft-title">{t("linked.draftResumed")}</h2>
      <p data-testid="group-draft-label">
        {t("linked.draftSaved", { date: formatDateTime(draft.resumed.updatedAt, i18n.language) })}
      </p>
      {status}
      {confirm ? (
        <div role="alert">
          <p data-testid="group-draft-question">{t("linked.draftDeleteConfirm")}</p>
          <button
            type="button"
            className="btn btn-danger-outline"
            data-testid="group-draft-delete-yes"
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
          data-testid="group-draft-delete"
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
    </section>
  );
}
