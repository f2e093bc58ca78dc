import type { ProcedureDefinitionInput } from "../../../domain/procedure.js";
import {
  from,
  LIVING_MAX_YEARS,
  NAME,
  pre,
  RECEIVE,
  SCAN,
  SEX_OPTIONS,
  SOCIAL_SECURITY,
  step,
  typed,
  VIETNAM_ONLY,
} from "./common.js";

const a = (path: string) => from("applicant", path);
const child = (path: string) => from("child", path);

/**
 * Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi. No verified national code: local code.
 * Paper: the participation declaration (TK1-TS) as used for a young child, 14 fields (our count of
 * the parts that apply, unverified): child's full name, date of birth, sex, nationality,
 * ethnicity, place of birth registration, residence, personal number 8; phone 1; parent or
 * guardian's name and personal number 2; initial health-care facility 1; request 1; signature 1.
 * Online: once the child's birth is registered (and written back to the population registry), the
 * child's name, personal number, date of birth, sex, nationality, ethnicity and the commune where
 * the birth was registered come from the child's record (prefill subject `child`), the parent's
 * details from the applicant's; the child's current card number (a re-issue) from the insurance
 * registry, once a card was issued and written back; 1 field is typed.
 */
export const childHealthInsurance: ProcedureDefinitionInput = {
  code: "LOCAL.BHYT-TE",
  codeVerified: false,
  nameVi: "Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
  nameEn: "Health-insurance card for a child under 6",
  summaryVi:
    "Làm thẻ bảo hiểm y tế miễn phí cho con dưới 6 tuổi. Ngày sinh, giới tính của con và thông tin của cha mẹ được lấy sẵn; bạn chọn nơi khám chữa bệnh ban đầu. Thẻ điện tử có trên VssID và VNeID trong 2 ngày làm việc.",
  summaryEn:
    "Get a free health-insurance card for your child under 6. The child's date of birth and sex and the parent's details are filled in; you choose the initial health-care facility. The electronic card appears in VssID and VNeID within 2 working days.",
  keywords: [
    "bảo hiểm y tế cho bé",
    "bao hiem y te cho be",
    "thẻ bảo hiểm y tế trẻ em",
    "the bao hiem y te tre em",
    "bhyt cho con",
    "thẻ bhyt",
    "the bhyt",
    "bảo hiểm y tế trẻ dưới 6 tuổi",
    "bao hiem y te tre duoi 6 tuoi",
    "health insurance card child",
  ],
  field: "health_insurance",
  level: "commune",
  agency: SOCIAL_SECURITY,
  linkedGroup: "birth",
  timeLimit: { workingDays: 2 },
  paperFieldCount: 14,
  form: [
    pre("child.fullName", "Họ, chữ đệm và tên của con", "Child's full name", "text", child("fullName"), {
      ...NAME,
      minLength: 2,
      maxLength: 100,
      helpVi: "Ghi đúng như trong giấy khai sinh.",
      helpEn: "Exactly as in the birth registration.",
    }),
    pre(
      "child.personalNumber",
      "Số định danh cá nhân của con",
      "Child's personal number",
      "personalNumber",
      child("personalNumber"),
      {
        person: { birthDate: "child.birthDate", sex: "child.sex" },
        helpVi: "Số được cấp khi đăng ký khai sinh.",
        helpEn: "The number given at birth registration.",
      },
    ),
    pre(
      "child.healthInsuranceNumber",
      "Mã thẻ bảo hiểm y tế hiện có của con",
      "Child's current health-insurance card number",
      "text",
      child("healthInsuranceNumber"),
      {
        required: false,
        maxLength: 15,
        helpVi: "Có sẵn khi con đã được cấp thẻ (cấp lại, đổi thẻ). Để trống nếu chưa có.",
        helpEn: "Filled in when the child already has a card (re-issue, exchange). Empty if none.",
      },
    ),
    pre("child.birthDate", "Ngày, tháng, năm sinh", "Date of birth", "date", child("birthDate"), {
      plausible: { when: "past", maxYearsAgo: LIVING_MAX_YEARS },
      partial: true,
    }),
    pre("child.sex", "Giới tính", "Sex", "select", child("sex"), { options: SEX_OPTIONS }),
    pre("child.nationality", "Quốc tịch", "Nationality", "select", child("nationalityCode"), {
      options: VIETNAM_ONLY,
    }),
    pre("child.ethnicity", "Dân tộc", "Ethnicity", "text", child("ethnicity"), { maxLength: 50 }),
    pre(
      "child.birthRegistrationCommune",
      "Nơi đăng ký khai sinh (xã, phường)",
      "Where the birth was registered (commune)",
      "commune",
      child("birthRegistrationCommune"),
    ),
    pre("child.residence", "Nơi cư trú", "Residence", "text", a("permanentAddress")),
    pre("parent.phone", "Số điện thoại liên hệ", "Contact phone", "phone", a("phone"), { required: false }),
    pre(
      "parent.fullName",
      "Họ và tên cha, mẹ hoặc người giám hộ",
      "Parent or guardian's name",
      "text",
      a("fullName"),
      NAME,
    ),
    pre(
      "parent.personalNumber",
      "Số định danh cá nhân của cha, mẹ hoặc người giám hộ",
      "Parent or guardian's personal number",
      "personalNumber",
      a("personalNumber"),
    ),
    typed(
      "healthcare.facility",
      "Nơi đăng ký khám bệnh, chữa bệnh ban đầu",
      "Initial health-care facility",
      "text",
      {
        maxLength: 200,
        helpVi: "Ví dụ: Trạm y tế xã, phường nơi bạn ở.",
        helpEn: "E.g. the health station of your commune.",
      },
    ),
  ],
  components: [
    {
      key: "birthExtract",
      nameVi: "Giấy khai sinh hoặc trích lục khai sinh",
      nameEn: "Birth registration extract",
      kind: "upload",
      ...SCAN,
      replacedBy: {
        kind: "result",
        ref: "1.001193",
        descriptionVi: "Dùng kết quả đăng ký khai sinh điện tử, không cần tải lên.",
        descriptionEn: "The electronic birth registration result is used; nothing to upload.",
      },
    },
  ],
  steps: [
    RECEIVE({ workingHours: 4 }),
    step("issue", "agency_officer", { workingDays: 1 }, "Kiểm tra, cấp thẻ", "Check and issue the card"),
  ],
  fee: {
    amount: 0,
    noteVi: "Miễn phí: ngân sách nhà nước đóng bảo hiểm y tế cho trẻ em dưới 6 tuổi.",
    noteEn: "Free: the state pays health insurance for children under 6.",
  },
  result: {
    kind: "health_insurance_card",
    nameVi: "Thẻ bảo hiểm y tế điện tử",
    nameEn: "Electronic health-insurance card",
    electronic: true,
  },
  fullyOnline: true,
};
