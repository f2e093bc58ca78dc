import { feeFor } from "@domain/fees.js";
import type { Ref } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import type { FieldIssue } from "../../api/client";
import type { Dossier, FormValues, ProcedureDefinition } from "../../api/types";
import { ValueText } from "../../components/ValueText";
import { isVisible } from "../../lib/conditions";
import { formatMoney } from "../../lib/format";
import { useAudienceT, useFieldText, useL } from "../../lib/hooks";
import { fieldId } from "./fieldIds";

export type Problem = { key: string; step: number; text: string };

type Props = {
  dossier: Dossier;
  def: ProcedureDefinition;
  values: FormValues;
  readOnly: ReadonlySet<string>;
  issues: Record<string, FieldIssue>;
  componentProblems: Record<string, string>;
  goTo: (step: number, focusId?: string) => void;
};

/**
 * What stands in the way of submitting: the form schema's issues (the server's own rules, see
 * useFormIssues; a value read from a registry points to step 1) and the missing documents.
 */
export function useProblems({
  dossier,
  def,
  values,
  readOnly,
  issues,
  componentProblems,
}: Omit<Props, "goTo">) {
  const t = useAudienceT();
  const l = useL();
  const ft = useFieldText();
  const out: Problem[] = [];
  for (const f of def.form) {
    if (!isVisible(f, values)) continue;
    const issue = issues[f.key];
    if (issue)
      out.push({
        key: f.key,
        step: readOnly.has(f.key) ? 0 : 1,
        text: ft(issue.messageVi, issue.messageEn),
      });
  }
  for (const c of dossier.components) {
    if (c.state !== "missing" || !c.required) continue;
    out.push({
      key: `components.${c.key}`,
      step: 2,
      text: componentProblems[c.key] ?? t("review.missingComponent", { name: l(c.nameVi, c.nameEn) }),
    });
  }
  return out;
}

/**
 * The dossier a refused submission collides with (DUPLICATE_LIFE_EVENT, ALREADY_MARRIED): the
 * server's words, its code, its id when the viewer may open it, whether it is still open.
 */
export type Conflict = { text: string | null; dossier: NonNullable<FieldIssue["dossier"]> };

/** The conflict a submission's refusal names, if any (the first detail that names a dossier). */
export function conflictOf(error: unknown, lang: string): Conflict | null {
  const details = (error as { details?: FieldIssue[] } | null)?.details ?? [];
  const d = details.find((x) => x.dossier !== undefined);
  if (!d?.dossier) return null;
  // A field's refusal (ALREADY_MARRIED on a party's number) is already listed with its field.
  const text = d.field.startsWith("form.") ? null : lang === "en" ? d.messageEn : d.messageVi;
  return { text, dossier: d.dossier };
}

/** The first dossier named by a conflict: its code, a link to it when the viewer may open it. */
function ConflictNote({ conflict }: { conflict: Conflict }) {
  const t = useAudienceT();
  const officer = useLocation().pathname.startsWith("/can-bo");
  const { code, id, open } = conflict.dossier;
  return (
    <div data-testid="submit-conflict" data-open={open}>
      {conflict.text && <p>{conflict.text}</p>}
      {id ? (
        <p>
          <Link to={`${officer ? "/can-bo" : ""}/ho-so/${id}`} data-testid="conflict-link">
            {t(open ? "review.conflictOpen" : "review.conflictFinished", { code })}
          </Link>
        </p>
      ) : (
        <p data-testid="conflict-code">{t("review.conflictCode", { code })}</p>
      )}
    </div>
  );
}

type ReviewProps = Props & {
  problems: Problem[];
  /** Why the last submission failed (the server's words); the summary then receives focus. */
  failure: string | null;
  /** The answer was lost (no connection): the dossier may have been submitted; a new tap tells. */
  unsure?: boolean;
  /** The registries refuse this dossier (the box above says why): never "complete". */
  refused?: boolean;
  /** The first dossier of the same event or marriage, when that is why the submission was refused. */
  conflict?: Conflict | null;
  summaryRef: Ref<HTMLElement>;
};

export function StepReview(props: ReviewProps) {
  const { dossier, def, values, problems, goTo, failure, unsure, refused, conflict, summaryRef } = props;
  const { i18n } = useTranslation();
  const t = useAudienceT();
  const l = useL();
  const ft = useFieldText();
  const visible = def.form.filter((f) => isVisible(f, values));
  // The server's fee rule: exemption, then the online discount for this dossier's channel.
  const fee = feeFor(def.fee, values, dossier.channel);
  return (
    <div data-testid="review">
      {problems.length > 0 || failure ? (
        // The error summary: focused after a failed submission, each problem a link to its field.
        <section
          className={`alert ${failure ? "alert-error" : "alert-warn"}`}
          data-testid="review-problems"
          ref={summaryRef}
          tabIndex={-1}
          aria-labelledby={failure ? "review-failure review-problems-title" : "review-problems-title"}
        >
          {failure && (
            <p id="review-failure" data-testid="submit-error">
              <strong>{failure}</strong>
            </p>
          )}
          {conflict && <ConflictNote conflict={conflict} />}
          <p id="review-problems-title">
            {problems.length > 0
              ? t("review.problems", { count: problems.length })
              : unsure
                ? t("review.unsure")
                : conflict
                  ? t("review.notFiled")
                  : t("review.failed")}
          </p>
          <ul className="problem-list">
            {problems.map((p) => (
              <li key={p.key} data-testid={`problem-${p.key}`}>
                <button
                  type="button"
                  className="btn-link"
                  onClick={() => goTo(p.step, p.step === 1 ? fieldId(p.key) : undefined)}
                >
                  {p.text}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : refused ? null : (
        <p className="banner banner-ok" data-testid="review-ready">
          {t("review.ready")}
        </p>
      )}
      <h3>{t("review.fields")}</h3>
      <dl className="review-list">
        {visible.map((f) => {
          const view = dossier.fields.find((x) => x.key === f.key);
          return (
            <div key={f.key} data-testid={`review-${f.key}`}>
              <dt>{ft(f.labelVi, f.labelEn)}</dt>
              <dd>
                <ValueText value={values[f.key]} type={f.type} options={view?.options ?? f.options} />
                {/* A value read from a registry names the registry it came from: never presented as the citizen's choice. */}
                {view?.readOnly && (
                  <span className="source">
                    {view.provenance
                      ? t("form.source", { source: ft(view.provenance.sourceVi, view.provenance.sourceEn) })
                      : t("review.fromRegistry")}
                  </span>
                )}
              </dd>
            </div>
          );
        })}
      </dl>
      <h3>{t("review.components")}</h3>
      <ul className="needs">
        {dossier.components.map((c) => (
          <li key={c.key} className="need">
            <span className="need-name">{l(c.nameVi, c.nameEn)}</span>
            <span className={c.state === "missing" ? "muted" : "badge badge-ok"}>
              {t(`component.${c.state}`)}
            </span>
          </li>
        ))}
      </ul>
      <p className="highlight" data-testid="review-fee">
        {fee > 0 ? t("review.fee", { amount: formatMoney(fee, i18n.language) }) : t("review.noFee")}
      </p>
    </div>
  );
}
