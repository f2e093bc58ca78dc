import {
  ELIGIBILITY_CODES,
  type EligibilityCode,
  type EligibilityRule,
  eligibilityNumbers,
  FIELD_ELIGIBILITY_CODES,
} from "@domain/eligibility.js";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { ApiError, api, type FieldIssue } from "../../api/client";
import type { Dossier, OfficerDossier, ProcedureDefinition, Value } from "../../api/types";
import { EligibilityIssues, useEligibility } from "../../components/EligibilityNotice";
import { errorText } from "../../components/Status";
import { useAudienceT, useFieldText } from "../../lib/hooks";
import { lostAnswer, useIntent } from "../../lib/intent";
import { useSession } from "../../session";
import { OnBehalfBanner } from "./OnBehalfBanner";
import { SaveStatus } from "./SaveStatus";
import { StepKnown } from "./StepKnown";
import { STEPS, Stepper } from "./Stepper";
import { conflictOf, StepReview, useProblems } from "./StepReview";
import { StepTyped } from "./StepTyped";
import { StepUploads } from "./StepUploads";
import { typedValues, useDraft, useFormIssues } from "./useDraft";

type Props = {
  dossier: Dossier;
  def: ProcedureDefinition;
  onDossier: (d: Dossier) => void;
  reload: () => void;
};

/**
 * The saved answers the procedure's registry checks read (they are asked again when these change):
 * the personal numbers, and the name and date of birth a rule checks them against.
 */
const eligibilityKey = (d: Dossier, def: ProcedureDefinition) => {
  const rules: readonly EligibilityRule[] = def.eligibility ?? [];
  const saved = Object.fromEntries(d.fields.map((f) => [f.key, f.value]));
  const identity = rules.flatMap((r) => (r.identity ? [r.identity.fullName, r.identity.birthDate] : []));
  return JSON.stringify([eligibilityNumbers(rules, saved, d.applicantNumber), identity.map((k) => saved[k])]);
};

/** A code of the registries' eligibility check (src/domain/eligibility.ts). */
const isEligibilityCode = (code: string | undefined): code is EligibilityCode =>
  (ELIGIBILITY_CODES as readonly string[]).includes(code ?? "");
/** A refusal to explain (shown once, in the eligibility box), not a field to fill. */
const isRefusalCode = (code: string | undefined) =>
  isEligibilityCode(code) && !FIELD_ELIGIBILITY_CODES.has(code);

const filled = (v: Value | undefined) => v !== null && v !== undefined && v !== "" && v !== false;

