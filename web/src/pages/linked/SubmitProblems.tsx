import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, type FieldIssue } from "../../api/client";
import type { FormFieldDef } from "../../api/types";
import { useFieldText } from "../../lib/hooks";
import { fieldId } from "../dossier/fieldIds";

/**
 * The fields a group filing's refusal names, by field key: the later steps' questions
 * (`values.<member>.<key>`, LINKED_ANSWERS_MISSING) and the first step's form (`form.<key>`), as
 * the single-procedure form keys its issues (`ApiError.fieldIssues`); the first step's paper
 * components not uploaded yet keep their `components.<key>` (COMPONENT_MISSING: the death notice's
 * scan), as the single-procedure review keys them.
 */
export function groupIssues(error: unknown): Record<string, FieldIssue> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, FieldIssue> = {};
  for (const d of error.details) {
    const field = d.field.replace(/^body\./, "");
    const key = field.startsWith(COMPONENT) ? field : field.replace(/^(?:values\.[^.]+|shared|form)\./, "");
    if (key !== d.field || key.startsWith(COMPONENT)) out[key] ??= d;
  }
  return out;
}

const COMPONENT = "components.";

/** The component a refusal's key names (`components.deathNotice` → `deathNotice`), if any. */
export const componentOf = (key: string): string | undefined =>
  key.startsWith(COMPONENT) ? key.slice(COMPONENT.length) : undefined;

type Props = {
  issues: Record<string, FieldIssue>;
  /** The fields the form shows, for their labels. */
  fields: readonly FormFieldDef[];
  /** The input a field key is typed in, when not the form's own id (the child's name). */
  inputId?: (key: string) => string | undefined;
  /** Grows with each refused submission: focus then goes to the first field named. */
  attempt: number;
};

/**
 * The refusal of a group filing, as the single-procedure review says it: each field named by its
 * label with the server's words, a link that takes focus to it; after each refused submission the
 * focus goes to the first field named (the summary when none can take it).
 */
export function SubmitProblems({ issues, fields, inputId, attempt }: Props) {
  const { t, i18n } = useTranslation();
  const ft = useFieldText();
  const summary = useRef<HTMLElement>(null);
  const keys = Object.keys(issues);
  const idOf = (key: string) => inputId?.(key) ?? fieldId(key);
  const focus = (key: string) => document.getElementById(idOf(key))?.focus();
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per refused submission
  useEffect(() => {
    if (attempt === 0) return;
    const first = keys.map((k) => document.getElementById(idOf(k))).find((e) => e !== null);
    (first ?? summary.current)?.focus();
  }, [attempt]);
  if (keys.length === 0) return null;
  const text = (key: string, d: FieldIssue) => {
    const words = i18n.language === "en" ? d.messageEn : d.messageVi;
    const f = fields.find((x) => x.key === key);
    const label = f ? ft(f.labelVi, f.labelEn) : "";
    // The later steps' refusals name the procedure and the label already.
    return !label || words.includes(label) ? words : `${label}: ${words}`;
  };
  return (
    <section
      className="alert alert-error"
      data-testid="linked-problems"
      ref={summary}
      tabIndex={-1}
      aria-labelledby="linked-problems-title"
    >
      <p id="linked-problems-title">{t("review.problems", { count: keys.length })}</p>
      <ul>
        {keys.map((k) => (
          <li key={k} data-testid={`problem-${k}`}>
            <button type="button" className="btn-link" onClick={() => focus(k)}>
              {text(k, issues[k] as FieldIssue)}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
