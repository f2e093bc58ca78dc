import { useTranslation } from "react-i18next";
import type { Dossier } from "../../api/types";
import { formatDateTime } from "../../lib/format";
import { useL } from "../../lib/hooks";

/**
 * The citizen's correction requests on this dossier: sent (on its way to the owner), received
 * (open in the owner's queue), then the owner's answer (a rejection's reason).
 */
export function MyCorrections({ dossier }: { dossier: Dossier }) {
  const { t, i18n } = useTranslation();
  const l = useL();
  const list = dossier.correctionRequests;
  if (list.length === 0) return null;
  return (
    <section className="card" aria-labelledby="my-corr-title" data-testid="my-corrections">
      <h2 id="my-corr-title">{t("correction.mine")}</h2>
      <ul className="plain-list">
        {list.map((c) => {
          const f = dossier.fields.find((x) => x.key === c.fieldKey);
          // Open and not yet in the owner's queue (delivery carries it seconds later): "sent".
          const status = c.status === "open" && !c.receivedAt ? "sent" : c.status;
          return (
            <li key={`${c.fieldKey}-${c.createdAt}`} data-testid="my-correction" data-status={status}>
              <strong>{f ? l(f.labelVi, f.labelEn) : c.fieldKey}</strong>: “{c.registryValue ?? "—"}” → “
              {c.claimedValue ?? "—"}”{" "}
              <span className="note">({formatDateTime(c.createdAt, i18n.language)})</span>
              <p data-testid="my-correction-status">
                {t(`correction.status.${status}`, {
                  value: c.appliedValue ?? "",
                  reason: c.decisionReason ?? "",
                })}
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
