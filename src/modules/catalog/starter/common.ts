import type { PrefillBinding, ProcedureDefinitionInput } from "../../../domain/procedure.js";

/** Building blocks shared by the starter procedures: agencies, options, prefilled blocks, steps. */
export type FieldInput = ProcedureDefinitionInput["form"][number];
export type ComponentInput = ProcedureDefinitionInput["components"][number];
export type StepInput = ProcedureDefinitionInput["steps"][number];
export type AgencyInput = ProcedureDefinitionInput["agency"];

export const COMMUNE_COMMITTEE: AgencyInput = {
  sector: "peoples_committee",
  nameVi: "Ủy ban nhân dân cấp xã",
  nameEn: "Commune People's Committee",
};
export const COMMUNE_POLICE: AgencyInput = {
  sector: "police",
  nameVi: "Công an cấp xã",
  nameEn: "Commune police",
};
export const SOCIAL_SECURITY: AgencyInput = {
  sector: "social_security",
  nameVi: "Cơ quan bảo hiểm xã hội",
  nameEn: "Social security office",
};
export const LABOUR_SOCIAL: AgencyInput = {
  sector: "labour_social",
  nameVi: "Ủy ban nhân dân cấp xã (lĩnh vực lao động, xã hội)",
  nameEn: "Commune People's Committee (labour and social affairs)",
};

export const SEX_OPTIONS = [
  { value: "M", labelVi: "Nam", labelEn: "Male" },
  { value: "F", labelVi: "Nữ", labelEn: "Female" },
];

/** A person's name (see FormField.format): letters, spaces, hyphens, apostrophes; never blank or digits. */
export const NAME = { format: "personName" } as const satisfies Partial<FieldInput>;

/** No living person is older than this many years: an earlier date of birth is a typing mistake. */
export const LIVING_MAX_YEARS = 120;

/**
 * A living person's date of birth: possibly only a year or a month (old records), never in the
 * future, at most LIVING_MAX_YEARS ago.
 */
export const BIRTH_DATE = {
  partial: true,
  plausible: { when: "past", maxYearsAgo: LIVING_MAX_YEARS },
} as const satisfies Partial<FieldInput>;

/** A deceased person's date of birth: possibly partial, never in the future (no upper age). */
export const DECEASED_BIRTH_DATE = {
  partial: true,
  plausible: { when: "past" },
} as const satisfies Partial<FieldInput>;

/** A personal-number field tied to the birth date and sex fields of the same person (`<prefix>.birthDate`, `<prefix>.sex`). */
export const personOf = (prefix: string) =>
  ({ person: { birthDate: `${prefix}.birthDate`, sex: `${prefix}.sex` } }) as const;

/** Marriage and Family Law 2014, Art. 8(1)(a): a man from full 20 years, a woman from full 18. */
export const MARRIAGE_AGE = (sexField: string) =>
  ({
    M: 20,
    F: 18,
    sexField,
    basisVi: "Luật Hôn nhân và gia đình 2014, Điều 8",
    basisEn: "Marriage and Family Law 2014, Art. 8",
  }) as const;

export const VIETNAM_ONLY = [{ value: "VN", labelVi: "Việt Nam", labelEn: "Vietnam" }];

/** Files a citizen may upload: PDF or a photo, at most 5 MB. */
export const SCAN = {
  accept: ["application/pdf", "image/jpeg", "image/png"] as Array<
    "application/pdf" | "image/jpeg" | "image/png"
  >,
  maxBytes: 5 * 1024 * 1024,
};

export const from = (subject: PrefillBinding["subject"], path: string): PrefillBinding => ({ subject, path });

/** A field whose value comes from a registry (shown read-only, never typed). */
export function pre(
  key: string,
  labelVi: string,
  labelEn: string,
  type: FieldInput["type"],
  prefill: PrefillBinding,
  extra: Partial<FieldInput> = {},
): FieldInput {
  return {
    key,
    labelVi,
    labelEn,
    type,
    required: true,
    prefill,
    ...extra,
  };
}

/** A field the citizen types or picks. */
export function typed(
  key: string,
  labelVi: string,
  labelEn: string,
  type: FieldInput["type"],
  extra: Partial<FieldInput> = {},
): FieldInput {
  return { key, labelVi, labelEn, type, required: true, ...extra };
}

/** The sworn statement every civil-status declaration ends with. */
export function sworn(key = "declaration.sworn"): FieldInput {
  return typed(
    key,
    "Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật về lời khai của mình.",
    "I declare that the above is true and I am responsible before the law for this declaration.",
    "checkbox",
  );
}

