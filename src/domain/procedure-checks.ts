import { type Condition, conditionFields } from "./conditions.js";
import { RECEIVING_ROLES } from "./lifecycle.js";
import type { FormField, ProcedureDefinition } from "./procedure.js";

/** A rule a procedure definition breaks, at its path, in Vietnamese and English. */
export type DefinitionProblem = { path: string; messageVi: string; messageEn: string };

/**
 * Checks beyond the shape: unique keys, conditions that name existing fields, select fields with
 * options, upload components with types and a size limit, step roles in a sensible order.
 */
export function checkDefinition(def: ProcedureDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const keys = new Set<string>();
  def.form.forEach((f, i) => {
    if (keys.has(f.key)) {
      problems.push({
        path: `form.${i}.key`,
        messageVi: `Trùng khóa trường ${f.key}.`,
        messageEn: `Duplicate field key ${f.key}.`,
      });
    }
    keys.add(f.key);
  });
  const checkCondition = (c: Condition | boolean | undefined, path: string) => {
    if (c === undefined || typeof c === "boolean") return;
    for (const k of conditionFields(c)) {
      if (!keys.has(k)) {
        problems.push({
          path,
          messageVi: `Điều kiện nhắc tới trường không tồn tại: ${k}.`,
          messageEn: `Condition names an unknown field: ${k}.`,
        });
      }
    }
  };
  def.form.forEach((f, i) => {
    checkCondition(f.visibleWhen, `form.${i}.visibleWhen`);
    checkCondition(f.required, `form.${i}.required`);
    if (f.type === "select" && (!f.options || f.options.length === 0)) {
      problems.push({
        path: `form.${i}.options`,
        messageVi: "Trường chọn cần danh sách lựa chọn.",
        messageEn: "A select field needs options.",
      });
    }
    problems.push(...checkFieldRules(f, i, def.form));
    if (f.pattern !== undefined) {
      try {
        new RegExp(f.pattern);
      } catch {
        problems.push({
          path: `form.${i}.pattern`,
          messageVi: "Biểu thức kiểm tra không hợp lệ.",
          messageEn: "Invalid pattern.",
        });
      }
    }
  });
  const componentKeys = new Set<string>();
  def.components.forEach((c, i) => {
    if (componentKeys.has(c.key)) {
      problems.push({
        path: `components.${i}.key`,
        messageVi: `Trùng khóa thành phần ${c.key}.`,
        messageEn: `Duplicate component key ${c.key}.`,
      });
    }
    componentKeys.add(c.key);
    checkCondition(c.required, `components.${i}.required`);
    if (c.kind === "upload" && (!c.accept || !c.maxBytes)) {
      problems.push({
        path: `components.${i}`,
        messageVi: "Thành phần tải lên cần loại tệp cho phép và dung lượng tối đa.",
        messageEn: "An upload component needs accepted types and a size limit.",
      });
    }
    if (c.kind === "data" && !c.replacedBy) {
      problems.push({
        path: `components.${i}.replacedBy`,
        messageVi: "Thành phần dữ liệu cần nêu nguồn dữ liệu.",
        messageEn: "A data component must name its data source.",
      });
    }
  });
  const stepKeys = new Set(def.steps.map((s) => s.key));
  if (stepKeys.size !== def.steps.length) {
    problems.push({ path: "steps", messageVi: "Trùng khóa bước xử lý.", messageEn: "Duplicate step key." });
  }
  const first = def.steps[0]?.role;
  if (first === undefined || !RECEIVING_ROLES.includes(first)) {
    problems.push({
      path: "steps.0.role",
      messageVi: "Bước đầu tiên phải là tiếp nhận (một cửa).",
      messageEn: "The first step must be the one-stop receipt.",
    });
  }
  checkCondition(def.fee.exemptWhen, "fee.exemptWhen");
  problems.push(...checkTariff(def));
  if (
    def.competentCommuneField &&
    def.form.find((f) => f.key === def.competentCommuneField)?.type !== "commune"
  ) {
    problems.push({
      path: "competentCommuneField",
      messageVi: "Trường xác định xã có thẩm quyền phải là một trường kiểu xã.",
      messageEn: "The competent-commune field must be a commune field of the form.",
    });
  }
  def.eligibility?.forEach(({ person, maritalStatus }, i) => {
    if (person !== "applicant" && def.form.find((f) => f.key === person.field)?.type !== "personalNumber")
      problems.push({
        path: `eligibility.${i}.person.field`,
        messageVi: "Quy tắc điều kiện phải nêu một trường số định danh cá nhân của biểu mẫu.",
        messageEn: "An eligibility rule must name a personal-number field of the form.",
      });
    const status = maritalStatus && def.form.find((f) => f.key === maritalStatus.field);
    if (maritalStatus && !(status?.type === "select" && status.options?.some((o) => o.value === "married")))
      problems.push({
        path: `eligibility.${i}.maritalStatus.field`,
        messageVi: 'Trường tình trạng hôn nhân phải là một trường chọn của biểu mẫu, có lựa chọn "married".',
        messageEn: 'The marital-status field must be a select of the form with a "married" option.',
      });
  });
  return problems;
}

const isSexField = (f: FormField | undefined) =>
  f?.type === "select" &&
  ["M", "F"].every((v) => f.options?.some((o) => o.value === v)) &&
  (f.options?.length ?? 0) === 2;

