import { isDraft } from "@domain/lifecycle.js";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../api/client";
import type { DossierListPage } from "../../api/types";
import { DeleteDraft } from "../../components/DeleteDraft";
import { formatDate, formatDateTime } from "../../lib/format";
import { type Loaded, useLoad } from "../../lib/hooks";

export type DraftItem = DossierListPage["items"][number];

/** The signed-in citizen's unfinished drafts of procedure `code` (none for anyone else), newest first. */
export function useDrafts(code: string, citizen: boolean): Loaded<DraftItem[]> {
  return useLoad(
    async (signal) =>
      citizen
        ? (await api.get<DossierListPage>("/api/me/dossiers?limit=50", { signal })).items.filter(
            (d) => isDraft(d.status) && d.procedureCode === code,
          )
        : [],
    [code, citizen],
  );
}

/**
 * "Người đã mất: Nguyễn Văn An, mất ngày 04/11/2026. Lưu lúc 19:08 ngày 04/11/2026, đã điền 3/12
 * trường": which draft this is, in words a person recognises: whom it is about first, when the
 * form names someone (two relatives' death registrations), then when it was saved.
 */
function useDraftLabel() {
  const { t, i18n } = useTranslation();
  return (d: DraftItem) => {
    const saved = t("procedure.draftLabel", {
      date: formatDateTime(d.updatedAt ?? d.createdAt, i18n.language),
      count: d.filledCount ?? 0,
      total: d.fieldCount ?? 0,
    });
    const s = d.subject;
    if (!s) return saved;
    const about = s.date
      ? t(`procedure.draftAbout.${s.kind}Died`, { name: s.name, date: formatDate(s.date, i18n.language) })
      : t(`procedure.draftAbout.${s.kind}`, { name: s.name });
    return t("procedure.draftAboutLabel", { about, label: saved });
  };
}

/**
 * The citizen's unfinished drafts of this procedure, each named by when it was last saved and how
 * many items are filled: "continue" (the page's primary action while a draft exists) and "delete"
 * (withdraws the draft, after one more tap on a confirmation naming it). A deleted draft leaves
 * the citizen's list of dossiers.
 */
export function Drafts({ drafts, onGone }: { drafts: DraftItem[]; onGone: () => void }) {
  const { t } = useTranslation();
  const labelOf = useDraftLabel();
  if (drafts.length === 0) return null;
  // Two drafts saved in the same minute with as much filled never read the same: each is numbered.
  const labels = drafts.map(labelOf);
  const shown = labels.map((label, i) =>
    labels.filter((x) => x === label).length > 1
      ? t("procedure.draftNth", { label, n: labels.slice(0, i + 1).filter((x) => x === label).length })
      : label,
  );
  return (
    <section className="drafts" aria-labelledby="drafts-title" data-testid="drafts">
      <h2 id="drafts-title">{t("procedure.drafts", { count: drafts.length })}</h2>
      <ul className="card-list">
        {drafts.map((d, i) => (
          <DraftCard key={d.id} d={d} label={shown[i] ?? ""} onGone={onGone} />
        ))}
      </ul>
    </section>
  );
}

function DraftCard({ d, label, onGone }: { d: DraftItem; label: string; onGone: () => void }) {
  const { t } = useTranslation();
  return (
    <li className="card draft-card" data-testid="draft-card" data-id={d.id}>
      <Link className="btn btn-primary btn-big" to={`/ho-so/${d.id}`} data-testid="continue-draft">
        {t("procedure.continueDraft")}
        <span className="btn-sub" data-testid="draft-label">
          {label}
        </span>
      </Link>
      <DeleteDraft
        question={t("procedure.deleteDraftConfirm", { label })}
        label={t("procedure.deleteDraftNamed", { label })}
        onDelete={async () => {
          await api.post(`/api/dossiers/${d.id}/actions`, { action: "withdraw" });
          onGone();
        }}
      />
    </li>
  );
}
