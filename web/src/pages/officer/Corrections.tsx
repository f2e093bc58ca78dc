import {
  CORRECTION_OUTCOMES,
  CORRECTION_REASON,
  CORRECTION_STATUSES,
  type CorrectionOutcome,
  type CorrectionStatus,
} from "@domain/corrections.js";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import type { CorrectionCase, CorrectionCaseList } from "../../api/types";
import { Tabs } from "../../components/officer/Tabs";
import { Pager } from "../../components/Pager";
import { Empty, errorText, LoadedView } from "../../components/Status";
import { formatDateTime } from "../../lib/format";
import { useL, useLoad, useTitle } from "../../lib/hooks";

const PAGE = 20;
const [ACCEPT, REJECT] = CORRECTION_OUTCOMES;

/** Accept (the registry takes the proposed value) or reject with the reason the citizen reads. */
function Decide({ c, onDone }: { c: CorrectionCase; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const url = `/api/workspace/corrections/${c.provinceCode}/${c.id}/decision`;
  const decide = async (outcome: CorrectionOutcome, e?: FormEvent) => {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post(url, outcome === ACCEPT ? { outcome } : { outcome, reason: reason.trim() });
      onDone(t(`officer.correctionQueue.done.${outcome}`, { field: c.labelVi }));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const reasonId = `corr-reason-${c.provinceCode}-${c.id}`;
  return (
    <div className="corr-decide">
      <button
        type="button"
        className="btn btn-primary"
        disabled={busy}
        aria-busy={busy}
        onClick={() => void decide(ACCEPT)}
        data-testid="corr-accept"
      >
        {t("officer.correctionQueue.accept", { value: c.proposedValue })}
      </button>
      <form onSubmit={(e) => void decide(REJECT, e)} data-testid="corr-reject-form">
        <label htmlFor={reasonId}>{t("officer.correctionQueue.reason")}</label>
        <textarea
          id={reasonId}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={CORRECTION_REASON.max}
          rows={2}
          aria-describedby={`${reasonId}-hint`}
        />
        <p id={`${reasonId}-hint`} className="note">
          {t("officer.correctionQueue.reasonHint", { min: CORRECTION_REASON.min })}
        </p>
        <button type="submit" className="btn" disabled={busy} data-testid="corr-reject">
          {t("officer.correctionQueue.reject")}
        </button>
      </form>
      {error ? (
        <p className="field-error" role="alert" data-testid="corr-error">
          {errorText(error, i18n.language, t("common.error"))}
        </p>
      ) : null}
    </div>
  );
}

/** One request with its evidence: whose value, which field, the registry's value → the proposed one. */
function CaseCard({ c, onDone }: { c: CorrectionCase; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const l = useL();
  return (
    <li className="card corr-case" data-testid="corr-case" data-status={c.status}>
      <h2 className="corr-field">{l(c.labelVi, c.labelEn)}</h2>
      <p className="note">
        {c.officeVi} · {t("officer.correctionQueue.subject", { number: c.subjectNumber })}
        {c.dossierCode ? ` · ${t("officer.correctionQueue.dossier", { code: c.dossierCode })}` : ""}
      </p>
      <dl className="corr-values">
        <dt>{t("officer.correctionQueue.current")}</dt>
        <dd data-testid="corr-current">{c.currentValue ?? "—"}</dd>
        <dt>{t("officer.correctionQueue.proposed")}</dt>
        <dd data-testid="corr-proposed">
          <strong>{c.proposedValue}</strong>
        </dd>
        <dt>{t("officer.correctionQueue.note")}</dt>
        <dd>{c.note || "—"}</dd>
        <dt>{t("officer.correctionQueue.received")}</dt>
        <dd>{formatDateTime(c.receivedAt, i18n.language)}</dd>
      </dl>
      {c.status === "open" ? (
        <Decide c={c} onDone={onDone} />
      ) : (
        <p data-testid="corr-decision">
          {t(`officer.correctionQueue.decided.${c.status}`, {
            by: c.decidedByName ?? "",
            at: c.decidedAt ? formatDateTime(c.decidedAt, i18n.language) : "",
            value: c.appliedValue ?? "",
            reason: c.reason ?? "",
          })}
        </p>
      )}
    </li>
  );
}

/** The owning office's queue of correction requests ("this is wrong" about a registry value). */
export default function Corrections() {
  const { t } = useTranslation();
  useTitle(t("officer.correctionQueue.title"));
  const [status, setStatus] = useState<CorrectionStatus>("open");
  const [offset, setOffset] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const res = useLoad(
    (signal) =>
      api.get<CorrectionCaseList>(
        `/api/workspace/corrections?status=${status}&limit=${PAGE}&offset=${offset}`,
        {
          signal,
        },
      ),
    [status, offset],
  );
  return (
    <section aria-labelledby="corr-title" className="ws-corrections" data-testid="corrections">
      <h1 id="corr-title">{t("officer.correctionQueue.title")}</h1>
      <p>{t("officer.correctionQueue.intro")}</p>
      <Tabs
        values={CORRECTION_STATUSES}
        current={status}
        onChange={(s) => {
          setStatus(s);
          setOffset(0);
        }}
        label={(s) => t(`officer.correctionQueue.tab.${s}`)}
        testId={(s) => `corr-tab-${s}`}
      />
      <div aria-live="polite">
        {notice && (
          <p className="banner banner-ok" data-testid="corr-notice">
            {notice}
          </p>
        )}
      </div>
      <LoadedView res={res}>
        {(q) =>
          q.items.length === 0 ? (
            <Empty>
              <p data-testid="corr-empty">{t(`officer.correctionQueue.empty.${status}`)}</p>
            </Empty>
          ) : (
            <>
              <ul className="corr-list">
                {q.items.map((c) => (
                  <CaseCard
                    key={`${c.provinceCode}-${c.id}`}
                    c={c}
                    onDone={(m) => {
                      setNotice(m);
                      res.reload();
                    }}
                  />
                ))}
              </ul>
              <Pager list={q} offset={offset} pageSize={PAGE} onPage={setOffset} />
            </>
          )
        }
      </LoadedView>
    </section>
  );
}
