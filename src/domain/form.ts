/**
 * Form validation as zod schemas built from a procedure definition: the one set of rules the
 * server applies when a draft is saved or submitted and the web app applies as the citizen types,
 * so the browser shows exactly the server's errors. Messages are Vietnamese and English, each
 * prefixed with the field's label; the API carries them as `FieldIssue`s on `form.<key>`.
 * One field's rules are in form-fields.ts; here the whole form: visibility, required answers and
 * the rules across fields (age by sex, one person one number).
 */
import { z } from "zod";
import type { FieldIssue } from "./api/errors.js";
import { localDate } from "./calendar/index.js";
import { evaluate, isEmptyValue } from "./conditions.js";
import { formCounts } from "./form-counts.js";
import { bi, type FormContext, fieldSchema, GENERIC, PN_PROBLEM, SEP, type Value } from "./form-fields.js";
import { parseInstant } from "./instant.js";
import {
  certainAge,
  dateRange,
  formatPartialDate,
  type PartialDate,
  parsePartialDate,
} from "./partial-date.js";
import { checkPersonalNumber, type PersonalNumberProblem, type Sex } from "./personal-number.js";
import type { Component, FormField, ProcedureDefinition } from "./procedure.js";

export { NAME_MAX, TEXT_MAX } from "./form-fields.js";
export { type FormContext, fieldSchema, isEmptyValue, type Value };

/** Form values as stored: strings, numbers or booleans keyed by field key. */
export type FormValues = Record<string, Value>;

/** The part of a procedure definition the form rules read (the web app passes its copy). */
export type FormDefinition = { readonly form: readonly FormField[] };

export type FormOptions = {
  /** true at submission (required fields must be there); a draft may be partial. */
  complete: boolean;
  context: FormContext;
};

export function visibleFields<F extends FormField>(
  def: { readonly form: readonly F[] },
  values: FormValues,
): F[] {
  return def.form.filter((f) => evaluate(f.visibleWhen, values));
}

// ---------------------------------------------------------------------------------------------
// The whole form: known keys, visibility, required answers, then the rules across fields.

const RawValues = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null()], {
    error: bi("giá trị không hợp lệ.", "is not a valid value."),
  }),
);

type Issue = { key: string; message: string };

const sexOf = (v: Value | undefined): Sex | undefined => (v === "M" || v === "F" ? v : undefined);

/** Full years by sex, as the refusal words them. */
function minAgeIssue(f: FormField, min: number, sex: Sex | undefined, year?: number): string {
  const a = f.plausible?.minAge;
  const basisVi = a?.basisVi ? ` (${a.basisVi})` : "";
  const basisEn = a?.basisEn ? ` (${a.basisEn})` : "";
  const bornVi = year !== undefined ? `sinh năm ${year}, ` : "";
  const bornEn = year !== undefined ? `born in ${year}, ` : "";
  const whoVi = sex === "M" ? "nam " : sex === "F" ? "nữ " : "";
  const whoEn = sex === "M" ? "a man " : sex === "F" ? "a woman " : "";
  return bi(
    `${bornVi}chưa đủ ${min} tuổi (${whoVi}phải từ đủ ${min} tuổi)${basisVi}.`,
    `${bornEn}is under ${min} (${whoEn}must be ${min} full years or older)${basisEn}.`,
    "UNDER_MIN_AGE",
  );
}

/** Stable codes of a personal number that disagrees with the birth date or sex typed beside it. */
const PN_CODE: Record<PersonalNumberProblem, string> = {
  format: "NUMBER_FORMAT",
  province: "NUMBER_PROVINCE",
  century: "NUMBER_BIRTH_YEAR_MISMATCH",
  birth_year_mismatch: "NUMBER_BIRTH_YEAR_MISMATCH",
  sex_mismatch: "NUMBER_SEX_MISMATCH",
};

/**
 * Whose number a personal-number field holds: the applicant's own (bound to the applicant's
 * number), the household head's (who may be the applicant, or a party such as a deceased head),
 * or another party's (typed, or read from a notice: a newborn, a deceased, a spouse).
 */
export function numberHolder(f: FormField): "applicant" | "householdHead" | "party" {
  if (f.prefill?.subject === "applicant" && f.prefill.path === "personalNumber") return "applicant";
  if (f.prefill?.subject === "householdHead") return "householdHead";
  return "party";
}

