import { useTranslation } from "react-i18next";
import type { OfficerDossier } from "../../api/types";
import { formatDate, formatDateTime } from "../../lib/format";

/**
 * "Ý kiến chủ hộ": the answer of the head of the household a spouse's dossier joins (Law on
 * Residence 2020, Art. 21), kept on the officer's page whatever the eligibility check says now:
 * waiting since the submission, consented by the head on a day, or refused on a day with the
 * head's own reason. Nothing for a dossier that needs no consent (`headConsent` null), nor for one
 * closed before the head answered.
 */
export function HeadConsentPanel({ dossier }: { dossier: OfficerDossier }) {
  const { t, i18n } = useTranslation();
  const h = dossier.headConsent;
  if (!h || (!h.waitingSince && !h.consent && !h.refusal)) return null;
  const head = h.headName ?? t("officer.headConsent.head");
  return (
    <section aria-labelledby="ws-head-consent-title" className="card" data-testid="head-decision">
      <h2 id="ws-head-consent-title">{t("officer.headConsent.title")}</h2>
      {h.refusal ? (
        <>
          <p data-testid="head-decision-refused">
            {t("officer.headConsent.refused", { head, date: formatDate(h.refusal.at, i18n.language) })}
          </p>
          <p data-testid="head-decision-reason">
            {h.refusal.reason
              ? `${t("officer.headConsent.reason")} “${h.refusal.reason}”`
              : t("officer.headConsent.noReason")}
          </p>
        </>
      ) : h.consent ? (
        <p data-testid="head-decision-consented">
          {t("officer.headConsent.consented", { head, date: formatDate(h.consent.at, i18n.language) })}
        </p>
      ) : (
        <p data-testid="head-decision-waiting">
          {t("officer.headConsent.waiting", {
            head,
            since: formatDateTime(h.waitingSince, i18n.language),
          })}
        </p>
      )}
    </section>
  );
}
