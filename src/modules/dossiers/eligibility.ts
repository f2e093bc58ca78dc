import type { Queryable } from "../../db/client.js";
import { localDate } from "../../domain/calendar/index.js";
import {
  audienceOf,
  checkEligibility,
  type EligibilityIssue,
  eligibilityNumbers,
  identityMatches,
  type PersonFacts,
  type UsedFact,
} from "../../domain/eligibility.js";
import type { FormValues } from "../../domain/form.js";
import type { ProcedureDefinition } from "../../domain/procedure.js";
import { AppError } from "../../kernel/errors.js";
import { getDefinition } from "../catalog/index.js";
import { readEligibilityFacts, readMonthlyAllowance, registeredMaritalStatus } from "../exchange/index.js";
import { type Ctx, getVisibleDossier } from "./access.js";
import { DossierErrors } from "./errors.js";
import { headConsentIssues } from "./head-consent.js";
import { registeredDeathHere } from "./life-event.js";
import type { DossierRow } from "./repository-reads.js";

/**
 * The server side of eligibility from the registries (rules and words: src/domain/eligibility.ts):
 * reads the facts the procedure's rules need for these answers (only the people they name, the
 * civil-status registry only for a rule asking "unmarried" or checking a declared marital status), logged through the exchange, and
 * evaluates them with the shared pure function.
 */
export async function eligibilityIssues(
  q: Queryable,
  ctx: Pick<Ctx, "principal" | "requestId">,
  d: Pick<DossierRow, "id" | "applicantNumber">,
  def: ProcedureDefinition,
  form: FormValues,
  now: Date,
  /** The access log's resource and purpose of the reads (default: the dossier's, an eligibility check). */
  logAs: { resource: string; purpose: "eligibility-check" | "assistant" } = {
    resource: `dossier:${d.id}/eligibility`,
    purpose: "eligibility-check",
  },
): Promise<EligibilityIssue[]> {
  const rules = def.eligibility ?? [];
  const numbers = eligibilityNumbers(rules, form, d.applicantNumber);
  const married = new Set<string>();
  const declaring = new Set<string>();
  const beneficiary = new Set<string>();
  for (const r of rules) {
    const n = r.person === "applicant" ? d.applicantNumber : form[r.person.field];
    if (typeof n !== "string" || !numbers.includes(n)) continue;
    if (r.unmarried) married.add(n);
    if (r.maritalStatus) declaring.add(n);
    if (r.monthlyAllowance && form[r.monthlyAllowance.field] === r.monthlyAllowance.value) beneficiary.add(n);
  }
  const { facts: read, log } = await readEligibilityFacts(
    q,
    { principal: ctx.principal, purpose: logAs.purpose, requestId: ctx.requestId },
    numbers,
    logAs.resource,
  );
  const persons: Record<string, PersonFacts> = {};
  for (const [n, f] of read) {
    // A person whose identity the form does not match is told nothing: their marriage is not read.
    const matched = rules.every(
      (r) => r.person === "applicant" || form[r.person.field] !== n || identityMatches(r, form, f) === true,
    );
    // One reader of the register's marriages for both rules (registries/marriages.ts).
    const held =
      (declaring.has(n) || married.has(n)) && matched
        ? await registeredMaritalStatus(q, n, registeredDeathHere(q))
        : undefined;
    const record = held?.marriage ? { registrationNumber: held.marriage.registrationNumber } : null;
    const ended = held?.status === "divorced" || held?.status === "widowed" ? held.status : null;
    // The allowances registry, only when the form declares the person a monthly beneficiary: on
    // their date of death, or today for a living person.
    const monthlyAllowance =
      beneficiary.has(n) && matched
        ? await readMonthlyAllowance(q, n, f.deceasedOn ?? localDate(now))
        : undefined;
    persons[n] = {
      monthlyAllowance,
      birthDate: f.birthDate,
      fullName: f.fullName,
      sex: f.sex,
      deceased: f.deceasedOn !== null,
      marriage: held?.status === "married" ? record : null,
      endedMarriage: ended && record ? { ...record, by: ended } : null,
    };
  }
  // The access log lists the facts the rules looked at, person by person (not all that were read).
  const used = new Map<string, Set<UsedFact>>();
  const issues = checkEligibility(def, form, {
    applicantNumber: d.applicantNumber,
    persons,
    today: localDate(now),
    audience: audienceOf(ctx.principal, d.applicantNumber),
    used: (n, fact) => used.set(n, (used.get(n) ?? new Set()).add(fact)),
  });
  await log(used);
  return issues;
}

