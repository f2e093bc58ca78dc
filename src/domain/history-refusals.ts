/**
 * Why a line of the history import (src/domain/history.ts) is refused, in Vietnamese and English:
 * the format's first problem told from zod's issue and the line's own JSON. Pure.
 */
import type { z } from "zod";

/** The Vietnamese of the history format's own check messages (src/domain/history.ts); zod carries the English. */
const VI_MESSAGE: Readonly<Record<string, string>> = {
  "an ISO instant with its offset, e.g. 2026-10-05T08:10:00+07:00":
    "một thời điểm ISO có múi giờ, ví dụ 2026-10-05T08:10:00+07:00",
  "a dossier code such as UB.20194.H48-261005-0001": "một mã hồ sơ dạng UB.20194.H48-261005-0001",
  "a 5-digit commune code": "một mã xã gồm 5 chữ số",
  "a valid 12-digit personal number": "một số định danh cá nhân hợp lệ gồm 12 chữ số",
};
/** A history line refused, with its reason in Vietnamese and English. */
export type Refused = { ok: false; vi: string; en: string };
export const refuse = (vi: string, en: string): Refused => ({ ok: false, vi, en });

/** A JSON value's kind, as a line's reader names it: Vietnamese, English. */
const KIND_WORDS: Readonly<Record<string, readonly [string, string]>> = {
  string: ["một chuỗi", "a string"],
  number: ["một số", "a number"],
  int: ["một số nguyên", "an integer"],
  boolean: ["một giá trị true/false", "a boolean (true/false)"],
  object: ["một đối tượng", "an object"],
  array: ["một mảng", "an array"],
  null: ["null", "null"],
};
export const kindOf = (v: unknown): string => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
export const kindWords = (kind: string): readonly [string, string] => KIND_WORDS[kind] ?? [kind, kind];
/** A received scalar as the line wrote it (cut short), after its kind: `một chuỗi "abc"`. */
const shown = (v: unknown): string =>
  typeof v === "string"
    ? ` ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`
    : typeof v === "number"
      ? ` ${v}`
      : "";

/** The value at a zod issue's path in the line's JSON, and whether its key is there at all. */
function valueAt(json: unknown, path: readonly PropertyKey[]): { present: boolean; value: unknown } {
  let v: unknown = json;
  for (const k of path) {
    if (v === null || typeof v !== "object" || !Object.hasOwn(v, k))
      return { present: false, value: undefined };
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return { present: true, value: v };
}

/**
 * A field's problem, Vietnamese and English, from zod's issue and the line's own JSON (zod v4
 * leaves the input out of its issues, so a missing key is told from a wrong type by the line).
 * This module's own check messages (`VI_MESSAGE`) keep their English.
 */
function issueWords(issue: z.core.$ZodIssue, json: unknown): { vi: string; en: string; missing?: true } {
  const own = VI_MESSAGE[issue.message];
  if (own) return { vi: `cần ${own}`, en: `expected ${issue.message}` };
  const got = valueAt(json, issue.path);
  switch (issue.code) {
    case "invalid_type": {
      if (!got.present) return { vi: "thiếu trường bắt buộc", en: "missing required field", missing: true };
      const [wantVi, wantEn] = kindWords(issue.expected);
      const [gotVi, gotEn] = kindWords(kindOf(got.value));
      const value = shown(got.value);
      return {
        vi: `sai kiểu, cần ${wantVi}, nhận được ${gotVi}${value}`,
        en: `wrong type, expected ${wantEn}, received ${gotEn}${value}`,
      };
    }
    case "invalid_value": {
      const values = issue.values.map((v) => String(v)).join(", ");
      return issue.values.length === 1
        ? { vi: `giá trị phải là ${values}`, en: `the value must be ${values}` }
        : { vi: `giá trị phải là một trong: ${values}`, en: `the value must be one of: ${values}` };
    }
    case "too_small":
    case "too_big": {
      const small = issue.code === "too_small";
      const limit = String(small ? issue.minimum : issue.maximum);
      if (issue.origin === "string")
        return small && limit === "1"
          ? { vi: "không được để trống", en: "must not be empty" }
          : small
            ? { vi: `cần ít nhất ${limit} ký tự`, en: `needs at least ${limit} characters` }
            : { vi: `dài hơn ${limit} ký tự`, en: `longer than ${limit} characters` };
      if (issue.origin === "array")
        return small
          ? {
              vi: `cần ít nhất ${limit} phần tử`,
              en: `needs at least ${limit} item${limit === "1" ? "" : "s"}`,
            }
          : { vi: `nhiều hơn ${limit} phần tử`, en: `more than ${limit} items` };
      const value = shown(got.value).trim();
      return small
        ? {
            vi: `nhỏ hơn mức tối thiểu ${limit} (nhận được ${value})`,
            en: `less than the minimum ${limit} (received ${value})`,
          }
        : {
            vi: `lớn hơn mức tối đa ${limit} (nhận được ${value})`,
            en: `more than the maximum ${limit} (received ${value})`,
          };
    }
    case "unrecognized_keys":
      return {
        vi: `có trường không được phép: ${issue.keys.join(", ")}`,
        en: `unknown field(s): ${issue.keys.join(", ")}`,
      };
    case "invalid_format":
      return { vi: "sai định dạng", en: "wrong format" };
    default:
      return { vi: "giá trị không hợp lệ", en: "invalid value" };
  }
}

/** Why the line's JSON is refused by the format (`HistoryLine`): its first issue, in words. */
export function formatRefusal(issue: z.core.$ZodIssue | undefined, json: unknown): Refused {
  if (!issue) return refuse("Dòng không hợp lệ.", "The line is invalid.");
  const words = issueWords(issue, json);
  const path = issue.path.join(".");
  if (words.missing) return refuse(`Thiếu trường bắt buộc ${path}.`, `Missing required field ${path}.`);
  return path
    ? refuse(`Trường ${path} không hợp lệ: ${words.vi}.`, `Field ${path} is invalid: ${words.en}.`)
    : refuse(`Dòng không hợp lệ: ${words.vi}.`, `The line is invalid: ${words.en}.`);
}
