import { mayActOnDossier } from "@domain/agencies.js";
import { isDraft, RESULT_STATUSES } from "@domain/lifecycle.js";
import { DISBURSEMENT_FIXERS, ON_BEHALF_FILERS } from "@domain/principal.js";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ApiError, api } from "../../api/client";
import type { GroupContext as GroupContextData, OfficerDossier as View } from "../../api/types";
import { ComplaintsPanel } from "../../components/ComplaintsPanel";
import { EligibilityNotice } from "../../components/EligibilityNotice";
import { GroupLink } from "../../components/GroupLine";
import { NotificationStatuses } from "../../components/NotificationStatuses";
import { ActionsPanel } from "../../components/officer/ActionsPanel";
import { ClockPanel } from "../../components/officer/ClockPanel";
import { Components } from "../../components/officer/Components";
import { CorrectionRequests } from "../../components/officer/CorrectionRequests";
import { DisbursementPanel } from "../../components/officer/DisbursementPanel";
import { FeePanel } from "../../components/officer/FeePanel";
import { FormData } from "../../components/officer/FormData";
import { GroupContext } from "../../components/officer/GroupContext";
import { HeadConsentPanel } from "../../components/officer/HeadConsentPanel";
import { OfficerApologySlip } from "../../components/officer/OfficerApologySlip";
import { OfficerResult } from "../../components/officer/OfficerResult";
import { OfficerTimeline } from "../../components/officer/OfficerTimeline";
import { RegistryAlerts } from "../../components/officer/RegistryAlerts";
import { ShortcutsHelp } from "../../components/officer/ShortcutsHelp";
import { useOfficer } from "../../components/officer/useOfficer";
import { workspaceHref } from "../../components/officer/workspace";
import { ErrorMessage, Loading } from "../../components/Status";
import { formatDateTime } from "../../lib/format";
import { useL, useLoad, useTitle } from "../../lib/hooks";
import { statusTone } from "../../lib/status";

