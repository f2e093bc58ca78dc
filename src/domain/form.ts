/**
 * Form validation as zod schemas built from a procedure definition: the one set of rules the
 * server applies when a draft is saved or submitted and the web app applies as the citizen types,
 * so the browser shows exactly the server's errors. Messages are Vietnamese and English, each
 * prefixed with the field's label; the API carries them as `FieldIssue`s on `form.<key>`.
 *
 * The file is a little over 400 lines because the field types, the cross-field rules (age by sex,
 * one person one number) and the message mapping belong together: each rule is written once here.
 */
import { z } from "zod";
import type { FieldIssue } from "./api/errors.js";
import { localDate } from "./calendar/index.js";
import { evaluate, isEmptyValue } from "./conditions.js";

export { isEmptyValue };

import { certainAge, dateRange, type PartialDate, parseFullDate, parsePartialDate } from "./partial-date.js";
import { checkPersonalNumber, type PersonalNumberProblem, type Sex } from "./personal-number.js";
import type { Component, FormField, ProcedureDefinition } from "./procedure.js";
import { cleanName, cleanText, graphemeLength } from "./text.js";

/** One stored answer: text, a number, a tick, or nothing. */
export type Value = string | number | boolean | null;
/** Form values as stored: strings, numbers or booleans keyed by field key. */
export type FormValues = Record<string, Value>;

/** What the rules need from outside the form. */
export type FormContext = {
  /** The instant "today" is read from (its local date in Vietnam): the injected clock, never the machine's. */
  now: Date;
  /** The applicant's own personal number: a number typed for another person cannot be it. */
  applicantNumber?: string | undefined;
};

/** The part of a procedure definition the form rules read (the web app passes its copy). */
export type FormDefinition = { readonly form: readonly FormField[] };

export type FormOptions = {
  /** true at submission (required fields must be there); a draft may be partial. */
  complete: boolean;
  context: FormContext;
};

/** Default limits in user-perceived characters (graphemeLength). */
export const TEXT_MAX = 2000;
export const NAME_MAX = 100;

// Messages travel inside zod issues as "vi<US>en" (US = U+001F, which cleanText removes from input).
const SEP = "\u001F";
const bi = (vi: string, en: string) => `${vi}${SEP}${en}`;
const GENERIC = bi("giá trị không hợp lệ.", "is not a valid value.");

export function visibleFields<F extends FormField>(
  def: { readonly form: readonly F[] },
  values: FormValues,
): F[] {
  return def.form.filter((f) => evaluate(f.visibleWhen, values));
}

// ---------------------------------------------------------------------------------------------
// One field: its type, limits and plausibility against today; the output is the value as stored.