/**
 * What the procedure's rules about the applicant themself say before any answer or dossier exists
 * (ALREADY_MARRIED for a marriage registration, a refusal or, if the rule says so, a warning): the
 * same rules, reads and evaluation as `eligibilityIssues`, with an empty form, so rules about a
 * person the form names stay silent. Logged under resource `procedure:<code>/eligibility` with
 * `purpose`: "eligibility-check" (the procedure page and a citizen's "start": a citizen's own check
 * leaves no row, as every eligibility check) or "assistant" (the assistant's answer: logged in the
 * citizen's list, as its other reads). Empty when the procedure has no such rule (nothing read).
 */
export async function applicantIssues(
  q: Queryable,
  ctx: Pick<Ctx, "principal" | "requestId">,
  applicantNumber: string,
  def: ProcedureDefinition,
  now: Date,
  purpose: "eligibility-check" | "assistant" = "eligibility-check",
): Promise<EligibilityIssue[]> {
  // Only the rules about the applicant whatever they answer (one marriage at a time); a declared
  // marital status is checked once declared.
  const rules = (def.eligibility ?? []).filter((r) => r.person === "applicant" && r.unmarried);
  if (rules.length === 0) return [];
  const only = { ...def, eligibility: rules };
  return eligibilityIssues(q, ctx, { id: "", applicantNumber }, only, {}, now, {
    resource: `procedure:${def.code}/eligibility`,
    purpose,
  });
}

/** The first refusal among `applicantIssues` (the virtual assistant's answer), else undefined. */
export async function applicantRefusal(
  ...args: Parameters<typeof applicantIssues>
): Promise<EligibilityIssue | undefined> {
  return (await applicantIssues(...args)).find((i) => i.severity === "refusal");
}

/**
 * Refuses a submit that a rule refuses: 409 with the first refusal's code (ALREADY_MARRIED,
 * APPLICANT_DECEASED, PERSON_NOT_REGISTERED, PERSON_DECEASED, PERSON_UNDER_AGE; 400
 * PERSON_BIRTH_DATE_INCOMPLETE, something to fill) and every refusal
 * as a detail with its own code. Warnings never block.
 */
export function refuseIneligible(issues: readonly EligibilityIssue[]): void {
  const refusals = issues.filter((i) => i.severity === "refusal");
  const head = refusals[0];
  if (!head) return;
  throw new AppError(
    DossierErrors[head.code],
    refusals.map(({ field, messageVi, messageEn, code }) => ({ field, messageVi, messageEn, code })),
  );
}

/** GET /api/dossiers/:id/eligibility: the issues of the dossier's stored answers, for whoever may see it. */
export async function dossierEligibility(ctx: Ctx, id: string): Promise<{ issues: EligibilityIssue[] }> {
  // Not a second "view" row of the dossier its page opened with: only the facts the check reads.
  const d = await getVisibleDossier(ctx, id, "eligibility");
  const def = await getDefinition(ctx.db, d.procedureCode, d.procedureVersion);
  const now = ctx.now ? ctx.now() : new Date();
  const issues = await eligibilityIssues(ctx.db, ctx, d, def, d.form, now);
  // Joining the spouse's household: whether its head consented (Law on Residence 2020, Art. 21).
  return { issues: [...issues, ...(await headConsentIssues(ctx.db, d))] };
}
