import type { ProcedureDefinitionInput } from "../../../domain/procedure.js";
import {
  authority,
  COMMUNE_COMMITTEE,
  type ComponentInput,
  DECEASED_BIRTH_DATE,
  from,
  IDENTITY_FROM_DATA,
  NAME,
  personOf,
  pre,
  RECEIVE,
  requester,
  SCAN,
  SEX_OPTIONS,
  step,
  sworn,
  typed,
} from "./common.js";

const dn = (path: string) => from("deathNotice", path);

/** Local code of the starter death registration; other procedures reuse its result. */
export const DEATH_REGISTRATION_CODE = "LOCAL.KHAI-TU";

/**
 * Đăng ký khai tử. No verified national code: local code. Paper declaration (Circular 04/2020/TT-BTP
 * amended 04/2024): 19 fields = authority 1; requester: full name, residence, personal number,
 * relationship to the deceased 4; deceased: full name, date of birth, sex, ethnicity, nationality,
 * residence, personal number 7; time of death 1; place of death 1; cause 1; death notice reference
 * 1; sworn statement 1; place and date 1; signature 1.
 * Online: the deceased's details come from the death notice; ethnicity and nationality are read
 * from the population registry through the personal number; the death notice reference is a data
 * component. Typed: relationship and sworn statement (2).
 */
export const deathRegistration: ProcedureDefinitionInput = {
  code: DEATH_REGISTRATION_CODE,
  codeVerified: false,
  nameVi: "Đăng ký khai tử",
  nameEn: "Death registration",
  summaryVi:
    "Khai tử cho người thân đã mất. Thông tin người mất, thời gian, nơi mất và nguyên nhân được lấy từ giấy báo tử; bạn chỉ cần chọn quan hệ với người mất và xác nhận. Có thể làm liên thông cùng xóa đăng ký thường trú và hưởng mai táng phí. Thời hạn: trong ngày làm việc (thời hạn khi làm liên thông chưa được xác nhận).",
  summaryEn:
    "Register the death of a relative. The deceased's details, time, place and cause of death come from the death notice; you only choose your relationship and confirm. Can be linked with residence deregistration and the funeral allowance. Time limit: the same working day (the limit within the linked group is unconfirmed).",
  keywords: [
    "khai tử",
    "khai tu",
    "đăng ký khai tử",
    "dang ky khai tu",
    "giấy chứng tử",
    "giay chung tu",
    "trích lục khai tử",
    "trich luc khai tu",
    "người thân mất",
    "nguoi than mat",
    "báo tử",
    "bao tu",
    "death certificate",
  ],
  field: "civil_status",
  level: "commune",
  agency: COMMUNE_COMMITTEE,
  linkedGroup: "death",
  // Unconfirmed: Decree 63/2024 states no limit we could verify for the death group. Data, not code.
  timeLimit: { workingDays: 0 },
  paperFieldCount: 19,
  form: [
    authority(),
    ...requester(),
    typed("requester.relationship", "Quan hệ với người đã mất", "Relationship to the deceased", "select", {
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
      // From the registries (parents named on the records, the household, the marriage record).
      prefill: from("deathNotice", "applicantRelationship"),
    }),
    pre(
      "deceased.fullName",
      "Họ, chữ đệm, tên người đã mất",
      "Deceased's full name",
      "text",
      dn("deceasedName"),
      NAME,
    ),
    pre(
      "deceased.personalNumber",
      "Số định danh cá nhân của người đã mất",
      "Deceased's personal number",
      "personalNumber",
      dn("deceasedNumber"),
      personOf("deceased"),
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
    pre("deceased.residence", "Nơi cư trú cuối cùng", "Last residence", "text", dn("deceasedResidence")),
    pre("death.at", "Thời gian chết", "Time of death", "datetime", dn("diedAt"), {
      plausible: { when: "past", notBefore: ["deceased.birthDate"] },
    }),
    pre("death.place", "Nơi chết", "Place of death", "text", dn("place")),
    pre("death.cause", "Nguyên nhân chết", "Cause of death", "text", dn("cause"), { required: false }),
    sworn(),
  ],
  components: [
    {
      key: "deathNotice",
      nameVi: "Giấy báo tử hoặc giấy tờ thay giấy báo tử",
      nameEn: "Death notice or a document replacing it",
      kind: "upload",
      ...SCAN,
      replacedBy: {
        kind: "registry",
        ref: "deathNotice",
        descriptionVi: "Giấy báo tử điện tử do cơ sở y tế hoặc cơ quan có thẩm quyền gửi.",
        descriptionEn: "The electronic death notice sent by the health facility or authority.",
      },
    },
    IDENTITY_FROM_DATA,
  ],
  steps: [
    RECEIVE(),
    step(
      "review",
      "specialist",
      { workingHours: 4 },
      "Kiểm tra, ghi sổ hộ tịch",
      "Check and enter in the register",
    ),
    step("sign", "approver", { workingHours: 2 }, "Ký trích lục khai tử", "Sign the death extract"),
  ],
  fee: {
    amount: 0,
    noteVi: "Miễn lệ phí đăng ký khai tử đúng hạn.",
    noteEn: "Registering a death on time is free.",
  },
  result: {
    kind: "death_extract",
    nameVi: "Trích lục khai tử (bản điện tử)",
    nameEn: "Death registration extract (electronic)",
    electronic: true,
  },
  fullyOnline: true,
};

/** The death extract a procedure after a death asks for: replaced by the electronic result (nothing to upload). */
export const DEATH_EXTRACT: ComponentInput = {
  key: "deathExtract",
  nameVi: "Trích lục khai tử",
  nameEn: "Death registration extract",
  kind: "upload",
  ...SCAN,
  replacedBy: {
    kind: "result",
    ref: DEATH_REGISTRATION_CODE,
    descriptionVi: "Dùng kết quả đăng ký khai tử điện tử, không cần tải lên.",
    descriptionEn: "The electronic death registration result is used; nothing to upload.",
  },
};
