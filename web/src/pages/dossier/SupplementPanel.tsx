import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, type FieldIssue } from "../../api/client";
import type { Dossier, FormValues, ProcedureDefinition } from "../../api/types";
import { errorText } from "../../components/Status";
import { formatDateTime } from "../../lib/format";
import { StepTyped } from "./StepTyped";
import { UploadControl } from "./UploadControl";
import { typedValues } from "./useDraft";

type Props = {
  dossier: Dossier;
  def: ProcedureDefinition;
  onDossier: (d: Dossier) => void;
  reload: () => void;
};

/** A supplement request answered in place: the officer's reason, the citizen's fields and files. */
export function SupplementPanel({ dossier, def, onDossier, reload }: Props) {
  const { t, i18n } = useTranslation();
  const request = dossier.supplementRequest;
  const readOnly = new Set(dossier.fields.filter((f) => f.readOnly).map((f) => f.key));
  const [values, setValues] = useState<FormValues>(() =>
    Object.fromEntries(dossier.fields.map((f) => [f.key, f.value])),
  );
  const [issues, setIssues] = useState<Record<string, FieldIssue>>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const uploads = dossier.components.filter((c) => c.state !== "replaced" && c.kind === "upload");

  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      const d = await api.post<Dossier>(`/api/dossiers/${dossier.id}/actions`, {
        action: "supplement",
        values: typedValues(def, readOnly, values),
      });
      setIssues({});
      onDossier(d);
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) {
        const f: Record<string, FieldIssue> = {};
        const c: Record<string, string> = {};
        for (const d of e.details) {
          if (d.field.startsWith("components."))
            c[d.field.slice(11)] = i18n.language === "en" ? d.messageEn : d.messageVi;
          else f[d.field.replace(/^form\./, "")] = d;
        }
        setIssues(f);
        setProblems(c);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="supp-title" className="card supplement" data-testid="supplement">
      <h2 id="supp-title">{t("supplement.title")}</h2>
      <div className="banner banner-warn" data-testid="supplement-reason">
        <p>{t("supplement.asked", { at: request ? formatDateTime(request.at, i18n.language) : "" })}</p>
        {request?.reason && <blockquote>{request.reason}</blockquote>}
        {request?.dueAt && (
          <p data-testid="supplement-due">
            <strong>{t("supplement.due", { date: formatDateTime(request.dueAt, i18n.language) })}</strong>
          </p>
        )}
      </div>
      <p className="help">{t("supplement.intro")}</p>
      <h3>{t("supplement.fields")}</h3>
      <StepTyped
        dossier={dossier}
        def={def}
        values={values}
        readOnly={readOnly}
        issues={issues}
        shown={() => true}
        onChange={(k, v) => setValues((x) => ({ ...x, [k]: v }))}
        onBlur={() => {}}
        intro={t("supplement.fieldsIntro")}
      />
      {uploads.length > 0 && (
        <>
          <h3>{t("supplement.files")}</h3>
          {uploads.map((c) => (
            <UploadControl
              key={c.key}
              dossierId={dossier.id}
              component={c}
              problem={problems[c.key]}
              onUploaded={reload}
            />
          ))}
        </>
      )}
      <div aria-live="assertive">
        {error ? (
          <p className="alert alert-error" role="alert">
            {errorText(error, i18n.language, t("common.error"))}
          </p>
        ) : null}
      </div>
      <button
        type="button"
        className="btn btn-primary btn-big"
        data-testid="supplement-send"
        disabled={busy}
        onClick={() => void send()}
      >
        {busy ? t("common.sending") : t("supplement.send")}
      </button>
    </section>
  );
}
