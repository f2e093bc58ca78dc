import type { Eligibility as EligibilitySchema } from "@domain/api/dossier.js";
import type { Received } from "@domain/api/wire.js";
import type { Ref } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/client";
import { useL, useLoad } from "../lib/hooks";

type Eligibility = Received<typeof EligibilitySchema>;
export type EligibilityFinding = Eligibility["issues"][number];

/** The server's eligibility check of a dossier's saved answers, asked again when `deps` change. */
export function useEligibility(dossierId: string, deps: readonly unknown[]) {
  return useLoad(
    (signal) => api.get<Eligibility>(`/api/dossiers/${dossierId}/eligibility`, { signal }),
    [dossierId, ...deps],
  );
}

/**
 * What the registries say against this dossier (src/domain/eligibility.ts, checked by the server
 * on the saved answers): a refusal ("a married person cannot marry again") or a warning, in plain
 * words, before the citizen submits and on the officer's dossier page. `answers` changes when the
 * answers the rules read change (the check is asked again); nothing is shown when all is well.
 */
export function EligibilityNotice({
  dossierId,
  answers = "",
  audience,
}: {
  dossierId: string;
  answers?: string;
  audience: "citizen" | "officer";
}) {
  const res = useEligibility(dossierId, [answers]);
  return <EligibilityIssues issues={res.data?.issues ?? []} audience={audience} />;
}

/**
 * The findings themselves, a refusal or a warning with what to do: on a dossier (above) and on the
 * procedure page before the citizen starts (the rules about the applicant, from the prefill preview).
 */
export function EligibilityIssues({
  issues,
  audience,
  focusRef,
}: {
  issues: Eligibility["issues"];
  audience: "citizen" | "officer";
  /** Where the draft's submit button takes focus while a refusal stands. */
  focusRef?: Ref<HTMLElement> | undefined;
}) {
  const { t } = useTranslation();
  const l = useL();
  if (issues.length === 0) return null;
  const refused = issues.some((i) => i.severity === "refusal");
  return (
    <section
      className={`alert ${refused ? "alert-error" : "alert-warn"}`}
      role="alert"
      data-testid="eligibility"
      data-refused={refused}
      aria-labelledby="eligibility-title"
      ref={focusRef}
      tabIndex={-1}
    >
      <h2 id="eligibility-title">{t(refused ? `eligibility.refused.${audience}` : "eligibility.warning")}</h2>
      <ul>
        {issues.map((i) => (
          <li key={`${i.code}|${i.field}`} data-testid="eligibility-issue" data-code={i.code}>
            {l(i.messageVi, i.messageEn)}
          </li>
        ))}
      </ul>
      <p>{t(`eligibility.hint.${audience}`)}</p>
    </section>
  );
}
