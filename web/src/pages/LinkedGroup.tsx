import { stepClockShown } from "@domain/linked-clock.js";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api } from "../api/client";
import type { Disbursement } from "../api/types";
import { DisbursementStatus } from "../components/DisbursementStatus";
import { ErrorMessage, Loading } from "../components/Status";
import { formatDateTime } from "../lib/format";
import { useL, useLoad, useTitle } from "../lib/hooks";
import { AccountCorrection } from "./linked/AccountCorrection";
import { type AloneDossier, FileAlone } from "./linked/FileAlone";
import { HeadLog, HeadWait, type HeadWaitInfo } from "./linked/HeadWait";

type Words = { vi: string; en: string };
type Reason = { vi: string; en: string; whatToDoVi?: string; whatToDoEn?: string };
type Step = {
  key: string;
  procedureCode: string;
  procedureVi: string;
  procedureEn: string;
  agencyVi: string;
  agencyEn: string;
  state: "waiting" | "started" | "done" | "failed" | "cancelled";
  words: Words;
  dossierId: string | null;
  code: string | null;
  limit: { workingDays: number } | null;
  plannedDueAt: string;
  dueAt: string | null;
  feeAmount: number | null;
  resultNumber: string | null;
  reason: Reason | null;
  /** The reason stored when it ended in the group, as history once it no longer applies (worded as past). */
  pastReason: Words | null;
  /** The agency's supplement request: the officer's reason, when, the deadline (null: none the law confirms). */
  supplement: { reason: string | null; requestedAt: string; dueAt: string | null } | null;
  disbursement: Disbursement | null;
  /** Members whose result this step waits for. */
  dependsOn: string[];
  /** The result's registry write-back was refused or given up: the registry does not hold it yet. */
  registryUpdateFailed: boolean;
  /** "Xử lý tự động": the platform decided the step under its group's rule (issue 12 point 2). */
  automatic: Words | null;
  /** What the step waits for besides its dependencies (the household head's consent), in plain words. */
  awaiting: Words | null;
  /** The commune whose police handle the step when it is the chosen household's (birth group). */
  communeName: string | null;
  /** The step filed on its own ("Nộp riêng"): that dossier, its code once filed, its status. */
  alone: AloneDossier | null;
  /** Whether "Nộp riêng" is offered: ended in the group, its earlier steps not ended without a result. */
  mayFileAlone: boolean;
};
/** GET /api/linked-applications/:id (src/modules/linked/view.ts). */
type LinkedApplication = {
  id: string;
  group: { code: string; nameVi: string; nameEn: string };
  receivedAt: string;
  dueAt: string;
  limit: { workingDays: number } | null;
  /** Marked "cần xác minh" by the civil-status office: why the limit is the longer one (null: not marked). */
  verification: { at: string | null; reason: string | null; workingDays: number | null; words: Words } | null;
  /** How long the applicant has to supply missing documents (null: not confirmed by law). */
  supplementWithin: { workingDays: number } | null;
  state: "in_progress" | "done" | "partly_done" | "failed";
  words: Words;
  feeNoteVi: string;
  feeNoteEn: string;
  /** Birth group: the other parent's household the child joins (null: the applicant's own). */
  childHome: {
    of: "mother" | "father";
    headName: string;
    address: string;
    communeName: string;
    consent: { as: "applicant" | "head"; at: string } | null;
    /** The head refused (the residence step is cancelled, with the reason). */
    refusal: { at: string } | null;
    /** The applicant's reminders to the head, oldest first. */
    reminders: string[];
    /** While the head has not answered (null once answered). */
    waiting: HeadWaitInfo | null;
    /** The residence step filed on its own and submitted: the head's consent is no longer needed. */
    filedAlone?: { dossierId: string; code: string | null } | null;
  } | null;
  steps: Step[];
};

const BADGE: Record<Step["state"], string> = {
  waiting: "badge badge-info",
  started: "badge badge-info",
  done: "badge badge-ok",
  failed: "badge badge-bad",
  cancelled: "badge badge-warn",
};

const GROUP_BADGE: Record<LinkedApplication["state"], string> = {
  in_progress: "badge badge-info",
  done: "badge badge-ok",
  partly_done: "badge badge-warn",
  failed: "badge badge-bad",
};

/**
 * A step's supplement request on the group page: the officer's reason, the deadline to supply
 * (`days` working days from the request, when the law confirms it) and the way to the step's own
 * dossier page where the supplement is made.
 */
