import { cacheOf } from "../../db/cache.js";
import { checkForm, type FormValues, isEmptyValue, visibleFields } from "../../domain/form.js";
import { unansweredWords } from "../../domain/linked-form.js";
import { type LinkedGroupDefinition, selectMembers, stepPrefill } from "../../domain/linked-group.js";
import { evaluate, type FormField } from "../../domain/procedure.js";
import { AppError, type FieldIssue } from "../../kernel/errors.js";
import { getPublished, getPublishedGroup } from "../catalog/index.js";
import { type Ctx, DossierErrors, previewPrefill } from "../dossiers/index.js";
import { LinkedErrors } from "./errors.js";
import { noticeOfOffer } from "./offers.js";

/** Prefill subjects a group's first step consumes: once it is registered they no longer prefill. */
const CONSUMED = new Set(["birthNotice", "deathNotice"]);

/**
 * The values each step that starts later will be filed with, checked now (Decree 63/2024: one
 * application; issue 12 point 2, each fact asked once and nothing cancelled at start for want of
 * an answer the citizen could have given when applying). A later step starts after the group's
 * first one has registered the birth or death, so what the hospital's notice told is no longer
 * offered by the registries then: it is kept now with the step's values (`kept`). The rest comes
 * at start from the registries, from earlier steps' forms (the group's prefill rules) and from the
 * facts their results give (not checked here: a result provides them).
 *
 * `chosen`: the member keys applied for; `shared`, `own`: the citizen's answers (asked once, and
 * per member). Returns, per later member, the values to keep with it. Throws AppError
 * LINKED_ANSWERS_MISSING (422) naming each required field of a chosen later step that nothing
 * fills, as `values.<member>.<field>` with the step's procedure and the field's label; before
 * that, FORM_INVALID (400) naming each answer that any chosen step's form refuses (a bank account
 * that is not 6 to 20 digits): a later step's form is judged now, not when it starts.
 * `from`: the deceased chosen without a notice, or the notice filed from (an offer's): the forms
 * are read as the filing's drafts will be.
 */
export async function laterStepValues(
  ctx: Ctx,
  def: LinkedGroupDefinition,
  chosen: readonly string[],
  shared: FormValues,
  own: Readonly<Record<string, FormValues>>,
  from: PrefillFrom = {},
): Promise<Record<string, FormValues>> {
  const { kept, questions, invalid } = await laterStepQuestions(ctx, def, chosen, shared, own, (code) =>
    previewPrefill(ctx, code, from),
  );
  if (invalid.length > 0) throw new AppError(DossierErrors.FORM_INVALID, invalid);
  const open = questions.filter((q) => !q.answered);
  if (open.length > 0)
    throw new AppError(
      LinkedErrors.LINKED_ANSWERS_MISSING,
      open.map((q) => ({
        field: `values.${q.member}.${q.field.key}`,
        ...unansweredWords(q.field, { nameVi: q.procedureNameVi, nameEn: q.procedureNameEn }),
      })),
    );
  return kept;
}

/**
 * A required field of a later step that only the citizen can fill (no registry, earlier step or
 * result does): a question for the combined form, `answered` when the answers given fill it.
 */
export type LaterQuestion = {
  member: string;
  answered: boolean;
  procedureCode: string;
  procedureNameVi: string;
  procedureNameEn: string;
  field: FormField;
};

/**
 * What `laterStepValues` checks, without refusing: the values to keep per later member and the
 * citizen's questions, answered or not (in member order, each member's fields in form order; a
 * field shown only for some answers, e.g. the bank account when paid by transfer, is listed once
 * that answer is given). The combined form asks them (`POST /api/linked-applications/questions`),
 * each field key once across members.
 */
export async function laterStepQuestions(
  ctx: Ctx,
  def: LinkedGroupDefinition,
  chosen: readonly string[],
  shared: FormValues,
  own: Readonly<Record<string, FormValues>>,
  preview: (procedureCode: string) => Promise<Preview> = (code) => previewPrefill(ctx, code),
): Promise<{ kept: Record<string, FormValues>; questions: LaterQuestion[]; invalid: FieldIssue[] }> {
  const members = def.members.filter((m) => chosen.includes(m.key));
  const forms: Record<string, FormValues> = {};
  const kept: Record<string, FormValues> = {};
  const questions: LaterQuestion[] = [];
  const invalid: FieldIssue[] = [];
  const context = { now: ctx.now?.() ?? new Date(), applicantNumber: ctx.principal.id };
  // Members in order: a dependency comes before its dependants in every starter group, and a
  // member's form is built from the registries now, the citizen's answers and earlier forms.
  for (const m of members) {
    const procedure = (await getPublished(ctx.db, m.procedureCode)).definition;
    const fields = new Set(procedure.form.map((f) => f.key));
    const read = await preview(m.procedureCode);
    const now: FormValues = {};
    const consumed: FormValues = {};
    for (const f of read.fields) {
      if (f.value === null || f.value === undefined || f.value === "") continue;
      now[f.key] = f.value;
      const subject = procedure.form.find((x) => x.key === f.key)?.prefill?.subject;
      if (subject && CONSUMED.has(subject)) consumed[f.key] = f.value;
    }
    const answers = { ...pick(shared, fields), ...(own[m.key] ?? {}) };
    const filled = { ...now, ...(stepPrefill(m, forms, {}) as FormValues) };
    const values = { ...filled, ...answers };
    forms[m.key] = values;
    // Each answer as the step's form will judge it (its format; required ones are asked below).
    const checked = checkForm(procedure, values, { complete: false, context });
    for (const issue of checked.ok ? [] : checked.issues) {
      const key = issue.field.replace(/^form\./, "");
      if (!(key in answers) || invalid.some((i) => i.field.endsWith(`.${key}`))) continue;
      invalid.push({
        ...issue,
        field: `values.${m.key}.${key}`,
        messageVi: `${procedure.nameVi}: ${issue.messageVi}`,
        messageEn: `${procedure.nameEn}: ${issue.messageEn}`,
      });
    }
    if (m.dependsOn.length === 0) continue;
    kept[m.key] = consumed;
    // Filled at start by a result's fact, or from an earlier step's form (whose own submission
    // required it): not the citizen's question here.
    const fromFacts = new Set(m.prefill.map((p) => p.to));
    // The citizen's questions: required, shown with the answers given, and filled by nothing else.
    for (const f of visibleFields(procedure, values)) {
      if (fromFacts.has(f.key) || !evaluate(f.required, values, false) || !isEmptyValue(filled[f.key]))
        continue;
      questions.push({
        answered: !isEmptyValue(values[f.key]),
        member: m.key,
        procedureCode: m.procedureCode,
        procedureNameVi: procedure.nameVi,
        procedureNameEn: procedure.nameEn,
        field: f,
      });
    }
  }
  return { kept, questions, invalid };
}

