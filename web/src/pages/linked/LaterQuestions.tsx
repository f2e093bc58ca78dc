import { isEmptyValue } from "@domain/form.js";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { api, type FieldIssue } from "../../api/client";
import type { FormFieldDef, Value } from "../../api/types";
import { errorText } from "../../components/Status";
import { useDebounced, useL, useLoad } from "../../lib/hooks";
import { FieldInput } from "../dossier/FieldInput";

/** POST /api/linked-applications/questions: each field once, with the procedures that need it. */
export type Question = {
  procedureCode: string;
  procedureNameVi: string;
  procedureNameEn: string;
  field: FormFieldDef;
  members: string[];
  answered: boolean;
};

type Props = {
  group: string;
  members: string[];
  /** What the form gives every procedure already (the sworn statement, the birth's facts). */
  shared: Record<string, Value>;
  /** What the form gives one procedure each (the birth group's residence request). */
  values: Record<string, Record<string, Value>>;
  /** Without an electronic death notice: the household member chosen as the deceased. */
  deceased?: string | undefined;
  /** The offer filed from: the procedures are read from its notice. */
  offer?: string | undefined;
  /** What the procedures after the first need from the citizen, answered here. */
  answers: Record<string, Value>;
  /** What a refused filing said of each field (shown with it). */
  issues?: Record<string, FieldIssue>;
  onChange: (key: string, value: Value) => void;
  /** The optional procedures not ticked (their questions go at once). */
  unchosen: string[];
  /** The questions asked now (the form counts those left unanswered; none once it is gone). */
  onQuestions?: (questions: Question[]) => void;
};

/**
 * The questions of the procedures that start after the first one (a death group's funeral
 * allowance: who the deceased was, how the money is paid, to which account): asked once, before
 * filing, as the server lists them for the procedures chosen and the answers given so far. A
 * question answered here stays on screen; one that a changed choice makes irrelevant, or that
 * another part of the form answers, goes. Nothing is shown when no later step needs an answer.
 */
export function LaterQuestions({
  group,
  members,
  shared,
  values,
  deceased,
  offer,
  answers,
  issues = {},
  onChange,
  unchosen,
  onQuestions,
}: Props) {
  const { t, i18n } = useTranslation();
  const l = useL();
  const body = useDebounced(
    JSON.stringify({ group, members, shared: { ...shared, ...answers }, values, deceased, offer }),
    400,
  );
  const list = useLoad(
    (signal) =>
      api.post<{ questions: Question[] }>("/api/linked-applications/questions", JSON.parse(body), { signal }),
    [body],
  );
  // Open questions, and those answered here (answering one does not hide it); one answered by
  // another part of the form (the child's name typed above) is not asked again. A question of a
  // procedure just unticked goes at once, before the list is read again (a quick tap then "file"
  // must not be held back by it).
  const questions = (list.data?.questions ?? []).filter(
    (q) =>
      (!q.answered || !isEmptyValue(answers[q.field.key] ?? null)) &&
      q.members.some((m) => !unchosen.includes(m)),
  );
  const chosenKey = unchosen.join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: said again only when the list read or the choice changes
  useEffect(() => {
    onQuestions?.(questions);
  }, [list.data, answers, chosenKey]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the questions go
  useEffect(() => () => onQuestions?.([]), []);
  if (list.error)
    return (
      <p className="alert alert-error" role="alert" data-testid="later-questions-error">
        {errorText(list.error, i18n.language, t("common.error"))}
      </p>
    );
  if (questions.length === 0) return null;
  return (
    <fieldset className="card" data-testid="later-questions">
      <legend>{t("linked.laterQuestions")}</legend>
      <p className="muted">{t("linked.laterQuestionsHint")}</p>
      {questions.map((q) => (
        <div key={q.field.key} data-testid={`later-${q.field.key}`}>
          <FieldInput
            field={q.field}
            options={q.field.options ?? null}
            value={answers[q.field.key] ?? null}
            required
            issue={issues[q.field.key]}
            onChange={onChange}
            onBlur={() => undefined}
          />
          <p className="help">
            {t("linked.neededFor", { procedure: l(q.procedureNameVi, q.procedureNameEn) })}
          </p>
        </div>
      ))}
    </fieldset>
  );
}
