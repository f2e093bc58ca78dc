/**
 * One form field's rules as a zod schema: its type, its limits (counted in what a person sees),
 * its plausibility against today; the schema's output is the value as stored (NFC text without
 * invisible characters, names with single spaces, codes without spaces). Messages are Vietnamese
 * and English; form.ts composes the fields into the whole form's schema.
 */
import { z } from "zod";
import { localDate } from "./calendar/index.js";
import { COMMUNE_CODE_LENGTH, COMMUNE_CODE_PATTERN } from "./inputs.js";
import { parseInstant } from "./instant.js";
import { normaliseNationality } from "./nationality.js";
import { dateRange, parseFullDate, parsePartialDate, shiftYears } from "./partial-date.js";
import {
  checkPersonalNumber,
  PERSONAL_NUMBER_LENGTH,
  type PersonalNumberProblem,
} from "./personal-number.js";
import type { FormField } from "./procedure.js";
import {
  cleanName,
  cleanText,
  graphemeLength,
  hasStackedMarks,
  MAX_MARKS_PER_CHARACTER,
  type NameProblem,
  personNameProblem,
} from "./text.js";

/** One stored answer: text, a number, a tick, or nothing. */
export type Value = string | number | boolean | null;

/** What the rules need from outside the form. */
export type FormContext = {
  /** The instant "today" is read from (its local date in Vietnam): the injected clock, never the machine's. */
  now: Date;
  /** The applicant's own personal number: a number typed for another person cannot be it. */
  applicantNumber?: string | undefined;
};

/** Default limits in user-perceived characters (graphemeLength). */
export const TEXT_MAX = 2000;
export const NAME_MAX = 100;

// Messages travel inside zod issues as "vi<US>en" or "vi<US>en<US>CODE" (US = U+001F, which
// cleanText removes from input); the code is the rule's stable code (FieldIssue.code).
export const SEP = "\u001F";
export const bi = (vi: string, en: string, code?: string) =>
  code === undefined ? `${vi}${SEP}${en}` : `${vi}${SEP}${en}${SEP}${code}`;
export const GENERIC = bi("giá trị không hợp lệ.", "is not a valid value.");

/** What is wrong with a person's name (personNameProblem), as the form says it. */
export const NAME_PROBLEM: Record<NameProblem, [string, string]> = {
  marks: [
    `có chữ mang quá nhiều dấu (tối đa ${MAX_MARKS_PER_CHARACTER} dấu trên một chữ).`,
    `has a character with too many marks (at most ${MAX_MARKS_PER_CHARACTER} on one character).`,
  ],
  script: [
    "phải viết bằng chữ cái tiếng Việt (chữ Latinh), không dùng chữ của hệ chữ viết khác.",
    "must be written in Vietnamese (Latin) letters, not in another script.",
  ],
  no_letter: [
    "phải có chữ cái, không thể chỉ gồm chữ số hoặc dấu câu.",
    "must contain letters, not only digits or punctuation.",
  ],
  characters: [
    "chỉ gồm chữ cái, dấu cách, dấu gạch nối (-), dấu nháy (') và dấu chấm; không có chữ số.",
    "may contain only letters, spaces, hyphens (-), apostrophes (') and full stops; no digits.",
  ],
};
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** An ISO date-time's instant in ms; without a zone it is read as local time in Vietnam (UTC+07:00). */
function instantOf(text: string): number | undefined {
  return parseInstant(text)?.getTime();
}

export const PN_PROBLEM: Record<PersonalNumberProblem, [string, string]> = {
  format: [
    `phải gồm đúng ${PERSONAL_NUMBER_LENGTH} chữ số.`,
    `must be exactly ${PERSONAL_NUMBER_LENGTH} digits.`,
  ],
  province: [
    "ba chữ số đầu không phải mã tỉnh nơi đăng ký khai sinh.",
    "its first three digits are not a province code of birth registration.",
  ],
  century: ["không khớp với năm sinh đã khai.", "does not match the date of birth given."],
  birth_year_mismatch: ["không khớp với năm sinh đã khai.", "does not match the date of birth given."],
  sex_mismatch: ["không khớp với giới tính đã khai.", "does not match the sex given."],
};

/** A field pattern asking for digits only ("^[0-9]{6,20}$", a bank account): the digits' bounds. */
const DIGITS_ONLY = /^\^\[0-9\]\{(\d+)(?:,(\d+))?\}\$$/;

/** Whether a text field takes digits only (its pattern is `DIGITS_ONLY`): a phone shows digit keys. */
export const takesDigitsOnly = (f: Pick<FormField, "pattern">): boolean =>
  f.pattern !== undefined && DIGITS_ONLY.test(f.pattern);

/**
 * Digits typed in groups, as banks print account numbers ("0123 4567 89", "0123-4567.89"): the
 * separators between digits go; anything else is left for the pattern to refuse.
 */
export const ungroupDigits = (s: string): string =>
  /^[0-9][0-9 .-]*[0-9]$/.test(s) ? s.replace(/[ .-]/g, "") : s;

