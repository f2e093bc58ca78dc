import { AGENCIES, OFFICER_AGENCY_IDS, type OfficerAgencyId } from "@domain/agencies.js";
import { useTranslation } from "react-i18next";

/** The agency a KPI page narrows its figures to (`coquan` in the address), or "" for all. */
export function agencyFromSearch(value: string | null): OfficerAgencyId | "" {
  return (OFFICER_AGENCY_IDS as readonly string[]).includes(value ?? "") ? (value as OfficerAgencyId) : "";
}

/**
 * The "processing agency" filter of the KPI pages (the leaders' dashboard and /thong-ke): every
 * agency that processes dossiers, by its name in the page's language, or all of them ("").
 */
export function AgencySelect(props: { id: string; value: string; onChange: (agency: string) => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  return (
    <div className="field">
      <label htmlFor={props.id}>{t("dashboard.agency")}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{t("dashboard.allAgencies")}</option>
        {OFFICER_AGENCY_IDS.map((a) => (
          <option key={a} value={a}>
            {en ? AGENCIES[a].nameEn : AGENCIES[a].nameVi}
          </option>
        ))}
      </select>
    </div>
  );
}