/** The typed-rule properties (format, partial, plausible, person) fit the field's type and name real fields. */
function checkFieldRules(f: FormField, i: number, form: FormField[]): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const byKey = (k: string) => form.find((x) => x.key === k);
  const wrong = (prop: string, vi: string, en: string) =>
    problems.push({ path: `form.${i}.${prop}`, messageVi: vi, messageEn: en });
  if (f.format !== undefined && f.type !== "text")
    wrong(
      "format",
      "Định dạng họ tên, quốc tịch chỉ dùng cho trường văn bản.",
      "A name or nationality format needs a text field.",
    );
  if (f.partial !== undefined && f.type !== "date")
    wrong("partial", "Ngày không đầy đủ chỉ dùng cho trường ngày.", "Partial dates need a date field.");
  if (f.plausible !== undefined && f.type !== "date" && f.type !== "datetime")
    wrong("plausible", "Kiểm tra ngày chỉ dùng cho trường ngày.", "Date checks need a date field.");
  if (f.plausible?.minAge && f.type !== "date")
    wrong("plausible.minAge", "Tuổi tối thiểu cần trường ngày sinh.", "A minimum age needs a date field.");
  if ((f.plausible?.maxYearsAgo !== undefined || f.plausible?.maxYearsAhead) && f.type !== "date")
    wrong("plausible", "Giới hạn số năm cần trường ngày.", "A limit in years needs a date field.");
  for (const k of f.plausible?.notBefore ?? []) {
    const g = byKey(k);
    if (!(g?.type === "date" || g?.type === "datetime" || (g?.type === "number" && g.integer === true)))
      wrong(
        "plausible.notBefore",
        `Trường ${k} phải là trường ngày hoặc trường năm (số nguyên).`,
        `The field ${k} must be a date field or a year (whole-number) field.`,
      );
  }
  if (f.differsFrom && byKey(f.differsFrom.field)?.type !== f.type)
    wrong(
      "differsFrom.field",
      `Trường ${f.differsFrom.field} phải cùng kiểu với trường này.`,
      `The field ${f.differsFrom.field} must be of this field's type.`,
    );
  const sexField = f.plausible?.minAge?.sexField;
  if (sexField !== undefined && !isSexField(byKey(sexField)))
    wrong(
      "plausible.minAge.sexField",
      `Trường giới tính ${sexField} phải là trường chọn Nam (M) / Nữ (F).`,
      `The sex field ${sexField} must be a select of M and F.`,
    );
  if (f.person !== undefined) {
    if (f.type !== "personalNumber")
      wrong(
        "person",
        "Chỉ trường số định danh mới có thông tin người.",
        "Only a personal-number field has a person.",
      );
    if (f.person.birthDate !== undefined && byKey(f.person.birthDate)?.type !== "date")
      wrong(
        "person.birthDate",
        `Trường ngày sinh ${f.person.birthDate} phải là trường ngày.`,
        `The birth-date field ${f.person.birthDate} must be a date field.`,
      );
    if (f.person.sex !== undefined && !isSexField(byKey(f.person.sex)))
      wrong(
        "person.sex",
        `Trường giới tính ${f.person.sex} phải là trường chọn Nam (M) / Nữ (F).`,
        `The sex field ${f.person.sex} must be a select of M and F.`,
      );
  }
  return problems;
}

/**
 * The fee's quantities are whole-number fields a person must answer (a missing or fractional
 * quantity cannot price a fee), and its tiers go up in order with only the last one open.
 */
function checkTariff(def: ProcedureDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const quantity = (key: string | undefined, path: string) => {
    if (key === undefined) return;
    const f = def.form.find((x) => x.key === key);
    if (f?.type !== "number" || f.integer !== true || f.required !== true || (f.min ?? -1) < 0)
      problems.push({
        path,
        messageVi: `Trường số lượng ${key} phải là trường số nguyên bắt buộc, không âm (integer, required, min ≥ 0).`,
        messageEn: `The quantity field ${key} must be a required whole-number field, not negative (integer, required, min ≥ 0).`,
      });
  };
  const { perUnit, copiesField } = def.fee;
  quantity(copiesField, "fee.copiesField");
  if (!perUnit) return problems;
  quantity(perUnit.field, "fee.perUnit.field");
  const open = perUnit.tiers.findIndex((t) => t.upTo === undefined);
  const bounds = perUnit.tiers.map((t) => t.upTo ?? Number.POSITIVE_INFINITY);
  if (open !== perUnit.tiers.length - 1 || bounds.some((b, i) => i > 0 && b <= (bounds[i - 1] ?? 0)))
    problems.push({
      path: "fee.perUnit.tiers",
      messageVi: "Các bậc giá tăng dần theo số lượng (upTo); chỉ bậc cuối không có giới hạn.",
      messageEn: "Tiers go up in quantity (upTo); only the last one has no limit.",
    });
  if (perUnit.min !== undefined && perUnit.max !== undefined && perUnit.min > perUnit.max)
    problems.push({
      path: "fee.perUnit",
      messageVi: "Mức tối thiểu lớn hơn mức tối đa.",
      messageEn: "The minimum is above the maximum.",
    });
  return problems;
}