function SupplementAsked({ step, days }: { step: Step; days: number | null }) {
  const { t, i18n } = useTranslation();
  const s = step.supplement;
  if (!s) return null;
  return (
    <div className="banner banner-warn" role="status" data-testid="step-supplement">
      {s.reason && (
        <p>
          <strong>{t("linked.why")}:</strong> {s.reason}
        </p>
      )}
      {s.dueAt && days !== null && (
        <p data-testid="supplement-due">
          {t("linked.supplementDue", { date: formatDateTime(s.dueAt, i18n.language), n: days })}
        </p>
      )}
      {step.dossierId && (
        <p>
          <Link className="btn btn-primary" to={`/ho-so/${step.dossierId}`} data-testid="supplement-go">
            {t("linked.supplementGo")}
          </Link>
        </p>
      )}
    </div>
  );
}

/** The citizen's page of one linked application: each step, its agency, status, clock and result. */
export default function LinkedGroup() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const l = useL();
  const res = useLoad(
    (signal) => api.get<LinkedApplication>(`/api/linked-applications/${id}`, { signal }),
    [id],
  );
  const g = res.data;
  useTitle(g ? l(g.group.nameVi, g.group.nameEn) : t("linked.title"));
  const date = (iso: string | null) => formatDateTime(iso, i18n.language);
  // The residence step while the chosen household's head has not answered: offered on its own in
  // the wait's card (HeadWait), not again in the step's; only once the server says it may be filed
  // so (`mayFileAlone`: the birth registered), or to open the dossier already filed (`alone`).
  const waitingStep = g?.childHome?.waiting ? (g.steps.find((s) => s.communeName) ?? null) : null;
  if (res.loading && !g) return <Loading />;
  if (res.error || !g) return <ErrorMessage error={res.error} retry={res.reload} />;
  return (
    <section data-testid="linked-group">
      <h1>{l(g.group.nameVi, g.group.nameEn)}</h1>
      <div className="card" data-testid="group-clock">
        <h2>{t("linked.overall")}</h2>
        <p>
          <span className={GROUP_BADGE[g.state]}>{l(g.words.vi, g.words.en)}</span>
        </p>
        {/* A limit the law does not confirm is a plan, never shown as a legal deadline. */}
        <p data-testid="group-due">
          {g.limit
            ? t("linked.dueGroup", { date: date(g.dueAt) })
            : t("linked.plannedDueGroup", { date: date(g.dueAt) })}
        </p>
        {g.limit ? <p className="muted">{t("linked.limitDays", { n: g.limit.workingDays })}</p> : null}
        {g.verification && (
          <p className="banner banner-info" role="status" data-testid="group-verification">
            {l(g.verification.words.vi, g.verification.words.en)}
          </p>
        )}
        {g.limit ? null : (
          <p className="muted" data-testid="limit-unconfirmed">
            {t("linked.limitUnconfirmed")}
          </p>
        )}
        <p className="muted">{t("linked.received", { date: date(g.receivedAt) })}</p>
        <p className="muted">{l(g.feeNoteVi, g.feeNoteEn)}</p>
      </div>
      {g.childHome && (
        <div className="card" data-testid="group-child-home">
          <h2>{t("linked.childHomeChosen")}</h2>
          <p>
            <strong>{t(`linked.childHomeOf.${g.childHome.of}`)}</strong>
            {": "}
            {t("linked.childHomeHead", { head: g.childHome.headName, address: g.childHome.address })}
          </p>
          {g.childHome.filedAlone ? (
            <p className="alert alert-info" role="status" data-testid="child-home-filed-alone">
              {t("linked.childHomeFiledAlone", {
                code: g.childHome.filedAlone.code ?? "",
                head: g.childHome.headName,
              })}
            </p>
          ) : g.childHome.waiting ? (
            <HeadWait
              groupId={g.id}
              wait={g.childHome.waiting}
              stepKey={
                waitingStep && (waitingStep.mayFileAlone || waitingStep.alone) ? waitingStep.key : null
              }
              alone={waitingStep?.alone ?? null}
              onReminded={res.reload}
            />
          ) : (
            <p className="muted" data-testid="child-home-answer">
              {g.childHome.consent
                ? t("linked.childHomeConsented", {
                    head: g.childHome.headName,
                    date: date(g.childHome.consent.at),
                  })
                : g.childHome.refusal
                  ? t("linked.childHomeRefused", {
                      head: g.childHome.headName,
                      date: date(g.childHome.refusal.at),
                    })
                  : t("linked.childHomeConsentAwaited", { head: g.childHome.headName })}
            </p>
          )}
          <HeadLog reminders={g.childHome.reminders ?? []} />
        </div>
      )}
      <ol className="card-list" data-testid="steps">
        {g.steps.map((s, i) => (
          <li key={s.key} className="card" data-testid={`step-${s.key}`}>
            <h2>
              {t("linked.step", { n: i + 1 })}: {l(s.procedureVi, s.procedureEn)}
            </h2>
            <p>{t("linked.agency", { name: l(s.agencyVi, s.agencyEn) })}</p>
            {s.communeName && (
              <p data-testid="step-commune">{t("linked.handledAt", { commune: s.communeName })}</p>
            )}
            <p>
              <span className={BADGE[s.state]} data-testid="step-status">
                {l(s.words.vi, s.words.en)}
              </span>
              {s.automatic && (
                <>
                  {" "}
                  <span className="badge badge-info" data-testid="step-automatic">
                    {l(s.automatic.vi, s.automatic.en)}
                  </span>
                </>
              )}
            </p>
            {s.awaiting && (
              <p className="alert alert-info" data-testid="step-awaiting">
                {l(s.awaiting.vi, s.awaiting.en)}
              </p>
            )}
            {s.code && <p>{t("linked.code", { code: s.code })}</p>}
            {!stepClockShown(s.state) ? null : s.supplement ? (
              // A cancelled or refused step has no deadline; the step's clock does not run while
              // the agency waits for the citizen.
              <p data-testid="step-clock">{t("linked.supplementPaused")}</p>
            ) : (
              <p data-testid="step-clock">
                {/* A limit the law confirms is a due date, started or not ("Hạn giải quyết");
                    "Dự kiến" only for one the law does not confirm. */}
                {s.limit
                  ? t("linked.due", { date: date(s.dueAt ?? s.plannedDueAt) })
                  : t("linked.plannedDue", { date: date(s.dueAt ?? s.plannedDueAt) })}
                {s.limit && (
                  <span className="muted">
                    {" · "}
                    {s.limit.workingDays === 0
                      ? t("linked.limitSameDay")
                      : t("linked.limitDays", { n: s.limit.workingDays })}
                  </span>
                )}
              </p>
            )}
            {s.supplement && <SupplementAsked step={s} days={g.supplementWithin?.workingDays ?? null} />}
            {s.feeAmount === 0 && <p className="muted">{t("linked.noFee")}</p>}
            {s.reason && (
              <div role="alert" data-testid="step-reason">
                <p>
                  <strong>{t("linked.why")}:</strong> {l(s.reason.vi, s.reason.en)}
                </p>
                {s.reason.whatToDoVi && (
                  <p>
                    <strong>{t("linked.whatToDo")}:</strong> {l(s.reason.whatToDoVi, s.reason.whatToDoEn)}
                  </p>
                )}
              </div>
            )}
            {s.pastReason && (
              <p className="muted" data-testid="step-past-reason">
                {l(s.pastReason.vi, s.pastReason.en)}
              </p>
            )}
            {(s.mayFileAlone || s.alone) && s !== waitingStep && (
              <FileAlone groupId={g.id} stepKey={s.key} alone={s.alone} />
            )}
            {s.state === "waiting" &&
              g.steps
                .filter((o) => o.supplement && s.dependsOn.includes(o.key))
                .map((o) => (
                  <p
                    key={o.key}
                    className="banner banner-info"
                    role="status"
                    data-testid="waits-for-supplement"
                  >
                    {t("linked.waitsForSupplement", {
                      step: `${t("linked.step", { n: g.steps.indexOf(o) + 1 }).toLocaleLowerCase(i18n.language)} (${l(o.procedureVi, o.procedureEn)})`,
                    })}
                  </p>
                ))}
            {s.disbursement && <DisbursementStatus d={s.disbursement} />}
            {s.disbursement?.state === "flagged" && s.dossierId && (
              <AccountCorrection dossierId={s.dossierId} onDone={res.reload} />
            )}
            {s.registryUpdateFailed && (
              <p className="banner banner-warn" role="status" data-testid="registry-update-failed">
                {t("linked.registryUpdateFailed")}
              </p>
            )}
            {s.state === "waiting" &&
              g.steps.some((o) => o.registryUpdateFailed && s.dependsOn.includes(o.key)) && (
                <p className="banner banner-warn" role="status" data-testid="blocked-by-registry">
                  {t("linked.blockedByRegistry")}
                </p>
              )}
            {s.dossierId && (
              <p className="tap-links" data-testid="step-links">
                <Link to={`/ho-so/${s.dossierId}`}>
                  {s.resultNumber ? t("linked.result") : t("linked.open")}
                </Link>
                {s.resultNumber && (
                  <>
                    {" · "}
                    <Link to={`/xac-minh/${encodeURIComponent(s.resultNumber)}`}>
                      {t("linked.verify", { number: s.resultNumber })}
                    </Link>
                  </>
                )}
              </p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
