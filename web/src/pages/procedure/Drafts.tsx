import { isDraft } from "@domain/lifecycle.js";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../api/client";
import type { DossierListPage } from "../../api/types";
import { errorText } from "../../components/Status";
import { useLoad } from "../../lib/hooks";

/**
 * The citizen's unfinished drafts of this procedure: "continue your draft" (the whole card is one
 * link) and "delete" (withdraws the draft, after one more tap to confirm). A deleted draft leaves
 * the citizen's list of dossiers.
 */
export function Drafts({ code }: { code: string }) {
  const { t } = useTranslation();
  const list = useLoad((signal) => api.get<DossierListPage>("/api/me/dossiers?limit=50", { signal }), []);
  const drafts = (list.data?.items ?? []).filter((d) => isDraft(d.status) && d.procedureCode === code);
  if (drafts.length === 0) return null;
  return (
    <section className="drafts" aria-labelledby="drafts-title" data-testid="drafts">
      <h2 id="drafts-title">{t("procedure.drafts", { count: drafts.length })}</h2>
      <ul className="card-list">
        {drafts.map((d, i) => (
          <DraftCard key={d.id} id={d.id} n={i + 1} onGone={list.reload} />
        ))}
      </ul>
    </section>
  );
}

function DraftCard({ id, n, onGone }: { id: string; n: number; onGone: () => void }) {
  const { t, i18n } = useTranslation();
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/dossiers/${id}/actions`, { action: "withdraw" });
      onGone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="card draft-card" data-testid="draft-card" data-id={id}>
      <Link className="btn btn-primary btn-big" to={`/ho-so/${id}`} data-testid="continue-draft">
        {t("procedure.continueDraft", { n })}
      </Link>
      {confirm ? (
        <div>
          <p>{t("procedure.deleteDraftConfirm")}</p>
          <button
            type="button"
            className="btn btn-danger-outline"
            data-testid="delete-draft-yes"
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
          data-testid="delete-draft"
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
    </li>
  );
}
