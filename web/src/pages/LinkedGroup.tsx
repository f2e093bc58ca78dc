import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api } from "../api/client";
import type { Disbursement } from "../api/types";
import { DisbursementStatus } from "../components/DisbursementStatus";
import { ErrorMessage, Loading } from "../components/Status";
import { formatDateTime } from "../lib/format";
import { useL, useLoad, useTitle } from "../lib/hooks";

type Words = { vi: string; en: string };
type Reason = { vi: string; en: string; whatToDoVi?: string; whatToDoEn?: string };
type Step = {
  key: string;
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
  disbursement: Disbursement | null;
  /** Members whose result this step waits for. */
  dependsOn: string[];
  /** The result's registry write-back was refused or given up: the registry does not hold it yet. */
  registryUpdateFailed: boolean;
};
/** GET /api/linked-applications/:id (src/modules/linked/view.ts). */
type LinkedApplication = {
  id: string;
  group: { code: string; nameVi: string; nameEn: string };
  receivedAt: string;
  dueAt: string;
  limit: { workingDays: number } | null;
  state: "in_progress" | "done" | "partly_done" | "failed";
  words: Words;
  feeNoteVi: string;
  feeNoteEn: string;
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
        {g.limit ? (
          <p className="muted">{t("linked.limitDays", { n: g.limit.workingDays })}</p>
        ) : (
          <p className="muted" data-testid="limit-unconfirmed">
            {t("linked.limitUnconfirmed")}
          </p>
        )}
        <p className="muted">{t("linked.received", { date: date(g.receivedAt) })}</p>
        <p className="muted">{l(g.feeNoteVi, g.feeNoteEn)}</p>
      </div>
      <ol className="card-list" data-testid="steps">
        {g.steps.map((s, i) => (
          <li key={s.key} className="card" data-testid={`step-${s.key}`}>
            <h2>
              {t("linked.step", { n: i + 1 })}: {l(s.procedureVi, s.procedureEn)}
            </h2>
            <p>{t("linked.agency", { name: l(s.agencyVi, s.agencyEn) })}</p>
            <p>
              <span className={BADGE[s.state]} data-testid="step-status">
                {l(s.words.vi, s.words.en)}
              </span>
            </p>
            {s.code && <p>{t("linked.code", { code: s.code })}</p>}
            <p data-testid="step-clock">
              {s.dueAt && s.limit
                ? t("linked.due", { date: date(s.dueAt) })
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
            {s.disbursement && <DisbursementStatus d={s.disbursement} />}
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