/** The first calendar day ("YYYY-MM-DD") an answer may stand for: a (partial) date, an instant, a year. */
function firstDay(f: FormField | undefined, v: Value | undefined): string | undefined {
  if (f === undefined || v === undefined || v === null) return undefined;
  if (f.type === "number" && typeof v === "number" && Number.isInteger(v) && v >= 1000 && v <= 9999)
    return `${v}-01-01`;
  if (typeof v !== "string" || v === "") return undefined;
  if (f.type === "datetime") {
    const at = parseInstant(v);
    return at ? localDate(at) : undefined;
  }
  const p = f.type === "date" ? parsePartialDate(v) : undefined;
  return p ? dateRange(p).first : undefined;
}

/** The last calendar day an answer may stand for (see firstDay). */
function lastDay(f: FormField, v: Value): string | undefined {
  if (typeof v !== "string" || v === "") return undefined;
  if (f.type === "datetime") return firstDay(f, v);
  const p = parsePartialDate(v);
  return p ? dateRange(p).last : undefined;
}

/** An answer as a person reads it in a message: a date the Vietnamese way, anything else as is. */
const shown = (v: Value | undefined) => (typeof v === "string" ? formatPartialDate(v) : String(v));

/**
 * Rules across fields, over the visible, individually valid values, each with a stable code:
 * a minimum age by the sex typed beside the birth date (UNDER_MIN_AGE); a date not before a
 * related one (DATE_BEFORE_RELATED: a death before the birth, a child born before a parent); an
 * answer that must differ from another (`differsFrom`, the definition's code, e.g.
 * SAME_SEX_MARRIAGE); and one person, one number, on typed and prefilled fields alike: a party's
 * number is not the applicant's own (NUMBER_IS_APPLICANT: no one registers their own death), no
 * two parties share one (NUMBER_SHARED), and a number agrees with the birth date and sex of the
 * same person (NUMBER_BIRTH_YEAR_MISMATCH, NUMBER_SEX_MISMATCH).
 */
