import { COUNTER_FILERS } from "@domain/principal.js";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { ApplicantForm } from "../../components/officer/ApplicantForm";
import { FilingDraft, FilingSteps } from "../../components/officer/FilingDraft";
import { useOfficer } from "../../components/officer/useOfficer";
import { useTitle } from "../../lib/hooks";

/** Counter intake: the one-stop officer records a paper dossier and digitises its components. */
export default function Counter() {
  const { id } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const officer = useOfficer();
  useTitle(t("officer.counter.title"));
  return (
    <section aria-labelledby="counter-title" className="ws-counter">
      <h1 id="counter-title">{t("officer.counter.title")}</h1>
      <p className="banner banner-info" data-testid="counter-note">
        {t("officer.counter.note")}
      </p>
      {!COUNTER_FILERS.has(officer.role) ? (
        <p className="alert alert-warn" data-testid="counter-receivers-only">
          {t("officer.counter.receiversOnly")}
        </p>
      ) : id ? (
        <FilingDraft id={id} mode="counter" />
      ) : (
        <>
          <FilingSteps mode="counter" current={0} />
          <p>{t("officer.counter.intro")}</p>
          <ApplicantForm
            submitLabel={t("officer.counter.create")}
            onCreated={(d) => navigate(`/can-bo/tiep-nhan/${d.id}`)}
          />
        </>
      )}
    </section>
  );
}
