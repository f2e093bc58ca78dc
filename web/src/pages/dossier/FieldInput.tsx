import type { ChangeEvent, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { FieldIssue } from "../../api/client";
import type { FormFieldDef, Option, Value } from "../../api/types";
import { useCommuneName } from "../../lib/communes";
import { useL } from "../../lib/hooks";
import { errorId, fieldId, helpId } from "./fieldIds";

type Props = {
  field: FormFieldDef;
  options: Option[] | null;
  value: Value;
  required: boolean;
  issue: FieldIssue | undefined;
  onChange: (key: string, value: Value) => void;
  onBlur: (key: string) => void;
};

const PATTERNS: Partial<Record<string, string>> = {
  personalNumber: "\\d{12}",
  commune: "\\d{5}",
  phone: "0\\d{9}",
};

function toValue(type: string, raw: string): Value {
  if (raw === "") return null;
  if (type === "number") {
    const n = Number(raw.replace(",", "."));
    return Number.isFinite(n) ? n : raw;
  }
  return raw;
}

/** One form field rendered from its type, with a visible label, help text and its error. */
export function FieldInput({ field: f, options, value, required, issue, onChange, onBlur }: Props) {
  const { t, i18n } = useTranslation();
  const l = useL();
  const id = fieldId(f.key);
  const help = [l(f.helpVi, f.helpEn), t(`form.typeHint.${f.type}`, { defaultValue: "" })].filter(Boolean);
  const described = [help.length > 0 ? helpId(f.key) : "", issue ? errorId(f.key) : ""].filter(Boolean);
  const common = {
    id,
    name: f.key,
    "data-testid": `field-${f.key}`,
    "aria-invalid": issue ? true : undefined,
    "aria-describedby": described.length > 0 ? described.join(" ") : undefined,
    "aria-required": required || undefined,
    onBlur: () => onBlur(f.key),
  };
  const communeName = useCommuneName(f.type === "commune" ? value : null, i18n.language);
  const text = value === null || value === undefined || typeof value === "boolean" ? "" : String(value);
  const onText = (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
    onChange(f.key, toValue(f.type, e.target.value));

  const label = (
    <>
      {l(f.labelVi, f.labelEn)}
      {required ? (
        <span className="req"> {t("form.required")}</span>
      ) : (
        <span className="opt"> {t("form.optional")}</span>
      )}
    </>
  );

  let control: ReactNode;
  switch (f.type) {
    case "checkbox":
      return (
        <div className={`field field-check${issue ? " has-error" : ""}`}>
          <input
            type="checkbox"
            {...common}
            checked={value === true}
            onChange={(e) => onChange(f.key, e.target.checked)}
          />
          <label htmlFor={id}>{label}</label>
          <Help id={helpId(f.key)} lines={help} />
          <ErrorText issue={issue} id={errorId(f.key)} testId={`error-${f.key}`} lang={i18n.language} />
        </div>
      );
    case "textarea":
      control = <textarea {...common} rows={4} maxLength={f.maxLength} value={text} onChange={onText} />;
      break;
    case "select":
      control = (
        <select {...common} value={text} onChange={onText}>
          <option value="">{t("form.choose")}</option>
          {(options ?? f.options ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {l(o.labelVi, o.labelEn)}
            </option>
          ))}
        </select>
      );
      break;
    default: {
      const type =
        f.type === "date"
          ? "date"
          : f.type === "datetime"
            ? "datetime-local"
            : f.type === "email"
              ? "email"
              : f.type === "phone"
                ? "tel"
                : "text";
      const numeric = f.type === "number" || f.type === "personalNumber" || f.type === "commune";
      control = (
        <input
          {...common}
          type={type}
          inputMode={numeric ? "numeric" : f.type === "phone" ? "tel" : undefined}
          autoComplete={f.type === "phone" ? "tel" : f.type === "email" ? "email" : "off"}
          pattern={f.pattern ?? PATTERNS[f.type]}
          minLength={f.minLength}
          maxLength={f.type === "personalNumber" ? 12 : f.type === "commune" ? 5 : f.maxLength}
          min={f.min}
          max={f.max}
          value={text}
          onChange={onText}
        />
      );
    }
  }
  return (
    <div className={`field${issue ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <Help id={helpId(f.key)} lines={help} />
      {control}
      {communeName && (
        <p className="note" data-testid={`commune-name-${f.key}`}>
          {communeName}
        </p>
      )}
      <ErrorText issue={issue} id={errorId(f.key)} testId={`error-${f.key}`} lang={i18n.language} />
    </div>
  );
}

function Help({ id, lines }: { id: string; lines: string[] }) {
  if (lines.length === 0) return null;
  return (
    <p className="help" id={id}>
      {lines.join(" ")}
    </p>
  );
}

type ErrorProps = { issue: FieldIssue | undefined; id: string; testId: string; lang: string };

export function ErrorText({ issue, id, testId, lang }: ErrorProps) {
  if (!issue) return null;
  return (
    <p className="field-error" id={id} data-testid={testId}>
      <span aria-hidden="true">⚠ </span>
      {lang === "en" ? issue.messageEn : issue.messageVi}
    </p>
  );
}
