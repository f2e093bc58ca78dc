import { createHash } from "node:crypto";
import { z } from "zod";
import { checkPrefillPaths } from "../../domain/prefill-paths.js";
import {
  Component,
  checkDefinition,
  type DefinitionProblem,
  Fee,
  FormField,
  ProcedureDefinition,
  Step,
} from "../../domain/procedure.js";
import { foldVietnamese } from "../../domain/text.js";
import { issueDetail } from "../../kernel/errors.js";

export type ParseResult =
  | { ok: true; definition: ProcedureDefinition }
  | { ok: false; problems: DefinitionProblem[] };

type Issue = z.ZodError["issues"][number];

/** Vietnamese and English wording for one schema issue. */
function describe(issue: Issue, path: string): { vi: string; en: string } {
  const last = issue.path[issue.path.length - 1];
  // The validator's own heading ("Too small: …") is not said twice after ours.
  const detail = issueDetail(issue.message);
  const message = detail.text;
  switch (issue.code) {
    case "invalid_type":
      return issue.message.endsWith("received undefined")
        ? { vi: "Thiếu thông tin bắt buộc.", en: `Required: ${path || "the definition"} is missing.` }
        : { vi: `Sai kiểu dữ liệu: cần ${issue.expected}.`, en: `Wrong type: expected ${issue.expected}.` };
    case "too_small":
      return {
        vi: "Quá ngắn, quá ít hoặc quá nhỏ.",
        en: detail.whole ? message : `Too short, too few or too small: ${message}`,
      };
    case "too_big":
      return {
        vi: "Quá dài, quá nhiều hoặc quá lớn.",
        en: detail.whole ? message : `Too long, too many or too large: ${message}`,
      };
    case "invalid_format":
      if (last === "code")
        return {
          vi: "Mã thủ tục phải có dạng 1.001193 hoặc LOCAL.TEN-MA.",
          en: detail.whole ? message : `Invalid code: ${message}`,
        };
      if (last === "key" || last === "field")
        return {
          vi: "Khóa phải viết dạng camelCase, nối bằng dấu chấm, ví dụ child.fullName.",
          en: issue.message,
        };
      return { vi: "Sai định dạng.", en: detail.whole ? message : `Invalid format: ${message}` };
    case "invalid_value":
      return {
        vi: `Giá trị không được phép; chọn một trong: ${issue.values.map(String).join(", ")}.`,
        en: `Value not allowed; use one of: ${issue.values.map(String).join(", ")}.`,
      };
    case "unrecognized_keys":
      return {
        vi: `Có khóa không được chấp nhận: ${issue.keys.join(", ")}.`,
        en: `Unknown keys: ${issue.keys.join(", ")}.`,
      };
    case "invalid_union":
      return {
        vi: "Giá trị không khớp với dạng nào được phép (ví dụ điều kiện, thời hạn).",
        en: "The value matches none of the allowed shapes (e.g. a condition or a time limit).",
      };
    default:
      return { vi: "Giá trị không hợp lệ.", en: issue.message };
  }
}

function issueToProblem(issue: Issue): DefinitionProblem {
  const path = issue.path.map(String).join(".");
  const m = describe(issue, path);
  return { path, messageVi: m.vi, messageEn: m.en };
}

/** The parts checkDefinition reads; checked on their own when the whole shape is broken. */
const CheckedParts = z.object({
  form: z.array(FormField),
  components: z.array(Component),
  steps: z.array(Step),
  fee: Fee,
});

/**
 * Validates a procedure definition: the shape (zod) and the rules beyond it (checkDefinition, and
 * that every prefill binding names a path the resolver knows). When the shape is broken, the rules
 * are still checked on the parts that parse, so an author sees every problem at once.
 */
export function parseDefinition(input: unknown): ParseResult {
  const parsed = ProcedureDefinition.safeParse(input);
  if (parsed.success) {
    const problems = [...checkDefinition(parsed.data), ...checkPrefillPaths(parsed.data)];
    return problems.length === 0 ? { ok: true, definition: parsed.data } : { ok: false, problems };
  }
  const problems = parsed.error.issues.map(issueToProblem);
  const parts = CheckedParts.safeParse(input);
  if (parts.success) {
    try {
      // checkDefinition reads only these parts; the rest of the definition is broken anyway.
      problems.push(...checkDefinition(parts.data as ProcedureDefinition), ...checkPrefillPaths(parts.data));
    } catch {
      // A future checkDefinition reading other parts: the shape problems above still stand.
    }
  }
  return { ok: false, problems };
}

/** JSON with object keys sorted, so a definition hashes the same after a jsonb round trip. */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(",")}}`;
  }
  return JSON.stringify(v);
}

/** sha256 of the canonical JSON of a definition: what a dossier can quote to prove its version. */
export function definitionHash(def: ProcedureDefinition): string {
  return createHash("sha256").update(canonicalJson(def)).digest("hex");
}

/** Folded name, English name, code and keywords, separated by " | " (the Vietnamese name first). */
export function searchText(def: ProcedureDefinition): string {
  return [def.nameVi, def.nameEn, def.code, ...def.keywords]
    .map(foldVietnamese)
    .filter((s) => s.length > 0)
    .join(" | ");
}
