import { AWAITING_SUPPLEMENT, RATABLE, RESULT_STATUSES } from "@domain/lifecycle.js";
import { useTranslation } from "react-i18next";
import type { Dossier, ProcedureDefinition } from "../../api/types";
import { ComplaintsPanel } from "../../components/ComplaintsPanel";
import { NotificationStatuses } from "../../components/NotificationStatuses";
import { formatDate, formatDateTime } from "../../lib/format";
import { statusTone } from "../../lib/status";
import { ApologyPanel } from "./ApologyPanel";
import { ClockView } from "./ClockView";
import { HeadAnswerNote } from "./HeadAnswerNote";
import { PaymentPanel } from "./PaymentPanel";
import { RatingForm } from "./RatingForm";
import { ResultPanel } from "./ResultPanel";
import { SubmittedData } from "./SubmittedData";
import { SupplementPanel } from "./SupplementPanel";
import { Timeline } from "./Timeline";
import { WithdrawButton } from "./WithdrawButton";

type Props = {
  dossier: Dossier;
  def: ProcedureDefinition;
  onDossier: (d: Dossier) => void;
  reload: () => void;
};

/** A submitted dossier: status in plain words, clock, payment, supplement, result, rating, timeline. */
export function Tracking({ dossier, def, onDossier, reload }: Props) {
  const { t, i18n } = useTranslation();
  const s = dossier.status;
  const hasResult = RESULT_STATUSES.has(s);
  // Ended by the head of household's refusal: said as the head's answer, not the agency's decision.
  const refusal = dossier.headConsent?.refusal ?? null;
  return (
    <div className="tracking" data-testid="tracking">
      <section className={`card status status-${statusTone(s)}`} aria-labelledby="status-title">
        <h2 id="status-title">{t("tracking.statusTitle")}</h2>
        <p className="dossier-code">
          {t("tracking.code")} <strong data-testid="dossier-code">{dossier.code ?? "—"}</strong>
        </p>
        <p className="status-text" data-testid="dossier-status" data-status={s} role="status">
          <span className={`badge badge-${statusTone(s)}`}>
            {refusal ? t("tracking.headRefusedShort") : t(`status.${s}.short`, { defaultValue: s })}
          </span>{" "}
          {refusal
            ? t("tracking.headRefused", {
                head: dossier.headConsent?.headName ?? t("officer.headConsent.head"),
                date: formatDate(refusal.at, i18n.language),
              })
            : t(`status.${s}.long`, { defaultValue: t("status.unknown") })}
        </p>
        <HeadAnswerNote dossier={dossier} />
        {dossier.submittedAt && (
          <p className="muted">
            {t("tracking.submittedAt", { at: formatDateTime(dossier.submittedAt, i18n.language) })}
          </p>
        )}
        <ClockView dossier={dossier} />
      </section>
      <ApologyPanel dossier={dossier} />
      <PaymentPanel dossier={dossier} />
      {AWAITING_SUPPLEMENT.has(s) && (
        <SupplementPanel dossier={dossier} def={def} onDossier={onDossier} reload={reload} />
      )}
      {hasResult && <ResultPanel dossier={dossier} />}
      {RATABLE.has(s) && <RatingForm dossier={dossier} onRated={reload} />}
      <ComplaintsPanel dossierId={dossier.id} refresh={dossier.log.length} />
      <Timeline log={dossier.log} headName={dossier.headConsent?.headName ?? null} />
      <NotificationStatuses dossierId={dossier.id} refresh={dossier.log.length} />
      <SubmittedData dossier={dossier} />
      <WithdrawButton dossier={dossier} onDossier={onDossier} />
    </div>
  );
}