/**
 * The authority addressed ("Kính gửi"): the commune that decides the dossier. Prefilled from the
 * applicant's permanent residence; where the dossier is filed at another commune (a counter taking
 * in a resident of another commune, a commune the citizen chose), filing addresses that commune
 * instead (dossiers' create).
 */
export function authority(prefill: PrefillBinding = from("applicant", "permanentCommuneCode")): FieldInput {
  return pre(
    "authority.commune",
    "Kính gửi (xã, phường nơi nộp)",
    "Addressed to (commune)",
    "commune",
    prefill,
    {
      helpVi: "Hệ thống chọn theo nơi thường trú của bạn.",
      helpEn: "Chosen from your permanent residence.",
    },
  );
}

/** CT01 declarant block: full name, date of birth, sex, personal number, phone, e-mail (6 fields). */
export function ct01Applicant(): FieldInput[] {
  const a = (p: string) => from("applicant", p);
  return [
    pre("applicant.fullName", "Họ, chữ đệm và tên", "Full name", "text", a("fullName"), NAME),
    pre("applicant.birthDate", "Ngày, tháng, năm sinh", "Date of birth", "date", a("birthDate"), BIRTH_DATE),
    pre("applicant.sex", "Giới tính", "Sex", "select", a("sex"), { options: SEX_OPTIONS }),
    pre(
      "applicant.personalNumber",
      "Số định danh cá nhân",
      "Personal number",
      "personalNumber",
      a("personalNumber"),
      personOf("applicant"),
    ),
    pre("applicant.phone", "Số điện thoại liên hệ", "Phone", "phone", a("phone"), { required: false }),
    pre("applicant.email", "Thư điện tử", "E-mail", "email", a("email"), { required: false }),
  ];
}

/** Requester block of civil-status declarations: full name, personal number, residence (3 fields). */
export function requester(): FieldInput[] {
  const a = (p: string) => from("applicant", p);
  return [
    pre(
      "requester.fullName",
      "Họ, chữ đệm, tên người yêu cầu",
      "Requester's full name",
      "text",
      a("fullName"),
      NAME,
    ),
    pre(
      "requester.personalNumber",
      "Số định danh cá nhân của người yêu cầu",
      "Requester's personal number",
      "personalNumber",
      a("personalNumber"),
    ),
    pre("requester.residence", "Nơi cư trú", "Residence", "text", a("permanentAddress")),
  ];
}

/** The requester's identity is read from the population registry: nothing to upload. */
export const IDENTITY_FROM_DATA: ComponentInput = {
  key: "requesterIdentity",
  nameVi: "Giấy tờ tùy thân của người yêu cầu",
  nameEn: "Requester's identity document",
  kind: "data",
  replacedBy: {
    kind: "registry",
    ref: "identity",
    // Said the same to the citizen online and to the officer at the counter (no one signs in there).
    descriptionVi: "Lấy từ Cơ sở dữ liệu quốc gia về dân cư theo số định danh cá nhân của người yêu cầu.",
    descriptionEn: "Read from the national population database by the requester's personal number.",
  },
};

export function step(
  key: string,
  role: StepInput["role"],
  limit: StepInput["limit"],
  vi: string,
  en: string,
) {
  return { key, role, limit, nameVi: vi, nameEn: en } satisfies StepInput;
}

export const RECEIVE = (limit: StepInput["limit"] = { workingHours: 1 }) =>
  step("receive", "receiver", limit, "Tiếp nhận, kiểm tra hồ sơ", "Receive and check the dossier");

const WHEN_BANK = { field: "payout.method", equals: "bank" };

/**
 * How an allowance is received: a bank transfer (the account and the bank, asked only then; the
 * account 6 to 20 digits) or cash at the place named (`cash`).
 */
export function payout(cash: { vi: string; en: string }): FieldInput[] {
  return [
    typed("payout.method", "Cách nhận tiền", "How to receive the money", "select", {
      options: [
        { value: "bank", labelVi: "Chuyển khoản ngân hàng", labelEn: "Bank transfer" },
        { value: "cash", labelVi: cash.vi, labelEn: cash.en },
      ],
    }),
    typed("payout.accountNumber", "Số tài khoản", "Account number", "text", {
      required: WHEN_BANK,
      visibleWhen: WHEN_BANK,
      pattern: "^[0-9]{6,20}$",
    }),
    typed("payout.bank", "Ngân hàng", "Bank", "text", {
      required: WHEN_BANK,
      visibleWhen: WHEN_BANK,
      maxLength: 100,
    }),
  ];
}
