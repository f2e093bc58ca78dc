import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type FieldIssue } from "../../api/client";
import type { Dossier, FormFieldDef, Value } from "../../api/types";
import { errorText } from "../../components/Status";
import { useLoad } from "../../lib/hooks";
import { useIntent } from "../../lib/intent";
import { FieldInput } from "../dossier/FieldInput";
import { SaveStatus } from "../dossier/SaveStatus";
import { StepUploads } from "../dossier/StepUploads";
import { componentOf } from "./SubmitProblems";
import { usePaperDraftSave } from "./usePaperDraftSave";

type Props = {
  procedureCode: string;
  /** The group's code: its paper document's words (a birth certificate, a death notice). */
  group: string;
  /** The first step's fields no registry or notice filled, which its procedure requires. */
  fields: FormFieldDef[];
  values: Record<string, Value>;
  /** What a refused filing said of each field (shown with it). */
  issues?: Record<string, FieldIssue>;
  onChange: (key: string, value: Value) => void;
  draftId: string | null;
  onDraft: (id: string) => void;
  /** The household member chosen as the deceased (no electronic death notice): the draft is filled from their record. */
  deceasedNumber?: string | undefined;
  /** A file was uploaded into the draft (its refusal for a missing scan is gone). */
  onUploaded?: () => void;
};

/**
 * Without an electronic birth (or death) notice: the facts it would have given, typed once, and
 * the paper components of the first step uploaded into its draft (the dossier's own upload flow);
 * the group is then filed with that draft as its first step. Once the draft is started, what is
 * typed here is saved into it (the form left and reopened shows it again).
 */
export function PaperStep({
  procedureCode,
  group,
  fields,
  values,
  issues = {},
  onChange,
  draftId,
  onDraft,
  deceasedNumber,
  onUploaded,
}: Props) {
  const { t, i18n } = useTranslation();
  const intent = useIntent<Dossier>(`linked-paper:${procedureCode}:${deceasedNumber ?? ""}`);
  const [error, setError] = useState<unknown>(null);
  const death = group === "death";
  const draft = useLoad(
    (signal) => (draftId ? api.get<Dossier>(`/api/dossiers/${draftId}`, { signal }) : Promise.resolve(null)),
    [draftId],
  );
  // A refused filing's missing scan (the death notice) said with its upload control.
  const problems = Object.fromEntries(
    Object.entries(issues).flatMap(([k, d]) => {
      const c = componentOf(k);
      return c ? [[c, i18n.language === "en" ? d.messageEn : d.messageVi]] : [];
    }),
  );
  const saving = usePaperDraftSave(
    draft.data,
    fields.map((f) => f.key),
    values,
  );
  const start = async () => {
    setError(null);
    try {
      const d = await intent.run((headers) =>
        api.post<Dossier>(
          "/api/dossiers",
          { procedureCode, ...(deceasedNumber ? { deceasedNumber } : {}) },
          { headers },
        ),
      );
      onDraft(d.id);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <fieldset className="card" data-testid="linked-paper">
      <legend>{t(death ? "linked.paperDeath" : "linked.paper")}</legend>
      <p className="muted">
        {t(
          death
            ? deceasedNumber
              ? "linked.paperHintDeathChosen"
              : "linked.paperHintDeath"
            : "linked.paperHint",
        )}
      </p>
      {fields.map((f) => (
        <FieldInput
          key={f.key}
          field={f}
          options={f.options ?? null}
          value={values[f.key] ?? null}
          required
          issue={issues[f.key]}
          onChange={onChange}
          onBlur={() => undefined}
        />
      ))}
      {draft.data && fields.length > 0 && (
        <SaveStatus state={saving.state} error={saving.error} retry={() => void saving.saveNow()} />
      )}
      {draft.data ? (
        <StepUploads
          dossier={draft.data}
          problems={problems}
          onUploaded={() => {
            draft.reload();
            onUploaded?.();
          }}
        />
      ) : (
        <button
          type="button"
          className="btn"
          data-testid="linked-paper-start"
          disabled={intent.busy}
          onClick={() => void start()}
        >
          {t(death ? "linked.paperUploadDeath" : "linked.paperUpload")}
        </button>
      )}
      {error ? (
        <p className="alert alert-error" role="alert">
          {errorText(error, i18n.language, t("common.error"))}
        </p>
      ) : null}
    </fieldset>
  );
}
