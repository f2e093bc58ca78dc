import type { ProcedureDefinitionInput } from "../../../domain/procedure.js";
import {
  BIRTH_DATE,
  DECEASED_BIRTH_DATE,
  from,
  IDENTITY_FROM_DATA,
  LABOUR_SOCIAL,
  NAME,
  payout,
  personOf,
  pre,
  RECEIVE,
  SEX_OPTIONS,
  step,
  sworn,
  typed,
} from "./common.js";
import { DEATH_EXTRACT } from "./death-registration.js";

const a = (path: string) => from("applicant", path);
const dn = (path: string) => from("deathNotice", path);

/**
 * Hỗ trợ chi phí mai táng (mai táng phí). No verified national code: local code.
 * Paper: the application for funeral support (our count, unverified), 20 fields = organiser: full
 * name, date of birth, personal number, residence, phone, relationship 6; deceased: full name, date
 * of birth, sex, personal number, residence, date of death, cause 7; beneficiary category 1; how to
 * receive 1; bank account and bank 2; sworn statement 1; place and date 1; signature 1.
 * Online: organiser from the population registry, deceased from the death notice, the relationship
 * from the records and the household when they say it, the category from the allowances registry
 * when the deceased drew a monthly social allowance. Typed: the relationship and the category (when
 * the registries do not say), payout method, account, bank and sworn statement (6).
 */
export const funeralAllowance: ProcedureDefinitionInput = {
  code: "LOCAL.MAI-TANG-PHI",
  codeVerified: false,
  nameVi: "Hỗ trợ chi phí mai táng",
  nameEn: "Funeral allowance",
  summaryVi:
    "Đề nghị hỗ trợ chi phí mai táng khi người thân là đối tượng được hưởng (bảo trợ xã hội, người có công...) qua đời. Thông tin người mất được lấy từ giấy báo tử; trích lục khai tử điện tử được dùng thay giấy tờ. Tiền hỗ trợ có thể nhận qua tài khoản ngân hàng. Thời hạn chưa được xác nhận.",
  summaryEn:
    "Apply for the funeral allowance when a relative entitled to it (social assistance, people with merit...) dies. The deceased's details come from the death notice; the electronic death extract replaces paper. The money can be paid to a bank account. Time limit unconfirmed.",
  keywords: [
    "mai táng phí",
    "mai tang phi",
    "hỗ trợ mai táng",
    "ho tro mai tang",
    "tiền mai táng",
    "tien mai tang",
    "chi phí mai táng",
    "chi phi mai tang",
    "tiền ma chay",
    "tien ma chay",
    "funeral allowance",
  ],
  field: "social_assistance",
  level: "commune",
  agency: LABOUR_SOCIAL,
  linkedGroup: "death",
  // Unconfirmed (3 working days as we read Decree 20/2021, Art. 11): data, never shown to citizens as law.
  timeLimit: { workingDays: 3, confirmed: false },
  paperFieldCount: 20,
  form: [
    pre(
      "organiser.fullName",
      "Họ và tên người tổ chức mai táng",
      "Funeral organiser's full name",
      "text",
      a("fullName"),
      NAME,
    ),
    pre("organiser.birthDate", "Ngày, tháng, năm sinh", "Date of birth", "date", a("birthDate"), BIRTH_DATE),
    pre(
      "organiser.personalNumber",
      "Số định danh cá nhân",
      "Personal number",
      "personalNumber",
      a("personalNumber"),
      { person: { birthDate: "organiser.birthDate" } },
    ),
    pre("organiser.residence", "Nơi cư trú", "Residence", "text", a("permanentAddress")),
    pre("organiser.phone", "Số điện thoại", "Phone", "phone", a("phone"), { required: false }),
    typed("organiser.relationship", "Quan hệ với người đã mất", "Relationship to the deceased", "select", {
      options: [
        { value: "spouse", labelVi: "Vợ, chồng", labelEn: "Spouse" },
        { value: "child", labelVi: "Con", labelEn: "Child" },
        { value: "parent", labelVi: "Cha, mẹ", labelEn: "Parent" },
        { value: "relative", labelVi: "Người thân khác", labelEn: "Other relative" },
        {
          value: "other",
          labelVi: "Người khác, cơ quan, tổ chức",
          labelEn: "Someone else or an organisation",
        },
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
    pre("deceased.residence", "Nơi cư trú", "Residence", "text", dn("deceasedResidence")),
    pre("deceased.diedDate", "Ngày chết", "Date of death", "date", dn("diedDate"), {
      plausible: { when: "past", notBefore: ["deceased.birthDate"] },
    }),
    pre("deceased.cause", "Nguyên nhân chết", "Cause of death", "text", dn("cause"), { required: false }),
    typed("deceased.category", "Người mất thuộc đối tượng", "The deceased was", "select", {
      options: [
        {
          value: "social_assistance",
          labelVi: "Hưởng trợ cấp xã hội hằng tháng",
          labelEn: "A monthly social-assistance beneficiary",
        },
        {
          value: "merit",
          labelVi: "Người có công với cách mạng",
          labelEn: "A person with merit to the revolution",
        },
        {
          value: "elderly",
          labelVi: "Người cao tuổi không có lương hưu",
          labelEn: "An elderly person without a pension",
        },
        { value: "other", labelVi: "Đối tượng khác theo quy định", labelEn: "Another entitled person" },
      ],
      // From the allowances registry when the deceased drew a monthly social allowance when they
      // died (Decree 20/2021/NĐ-CP, Art. 11); the citizen chooses otherwise, checked by `eligibility`.
      prefill: dn("monthlyBeneficiary"),
    }),
    ...payout({ vi: "Nhận tiền mặt tại xã, phường", en: "Cash at the commune office" }),
    sworn(),
  ],
  components: [DEATH_EXTRACT, IDENTITY_FROM_DATA],
  // "A monthly social-assistance beneficiary" for a deceased the allowances registry records no
  // monthly allowance of: a warning to the citizen and the officer, not a refusal (the officer checks).
  eligibility: [
    {
      person: { field: "deceased.personalNumber" },
      identity: { fullName: "deceased.fullName", birthDate: "deceased.birthDate" },
      monthlyAllowance: { field: "deceased.category", value: "social_assistance" },
      severity: "warning",
    },
  ],
  steps: [
    RECEIVE({ workingHours: 4 }),
    step("review", "specialist", { workingDays: 1 }, "Kiểm tra đối tượng được hưởng", "Check entitlement"),
    step("decide", "approver", { workingDays: 1 }, "Quyết định hỗ trợ, chi trả", "Decide and pay"),
  ],
  fee: { amount: 0, noteVi: "Không thu phí.", noteEn: "No fee." },
  result: {
    kind: "allowance_decision",
    nameVi: "Quyết định hỗ trợ chi phí mai táng",
    nameEn: "Funeral allowance decision",
    electronic: true,
  },
  fullyOnline: true,
};