type Preview = Awaited<ReturnType<typeof previewPrefill>>;

/**
 * What a group's forms are read from besides the applicant: the deceased chosen without a death
 * notice, or the notice an offer was made from (`notice`, its id: two notices of one instant).
 */
export type PrefillFrom = { deceased?: string | undefined; notice?: string | undefined };

/** How long a member's prefill read for the combined form's questions is reused. */
const PREVIEW_TTL_MS = 10 * 60_000;
/**
 * Prefill reads of the combined form's questions, by person, group version, members chosen and
 * procedure: the form asks again on every (debounced) change of an answer, and each answer changes
 * nothing the registries hold, so the registries are read (and the access log written) once per
 * choice of members, not once per keystroke. In the process's cache of this database (at most
 * 2,000 reads, for 10 minutes; none while the cache is not live); filing (`laterStepValues` from
 * applyGroup) always reads afresh.
 */
function cachedPreview(
  ctx: Ctx,
  scope: string,
  from: PrefillFrom,
): (procedureCode: string) => Promise<Preview> {
  const now = (ctx.now?.() ?? new Date()).getTime();
  const previews = cacheOf<Promise<Preview>>(ctx.db, "linked", "previews", 2_000);
  return (procedureCode) => {
    const key = `${scope}\n${procedureCode}`;
    const hit = previews?.get(key, now);
    if (hit) return hit;
    const read = previewPrefill(ctx, procedureCode, from);
    previews?.set(key, read, now + PREVIEW_TTL_MS);
    // A failed read is not kept: the next question asks the registries again.
    read.catch(() => previews?.get(key, now) === read && previews.delete(key));
    return read;
  };
}

const pick = (values: FormValues, keys: ReadonlySet<string>): FormValues =>
  Object.fromEntries(Object.entries(values).filter(([k]) => keys.has(k)));

/**
 * The questions of a group application as chosen so far (`group`, optional `members`, the answers
 * given): each field key once, with the members that need it, for the combined form to ask before
 * filing. Citizens only (403 otherwise); an invalid choice of members is 400 as on filing.
 * `offer`: the application is filed from that offer: the forms are read from its notice.
 */
export async function groupQuestions(
  ctx: Ctx,
  input: {
    group: string;
    members: string[];
    shared?: FormValues | undefined;
    values?: Record<string, FormValues> | undefined;
    /** Without an electronic death notice: the household member chosen as the deceased. */
    deceased?: string | undefined;
    offer?: string | undefined;
  },
): Promise<{ questions: Array<Omit<LaterQuestion, "member"> & { members: string[] }> }> {
  const p = ctx.principal;
  if (p.kind !== "citizen") throw new AppError("FORBIDDEN");
  const group = await getPublishedGroup(ctx.db, input.group);
  const def = group.definition;
  const chosen = selectMembers(def, input.members);
  if (!chosen.ok) {
    const pr = chosen.problem;
    throw new AppError("VALIDATION_FAILED", [
      { field: pr.path, messageVi: pr.messageVi, messageEn: pr.messageEn },
    ]);
  }
  const scope = [
    ctx.principal.id,
    group.code,
    group.version,
    chosen.keys.join(","),
    input.deceased ?? "",
    input.offer ?? "",
  ].join("\n");
  // Another's or an unknown offer reads as none: the newest notice, as without an offer.
  const notice = input.offer
    ? (await noticeOfOffer(ctx.db, p.personalNumber, input.offer))?.noticeId
    : undefined;
  const { questions } = await laterStepQuestions(
    ctx,
    def,
    chosen.keys,
    input.shared ?? {},
    input.values ?? {},
    cachedPreview(ctx, scope, { deceased: input.deceased, notice }),
  );
  const byKey = new Map<string, Omit<LaterQuestion, "member"> & { members: string[] }>();
  for (const { member, ...q } of questions) {
    const seen = byKey.get(q.field.key);
    if (seen) {
      seen.members.push(member);
      seen.answered &&= q.answered;
    } else byKey.set(q.field.key, { ...q, members: [member] });
  }
  return { questions: [...byKey.values()] };
}
