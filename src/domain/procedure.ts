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

/**
 * Plausibility of a date against today (the local date in Vietnam of the injected clock) and the
 * age of the person it is the birth date of. The rules run in the browser and on the server alike.
 */
export const DatePlausibility = z
  .object({
    /** "past": not after today (a birth, a death); "future": strictly after today (the end of a stay). */
    when: z.enum(["past", "future"]).optional(),
    /**
     * The person born on this date must have reached these full years today, by sex (M, F) read
     * from `sexField` (the smaller when that field is empty). E.g. marriage: men 20, women 18.
     */
    minAge: z
      .object({
        M: z.number().int().min(0).max(150),
        F: z.number().int().min(0).max(150),
        sexField: Key.optional(),
        /** The legal source, shown with the refusal (e.g. "Luật Hôn nhân và gia đình 2014, Điều 8"). */
        basisVi: Text.optional(),
        basisEn: Text.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type DatePlausibility = z.infer<typeof DatePlausibility>;

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
    /**
     * Text fields: "personName" is a person's name: letters (any script, with their marks), spaces,
     * hyphens, apostrophes and full stops, at least one letter; runs of white space become one.
     */
    format: z.enum(["personName"]).optional(),
    /** Date fields: the date may be known only by its year ("1950") or month ("1950-07"), as births often are. */
    partial: z.boolean().optional(),
    /** Date and datetime fields: plausibility against today and the person's age. */
    plausible: DatePlausibility.optional(),
    /**
     * Personal-number fields: the fields of the same form that hold this person's date of birth and
     * sex; the number's century/sex digit and birth-year digits must agree with them.
     */
    person: z.object({ birthDate: Key.optional(), sex: Key.optional() }).strict().optional(),
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
    wrong("format", "Định dạng họ tên chỉ dùng cho trường văn bản.", "A name format needs a text field.");
  if (f.partial !== undefined && f.type !== "date")
    wrong("partial", "Ngày không đầy đủ chỉ dùng cho trường ngày.", "Partial dates need a date field.");
  if (f.plausible !== undefined && f.type !== "date" && f.type !== "datetime")
    wrong("plausible", "Kiểm tra ngày chỉ dùng cho trường ngày.", "Date checks need a date field.");
  if (f.plausible?.minAge && f.type !== "date")
    wrong("plausible.minAge", "Tuổi tối thiểu cần trường ngày sinh.", "A minimum age needs a date field.");
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
