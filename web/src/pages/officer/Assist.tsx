import { ON_BEHALF_FILERS } from "@domain/principal.js";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { ApplicantForm } from "../../components/officer/ApplicantForm";
import { FilingDraft, FilingSteps } from "../../components/officer/FilingDraft";
import { useOfficer } from "../../components/officer/useOfficer";
import { useTitle } from "../../lib/hooks";

/** Assisted filing: a postal or community agent files online for a citizen who is present. */
export default function Assist() {
  const { id } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const officer = useOfficer();
  useTitle(t("officer.assist.title"));
  return (
    <section aria-labelledby="assist-title" className="ws-assist">
      <h1 id="assist-title">{t("officer.assist.title")}</h1>
      <p className="banner banner-info" data-testid="assist-online-note">
        <strong>{t("officer.assist.countsOnline")}</strong>
      </p>
      {!ON_BEHALF_FILERS.has(officer.role) ? (
        <p className="alert alert-warn" data-testid="assist-agents-only">
          {t("officer.assist.agentsOnly")}
        </p>
      ) : id ? (
        <FilingDraft id={id} mode="assist" />
      ) : (
        <>
          <FilingSteps mode="assist" current={0} />
          <p>{t("officer.assist.findIntro")}</p>
          <ApplicantForm
            submitLabel={t("officer.assist.create")}
            onCreated={(d) => navigate(`/can-bo/nop-ho/${d.id}`)}
          />
        </>
      )}
    </section>
  );
}
