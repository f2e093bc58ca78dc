import { useTranslation } from "react-i18next";
import type { Dossier } from "../../api/types";
import { formatDateTime } from "../../lib/format";

/**
 * The apology slip for a late dossier (Decree 61/2018/NĐ-CP; Circular 01/2018/TT-VPCP Mẫu số 05):
 * why it is late and the new date promised, in plain words. The legal due date (the clock above)
 * does not move with it. The signed slip (PDF, verifiable like a result) is downloaded from here.
 */
export function ApologyPanel({ dossier }: { dossier: Dossier }) {
  const { t, i18n } = useTranslation();
  const a = dossier.apology;
  if (!a) return null;
  const at = (d: string | Date | null) =>
    formatDateTime(d === null ? null : typeof d === "string" ? d : d.toISOString(), i18n.language);
  return (
    <section className="card" aria-labelledby="apology-title" data-testid="apology">
      <h2 id="apology-title">{t("tracking.apologyTitle")}</h2>
      <p>{t("tracking.apologyText")}</p>
      <p>
        {t("tracking.apologyReason")} <span data-testid="apology-reason">{a.reason}</span>
      </p>
      <p>
        {t("tracking.apologyNewDate")} <strong data-testid="apology-date">{at(a.newDueAt)}</strong>
      </p>
      <p className="muted">
        {t("tracking.apologySent")} {at(a.at)}
      </p>
      {a.slipNumber && (
        <p>
          <a
            className="btn"
            href={`/api/dossiers/${dossier.id}/apology.pdf`}
            data-testid="apology-download"
            download
          >
            {t("tracking.apologyDownload", { number: a.slipNumber })}
          </a>
        </p>
      )}
    </section>
  );
}
