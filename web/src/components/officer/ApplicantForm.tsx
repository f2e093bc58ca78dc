import { PERSONAL_NUMBER_LENGTH, PERSONAL_NUMBER_PATTERN } from "@domain/personal-number.js";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import type { Dossier } from "../../api/types";
import { useL } from "../../lib/hooks";
import { useIntent } from "../../lib/intent";
import { errorText } from "../Status";
import { apiMessage } from "./apiMessage";
import { useProcedures } from "./useProcedures";

/** Step one of filing for a citizen: their personal number and the procedure; creates the draft. */
export function ApplicantForm({
  onCreated,
  submitLabel,
}: {
  onCreated: (d: Dossier) => void;
  submitLabel: string;
}) {
  const { t, i18n } = useTranslation();
  const l = useL();
  const procs = useProcedures();
  const [pn, setPn] = useState("");
  const [procedure, setProcedure] = useState("");
  const [shown, setShown] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // One draft per citizen and procedure typed: a double tap or a retry opens the same one.
  const intent = useIntent<Dossier>(`${procedure}\n${pn}`);
  const busy = intent.busy;
  const pnBad = !PERSONAL_NUMBER_PATTERN.test(pn);
  const procBad = procedure === "";

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setShown(true);
    if (pnBad) {
      document.getElementById("assist-pn")?.focus();
      return;
    }
    if (procBad) {
      document.getElementById("assist-procedure")?.focus();
      return;
    }
    setError(null);
    try {
      onCreated(
        await intent.run((headers) =>
          api.post<Dossier>("/api/dossiers", { procedureCode: procedure, applicantNumber: pn }, { headers }),
        ),
      );
    } catch (err) {
      setError(err);
    }
  };

  return (
    <form
      className="card ws-applicant"
      onSubmit={(e) => void submit(e)}
      noValidate
      data-testid="applicant-form"
    >
      <div className={`field${shown && pnBad ? " has-error" : ""}`}>
        <label htmlFor="assist-pn">{t("officer.filing.pnLabel")}</label>
        <input
          id="assist-pn"
          data-testid="assist-pn"
          inputMode="numeric"
          autoComplete="off"
          maxLength={PERSONAL_NUMBER_LENGTH}
          value={pn}
          onChange={(e) => setPn(e.target.value.replace(/\D/g, ""))}
          aria-invalid={shown && pnBad}
          aria-describedby={`assist-pn-help${shown && pnBad ? " assist-pn-error" : ""}`}
          required
        />
        <p id="assist-pn-help" className="help">
          {t("form.typeHint.personalNumber")}
        </p>
        {shown && pnBad && (
          <p id="assist-pn-error" className="field-error">
            {t("officer.filing.pnInvalid")}
          </p>
        )}
      </div>
      <div className={`field${shown && procBad ? " has-error" : ""}`}>
        <label htmlFor="assist-procedure">{t("officer.filing.procedureLabel")}</label>
        <select
          id="assist-procedure"
          data-testid="assist-procedure"
          value={procedure}
          onChange={(e) => setProcedure(e.target.value)}
          aria-invalid={shown && procBad}
          aria-describedby={shown && procBad ? "assist-procedure-error" : undefined}
          required
        >
          <option value="">{procs.loading ? t("common.loading") : t("form.choose")}</option>
          {procs.items.map((p) => (
            <option key={p.code} value={p.code}>
              {l(p.nameVi, p.nameEn)}
            </option>
          ))}
        </select>
        {shown && procBad && (
          <p id="assist-procedure-error" className="field-error">
            {t("officer.filing.procedureMissing")}
          </p>
        )}
        {procs.error ? (
          <p className="field-error">{errorText(procs.error, i18n.language, t("common.error"))}</p>
        ) : null}
      </div>
      <div aria-live="assertive">
        {error ? (
          <p className="alert alert-error" role="alert" data-testid="assist-error">
            {apiMessage(error, i18n.language, t("common.error"))}
          </p>
        ) : null}
      </div>
      <button
        type="submit"
        className="btn btn-primary"
        data-testid="assist-create"
        disabled={busy}
        aria-busy={busy}
      >
        {busy ? t("officer.filing.creating") : submitLabel}
      </button>
    </form>
  );
}
