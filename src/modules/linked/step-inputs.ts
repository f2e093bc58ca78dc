import type { FormValues } from "../../domain/form.js";
import { noticeOf } from "../../domain/life-event.js";
import { reduce } from "../../domain/lifecycle.js";
import type { AloneStepRecord } from "../../domain/linked-alone.js";
import type { GroupFact, GroupMember, LinkedGroupDefinition } from "../../domain/linked-group.js";
import { resultSource } from "../../domain/result-source.js";
import { getPublished } from "../catalog/index.js";
import { type Ctx, getVisibleRecord, type PrefilledValue, type Provenance } from "../dossiers/index.js";
import { registeredChildNumber } from "../exchange/index.js";
import type { GroupRow, StepRow } from "./repository.js";
import type { LinkedEnv } from "./steps.js";

/**
 * What a step is filed with from its group: its dependencies' forms and results, and the values
 * the group's prefill rules take from them (a step started by the group, or filed on its own).
 */

/** What a step's dependencies give it: their forms, their result numbers, each result as a source. */
export type DependencyResults = {
  forms: Record<string, FormValues>;
  results: string[];
  /** Each dependency's result as a source: "kết quả đăng ký khai sinh KQ-…", issued when. */
  sources: Record<string, Omit<Provenance, "registry">>;
  /**
   * The notice the group's registration was filed from: a step's draft reads that one, never
   * another unregistered notice of the household or parent (two deaths, twins).
   */
  notice: string | undefined;
  /**
   * Each dependency's dossier code by procedure, once its result is issued: the component its
   * result stands for (the death extract) is replaced by that very result, not by the applicant's
   * latest of that procedure (another death in the family).
   */
  codes: Record<string, string>;
  /**
   * The facts the dependencies filed on their own gave by their result (the birth registered alone:
   * the child's personal number once the population registry holds it), as the group's `facts` hold
   * those of its own steps; the caller reads `{ ...group.facts, ...facts }`.
   */
  facts: Partial<Record<GroupFact, string>>;
};

/** The facts a step's result gives the group, read from its dossier (its result action's payload). */
export function resultFacts(
  member: Pick<GroupMember, "provides">,
  log: readonly { type: string; payload?: Record<string, unknown> }[],
): Partial<Record<GroupFact, string>> {
  const facts: Partial<Record<GroupFact, string>> = {};
  const issued = log.find((a) => a.type === "issue_result")?.payload ?? {};
  for (const fact of member.provides) {
    // The child's number is known from the signing (printed on the extract), but the steps that
    // need it wait until the population registry holds it: the registry tells it (`onChildNumber`,
    // or `registeredChildNumber` for a birth registered on its own).
    if (fact === "childPersonalNumber") continue;
    const value = issued.resultNumber ?? "registered";
    if (typeof value === "string") facts[fact] = value;
  }
  return facts;
}

/**
 * The step's dependencies as their dossiers hold them, read as `ctx` (the group's applicant): each
 * dependency's group dossier, or, when it ended in the group and was given its result filed on its
 * own (`aloneResult`, `withAloneResults`), that alone dossier (its form, its result as the source,
 * the facts its result gives: `DependencyResults.facts`), never the refused group dossier.
 */
export async function dependencyResults(
  env: Pick<LinkedEnv, "db" | "now">,
  ctx: Ctx,
  def: Pick<LinkedGroupDefinition, "members">,
  member: GroupMember,
  steps: readonly (StepRow & Pick<AloneStepRecord, "aloneResult">)[],
): Promise<DependencyResults> {
  const forms: Record<string, FormValues> = {};
  const results: string[] = [];
  const sources: Record<string, Omit<Provenance, "registry">> = {};
  const codes: Record<string, string> = {};
  const facts: Partial<Record<GroupFact, string>> = {};
  let notice: string | undefined;
  for (const dep of member.dependsOn) {
    const step = steps.find((s) => s.stepKey === dep);
    const id = step?.aloneResult ? step.aloneDossierId : step?.dossierId;
    if (!id) continue;
    const r = await getVisibleRecord(ctx, id, "view");
    forms[dep] = r.dossier.form;
    const name = (await getPublished(env.db, r.dossier.procedureCode)).definition;
    notice ??= noticeOf(name, r.dossier.components)?.ref;
    const number = reduce(r.parts.log).resultNumber;
    if (!number) continue;
    results.push(number);
    if (r.dossier.code) codes[r.dossier.procedureCode] = r.dossier.code;
    const issued = r.parts.log.find((a) => a.type === "issue_result");
    sources[dep] = resultSource(name, number, issued ? new Date(issued.at) : env.now());
    const provider = def.members.find((m) => m.key === dep);
    if (!step?.aloneResult || !provider) continue;
    Object.assign(facts, await aloneResultFacts(ctx.db, provider, r.parts.log, number));
  }
  return { forms, results, sources, notice, codes, facts };
}