function crossFieldIssues(fields: readonly FormField[], out: FormValues, context: FormContext): Issue[] {
  const issues: Issue[] = [];
  const today = localDate(context.now);
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const minAgeOf = (f: FormField | undefined, sex: Sex | undefined) => {
    const a = f?.plausible?.minAge;
    if (!a) return undefined;
    return sex ? a[sex] : Math.min(a.M, a.F);
  };
  // The applicant's own number: from the context (the server, an officer's view) or the form.
  const applicantNumbers = new Set<string>(context.applicantNumber ? [context.applicantNumber] : []);
  for (const f of fields) {
    const v = out[f.key];
    if (f.type === "personalNumber" && numberHolder(f) === "applicant" && typeof v === "string" && v !== "")
      applicantNumbers.add(v);
  }
  for (const f of fields) {
    const v = out[f.key];
    if (v === undefined || v === null || v === "") continue;
    const same = f.differsFrom;
    if (same && out[same.field] === v) {
      issues.push({ key: f.key, message: bi(same.messageVi, same.messageEn, same.code) });
      continue;
    }
    const last = f.plausible?.notBefore ? lastDay(f, v) : undefined;
    const earlier = f.plausible?.notBefore
      ?.map((k) => byKey.get(k))
      .find((g) => last !== undefined && g !== undefined && (firstDay(g, out[g.key]) ?? "") > last);
    if (earlier) {
      issues.push({
        key: f.key,
        message: bi(
          `không thể trước "${earlier.labelVi}" (${shown(out[earlier.key])}).`,
          `cannot be before "${earlier.labelEn}" (${shown(out[earlier.key])}).`,
          "DATE_BEFORE_RELATED",
        ),
      });
      continue;
    }
    if (typeof v !== "string") continue;
    if (f.type === "date" && f.plausible?.minAge) {
      const birth = parsePartialDate(v);
      const sex = f.plausible.minAge.sexField ? sexOf(out[f.plausible.minAge.sexField]) : undefined;
      const min = minAgeOf(f, sex) ?? 0;
      if (birth && certainAge(birth, today) < min)
        issues.push({ key: f.key, message: minAgeIssue(f, min, sex) });
    }
    if (f.type !== "personalNumber") continue;
    const pn = checkPersonalNumber(v);
    if (!pn.ok) continue;
    const year = pn.centuryStart + pn.birthYear2;
    if (year > Number(today.slice(0, 4))) {
      issues.push({
        key: f.key,
        message: bi(
          `cho năm sinh ${year}, là năm trong tương lai.`,
          `gives the birth year ${year}, which is in the future.`,
          "NUMBER_BIRTH_YEAR_FUTURE",
        ),
      });
      continue;
    }
    // Another person's number (typed or read from a notice): not the applicant's own.
    const party = numberHolder(f) === "party";
    if (party && applicantNumbers.has(v)) {
      issues.push({
        key: f.key,
        message: bi(
          "là số định danh cá nhân của chính người nộp hồ sơ; ở đây phải là số của người được khai, không phải của bạn.",
          "is the applicant's own personal number; it must be the number of the person declared here, not yours.",
          "NUMBER_IS_APPLICANT",
        ),
      });
      continue;
    }
    // Nor another party's (nor, when typed, the household head's): reported on the typed field
    // rather than the prefilled one, else on the later one.
    const at = fields.indexOf(f);
    const other = !party
      ? undefined
      : fields.find(
          (g) =>
            g !== f &&
            g.type === "personalNumber" &&
            // The household head may be a party read from a notice (a deceased head), never a typed one.
            (numberHolder(g) === "party" || !f.prefill) &&
            numberHolder(g) !== "applicant" &&
            out[g.key] === v &&
            (Boolean(g.prefill) === Boolean(f.prefill) ? fields.indexOf(g) < at : Boolean(g.prefill)),
        );
    if (other) {
      issues.push({
        key: f.key,
        message: bi(
          `trùng với "${other.labelVi}": mỗi người có một số định danh riêng.`,
          `is the same as "${other.labelEn}": each person has a number of their own.`,
          "NUMBER_SHARED",
        ),
      });
      continue;
    }
    // The number's century/sex digit and birth-year digits agree with what is typed beside it.
    const birthField = f.person?.birthDate ? byKey.get(f.person.birthDate) : undefined;
    const typedBirth = f.person?.birthDate ? out[f.person.birthDate] : undefined;
    const birth: PartialDate | undefined =
      typeof typedBirth === "string" ? parsePartialDate(typedBirth) : undefined;
    const typedSex = f.person?.sex ? sexOf(out[f.person.sex]) : undefined;
    const agrees = checkPersonalNumber(v, { birthYear: birth?.year, sex: typedSex });
    if (!agrees.ok) {
      issues.push({ key: f.key, message: bi(...PN_PROBLEM[agrees.problem], PN_CODE[agrees.problem]) });
      continue;
    }
    // No birth date given beside the number: the number's own birth year still has to make the age.
    const min = minAgeOf(birthField, typedSex ?? pn.sex);
    if (!birth && min !== undefined && birthField && certainAge({ year, precision: "year" }, today) < min)
      issues.push({ key: f.key, message: minAgeIssue(birthField, min, typedSex ?? pn.sex, year) });
  }
  return issues;
}

/**
 * The zod schema of a whole form. Input: values keyed by field key (strings, numbers, booleans,
 * null). Output: the values of the visible fields as stored (text cleaned to NFC without invisible
 * characters, names with single spaces, codes without spaces; an empty answer as null). Refused:
 * an unknown key; an invalid visible answer; with `complete`, a required visible answer missing
 * and the rules across fields (crossFieldIssues). Hidden fields' answers are dropped, never judged.
 * Map a failure with formIssues.
 */
