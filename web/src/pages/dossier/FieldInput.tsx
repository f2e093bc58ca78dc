import { takesDigitsOnly } from "@domain/form-fields.js";
import { formatDate, parseTypedDay } from "@domain/vietnamese-dates.js";
import { type ChangeEvent, type ReactNode, useState } from "react";
import type { FieldIssue } from "../../api/client";
import type { FormFieldDef, Option, Value } from "../../api/types";
import { CommunePicker, typedCommune } from "../../components/CommunePicker";
import i18n from "../../i18n";
import { useAudienceT, useFieldText, useL } from "../../lib/hooks";
import { DateTimeInput } from "./DateTimeInput";
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

function toValue(type: string, raw: string): Value {
  if (raw === "") return null;
  if (type === "number") {
    const n = Number(raw.replace(",", "."));
    return Number.isFinite(n) ? n : raw;
  }
  return raw;
}

/**
 * A commune field left with a name typed and none picked from its list: COMMUNE_NOT_FOUND when a
 * search of it found nothing ("Không tìm thấy xã, phường nào khớp …"), else COMMUNE_NOT_PICKED.
 */
function notPicked(key: string, typed: string, none: boolean): FieldIssue {
  const [code, words] = none ? ["COMMUNE_NOT_FOUND", "commune.none"] : ["COMMUNE_NOT_PICKED", "commune.pick"];
  return {
    field: `form.${key}`,
    code,
    messageVi: i18n.t(words, { lng: "vi", q: typed.trim() }),
    messageEn: i18n.t(words, { lng: "en", q: typed.trim() }),
  };
}