const NAME_LETTER = /\p{L}/u;
const NAME_CHARS = /^[\p{L}\p{M} '’.-]+$/u;
const ISO_DATETIME =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** An ISO date-time's instant; without a zone it is read as local time in Vietnam (UTC+07:00). */
function instantOf(text: string): number | undefined {
  const m = ISO_DATETIME.exec(text);
  if (!m?.[1] || !parseFullDate(m[1])) return undefined;
  const ms = Date.parse(m[3] ? text : `${text}+07:00`);
  return Number.isNaN(ms) ? undefined : ms;
}

const PN_PROBLEM: Record<PersonalNumberProblem, [string, string]> = {
  format: ["phải gồm đúng 12 chữ số.", "must be exactly 12 digits."],
  province: [
    "ba chữ số đầu không phải mã tỉnh nơi đăng ký khai sinh.",
    "its first three digits are not a province code of birth registration.",
  ],
  century: ["không khớp với năm sinh đã khai.", "does not match the date of birth given."],
  birth_year_mismatch: ["không khớp với năm sinh đã khai.", "does not match the date of birth given."],
  sex_mismatch: ["không khớp với giới tính đã khai.", "does not match the sex given."],
};

function textField(f: FormField) {
  const name = f.format === "personName";
  const pattern = f.pattern !== undefined ? new RegExp(f.pattern) : undefined;
  const max = f.maxLength ?? (name ? NAME_MAX : TEXT_MAX);
  return z
    .string({ error: bi("phải là chuỗi ký tự.", "must be text.") })
    .transform((s) => (name ? cleanName(s) : cleanText(s).trim()))
    .superRefine((s, ctx) => {
      if (s === "") return; // empty: the required rule decides
      const n = graphemeLength(s);
      if (n > max)
        return ctx.addIssue(bi(`quá dài (tối đa ${max} ký tự).`, `is too long (at most ${max} characters).`));
      if (f.minLength !== undefined && n < f.minLength)
        return ctx.addIssue(
          bi(`cần ít nhất ${f.minLength} ký tự.`, `needs at least ${f.minLength} characters.`),
        );
      if (name && !NAME_LETTER.test(s))
        return ctx.addIssue(
          bi(
            "phải có chữ cái, không thể chỉ gồm chữ số hoặc dấu câu.",
            "must contain letters, not only digits or punctuation.",
          ),
        );
      if (name && !NAME_CHARS.test(s))
        return ctx.addIssue(
          bi(
            "chỉ gồm chữ cái, dấu cách, dấu gạch nối (-), dấu nháy (') và dấu chấm; không có chữ số.",
            "may contain only letters, spaces, hyphens (-), apostrophes (') and full stops; no digits.",
          ),
        );
      if (pattern && !pattern.test(s)) ctx.addIssue(bi("sai định dạng.", "has the wrong format."));
    });
}

function dateField(f: FormField, today: string) {
  const when = f.plausible?.when;
  return z
    .string({ error: bi("phải là một ngày.", "must be a date.") })
    .transform((s) => cleanText(s).trim())
    .superRefine((s, ctx) => {
      if (s === "") return;
      const p = f.partial ? parsePartialDate(s) : parseFullDate(s);
      if (!p)
        return ctx.addIssue(
          f.partial
            ? bi(
                "không phải ngày hợp lệ: ghi năm, tháng và năm, hoặc ngày tháng năm.",
                "is not a valid date: give a year, a month and year, or a full date.",
              )
            : bi("không phải ngày hợp lệ (ngày/tháng/năm).", "is not a valid date (day/month/year)."),
        );
      const { first, last } = dateRange(p);
      if (when === "past" && first > today)
        ctx.addIssue(bi("không thể là một ngày trong tương lai.", "cannot be in the future."));
      if (when === "future" && last <= today)
        ctx.addIssue(bi("phải là một ngày sau hôm nay.", "must be a day after today."));
    });
}

function datetimeField(f: FormField, now: Date) {
  return z
    .string({ error: bi("phải là thời điểm.", "must be a date and time.") })
    .transform((s) => cleanText(s).trim())
    .superRefine((s, ctx) => {
      if (s === "") return;
      const at = instantOf(s);
      if (at === undefined)
        return ctx.addIssue(bi("thời điểm không hợp lệ.", "is not a valid date and time."));
      if (f.plausible?.when === "past" && at > now.getTime())
        ctx.addIssue(bi("không thể là thời điểm trong tương lai.", "cannot be in the future."));
      if (f.plausible?.when === "future" && at <= now.getTime())
        ctx.addIssue(bi("phải là thời điểm sau bây giờ.", "must be later than now."));
    });
}

/** A string trimmed, with the given characters removed, then matched against a pattern. */
function codeField(strip: RegExp, pattern: RegExp, vi: string, en: string) {
  return z
    .string({ error: bi("phải là chuỗi ký tự.", "must be text.") })
    .transform((s) => cleanText(s).replace(strip, ""))
    .refine((s) => s === "" || pattern.test(s), { error: bi(vi, en) });
}

/** The zod schema of one field's value (type, limits, today's plausibility); output as stored. */
export function fieldSchema(f: FormField, context: FormContext): z.ZodType<Value> {
  switch (f.type) {
    case "text":
    case "textarea":
      return textField(f);
    case "date":
      return dateField(f, localDate(context.now));
    case "datetime":
      return datetimeField(f, context.now);
    case "checkbox":
      return z.boolean({ error: bi("phải là có hoặc không.", "must be true or false.") });
    case "number": {
      let n = z.number({ error: bi("phải là số.", "must be a number.") });
      if (f.min !== undefined)
        n = n.min(f.min, { error: bi(`không nhỏ hơn ${f.min}.`, `must be at least ${f.min}.`) });
      if (f.max !== undefined)
        n = n.max(f.max, { error: bi(`không lớn hơn ${f.max}.`, `must be at most ${f.max}.`) });
      return n;
    }
    case "select": {
      const values = new Set((f.options ?? []).map((o) => o.value));
      return z
        .string({ error: bi("lựa chọn không hợp lệ.", "is not one of the options.") })
        .refine((s) => s === "" || values.has(s), {
          error: bi("lựa chọn không hợp lệ.", "is not one of the options."),
        });
    }
    case "personalNumber":
      return z
        .string({ error: bi("phải là chuỗi ký tự.", "must be text.") })
        .transform((s) => cleanText(s).replace(/\s+/gu, ""))
        .superRefine((s, ctx) => {
          if (s === "") return;
          const r = checkPersonalNumber(s);
          if (!r.ok) ctx.addIssue(bi(...PN_PROBLEM[r.problem]));
        });
    case "commune":
      return codeField(/\s+/gu, /^\d{5}$/, "mã xã, phường phải gồm 5 chữ số.", "a commune code is 5 digits.");
    case "phone":
      return codeField(
        /[\s.()-]+/gu,
        /^0\d{9}$/,
        "số điện thoại gồm 10 chữ số, bắt đầu bằng 0.",
        "must be a 10-digit phone number starting with 0.",
      );
    case "email":
      return codeField(
        /^\s+|\s+$/gu,
        EMAIL,
        "thư điện tử không hợp lệ.",
        "is not a valid e-mail address.",
      ).refine((s) => s.length <= 254, {
        error: bi("thư điện tử quá dài.", "the e-mail address is too long."),
      });
  }
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
  );
}