export function formSchema(def: FormDefinition, { complete, context }: FormOptions) {
  const schemas = new Map(def.form.map((f) => [f.key, fieldSchema(f, context)]));
  return RawValues.transform((values, ctx): FormValues => {
    const issues: Issue[] = [];
    const clean: FormValues = {};
    const invalid = new Map<string, string>();
    for (const [key, v] of Object.entries(values)) {
      const schema = schemas.get(key);
      if (!schema) {
        issues.push({ key, message: bi(...UNKNOWN_FIELD) });
        continue;
      }
      if (v === null) {
        clean[key] = null;
        continue;
      }
      const r = schema.safeParse(v);
      if (r.success) clean[key] = r.data;
      else {
        invalid.set(key, r.error.issues[0]?.message ?? GENERIC);
        clean[key] = v;
      }
    }
    const out: FormValues = {};
    for (const f of def.form) {
      if (!evaluate(f.visibleWhen, clean)) continue;
      const problem = invalid.get(f.key);
      if (problem !== undefined) {
        issues.push({ key: f.key, message: problem });
        continue;
      }
      const v = clean[f.key];
      if (isEmptyValue(v)) {
        if (complete && evaluate(f.required, clean, false))
          issues.push({ key: f.key, message: bi("bắt buộc.", "is required.", "REQUIRED") });
        if (v !== undefined) out[f.key] = v === false ? false : null;
        continue;
      }
      out[f.key] = v ?? null;
    }
    // Across fields only at submission: a draft saves what each answer allows on its own.
    if (complete) issues.push(...crossFieldIssues(def.form, out, context));
    for (const i of issues) ctx.addIssue({ code: "custom", message: i.message, path: [i.key] });
    return issues.length > 0 ? z.NEVER : out;
  });
}

/**
 * A value sent for a key the form does not have (an old client, a renamed field): named in words,
 * never by the raw key (issue 14 review D11), which stays in the issue's `field`.
 */
const UNKNOWN_FIELD = [
  "Một trường không có trong biểu mẫu này; giá trị đó không được nhận.",
  "A field that is not in this form; that value is not accepted.",
  "UNKNOWN_FIELD",
] as const;

/** A label as the head of a message: without its closing punctuation ("…của mình." → "…của mình"). */
function bareLabel(label: string): string {
  return label.replace(/[\s.:;,!?…]+$/u, "");
}

/**
 * A failed parse as the API's field issues: `form.<key>`, each message prefixed with the field's
 * label, one issue per field (the first), in the order of the form.
 */
export function formIssues(def: FormDefinition, error: z.ZodError): FieldIssue[] {
  const first = new Map<string, string>();
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "");
    if (!first.has(key)) first.set(key, issue.message.includes(SEP) ? issue.message : GENERIC);
  }
  const order = new Map(def.form.map((f, i) => [f.key, i]));
  return [...first.entries()]
    .sort(([a], [b]) => (order.get(a) ?? -1) - (order.get(b) ?? -1))
    .map(([key, message]) => {
      const [vi = "", en = "", code] = message.split(SEP);
      const f = def.form.find((x) => x.key === key);
      // A key the form does not have is said in words; the key itself only in `field`.
      return {
        field: `form.${key}`,
        messageVi: f ? `${bareLabel(f.labelVi)}: ${vi}` : vi,
        messageEn: f ? `${bareLabel(f.labelEn)}: ${en}` : en,
        ...(code ? { code } : {}),
      };
    });
}

/** formSchema and formIssues in one call: the stored values, or the issues to show. */
export function checkForm(
  def: FormDefinition,
  values: unknown,
  options: FormOptions,
): { ok: true; values: FormValues } | { ok: false; issues: FieldIssue[] } {
  const r = formSchema(def, options).safeParse(values);
  return r.success ? { ok: true, values: r.data } : { ok: false, issues: formIssues(def, r.error) };
}

export function requiredComponents(def: ProcedureDefinition, values: FormValues): Component[] {
  return def.components.filter((c) => evaluate(c.required, values, true));
}

/**
 * Whether component `c` is replaced by its registry fact for these form values: the fact was found
 * when the dossier was started (`found`, the dossier's `components[key].replaced`) and the fact's
 * `when` condition, if any, holds (the proof of lawful residence is replaced by the residence
 * registry only when joining the household where the head lives).
 */
export function componentReplaced(c: Component, found: boolean | undefined, values: FormValues): boolean {
  return found === true && evaluate(c.replacedBy?.when, values, true);
}

/** Data-reuse figures recorded per dossier. */
export function reuseCounts(
  def: ProcedureDefinition,
  values: FormValues,
  prefilledKeys: ReadonlySet<string>,
  replacedComponents: number,
): { total: number; prefilled: number; typed: number; componentsReplaced: number } {
  const c = formCounts(def.form, prefilledKeys, values);
  return {
    total: c.total,
    prefilled: c.prefilled,
    typed: c.answered - c.prefilled,
    componentsReplaced: replacedComponents,
  };
}