/** A draft, step by step: what is known, what to type, what to upload, review and submit. */
export function DraftWizard({ dossier, def, onDossier, reload }: Props) {
  const { i18n } = useTranslation();
  const t = useAudienceT();
  const ft = useFieldText();
  const [params, setParams] = useSearchParams();
  const step = Math.min(STEPS.length - 1, Math.max(0, Number(params.get("buoc") ?? "1") - 1 || 0));
  const draft = useDraft(dossier, def, onDossier);
  // The counter's receiver and an agent fill the draft too: the registries' findings speak to them.
  const { principal } = useSession();
  // A field's message shows once the person has left it, or at once for a value already on screen
  // when the page opens (saved, or kept after a refusal: a mistyped date is named without a visit);
  // an empty field waits for the person.
  const [touched, setTouched] = useState<ReadonlySet<string>>(
    () => new Set(Object.keys(draft.values).filter((k) => filled(draft.values[k]))),
  );
  const [showAll, setShowAll] = useState(false);
  const [componentProblems, setComponentProblems] = useState<Record<string, string>>({});
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [failures, setFailures] = useState(0);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLElement>(null);
  const refusalRef = useRef<HTMLElement>(null);
  // The registries' findings on the saved answers: a refusal is the one message (the box above),
  // a date to complete is a field's problem; asked again after a refused submission.
  const [recheck, setRecheck] = useState(0);
  const eligibility = useEligibility(dossier.id, [eligibilityKey(dossier, def), recheck]);
  const findings = eligibility.data?.issues ?? [];
  const boxed = findings.filter((i) => !FIELD_ELIGIBILITY_CODES.has(i.code));
  const refusals = boxed.filter((i) => i.severity === "refusal");
  const focusRefusal = useRef(false);
  const focusAfter = useRef<string | null>(null);
  const moved = useRef(false);

  const goTo = useCallback(
    (n: number, focusId?: string) => {
      focusAfter.current = focusId ?? null;
      moved.current = true;
      void draft.saveNow();
      setParams(
        (p) => {
          const q = new URLSearchParams(p);
          q.set("buoc", String(n + 1));
          return q;
        },
        { replace: false },
      );
    },
    [draft.saveNow, setParams],
  );

  // Focus the step heading (or the field asked for) after moving between steps.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on step change
  useEffect(() => {
    if (!moved.current) return;
    const target = focusAfter.current ? document.getElementById(focusAfter.current) : null;
    (target ?? titleRef.current)?.focus();
    focusAfter.current = null;
  }, [step]);

  // After a failed submission, keyboard focus goes to the error summary (not to the page body), or
  // to the refusal once the registries' check, asked again, shows it.
  useEffect(() => {
    if (failures > 0 && !focusRefusal.current) summaryRef.current?.focus();
  }, [failures]);
  useEffect(() => {
    if (!focusRefusal.current || eligibility.loading) return;
    focusRefusal.current = false;
    (refusalRef.current ?? summaryRef.current)?.focus();
  }, [eligibility.loading]);

  // The browser's verdict (the server's schema) first; the server's own answer where it has one
  // the browser cannot give (e.g. an unknown commune), until that field is edited.
  const checked = useFormIssues(def, draft.values, (dossier as Partial<OfficerDossier>).applicantNumber);
  const onField: Record<string, FieldIssue> = {};
  for (const i of findings)
    if (FIELD_ELIGIBILITY_CODES.has(i.code)) onField[i.field.replace(/^form\./, "")] = i;
  const issues = { ...onField, ...draft.issues, ...checked };
  const onChange = (key: string, value: Value) => {
    draft.setValue(key, value);
    draft.setIssues((all) => {
      if (!(key in all)) return all;
      const { [key]: _, ...rest } = all;
      return rest;
    });
  };

  const problems = useProblems({
    dossier,
    def,
    values: draft.values,
    readOnly: draft.readOnly,
    issues,
    componentProblems,
  });

  // One submission intent per form content: its key survives retries and double taps.
  const body = { values: typedValues(def, draft.readOnly, draft.values) };
  const submission = useIntent<Dossier>(`${dossier.id}\n${JSON.stringify(body)}`);
  const submitting = submission.busy;

  const submit = async () => {
    // While the registries refuse, the button files nothing: it takes focus to the reason.
    if (refusals.length > 0) {
      refusalRef.current?.focus();
      refusalRef.current?.scrollIntoView({ block: "start" });
      return;
    }
    setSubmitError(null);
    setShowAll(true);
    try {
      const d = await submission.run(async (headers) => {
        await draft.saveNow();
        return api.post<Dossier>(`/api/dossiers/${dossier.id}/submit`, body, { headers });
      });
      onDossier(d);
    } catch (e) {
      setSubmitError(e);
      if (e instanceof ApiError && isRefusalCode(e.code)) {
        // A refusal, not a field to fill: shown once (the box above, checked again), never listed
        // as a missing item.
        focusRefusal.current = true;
        setRecheck((n) => n + 1);
      } else if (e instanceof ApiError) {
        const fields: Record<string, (typeof e.details)[number]> = {};
        const comps: Record<string, string> = {};
        for (const d of e.details) {
          if (d.field === "duplicateOf") continue; // shown with its link (conflictOf), not as a field
          if (isRefusalCode(d.code)) continue;
          if (d.field.startsWith("components.")) {
            comps[d.field.slice("components.".length)] = ft(d.messageVi, d.messageEn);
          } else fields[d.field.replace(/^form\./, "")] = d;
        }
        if (Object.keys(fields).length > 0) draft.setIssues(fields);
        setComponentProblems(comps);
      }
      setFailures((n) => n + 1);
    }
  };

  const shown = (key: string) => showAll || touched.has(key);
  const onBlur = (key: string) => setTouched((s) => (s.has(key) ? s : new Set([...s, key])));
  const current = STEPS[step] ?? "known";
  // A refused submission whose reason the box above shows says nothing more; another refusal (e.g.
  // another marriage registration still being handled) says its own words, once.
  const refusedBy = submitError instanceof ApiError && isRefusalCode(submitError.code) ? submitError : null;
  const failure = !submitError
    ? null
    : refusedBy
      ? refusals.some((r) => r.code === refusedBy.code)
        ? null
        : [...new Set(refusedBy.details.map((d) => ft(d.messageVi, d.messageEn)))].join(" ") ||
          errorText(submitError, i18n.language, t("common.error"))
      : errorText(submitError, i18n.language, t("common.error"));

  return (
    <div className="wizard" data-testid="draft" data-step={current}>
      <OnBehalfBanner dossier={dossier} onDossier={onDossier} />
      <EligibilityIssues
        issues={boxed}
        audience={principal?.kind === "citizen" ? "citizen" : "officer"}
        focusRef={refusalRef}
      />
      <Stepper step={step} onGo={goTo} />
      <SaveStatus state={draft.save} error={draft.saveError} retry={() => void draft.saveNow()} />
      <section aria-labelledby="step-title" className="step">
        <h2 id="step-title" ref={titleRef} tabIndex={-1}>
          {t("steps.heading", { n: step + 1, total: STEPS.length, name: t(`steps.${current}`) })}
        </h2>
        {current === "known" && <StepKnown dossier={dossier} def={def} values={draft.values} />}
        {current === "typed" && (
          <StepTyped
            dossier={dossier}
            def={def}
            values={draft.values}
            readOnly={draft.readOnly}
            issues={issues}
            shown={shown}
            onChange={onChange}
            onBlur={onBlur}
          />
        )}
        {current === "uploads" && (
          <StepUploads
            dossier={dossier}
            problems={componentProblems}
            onUploaded={() => {
              setComponentProblems({});
              reload();
            }}
          />
        )}
        {current === "review" && (
          <StepReview
            dossier={dossier}
            def={def}
            values={draft.values}
            readOnly={draft.readOnly}
            issues={issues}
            componentProblems={componentProblems}
            problems={problems}
            goTo={goTo}
            failure={failure}
            refused={refusals.length > 0}
            unsure={lostAnswer(submitError)}
            conflict={conflictOf(submitError, i18n.language)}
            summaryRef={summaryRef}
          />
        )}
      </section>
      <div className="wizard-nav">
        {step > 0 && (
          <button type="button" className="btn" data-testid="step-back" onClick={() => goTo(step - 1)}>
            {t("steps.back")}
          </button>
        )}
        {step < STEPS.length - 1 ? (
          <button
            type="button"
            className="btn btn-primary"
            data-testid="step-next"
            onClick={() => goTo(step + 1)}
          >
            {t("steps.next", { name: t(`steps.${STEPS[step + 1] ?? "review"}`) })}
          </button>
        ) : (
          <button
            type="button"
            className="btn btn-primary btn-big"
            data-testid="submit"
            disabled={submitting}
            aria-busy={submitting}
            data-refused={refusals.length > 0}
            onClick={() => void submit()}
          >
            {submitting
              ? t("review.submitting")
              : refusals.length > 0
                ? t("review.submitRefused")
                : problems.length > 0
                  ? t("review.submitMissing", { count: problems.length })
                  : t("review.submit")}
          </button>
        )}
      </div>
    </div>
  );
}
