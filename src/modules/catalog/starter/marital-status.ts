import type { ProcedureDefinitionInput } from "../../../domain/procedure.js";
import {
  authority,
  BIRTH_DATE,
  COMMUNE_COMMITTEE,
  from,
  IDENTITY_FROM_DATA,
  NAME,
  personOf,
  pre,
  RECEIVE,
  SCAN,
  SEX_OPTIONS,
  step,
  sworn,
  typed,
} from "./common.js";

const a = (path: string) => from("applicant", path);

/**
 * Cấp giấy xác nhận tình trạng hôn nhân. No verified national code: local code. Paper declaration
 * (Circular 04/2020/TT-BTP): 19 fields = authority 1; requester: full name, residence, identity
 * document, relationship to the person 4; person confirmed: full name, date of birth, sex,
 * ethnicity, nationality, identity document, residence, period of residence, marital status,
 * purpose of use 10; number of copies 1; sworn statement 1; place and date 1; signature 1
 * (our count).
 * Online: a person asks for their own confirmation, so the requester block merges with the person's
 * own data from the population registry. Typed: purpose, copies, sworn (3); the marital status is
 * read from the civil-status registry when it holds a marriage, else chosen, and never contradicts
 * the register (the eligibility rule: Decree 123/2015/NĐ-CP, Art. 21-22). Starter version 3
 * (`STARTER_VERSIONS`): version 1 let a married person declare "single"; version 2's summary said
 * the citizen chooses the status the register holds.
 */
export const maritalStatus: ProcedureDefinitionInput = {
  code: "LOCAL.XAC-NHAN-TTHN",
  codeVerified: false,
  nameVi: "Cấp giấy xác nhận tình trạng hôn nhân",
  nameEn: "Confirmation of marital status",
  summaryVi:
    "Xin giấy xác nhận tình trạng hôn nhân (giấy xác nhận độc thân), ví dụ để đăng ký kết hôn hoặc mua bán nhà đất. Thông tin của bạn được lấy sẵn; tình trạng hôn nhân lấy từ Sổ hộ tịch (đã kết hôn, đã ly hôn, vợ hoặc chồng đã chết), chỉ khi Sổ hộ tịch chưa ghi việc kết hôn nào bạn mới tự khai. Bạn ghi mục đích sử dụng.",
  summaryEn:
    "Get a confirmation of marital status (proof of being single), e.g. to marry or to buy property. Your details are filled in; your marital status comes from the civil-status register (married, divorced, widowed), and you declare it only when the register holds no marriage of yours. You state the purpose.",
  keywords: [
    "giấy xác nhận độc thân",
    "giay xac nhan doc than",
    "xác nhận tình trạng hôn nhân",
    "xac nhan tinh trang hon nhan",
    "giấy độc thân",
    "giay doc than",
    "chứng nhận độc thân",
    "chung nhan doc than",
    "marital status",
    "single status certificate",
  ],
  field: "civil_status",
  level: "commune",
  agency: COMMUNE_COMMITTEE,
  timeLimit: { workingDays: 3 },
  paperFieldCount: 19,
  form: [
    authority(),
    pre("person.fullName", "Họ, chữ đệm và tên", "Full name", "text", a("fullName"), NAME),
    pre("person.birthDate", "Ngày, tháng, năm sinh", "Date of birth", "date", a("birthDate"), BIRTH_DATE),
    pre("person.sex", "Giới tính", "Sex", "select", a("sex"), { options: SEX_OPTIONS }),
    pre("person.ethnicity", "Dân tộc", "Ethnicity", "text", a("ethnicity")),
    pre("person.nationality", "Quốc tịch", "Nationality", "text", a("nationality")),
    pre(
      "person.personalNumber",
      "Số định danh cá nhân",
      "Personal number",
      "personalNumber",
      a("personalNumber"),
      personOf("person"),
    ),
    pre("person.residence", "Nơi cư trú", "Residence", "text", a("permanentAddress")),
    // Read-only when the civil-status registry holds a marriage ("married"; "divorced" or
    // "widowed" once its end is noted); else the citizen declares, checked by the rule below.
    pre("person.maritalStatus", "Tình trạng hôn nhân", "Marital status", "select", a("maritalStatus"), {
      helpVi:
        "Lấy từ Sổ hộ tịch khi Sổ đã ghi việc kết hôn (và việc ly hôn, hoặc vợ, chồng đã chết); nếu Sổ hộ tịch chưa ghi việc kết hôn nào, bạn tự khai.",
      helpEn:
        "From the civil-status register when it holds a marriage (and its divorce or the spouse's death); you declare it only when the register holds no marriage of yours.",
      options: [
        { value: "single", labelVi: "Chưa đăng ký kết hôn với ai", labelEn: "Never married" },
        { value: "divorced", labelVi: "Đã ly hôn", labelEn: "Divorced" },
        { value: "widowed", labelVi: "Vợ hoặc chồng đã chết", labelEn: "Widowed" },
        { value: "married", labelVi: "Đang có vợ hoặc chồng", labelEn: "Married" },
      ],
    }),
    typed("purpose", "Mục đích sử dụng", "Purpose of use", "textarea", {
      minLength: 3,
      maxLength: 500,
      helpVi: "Ví dụ: để đăng ký kết hôn với ông/bà..., để làm thủ tục mua bán nhà đất.",
      helpEn: "E.g. to marry Mr/Ms..., for a property sale.",
    }),
    typed("copies", "Số bản đề nghị cấp", "Number of copies", "number", { min: 1, max: 10, integer: true }),
    sworn(),
  ],
  components: [
    {
      key: "endOfMarriageProof",
      nameVi: "Giấy tờ chứng minh đã ly hôn hoặc vợ, chồng đã chết",
      nameEn: "Proof of divorce or of the spouse's death",
      kind: "upload",
      required: { field: "person.maritalStatus", in: ["divorced", "widowed"] },
      ...SCAN,
      replacedBy: {
        kind: "registry",
        ref: "marriageRecord",
        descriptionVi: "Tra cứu việc ly hôn hoặc khai tử trong Cơ sở dữ liệu hộ tịch điện tử.",
        descriptionEn: "The divorce or death is looked up in the civil-status database.",
      },
    },
    IDENTITY_FROM_DATA,
  ],
  steps: [
    RECEIVE({ workingHours: 2 }),
    step("verify", "specialist", { workingDays: 2 }, "Kiểm tra, xác minh", "Check and verify"),
    step("sign", "approver", { workingHours: 4 }, "Ký giấy xác nhận", "Sign the confirmation"),
  ],
  fee: {
    amount: 15_000,
    onlineDiscountPercent: 50,
    noteVi: "Mức minh họa: Hội đồng nhân dân cấp tỉnh quyết định mức thu.",
    noteEn: "Illustrative: each provincial council sets the fee.",
  },
  result: {
    kind: "marital_status_confirmation",
    nameVi: "Giấy xác nhận tình trạng hôn nhân (bản điện tử)",
    nameEn: "Confirmation of marital status (electronic)",
    electronic: true,
  },
  fullyOnline: true,
  // The confirmation states what the register holds: a registered marriage is never "single".
  eligibility: [{ person: "applicant", maritalStatus: { field: "person.maritalStatus" } }],
};