/**
 * The facts a step filed on its own gave by its result (`resultNumber`), as the group's `facts`
 * hold those of its own steps: the child's personal number once the population registry holds it.
 */
async function aloneResultFacts(
  q: Ctx["db"],
  provider: Pick<GroupMember, "provides">,
  log: readonly { type: string; payload?: Record<string, unknown> }[],
  resultNumber: string,
): Promise<Partial<Record<GroupFact, string>>> {
  const facts = resultFacts(provider, log);
  const issued = log.find((a) => a.type === "issue_result");
  const child = provider.provides.includes("childPersonalNumber")
    ? await registeredChildNumber(q, { ...issued?.payload, resultNumber })
    : undefined;
  if (child) facts.childPersonalNumber = child;
  return facts;
}

/**
 * The facts the group knows, as the "Nộp riêng" rules read them (`pendingEarlierStep`): the group's
 * own (`facts`, from its steps' results and the registry) and those its steps filed on their own
 * and given their result there gave (`aloneResult`, `withAloneResults`), from each one's result as
 * `alones` read it (`aloneOf`'s `issued`: no dossier read again).
 */
export async function knownFacts(
  ctx: Ctx,
  def: Pick<LinkedGroupDefinition, "members">,
  group: Pick<GroupRow, "facts">,
  steps: readonly (StepRow & Pick<AloneStepRecord, "aloneResult">)[],
  alones: ReadonlyMap<string, { resultNumber: string | null; issued: Record<string, unknown> | null } | null>,
): Promise<Partial<Record<GroupFact, string>>> {
  const facts: Partial<Record<GroupFact, string>> = { ...group.facts };
  for (const s of steps) {
    const provider = def.members.find((m) => m.key === s.stepKey);
    const alone = alones.get(s.stepKey);
    if (!s.aloneResult || !alone?.resultNumber || !provider || provider.provides.length === 0) continue;
    const log = [{ type: "issue_result", payload: alone.issued ?? {} }];
    Object.assign(facts, await aloneResultFacts(ctx.db, provider, log, alone.resultNumber));
  }
  return facts;
}

/**
 * The step's values that its dependencies' results give (the group's prefill rules: a field of an
 * earlier step's form, or a fact its result provides), each with that result as its source.
 */
export function resultValues(
  def: LinkedGroupDefinition,
  member: GroupMember,
  forms: Readonly<Record<string, FormValues>>,
  facts: GroupRow["facts"],
  sources: Readonly<Record<string, Omit<Provenance, "registry">>>,
): Record<string, PrefilledValue> {
  const out: Record<string, PrefilledValue> = {};
  for (const p of member.prefill) {
    const value = "fact" in p ? facts[p.fact] : forms[p.fromMember]?.[p.field];
    const from =
      "fact" in p
        ? member.dependsOn.find((k) => def.members.find((m) => m.key === k)?.provides.includes(p.fact))
        : p.fromMember;
    const result = from ? sources[from] : undefined;
    if (!result || value === undefined || value === null || value === "") continue;
    // A rule naming its own source (the place of birth as the first place of care) is told as such.
    const source =
      "fromMember" in p && p.sourceVi
        ? { ...result, sourceVi: p.sourceVi, sourceEn: p.sourceEn ?? p.sourceVi }
        : result;
    out[p.to] = { value, provenance: { registry: "civil_status", ...source } };
  }
  return out;
}

/** An earlier step's result as the source of the values it gives (src/domain/result-source.ts). */
export { resultSource };
