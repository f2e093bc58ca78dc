import type { FieldIssue } from "../../api/client";
import type { Dossier, FormValues, ProcedureDefinition, Value } from "../../api/types";
import { NearProvince } from "../../components/CommunePicker";
import { isRequired, isVisible } from "../../lib/conditions";
import { useAudienceT } from "../../lib/hooks";
import { FieldInput } from "./FieldInput";

type Props = {
  dossier: Dossier;
  def: ProcedureDefinition;
  values: FormValues;
  readOnly: ReadonlySet<string>;
  issues: Record<string, FieldIssue>;
  shown: (key: string) => boolean;
  onChange: (key: string, value: Value) => void;
  onBlur: (key: string) => void;
  /** Replaces the default introduction (which promises auto-save). */
  intro?: string;
};

/** Only what the registries do not know: the visible fields the citizen must type. */
export function StepTyped({ dossier, def, values, readOnly, issues, shown, onChange, onBlur, intro }: Props) {
  const t = useAudienceT();
  const fields = def.form.filter((f) => !readOnly.has(f.key) && isVisible(f, values));
  if (fields.length === 0) return <p>{t("form.typedNone")}</p>;
  // A commune picker lists the dossier's province's communes first.
  return (
    <NearProvince.Provider value={dossier.provinceCode}>
      <div className="fields" data-testid="typed-fields">
        <p className="help">{intro ?? t("form.typedIntro", { count: fields.length })}</p>
        {fields.map((f) => (
          <FieldInput
            key={f.key}
            field={f}
            options={dossier.fields.find((x) => x.key === f.key)?.options ?? null}
            value={values[f.key] ?? null}
            required={isRequired(f, values)}
            issue={shown(f.key) ? issues[f.key] : undefined}
            onChange={onChange}
            onBlur={onBlur}
          />
        ))}
      </div>
    </NearProvince.Provider>
  );
}