/** One form field rendered from its type, with a visible label, help text and its error. */
export function FieldInput({ field: f, options, value, required, issue: given, onChange, onBlur }: Props) {
  // A commune name typed and left without a pick (kept as the value, refused): the field says it
  // matches nothing, or asks to pick one; never "required". The last search of it tells which.
  const [searched, setSearched] = useState<{ q: string; count: number } | null>(null);
  const typed = f.type === "commune" ? typedCommune(value) : null;
  const issue =
    typed !== null ? notPicked(f.key, typed, searched?.q === typed.trim() && searched.count === 0) : given;
  const t = useAudienceT();
  const l = useL();
  const ft = useFieldText();
  const id = fieldId(f.key);
  const help = [
    ft(f.helpVi, f.helpEn),
    t(`form.typeHint.${f.type}`, { defaultValue: "" }),
    f.partial ? t("form.partialDateHint") : "",
  ].filter(Boolean);
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
  const text = value === null || value === undefined || typeof value === "boolean" ? "" : String(value);
  const onText = (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
    onChange(f.key, toValue(f.type, e.target.value));

  const label = (
    <>
      {ft(f.labelVi, f.labelEn)}
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
          <ErrorText issue={issue} id={errorId(f.key)} testId={`error-${f.key}`} />
        </div>
      );
    case "textarea":
      // No maxLength or pattern attributes: limits count what a person sees and the words are the
      // server's (formSchema), not the browser's own constraint messages.
      control = <textarea {...common} rows={4} value={text} onChange={onText} />;
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
    case "commune":
      control = (
        <CommunePicker
          id={id}
          testId={common["data-testid"]}
          value={typeof value === "string" && value.trim() !== "" ? value : null}
          invalid={issue !== undefined}
          required={required}
          describedBy={common["aria-describedby"]}
          onChange={(code) => onChange(f.key, code)}
          onBlur={() => onBlur(f.key)}
          onSearched={(q, count) => setSearched({ q, count })}
        />
      );
      break;
    case "date":
    case "datetime": {
      // A date of birth may be known only by its year (or month): three boxes, day and month
      // optional; an instant is a day and a time in Vietnam. Both typed whatever the browser's locale.
      if (f.type === "date" && !f.partial) {
        control = <DayMonthYearInput common={common} value={text} onChange={(v) => onChange(f.key, v)} />;
        break;
      }
      const Boxes = f.type === "date" ? PartialDateInput : DateTimeInput;
      return (
        <fieldset
          className={`field field-date${issue ? " has-error" : ""}`}
          aria-describedby={common["aria-describedby"]}
        >
          <legend>{label}</legend>
          <Help id={helpId(f.key)} lines={help} />
          <Boxes
            id={id}
            testId={common["data-testid"]}
            value={text}
            invalid={issue !== undefined}
            describedBy={common["aria-describedby"]}
            onChange={(v) => onChange(f.key, v)}
            onBlur={() => onBlur(f.key)}
          />
          <ErrorText issue={issue} id={errorId(f.key)} testId={`error-${f.key}`} />
        </fieldset>
      );
    }
    default: {
      const type = f.type === "email" ? "email" : f.type === "phone" ? "tel" : "text";
      const numeric = (f.type === "number" && f.integer) || f.type === "personalNumber" || takesDigitsOnly(f);
      control = (
        <input
          {...common}
          type={type}
          inputMode={
            numeric ? "numeric" : f.type === "number" ? "decimal" : f.type === "phone" ? "tel" : undefined
          }
          autoComplete={f.type === "phone" ? "tel" : f.type === "email" ? "email" : "off"}
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
      <ErrorText issue={issue} id={errorId(f.key)} testId={`error-${f.key}`} />
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

type ErrorProps = { issue: FieldIssue | undefined; id: string; testId: string };

/** A field's refusal in the reader's language, addressed to its reader (useFieldText). */
export function ErrorText({ issue, id, testId }: ErrorProps) {
  const ft = useFieldText();
  if (!issue) return null;
  return (
    <p className="field-error" id={id} data-testid={testId}>
      <span aria-hidden="true">⚠ </span>
      {ft(issue.messageVi, issue.messageEn)}
    </p>
  );
}

type PartialDateProps = {
  id: string;
  testId: string;
  value: string;
  invalid: boolean;
  /** The help and error texts' ids: each box is described by them (its message is read with it). */
  describedBy: string | undefined;
  onChange: (value: string | null) => void;
  onBlur: () => void;
};

/** "YYYY", "YYYY-MM" or "YYYY-MM-DD" from day, month and year boxes; anything else is left for the schema to name. */
export function composePartialDate(day: string, month: string, year: string): string | null {
  const [d, m, y] = [day.trim(), month.trim(), year.trim()];
  if (!d && !m && !y) return null;
  const two = (s: string) => (/^\d$/.test(s) ? `0${s}` : s);
  if (!d && !m) return y;
  if (!d) return `${y}-${two(m)}`;
  return `${y}-${two(m)}-${two(d)}`;
}

function splitDate(value: string) {
  const [year = "", month = "", day = ""] = value.split("-");
  return { day, month, year };
}

function PartialDateInput({ id, testId, value, invalid, describedBy, onChange, onBlur }: PartialDateProps) {
  const t = useAudienceT();
  const [parts, setParts] = useState(() => splitDate(value));
  const [seen, setSeen] = useState(value);
  // A value from elsewhere (the server, a reload) replaces what the boxes hold.
  if (value !== seen) {
    setSeen(value);
    if (composePartialDate(parts.day, parts.month, parts.year) !== (value || null))
      setParts(splitDate(value));
  }
  const set = (part: "day" | "month" | "year", v: string) => {
    const next = { ...parts, [part]: v };
    setParts(next);
    onChange(composePartialDate(next.day, next.month, next.year));
  };
  const box = (part: "day" | "month" | "year", width: number) => (
    <label className="date-part" key={part}>
      <span>{t(`form.datePart.${part}`)}</span>
      <input
        id={part === "day" ? id : `${id}-${part}`}
        data-testid={`${testId}-${part}`}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        size={width}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        value={parts[part]}
        onChange={(e) => set(part, e.target.value)}
        onBlur={onBlur}
      />
    </label>
  );
  return <div className="date-parts">{[box("day", 2), box("month", 2), box("year", 4)]}</div>;
}

type DayMonthYearProps = {
  common: Record<string, unknown>;
  value: string;
  onChange: (value: string | null) => void;
};

/**
 * A full date typed dd/mm/yyyy in one text box, whatever the browser's locale (a native date
 * input follows the browser's). The value is ISO "YYYY-MM-DD" once the text is a day of the calendar; otherwise
 * the text itself, kept on screen for the schema to name the problem.
 */
function DayMonthYearInput({ common, value, onChange }: DayMonthYearProps) {
  const t = useAudienceT();
  const shown = (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v) : v);
  const [text, setText] = useState(() => shown(value));
  const [seen, setSeen] = useState(value);
  // A value from elsewhere (the server, a reload) replaces what the box holds.
  if (value !== seen) {
    setSeen(value);
    if ((parseTypedDay(text) ?? (text || null)) !== (value || null)) setText(shown(value));
  }
  return (
    <input
      {...common}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder={t("form.datePlaceholder")}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const v = e.target.value.trim();
        // Only a day of the calendar becomes ISO: "31/02/2027" stays as typed, with its message.
        onChange(v === "" ? null : (parseTypedDay(v) ?? v));
      }}
      onBlur={() => {
        // "31122027" typed on a number pad is shown back as "31/12/2027".
        const iso = parseTypedDay(text);
        if (iso) setText(formatDate(iso));
        (common.onBlur as (() => void) | undefined)?.();
      }}
    />
  );
}
