import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import type { RegistryAlerts as Alerts, DossierField } from "../../api/types";
import { useFieldText, useLoad } from "../../lib/hooks";

/**
 * Values this dossier reused from a registry that an accepted correction changed since: old → new,
 * at the top of the officer's view (nothing when there is none).
 */
export function RegistryAlerts({ dossierId, fields }: { dossierId: string; fields: DossierField[] }) {
  const { t } = useTranslation();
  const ft = useFieldText();
  const res = useLoad(
    (signal) => api.get<Alerts>(`/api/dossiers/${dossierId}/registry-alerts`, { signal }),
    [dossierId],
  );
  const items = res.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section
      className="alert alert-warning"
      role="alert"
      data-testid="registry-alerts"
      aria-labelledby="ws-ra-title"
    >
      <h2 id="ws-ra-title">{t("officer.registryAlerts.title")}</h2>
      <ul>
        {items.map((a) => {
          const f = fields.find((x) => x.key === a.fieldKey);
          return (
            <li key={`${a.correctionId}-${a.fieldKey}`} data-testid="registry-alert">
              {t("officer.registryAlerts.item", {
                field: f ? ft(f.labelVi, f.labelEn) : ft(a.labelVi, a.labelEn),
                old: a.oldValue ?? "—",
                new: a.newValue,
              })}
            </li>
          );
        })}
      </ul>
      <p>{t("officer.registryAlerts.hint")}</p>
    </section>
  );
}
