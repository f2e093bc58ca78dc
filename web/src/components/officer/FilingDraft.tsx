import { isDraft } from "@domain/lifecycle.js";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { api } from "../../api/client";
import type { Dossier, ProcedureVersion } from "../../api/types";
import { useL, useLoad } from "../../lib/hooks";
import { DraftWizard } from "../../pages/dossier/DraftWizard";
import { ErrorMessage, Loading } from "../Status";
import { apiMessage } from "./apiMessage";
import { OtpConfirm } from "./OtpConfirm";

export type FilingMode = "assist" | "counter";

/** Where the filing stands, as numbered steps (the current one marked for screen readers). */
export function FilingSteps({ mode, current }: { mode: FilingMode; current: number }) {
  const { t } = useTranslation();
  const steps = mode === "assist" ? ["find", "confirm", "fill"] : ["find", "fill", "receive"];
  return (
    <ol className="ws-steps" aria-label={t("officer.filing.stepsLabel")} data-testid="filing-steps">
      {steps.map((s, i) => (
        <li
          key={s}
          className={i === current ? "current" : i < current ? "done" : ""}
          aria-current={i === current ? "step" : undefined}
        >
          <span className="step-no" aria-hidden="true">
            {i + 1}
          </span>{" "}
          {t(`officer.filing.step.${mode}.${s}`)}
        </li>
      ))}
    </ol>
  );
}

/** A dossier an officer or agent files for a citizen: confirmation (on behalf), the portal's form, then receipt. */
export function FilingDraft({ id, mode }: { id: string; mode: FilingMode }) {
  const { t, i18n } = useTranslation();
  const l = useL();
  const navigate = useNavigate();
  const dossier = useLoad((signal) => api.get<Dossier>(`/api/dossiers/${id}`, { signal }), [id]);
  const d = dossier.data;
  const code = d?.procedure.code;
  const version = d?.procedure.version;
  const def = useLoad(
    (signal) =>
      code && version !== undefined
        ? api.get<ProcedureVersion>(`/api/procedures/${encodeURIComponent(code)}/versions/${version}`, {
            signal,
          })
        : Promise.resolve(undefined),
    [code, version],
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (!d) {
    return dossier.loading ? <Loading /> : <ErrorMessage error={dossier.error} retry={dossier.reload} />;
  }
  // Only a dossier filed on the citizen's behalf waits for the citizen's confirmation.
  const confirmed = d.channel !== "online_on_behalf" || d.onBehalfConfirmed;
  const draft = isDraft(d.status);
  const step = draft ? (confirmed ? (mode === "assist" ? 2 : 1) : 1) : mode === "assist" ? 3 : 2;

  const receive = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/dossiers/${d.id}/actions`, { action: "receive" });
      navigate(`/can-bo/ho-so/${d.id}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const definition = def.data?.definition;
  return (
    <div
      className="ws-filing"
      data-testid="filing"
      data-id={d.id}
      data-status={d.status}
      data-channel={d.channel}
    >
      <FilingSteps mode={mode} current={step} />
      <p className="ws-filing-proc">
        <strong>{l(d.procedure.nameVi, d.procedure.nameEn)}</strong>
      </p>
      {draft && !confirmed ? (
        <OtpConfirm dossierId={d.id} onConfirmed={dossier.reload} />
      ) : draft ? (
        !definition ? (
          def.error ? (
            <ErrorMessage error={def.error} retry={def.reload} />
          ) : (
            <Loading />
          )
        ) : (
          <DraftWizard dossier={d} def={definition} onDossier={dossier.setData} reload={dossier.reload} />
        )
      ) : (
        <section aria-labelledby="filed-title" className="card" data-testid="filing-done">
          <h2 id="filed-title">{t("officer.filing.doneTitle")}</h2>
          <p className="banner banner-ok" role="status">
            {t(mode === "assist" ? "officer.filing.doneAssist" : "officer.filing.doneCounter", {
              code: d.code ?? "",
            })}
          </p>
          {mode === "counter" && d.availableActions.includes("receive") && (
            <>
              <p>{t("officer.filing.receiveHint")}</p>
              <button
                type="button"
                className="btn btn-primary"
                data-testid="action-receive"
                disabled={busy}
                aria-busy={busy}
                onClick={() => void receive()}
              >
                {busy ? t("common.sending") : t("officer.action.receive")}
              </button>
            </>
          )}
          <div aria-live="assertive">
            {error ? (
              <p className="alert alert-error" role="alert" data-testid="action-error">
                {apiMessage(error, i18n.language, t("common.error"))}
              </p>
            ) : null}
          </div>
          <div className="actions">
            <Link className="btn" to={`/can-bo/ho-so/${d.id}`} data-testid="filing-view">
              {t("officer.filing.view")}
            </Link>
            <Link
              className="btn"
              to={mode === "assist" ? "/can-bo/nop-ho" : "/can-bo/tiep-nhan"}
              data-testid="filing-another"
            >
              {t("officer.filing.another")}
            </Link>
          </div>
        </section>
      )}
    </div>
  );
}
