import type { ProcedureDefinitionInput } from "../../../domain/procedure.js";
import {
  authority,
  COMMUNE_COMMITTEE,
  type FieldInput,
  from,
  IDENTITY_FROM_DATA,
  LIVING_MAX_YEARS,
  NAME,
  pre,
  RECEIVE,
  requester,
  SCAN,
  SEX_OPTIONS,
  step,
  sworn,
  typed,
  VIETNAM_ONLY,
} from "./common.js";

const notice = (path: string) => from("birthNotice", path);

/** Mother's or father's block, all read from the unregistered birth notice (giấy chứng sinh). */
function parent(who: "mother" | "father"): FieldInput[] {
  const vi = who === "mother" ? "mẹ" : "cha";
  const en = who === "mother" ? "Mother's" : "Father's";
  // The father may be unknown (not on the birth notice): his block is then left empty.
  const required = who === "mother";
  return [
    pre(`${who}.fullName`, `Họ, chữ đệm, tên người ${vi}`, `${en} full name`, "text", notice(`${who}Name`), {
      required,
      ...NAME,
    }),
    pre(
      `${who}.birthYear`,
      `Năm sinh của ${vi}`,
      `${en} year of birth`,
      "number",
      notice(`${who}BirthYear`),
      { required, integer: true },
    ),
    pre(`${who}.ethnicity`, `Dân tộc của ${vi}`, `${en} ethnicity`, "text", notice(`${who}Ethnicity`), {
      required,
    }),
    pre(
      `${who}.nationality`,
      `Quốc tịch của ${vi}`,
      `${en} nationality`,
      "text",
      notice(`${who}Nationality`),
      {
        required,
      },
    ),
    pre(`${who}.residence`, `Nơi cư trú của ${vi}`, `${en} residence`, "text", notice(`${who}Residence`), {
      required,
    }),
  ];
}

/**
 * Đăng ký khai sinh (1.001193). Paper declaration, Circular 04/2020/TT-BTP amended 04/2024:
 * 26 fields = authority addressed 1; requester: full name, residence, identity document / personal
 * number, relationship to the child 4; child: full name, date of birth in figures, in words, sex,
 * ethnicity, nationality, place of birth, home town 8; mother 5 and father 5 (full name, birth year,
 * ethnicity, nationality, residence); sworn statement 1; place and date 1; signature 1.
 * Online: the date in words is generated, place/date/signature come from the electronic
 * submission; 7 fields are typed (relationship, child's name, ethnicity, nationality, home town,
 * "parents are married", sworn statement); everything else is read from registries.
 */
