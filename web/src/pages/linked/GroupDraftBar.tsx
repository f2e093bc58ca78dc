import { useTranslation } from "react-i18next";
import { DeleteDraft } from "../../components/DeleteDraft";
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
      <DeleteDraft
        testId="group-draft-delete"
        question={t("linked.draftDeleteConfirm")}
        onDelete={draft.remove}
      />
    </section>
  );
}