function textField(f: FormField) {
  const name = f.format === "personName";
  const pattern = f.pattern !== undefined ? new RegExp(f.pattern) : undefined;
  const digits = takesDigitsOnly(f);
  const max = f.maxLength ?? (name ? NAME_MAX : TEXT_MAX);
  return z
    .string({ error: bi("phải là chuỗi ký tự.", "must be text.") })
    .transform((s) =>
      name
        ? cleanName(s)
        : f.format === "nationality"
          ? normaliseNationality(cleanText(s).trim())
          : digits
            ? ungroupDigits(cleanText(s).trim())
            : cleanText(s).trim(),
    )
    .superRefine((s, ctx) => {
      if (s === "") return; // empty: the required rule decides
      // No more characters than code units: a short text needs no segmenting unless a minimum applies.
      const n = s.length <= max && f.minLength === undefined ? s.length : graphemeLength(s);
      if (n > max)
        return ctx.addIssue(bi(`quá dài (tối đa ${max} ký tự).`, `is too long (at most ${max} characters).`));
      if (f.minLength !== undefined && n < f.minLength)
        return ctx.addIssue(
          bi(`cần ít nhất ${f.minLength} ký tự.`, `needs at least ${f.minLength} characters.`),
        );
      if (hasStackedMarks(s)) return ctx.addIssue(bi(...NAME_PROBLEM.marks));
      const problem = name ? personNameProblem(s) : undefined;
      if (problem) return ctx.addIssue(bi(...NAME_PROBLEM[problem]));
      if (pattern && !pattern.test(s)) ctx.addIssue(bi(...patternProblem(pattern)));
    });
}

/**
 * What a text not matching its field's pattern is told: the digits asked for when the pattern is
 * only digits ("^[0-9]{6,20}$": "gồm 6 đến 20 chữ số."), else that its format is wrong.
 */
function patternProblem(pattern: RegExp): [string, string] {
  const digits = DIGITS_ONLY.exec(pattern.source);
  if (!digits) return ["sai định dạng.", "has the wrong format."];
  const [, lo, hi] = digits;
  return hi && hi !== lo
    ? [`gồm ${lo} đến ${hi} chữ số.`, `must be ${lo} to ${hi} digits.`]
    : [`gồm ${lo} chữ số.`, `must be ${lo} digits.`];
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
      const ago = f.plausible?.maxYearsAgo;
      const ahead = f.plausible?.maxYearsAhead;
      if (when === "past" && first > today)
        ctx.addIssue(
          bi("không thể là một ngày trong tương lai.", "cannot be in the future.", "DATE_IN_FUTURE"),
        );
      else if (when === "future" && last <= today)
        ctx.addIssue(bi("phải là một ngày sau hôm nay.", "must be a day after today.", "DATE_NOT_IN_FUTURE"));
      else if (ago !== undefined && last < shiftYears(today, -ago))
        ctx.addIssue(
          bi(
            `là hơn ${ago} năm trước; hãy kiểm tra lại năm.`,
            `is more than ${ago} years ago; check the year.`,
            "DATE_TOO_LONG_AGO",
          ),
        );
      else if (ahead !== undefined && first > shiftYears(today, ahead.years))
        ctx.addIssue(
          bi(
            `quá ${ahead.years} năm kể từ hôm nay${ahead.basisVi ? ` (${ahead.basisVi})` : ""}.`,
            `is more than ${ahead.years} years from today${ahead.basisEn ? ` (${ahead.basisEn})` : ""}.`,
            "DATE_TOO_FAR_AHEAD",
          ),
        );
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

/**
 * Schemas of fields whose rules do not depend on the context, made once per field definition
 * (a procedure's definition is shared and never changed once published: built once per process).
 */
const madeOnce = new WeakMap<FormField, z.ZodType<Value>>();

/** The zod schema of one field's value (type, limits, today's plausibility); output as stored. */
export function fieldSchema(f: FormField, context: FormContext): z.ZodType<Value> {
  if (f.type === "date") return dateField(f, localDate(context.now));
  if (f.type === "datetime") return datetimeField(f, context.now);
  let schema = madeOnce.get(f);
  if (!schema) {
    schema = contextFree(f);
    madeOnce.set(f, schema);
  }
  return schema;
}

function contextFree(f: FormField): z.ZodType<Value> {
  switch (f.type) {
    case "date":
    case "datetime":
      throw new Error(`${f.type} fields depend on the day`);
    case "text":
    case "textarea":
      return textField(f);
    case "checkbox":
      return z.boolean({ error: bi("phải là có hoặc không.", "must be true or false.") });
    case "number": {
      let n = z.number({ error: bi("phải là số.", "must be a number.") });
      if (f.integer)
        n = n.int({
          error: bi(
            "phải là số nguyên, không có phần lẻ (ví dụ 2, không phải 1,5).",
            "must be a whole number (e.g. 2, not 1.5).",
          ),
        });
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
      // A name typed and left without a pick (the web form keeps it so, refused) asks for a pick.
      return z
        .string({ error: bi("phải là chuỗi ký tự.", "must be text.") })
        .transform((s) => cleanText(s).replace(/\s+/gu, ""))
        .superRefine((s, ctx) => {
          if (s === "" || COMMUNE_CODE_PATTERN.test(s)) return;
          ctx.addIssue(
            /^\d+$/.test(s)
              ? bi(
                  `mã xã, phường phải gồm ${COMMUNE_CODE_LENGTH} chữ số.`,
                  `a commune code is ${COMMUNE_CODE_LENGTH} digits.`,
                )
              : bi(
                  "chưa chọn xã, phường trong danh sách (gõ tên rồi chọn một xã, phường).",
                  "no commune picked from the list (type its name, then pick one).",
                  "COMMUNE_NOT_PICKED",
                ),
          );
        });
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
