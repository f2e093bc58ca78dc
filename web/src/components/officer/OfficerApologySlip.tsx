import { useTranslation } from "react-i18next";
import type { Dossier } from "../../api/types";
import { formatDateTime } from "../../lib/format";

/**
 * The apology slip sent for a late dossier (Circular 01/2018/TT-VPCP Mẫu số 05): its number, the
 * new date promised and its signed PDF (GET /api/dossiers/:id/apology.pdf), for the officer.
 * Nothing when no signed slip was issued (none sent, or imported history).
 */
export function OfficerApologySlip({ dossier }: { dossier: Dossier }) {
  const { t, i18n } = useTranslation();
  const a = dossier.apology;
  if (!a?.slipNumber) return null;
  const date = formatDateTime(a.newDueAt, i18n.language);
  return (
    <section aria-labelledby="ws-apology-slip-title" className="card" data-testid="ws-apology-slip">
      <h2 id="ws-apology-slip-title">{t("officer.apology.title")}</h2>
      <p>{t("officer.apology.slip", { number: a.slipNumber, date })}</p>
      <div className="actions">
        <a
          className="btn btn-small"
          href={`/api/dossiers/${dossier.id}/apology.pdf`}
          data-testid="apology-download"
          download
        >
          {t("officer.apology.download")}
        </a>
      </div>
    </section>
  );
}