/** One dossier as an officer works on it: data, files, log, clock, fee, corrections, actions. */
export default function OfficerDossier() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const l = useL();
  const officer = useOfficer();
  const dossier = useLoad((signal) => api.get<View>(`/api/dossiers/${id}`, { signal }), [id]);
  const d = dossier.data;
  // The linked group the dossier is a step of (null outside one), read once for `GroupLink` and
  // `GroupContext`, and again when the dossier's log grows.
  const group = useLoad(
    (signal) =>
      d
        ? api.get<GroupContextData | null>(`/api/dossiers/${id}/linked-group`, { signal })
        : Promise.resolve(undefined),
    [id, d?.log.length],
  );
  const name = d ? l(d.procedure.nameVi, d.procedure.nameEn) : "";
  useTitle(d ? `${d.code ?? t("officer.queue.draft")} — ${name}` : t("officer.view.title"));

  const crumbs = (
    <p className="crumbs">
      <Link to="/can-bo" data-testid="back-to-queue">
        {t("officer.view.back")}
      </Link>
    </p>
  );

  if (!d) {
    const missing = dossier.error instanceof ApiError && dossier.error.status === 404;
    return (
      <>
        {crumbs}
        <h1>{t("officer.view.title")}</h1>
        {dossier.loading ? (
          <Loading />
        ) : missing ? (
          <div className="alert alert-error" role="alert" data-testid="error">
            <p>{t("officer.view.notFound")}</p>
          </div>
        ) : (
          <ErrorMessage error={dossier.error} retry={dossier.reload} />
        )}
      </>
    );
  }

  const holder = d.assigneeName ?? d.assignee;
  const continueAt = workspaceHref(d);
  return (
    <article
      className="ws-dossier"
      data-testid="officer-dossier"
      data-id={d.id}
      data-status={d.status}
      data-channel={d.channel}
      aria-busy={dossier.loading}
    >
      {crumbs}
      <h1>{name}</h1>
      <GroupLink group={group.data} anchor="ws-group-title" />
      <RegistryAlerts dossierId={d.id} fields={d.fields} />
      <EligibilityNotice dossierId={d.id} answers={String(d.log.length)} audience="officer" />
      <HeadConsentPanel dossier={d} />
      <section aria-labelledby="ws-summary-title" className={`card status status-${statusTone(d.status)}`}>
        <h2 id="ws-summary-title" className="sr-only">
          {t("officer.view.summary")}
        </h2>
        <dl className="facts compact ws-summary">
          <div>
            <dt>{t("officer.col.code")}</dt>
            <dd>
              <strong data-testid="dossier-code" className="mono-code">
                {d.code ?? t("officer.queue.draft")}
              </strong>
            </dd>
          </div>
          <div>
            <dt>{t("officer.col.status")}</dt>
            <dd>
              <span className={`badge badge-${statusTone(d.status)}`} data-testid="dossier-status">
                {t(`status.${d.status}.short`, { defaultValue: d.status })}
              </span>
            </dd>
          </div>
          <div>
            <dt>{t("officer.col.channel")}</dt>
            <dd data-testid="dossier-channel">
              {t(`officer.channel.${d.channel}`, { defaultValue: d.channel })}
              {d.channel === "online_on_behalf" && d.createdBy && (
                <span className="note">{t("officer.view.filedBy", { who: d.createdBy })}</span>
              )}
            </dd>
          </div>
          {d.applicantName && (
            <div>
              <dt>{t("officer.view.applicantName")}</dt>
              <dd data-testid="applicant-name">{d.applicantName}</dd>
            </div>
          )}
          {d.applicantNumber && (
            <div>
              <dt>{t("officer.view.applicant")}</dt>
              <dd className="mono">{d.applicantNumber}</dd>
            </div>
          )}
          {d.submittedAt && (
            <div>
              <dt>{t("officer.col.submitted")}</dt>
              <dd>{formatDateTime(d.submittedAt, i18n.language)}</dd>
            </div>
          )}
          {d.receivedAt && (
            <div>
              <dt>{t("officer.view.received")}</dt>
              <dd>{formatDateTime(d.receivedAt, i18n.language)}</dd>
            </div>
          )}
          {d.supplementRequest && (
            <div data-testid="supplement-request">
              <dt>{t("officer.view.supplementAsked")}</dt>
              <dd>{formatDateTime(d.supplementRequest.at, i18n.language)}</dd>
            </div>
          )}
          {/* A linked step's deadline (the group's `supplementWithin`): past it the platform refuses. */}
          {d.supplementRequest?.dueAt && (
            <div data-testid="supplement-due">
              <dt>{t("officer.view.supplementDue")}</dt>
              <dd>
                <strong>{formatDateTime(d.supplementRequest.dueAt, i18n.language)}</strong>
                <span className="note">{t("officer.view.supplementDueNote")}</span>
              </dd>
            </div>
          )}
          <div>
            <dt>{t("officer.col.assignee")}</dt>
            <dd data-testid="summary-assignee">
              {holder ?? <span className="muted">{t("officer.assign.nobody")}</span>}
            </dd>
          </div>
        </dl>
        {isDraft(d.status) && (
          <p className="banner banner-warn" data-testid="draft-note">
            {t("officer.view.draft")}{" "}
            {continueAt !== `/can-bo/ho-so/${d.id}` && (
              <Link to={continueAt}>{t("officer.view.continue")}</Link>
            )}
          </p>
        )}
      </section>

      <div className="ws-grid">
        <div className="ws-side">
          {ON_BEHALF_FILERS.has(officer.role) ? (
            <section aria-labelledby="ws-agent-title" className="card" data-testid="agent-portal-link">
              <h2 id="ws-agent-title">{t("officer.view.agentTitle")}</h2>
              <p>{t("officer.view.agentHelp")}</p>
              <Link className="btn" to={`/ho-so/${d.id}`}>
                {t("officer.view.agentOpen")}
              </Link>
            </section>
          ) : (
            <ActionsPanel dossier={d} officer={officer} onChanged={dossier.reload} />
          )}
          {RESULT_STATUSES.has(d.status) && <OfficerResult dossierId={d.id} status={d.status} />}
          <ComplaintsPanel dossierId={d.id} refresh={d.log.length} />
          <OfficerApologySlip dossier={d} />
          <ClockPanel dossier={d} />
          <GroupContext
            dossierId={d.id}
            group={group.data}
            canVerify={
              mayActOnDossier(officer.agency, d.agencyCode) &&
              d.availableActions.includes("require_verification")
            }
            onChanged={dossier.reload}
          />
          {/* Only a decision that granted an allowance (`issue_result` with its amount) is paid out:
              a dossier without one is not asked for a transfer it cannot have. */}
          {d.log.some((a) => a.type === "issue_result" && typeof a.payload.amount === "number") && (
            <DisbursementPanel
              dossierId={d.id}
              refresh={d.log.length}
              canFix={
                DISBURSEMENT_FIXERS.includes(officer.role) && mayActOnDossier(officer.agency, d.agencyCode)
              }
            />
          )}
          <FeePanel dossier={d} />
          {!ON_BEHALF_FILERS.has(officer.role) && <ShortcutsHelp />}
        </div>
        <div className="ws-main">
          <FormData fields={d.fields} />
          <Components dossierId={d.id} components={d.components} />
          <CorrectionRequests requests={d.correctionRequests} fields={d.fields} />
          <OfficerTimeline log={d.log} headName={d.headConsent?.headName ?? null} />
          <NotificationStatuses dossierId={d.id} refresh={d.log.length} />
        </div>
      </div>
    </article>
  );
}