export const birthRegistration: ProcedureDefinitionInput = {
  code: "1.001193",
  codeVerified: true,
  nameVi: "Đăng ký khai sinh",
  nameEn: "Birth registration",
  summaryVi:
    "Làm giấy khai sinh cho con. Ngày sinh, giới tính, nơi sinh và thông tin của cha mẹ được lấy từ giấy chứng sinh điện tử của bệnh viện; bạn chỉ cần nhập tên con, dân tộc, quốc tịch và quê quán. Có kết quả trong ngày làm việc; hồ sơ nhận sau 15 giờ được tính từ ngày làm việc tiếp theo.",
  summaryEn:
    "Register your child's birth. Date and place of birth, sex and the parents' details come from the hospital's electronic birth certificate; you type only the child's name, ethnicity, nationality and home town. Done the same working day; files received after 15:00 count from the next working day.",
  keywords: [
    "làm giấy khai sinh",
    "lam giay khai sinh",
    "khai sinh cho con",
    "khai sinh cho bé",
    "khai sinh cho be",
    "đăng ký khai sinh",
    "dang ky khai sinh",
    "giấy khai sinh",
    "giay khai sinh",
    "sinh con",
    "em bé mới sinh",
    "em be moi sinh",
    "birth certificate",
    "newborn",
  ],
  field: "civil_status",
  level: "commune",
  agency: COMMUNE_COMMITTEE,
  linkedGroup: "birth",
  timeLimit: { workingDays: 0 },
  paperFieldCount: 26,
  form: [
    authority(),
    ...requester(),
    typed(
      "requester.relationship",
      "Quan hệ với người được khai sinh",
      "Relationship to the child",
      "select",
      {
        options: [
          { value: "father", labelVi: "Cha", labelEn: "Father" },
          { value: "mother", labelVi: "Mẹ", labelEn: "Mother" },
          { value: "grandparent", labelVi: "Ông, bà", labelEn: "Grandparent" },
          { value: "relative", labelVi: "Người thân khác", labelEn: "Other relative" },
        ],
        // The mother or father named on the health facility's notice is not asked.
        prefill: notice("applicantRelationship"),
      },
    ),
    typed("child.fullName", "Họ, chữ đệm và tên của con", "Child's full name", "text", {
      ...NAME,
      minLength: 2,
      maxLength: 100,
      helpVi: "Viết đầy đủ, có dấu, ví dụ: Nguyễn Minh Châu.",
      helpEn: "Full name with Vietnamese diacritics, e.g. Nguyễn Minh Châu.",
    }),
    pre("child.birthDate", "Ngày, tháng, năm sinh", "Date of birth", "date", notice("birthDate"), {
      plausible: {
        when: "past",
        maxYearsAgo: LIVING_MAX_YEARS,
        notBefore: ["mother.birthYear", "father.birthYear"],
      },
      helpVi: "Ngày sinh bằng chữ được hệ thống tự ghi.",
      helpEn: "The date in words is written automatically.",
    }),
    pre("child.sex", "Giới tính", "Sex", "select", notice("sex"), { options: SEX_OPTIONS }),
    pre(
      "child.placeOfBirth",
      "Nơi sinh (cơ sở y tế)",
      "Place of birth (health facility)",
      "text",
      notice("facility"),
    ),
    typed("child.ethnicity", "Dân tộc của con", "Child's ethnicity", "text", {
      maxLength: 50,
      helpVi: "Theo dân tộc của cha hoặc mẹ, theo thỏa thuận của cha mẹ.",
      helpEn: "The father's or the mother's ethnicity, as the parents agree.",
      // Read from the parents' records when they share it; asked only when they differ.
      prefill: notice("childEthnicity"),
    }),
    typed("child.nationality", "Quốc tịch của con", "Child's nationality", "select", {
      options: VIETNAM_ONLY,
      prefill: notice("childNationality"),
    }),
    typed("child.homeTown", "Quê quán của con", "Child's home town", "text", {
      maxLength: 200,
      helpVi: "Theo quê quán của cha hoặc mẹ, theo thỏa thuận của cha mẹ.",
      helpEn: "The father's or the mother's home town, as the parents agree.",
    }),
    ...parent("mother"),
    ...parent("father"),
    typed("parents.married", "Cha mẹ của cháu đã đăng ký kết hôn", "The parents are married", "checkbox", {
      required: false,
      helpVi: "Đánh dấu nếu cha mẹ đã đăng ký kết hôn; hệ thống tự tra cứu giấy chứng nhận kết hôn.",
      helpEn: "Tick if the parents are married; the marriage record is looked up for you.",
      // Ticked from the civil-status registry when the parents' marriage is recorded there.
      prefill: notice("parentsMarried"),
    }),
    sworn(),
  ],
  components: [
    {
      key: "birthCertificate",
      nameVi: "Giấy chứng sinh",
      nameEn: "Birth certificate from the health facility",
      kind: "upload",
      ...SCAN,
      replacedBy: {
        kind: "registry",
        ref: "birthNotice",
        descriptionVi: "Giấy chứng sinh điện tử do cơ sở y tế gửi, không cần tải lên.",
        descriptionEn: "The health facility's electronic birth certificate; nothing to upload.",
      },
    },
    {
      key: "marriageCertificate",
      nameVi: "Giấy chứng nhận kết hôn của cha mẹ",
      nameEn: "Parents' marriage certificate",
      kind: "upload",
      required: { field: "parents.married", equals: true },
      ...SCAN,
      replacedBy: {
        kind: "registry",
        ref: "marriageRecord",
        descriptionVi: "Tra cứu trong Cơ sở dữ liệu hộ tịch điện tử.",
        descriptionEn: "Looked up in the electronic civil-status database.",
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
    step("sign", "approver", { workingHours: 2 }, "Ký trích lục khai sinh", "Sign the birth extract"),
  ],
  fee: {
    amount: 0,
    noteVi: "Miễn lệ phí đăng ký khai sinh đúng hạn.",
    noteEn: "Registering a birth on time is free.",
  },
  result: {
    kind: "birth_extract",
    nameVi: "Trích lục khai sinh (bản điện tử)",
    nameEn: "Birth registration extract (electronic)",
    electronic: true,
  },
  fullyOnline: true,
};
