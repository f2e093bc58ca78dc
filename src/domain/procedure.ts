import { z } from "zod";
import { type Condition as ConditionRule, conditionFields } from "./conditions.js";

export { conditionFields, evaluate } from "./conditions.js";
/** A rule over the form's values; used for conditional visibility and "required when". */
export type Condition = ConditionRule;

/**
 * A procedure version as data (DESIGN.md "Procedures are data"). The core knows nothing about
 * "birth": forms, prefill bindings, dossier components, steps, fees and results are declared
 * here and validated by this one schema, shared by the server and the web app.
 */

const Text = z.string().min(1).max(500);
const Key = z.string().regex(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)*$/, {
  message: "a dotted camelCase key such as child.fullName",
});

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ field: Key, equals: z.union([z.string(), z.number(), z.boolean()]) }).strict(),
    z.object({ field: Key, in: z.array(z.union([z.string(), z.number()])).min(1) }).strict(),
    z.object({ field: Key, filled: z.boolean() }).strict(),
    z.object({ all: z.array(Condition).min(1) }).strict(),
    z.object({ any: z.array(Condition).min(1) }).strict(),
    z.object({ not: Condition }).strict(),
  ]),
);

/**
 * Where a prefilled value comes from. `subject` names whose record: the applicant; their spouse;
 * their household head; the newborn of an unregistered birth notice whose mother or father is
 * the applicant; the deceased of an unregistered death notice in the applicant's household.
 */
export const PrefillSubject = z.enum(["applicant", "spouse", "householdHead", "birthNotice", "deathNotice"]);
export type PrefillSubject = z.infer<typeof PrefillSubject>;

export const PrefillBinding = z
  .object({
    subject: PrefillSubject,
    /** An attribute path of that subject, e.g. fullName, birthDate, permanentAddress, motherName. */
    path: z.string().regex(/^[a-zA-Z][a-zA-Z0-9.]*$/),
  })
  .strict();
export type PrefillBinding = z.infer<typeof PrefillBinding>;

export const FieldType = z.enum([
  "text",
  "textarea",
  "date",
  "datetime",
  "number",
  "select",
  "checkbox",
  "personalNumber",
  "commune",
  "phone",
  "email",
]);

export const FormField = z
  .object({
    key: Key,
    labelVi: Text,
    labelEn: Text,
    type: FieldType,
    helpVi: Text.optional(),
    helpEn: Text.optional(),
    required: z.union([z.boolean(), Condition]).default(false),
    visibleWhen: Condition.optional(),
    options: z.array(z.object({ value: z.string(), labelVi: Text, labelEn: Text }).strict()).optional(),
    minLength: z.number().int().min(0).optional(),
    maxLength: z.number().int().min(1).max(10_000).optional(),
    pattern: z.string().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    prefill: PrefillBinding.optional(),
  })
  .strict();
export type FormField = z.infer<typeof FormField>;

export const MIME_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;

/** A fact the state already holds that can stand in for a document. */
export const DataFact = z
  .object({
    kind: z.enum(["registry", "result"]),
    /** registry: birthNotice, marriageRecord, deathNotice, residence, healthInsurance; result: a national procedure code. */
    ref: z.string().min(1).max(64),
    descriptionVi: Text,
    descriptionEn: Text,
  })
  .strict();
export type DataFact = z.infer<typeof DataFact>;

export const Component = z
  .object({
    key: Key,
    nameVi: Text,
    nameEn: Text,
    /** upload: the citizen provides a file (unless replacedBy resolves); data: always a registry fact. */
    kind: z.enum(["upload", "data"]),
    required: z.union([z.boolean(), Condition]).default(true),
    accept: z.array(z.enum(MIME_TYPES)).min(1).optional(),
    maxBytes: z
      .number()
      .int()
      .min(1)
      .max(20 * 1024 * 1024)
      .optional(),
    replacedBy: DataFact.optional(),
  })
  .strict();
export type Component = z.infer<typeof Component>;

export const OfficerRoleName = z.enum(["receiver", "specialist", "approver", "agency_officer"]);

export const TimeLimit = z.union([
  z.object({ workingDays: z.number().int().min(0).max(365) }).strict(),
  z.object({ workingHours: z.number().int().min(1).max(2000) }).strict(),
]);
export type TimeLimit = z.infer<typeof TimeLimit>;

export const Step = z
  .object({ key: Key, nameVi: Text, nameEn: Text, role: OfficerRoleName, limit: TimeLimit })
  .strict();

export const Fee = z
  .object({
    amount: z.number().int().min(0),
    /** Percent off for dossiers filed online (e.g. 50 = half price). */
    onlineDiscountPercent: z.number().int().min(0).max(100).default(0),
    exemptWhen: Condition.optional(),
    noteVi: Text.optional(),
    noteEn: Text.optional(),
  })
  .strict();
export type Fee = z.infer<typeof Fee>;

export const ProcedureDefinition = z
  .object({
    code: z
      .string()
      .regex(/^(\d\.\d{6}|LOCAL\.[A-Z0-9-]+)$/, { message: "a national code like 1.001193 or LOCAL.X" }),
    codeVerified: z.boolean(),
    nameVi: Text,
    nameEn: Text,
    summaryVi: Text,
    summaryEn: Text,
    /** Everyday words people type when looking for it (for the procedure finder). */
    keywords: z.array(z.string().min(1).max(100)).default([]),
    field: z.enum(["civil_status", "residence", "health_insurance", "social_assistance", "certification"]),
    level: z.enum(["commune", "province"]),
    agency: z
      .object({
        sector: z.enum(["peoples_committee", "police", "social_security", "labour_social"]),
        nameVi: Text,
        nameEn: Text,
      })
      .strict(),
    linkedGroup: z.enum(["birth", "death"]).optional(),
    timeLimit: TimeLimit,
    paperFieldCount: z.number().int().min(1),
    form: z.array(FormField).min(1),
    components: z.array(Component),
    steps: z.array(Step).min(1),
    fee: Fee,
    result: z
      .object({
        kind: z.string().regex(/^[a-z_]+$/),
        nameVi: Text,
        nameEn: Text,
        electronic: z.boolean(),
      })
      .strict(),
    fullyOnline: z.boolean(),
    /** A commune field whose answer decides the competent commune (e.g. where to stay temporarily). */
    competentCommuneField: Key.optional(),
  })
  .strict();
export type ProcedureDefinition = z.infer<typeof ProcedureDefinition>;
export type ProcedureDefinitionInput = z.input<typeof ProcedureDefinition>;

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
  if (def.steps[0]?.role !== "receiver") {
    problems.push({
      path: "steps.0.role",
      messageVi: "Bước đầu tiên phải là tiếp nhận (một cửa).",
      messageEn: "The first step must be the one-stop receipt.",
    });
  }
  checkCondition(def.fee.exemptWhen, "fee.exemptWhen");
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
  return problems;
}
