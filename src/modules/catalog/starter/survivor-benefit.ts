import type { ProcedureDefinitionInput } from "../../../domain/procedure.js";
import {
  DECEASED_BIRTH_DATE,
  from,
  IDENTITY_FROM_DATA,
  NAME,
  payout,
  personOf,
  pre,
  RECEIVE,
  SEX_OPTIONS,
  SOCIAL_SECURITY,
  step,
  sworn,
  typed,
} from "./common.js";
import { DEATH_EXTRACT } from "./death-registration.js";

const a = (path: string) => from("applicant", path);
const dn = (path: string) => from("deathNotice", path);

/** The survivor benefit's procedure code (local: no verified national code). */
export const SURVIVOR_BENEFIT_CODE = "LOCAL.TRO-CAP-TUAT";

/**
 * Giải quyết trợ cấp tuất (survivor benefit) after the death of a person who paid social insurance
 * or drew a pension: Law on Social Insurance 2024 (Law 41/2024/QH15, in force 1 July 2025),
 * Art. 86–88 (monthly survivor benefit and who is entitled) and Art. 89–90 (one-time benefit),
 * paid by social security. No verified national code: local code. Time limit unconfirmed (5
 * working days as data). Paper: the survivor's declaration (our count, unverified), 19 fields =
 * claimant: name, birth date, personal number, residence, phone, relationship 6; deceased: name,
 * birth date, sex, personal number, date of death, social-insurance number 6; benefit kind 1; how
 * to receive 1; account and bank 2; sworn statement 1; place and date 1; signature 1.
 * Online: claimant from the population registry, deceased from the death notice, the relationship
 * from the records and the household when they say it. Typed: the relationship (when they do not),
 * social-insurance number, benefit kind, payout method, account, bank, sworn (7).
 */
export const survivorBenefit: ProcedureDefinitionInput = {
  code: SURVIVOR_BENEFIT_CODE,
  codeVerified: false,
  nameVi: "Giải quyết hưởng trợ cấp tuất",
  nameEn: "Survivor benefit",
  summaryVi:
    "Đề nghị hưởng trợ cấp tuất (một lần hoặc hằng tháng) khi người thân đang đóng hoặc đang hưởng bảo hiểm xã hội qua đời (Luật Bảo hiểm xã hội 2024). Thông tin người mất được lấy từ giấy báo tử; trích lục khai tử điện tử được dùng thay giấy tờ. Tiền được chuyển vào tài khoản ngân hàng. Thời hạn chưa được xác nhận.",
  summaryEn:
    "Apply for the survivor benefit (one-time or monthly) when a relative who paid into or drew social insurance dies (Law on Social Insurance 2024). The deceased's details come from the death notice; the electronic death extract replaces paper. The money is paid to a bank account. Time limit unconfirmed.",
  keywords: [
    "trợ cấp tuất",
    "tro cap tuat",
    "tuất một lần",
    "tuat mot lan",
    "tuất hằng tháng",
    "tuat hang thang",
    "chế độ tử tuất",
    "che do tu tuat",
    "survivor benefit",
  ],
  field: "social_insurance",
  // Filed at the commune, like the child's health-insurance card; decided by the province's social security.
  level: "commune",
  agency: SOCIAL_SECURITY,
  linkedGroup: "death",
  // Unconfirmed: data, never shown to citizens as law.
  timeLimit: { workingDays: 5, confirmed: false },
  paperFieldCount: 19,
  form: [
    pre("claimant.fullName", "Họ và tên người đề nghị", "Claimant's full name", "text", a("fullName"), NAME),
    pre("claimant.birthDate", "Ngày, tháng, năm sinh", "Date of birth", "date", a("birthDate"), {
      partial: true,
      plausible: { when: "past", maxYearsAgo: 120 },
    }),
    pre(
      "claimant.personalNumber",
      "Số định danh cá nhân",
      "Personal number",
      "personalNumber",
      a("personalNumber"),
      { person: { birthDate: "claimant.birthDate" } },
    ),
    pre("claimant.residence", "Nơi cư trú", "Residence", "text", a("permanentAddress")),
    pre("claimant.phone", "Số điện thoại", "Phone", "phone", a("phone"), { required: false }),
    typed("claimant.relationship", "Quan hệ với người đã mất", "Relationship to the deceased", "select", {
      options: [
        { value: "spouse", labelVi: "Vợ, chồng", labelEn: "Spouse" },
        { value: "child", labelVi: "Con", labelEn: "Child" },
        { value: "parent", labelVi: "Cha, mẹ", labelEn: "Parent" },
        { value: "relative", labelVi: "Thân nhân khác", labelEn: "Other dependant" },
      ],
      // From the registries, as on the death registration (parents named on the records, the
      // household, the marriage record); chosen by the citizen when they do not say.
      prefill: dn("applicantRelationship"),
    }),
    pre(
      "deceased.fullName",
      "Họ và tên người đã mất",
      "Deceased's full name",
      "text",
      dn("deceasedName"),
      NAME,
    ),
    pre(
      "deceased.birthDate",
      "Ngày, tháng, năm sinh",
      "Date of birth",
      "date",
      dn("deceasedBirthDate"),
      DECEASED_BIRTH_DATE,
    ),
    pre("deceased.sex", "Giới tính", "Sex", "select", dn("deceasedSex"), { options: SEX_OPTIONS }),
    pre(
      "deceased.personalNumber",
      "Số định danh cá nhân",
      "Personal number",
      "personalNumber",
      dn("deceasedNumber"),
      personOf("deceased"),
    ),
    pre("deceased.diedDate", "Ngày chết", "Date of death", "date", dn("diedDate"), {
      plausible: { when: "past", notBefore: ["deceased.birthDate"] },
    }),
    typed("deceased.insuranceNumber", "Mã số bảo hiểm xã hội", "Social-insurance number", "text", {
      required: false,
      pattern: "^[0-9]{10}$",
    }),
    typed("benefit.kind", "Chế độ đề nghị", "Benefit applied for", "select", {
      options: [
        { value: "one_time", labelVi: "Trợ cấp tuất một lần", labelEn: "One-time survivor benefit" },
        { value: "monthly", labelVi: "Trợ cấp tuất hằng tháng", labelEn: "Monthly survivor benefit" },
      ],
    }),
    ...payout({ vi: "Nhận tiền mặt tại bưu điện", en: "Cash at the post office" }),
    sworn(),
  ],
  components: [DEATH_EXTRACT, IDENTITY_FROM_DATA],
  steps: [
    RECEIVE({ workingHours: 4 }),
    step(
      "decide",
      "agency_officer",
      { workingDays: 4 },
      "Xét duyệt, quyết định trợ cấp tuất",
      "Decide the benefit",
    ),
  ],
  fee: { amount: 0, noteVi: "Không thu phí.", noteEn: "No fee." },
  result: {
    kind: "allowance_decision",
    nameVi: "Quyết định hưởng trợ cấp tuất",
    nameEn: "Survivor benefit decision",
    electronic: true,
  },
  fullyOnline: true,
};