/**
 * Rules across fields, over the visible, individually valid values: a minimum age by the sex
 * typed beside the birth date; a personal number agreeing with the birth date and sex of the
 * same person; a number typed for someone (a field not read from a registry) being neither the
 * applicant's own nor another person's number in the dossier.
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
  for (const f of fields) {
    const v = out[f.key];
    if (typeof v !== "string" || v === "") continue;
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
        ),
      });
      continue;
    }
    // Typed for another person (not read from a registry): not the applicant, not anyone else here.
    if (!f.prefill && context.applicantNumber !== undefined && v === context.applicantNumber) {
      issues.push({
        key: f.key,
        message: bi(
          "là số định danh cá nhân của chính người nộp hồ sơ; hãy nhập số của người được khai.",
          "is the applicant's own personal number; enter the number of the person declared here.",
        ),
      });
      continue;
    }
    const other = f.prefill
      ? undefined
      : fields.find(
          (g) =>
            g !== f &&
            g.type === "personalNumber" &&
            out[g.key] === v &&
            (g.prefill || fields.indexOf(g) < fields.indexOf(f)),
        );
    if (other) {
      issues.push({
        key: f.key,
        message: bi(
          `trùng với "${other.labelVi}": mỗi người có một số định danh riêng.`,
          `is the same as "${other.labelEn}": each person has a number of their own.`,
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
      issues.push({ key: f.key, message: bi(...PN_PROBLEM[agrees.problem]) });
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
        issues.push({ key, message: bi("trường không có trong biểu mẫu.", "is not a field of this form.") });
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
          issues.push({ key: f.key, message: bi("bắt buộc.", "is required.") });
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
      const [vi = "", en = ""] = message.split(SEP);
      const f = def.form.find((x) => x.key === key);
      return {
        field: `form.${key}`,
        messageVi: f ? `${f.labelVi}: ${vi}` : `${key}: ${vi}`,
        messageEn: f ? `${f.labelEn}: ${en}` : `${key}: ${en}`,
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

/** Data-reuse figures recorded per dossier. */
export function reuseCounts(
  def: ProcedureDefinition,
  values: FormValues,
  prefilledKeys: ReadonlySet<string>,
  replacedComponents: number,
): { total: number; prefilled: number; typed: number; componentsReplaced: number } {
  const visible = visibleFields(def, values);
  const prefilled = visible.filter((f) => prefilledKeys.has(f.key)).length;
  const typed = visible.filter((f) => !prefilledKeys.has(f.key) && !isEmptyValue(values[f.key])).length;
  return { total: visible.length, prefilled, typed, componentsReplaced: replacedComponents };
}
