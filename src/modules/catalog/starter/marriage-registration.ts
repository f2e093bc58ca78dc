import type { ProcedureDefinitionInput } from "../../../domain/procedure.js";
import {
  authority,
  BIRTH_DATE,
  COMMUNE_COMMITTEE,
  type FieldInput,
  from,
  IDENTITY_FROM_DATA,
  MARRIAGE_AGE,
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
const noPartnerNumber = { field: "partner.personalNumber", filled: false };
/** The other party's nationality is Vietnam's, however typed ("Viet Nam", "VN", "Vietnamese"). */
const vietnamese = { field: "partner.nationality", vietnamese: true };
/** A foreign party: a nationality is given and it is not Vietnam's. */
const foreign = {
  all: [
    { field: "partner.nationality", filled: true },
    { field: "partner.nationality", vietnamese: false },
  ],
};

const marriageCount = (key: string, who: string, whoEn: string): FieldInput =>
  typed(key, `Kết hôn lần thứ mấy (${who})`, `Which marriage is this (${whoEn})`, "number", {
    min: 1,
    max: 20,
    integer: true,
    helpVi: "Ghi 1 nếu kết hôn lần đầu.",
    helpEn: "1 for a first marriage.",
  });

/**
 * Đăng ký kết hôn. No verified national code: local code. Paper declaration (Circular 04/2020/TT-BTP):
 * 19 fields = authority 1; for each party: full name, date of birth, ethnicity, nationality,
 * residence, identity document / personal number, which marriage 7 × 2 = 14; sworn statement 1;
 * place and date 1; two signatures 2.
 * Online: only the applicant's own data can be prefilled (the other party's record cannot be read
 * without their consent): 10 fields are typed (the other party's 7 and sex, the applicant's
 * marriage count, the sworn statement). The other party's date of birth and residence are asked
 * only when no personal number is given (Circular 04/2024). The paper form has a column for the
 * woman and one for the man; online each party's sex is asked (the applicant's is read from the
 * registry) because the legal age differs by sex (Marriage and Family Law 2014, Art. 8: men from
 * full 20 years, women from full 18), checked against the date of birth or, without one, the
 * birth year in the personal number. The two parties are of different sexes (Law 52/2014/QH13,
 * Art. 8(2): the State does not recognise marriage between persons of the same sex). The other
 * party's nationality is free text; any spelling of Vietnam's ("Viet Nam", "VN", "Vietnamese")
 * is stored as "Việt Nam" and then requires the personal number, any other requires a passport
 * number instead (src/domain/nationality.ts).
 */
export const marriageRegistration: ProcedureDefinitionInput = {
  code: "LOCAL.KET-HON",
  codeVerified: false,
  nameVi: "Đăng ký kết hôn",
  nameEn: "Marriage registration",
  summaryVi:
    "Đăng ký kết hôn tại xã, phường nơi một trong hai bên cư trú. Thông tin của bạn được lấy sẵn; bạn nhập thông tin của người kia. Nộp hồ sơ trực tuyến, nhưng hai bên phải cùng có mặt khi nhận giấy chứng nhận kết hôn. Thời hạn: ngay trong ngày, tối đa 5 ngày làm việc nếu cần xác minh.",
  summaryEn:
    "Register a marriage at the commune where either party lives. Your details are filled in; you type the other party's. File online, but both parties must be present to receive the marriage certificate. Time limit: the same day, at most 5 working days if verification is needed.",
  keywords: [
    "đăng ký kết hôn",
    "dang ky ket hon",
    "kết hôn",
    "ket hon",
    "giấy đăng ký kết hôn",
    "giay dang ky ket hon",
    "giấy chứng nhận kết hôn",
    "giay chung nhan ket hon",
    "lấy vợ",
    "lay vo",
    "lấy chồng",
    "lay chong",
    "marriage",
  ],
  field: "civil_status",
  level: "commune",
  agency: COMMUNE_COMMITTEE,
  timeLimit: { workingDays: 5 },
  paperFieldCount: 19,
  form: [
    authority(),
    pre("applicant.fullName", "Họ, chữ đệm và tên của bạn", "Your full name", "text", a("fullName"), NAME),
    pre("applicant.birthDate", "Ngày, tháng, năm sinh", "Date of birth", "date", a("birthDate"), {
      partial: true,
      plausible: { ...BIRTH_DATE.plausible, minAge: MARRIAGE_AGE("applicant.sex") },
    }),
    pre("applicant.sex", "Giới tính", "Sex", "select", a("sex"), { options: SEX_OPTIONS }),
    pre("applicant.ethnicity", "Dân tộc", "Ethnicity", "text", a("ethnicity")),
    pre("applicant.nationality", "Quốc tịch", "Nationality", "text", a("nationality")),
    pre("applicant.residence", "Nơi cư trú", "Residence", "text", a("permanentAddress")),
    pre(
      "applicant.personalNumber",
      "Số định danh cá nhân",
      "Personal number",
      "personalNumber",
      a("personalNumber"),
      personOf("applicant"),
    ),
    marriageCount("applicant.marriageCount", "của bạn", "yours"),
    typed("partner.fullName", "Họ, chữ đệm và tên của người kia", "The other party's full name", "text", {
      ...NAME,
      minLength: 2,
      maxLength: 100,
    }),
    typed("partner.sex", "Giới tính của người kia", "The other party's sex", "select", {
      options: SEX_OPTIONS,
      differsFrom: {
        field: "applicant.sex",
        code: "SAME_SEX_MARRIAGE",
        messageVi:
          "trùng với giới tính của bạn. Nhà nước không thừa nhận hôn nhân giữa những người cùng giới tính (Luật Hôn nhân và gia đình số 52/2014/QH13, Điều 8 khoản 2).",
        messageEn:
          "is the same as yours. The State does not recognise marriage between persons of the same sex (Law 52/2014/QH13 on Marriage and Family, Art. 8(2)).",
      },
    }),
    typed("partner.nationality", "Quốc tịch của người kia", "The other party's nationality", "text", {
      format: "nationality",
      maxLength: 50,
      helpVi:
        "Ví dụ: Việt Nam. Người có quốc tịch Việt Nam khai số định danh cá nhân; người nước ngoài khai số hộ chiếu.",
      helpEn: "E.g. Việt Nam. A Vietnamese national gives a personal number; a foreigner a passport number.",
    }),
    typed(
      "partner.personalNumber",
      "Số định danh cá nhân của người kia",
      "The other party's personal number",
      "personalNumber",
      {
        required: vietnamese,
        visibleWhen: { not: foreign },
        person: { birthDate: "partner.birthDate", sex: "partner.sex" },
        helpVi: "Nếu có số định danh, không cần khai nơi cư trú; họ tên và ngày sinh phải khớp với số này.",
        helpEn: "With a personal number, residence is not needed; the name and date of birth must match it.",
      },
    ),
    typed(
      "partner.birthDate",
      "Ngày, tháng, năm sinh của người kia",
      "The other party's date of birth",
      "date",
      {
        ...BIRTH_DATE,
        plausible: { ...BIRTH_DATE.plausible, minAge: MARRIAGE_AGE("partner.sex") },
        // Asked also with a personal number: with the name, it must match the registry's record
        // before the registry tells anything about the other party (eligibility `identity`).
        required: true,
        helpVi: "Như trên thẻ căn cước của người kia; cùng họ tên, phải khớp với số định danh.",
        helpEn: "As on the other party's ID card; with the name, it must match the personal number.",
      },
    ),
    typed("partner.ethnicity", "Dân tộc của người kia", "The other party's ethnicity", "text", {
      maxLength: 50,
    }),
    typed(
      "partner.passportNumber",
      "Số hộ chiếu của người kia",
      "The other party's passport number",
      "text",
      {
        required: foreign,
        visibleWhen: foreign,
        pattern: "^[A-Za-z0-9]{5,20}$",
        helpVi: "Người nước ngoài khai số hộ chiếu (hoặc giấy tờ có giá trị đi lại quốc tế).",
        helpEn: "A foreigner gives their passport (or international travel document) number.",
      },
    ),
    typed("partner.residence", "Nơi cư trú của người kia", "The other party's residence", "text", {
      required: noPartnerNumber,
      visibleWhen: noPartnerNumber,
      maxLength: 200,
    }),
    marriageCount("partner.marriageCount", "của người kia", "the other party's"),
    sworn(),
  ],
  components: [
    {
      key: "partnerMaritalStatus",
      nameVi: "Giấy xác nhận tình trạng hôn nhân của người kia (nếu cư trú ở xã, phường khác)",
      nameEn: "The other party's marital status confirmation (if living in another commune)",
      kind: "upload",
      required: false,
      ...SCAN,
      replacedBy: {
        kind: "result",
        ref: "LOCAL.XAC-NHAN-TTHN",
        descriptionVi: "Dùng giấy xác nhận tình trạng hôn nhân điện tử nếu đã được cấp.",
        descriptionEn: "An electronic marital status confirmation is used if one was issued.",
      },
    },
    IDENTITY_FROM_DATA,
  ],
  steps: [
    RECEIVE({ workingHours: 2 }),
    step(
      "verify",
      "specialist",
      { workingDays: 3 },
      "Kiểm tra, xác minh điều kiện kết hôn",
      "Check the conditions",
    ),
    step(
      "sign",
      "approver",
      { workingDays: 1 },
      "Ký giấy chứng nhận kết hôn",
      "Sign the marriage certificate",
    ),
  ],
  // Law on Civil Status 2014 Art. 11(1)(b): registering the marriage of Vietnamese citizens who
  // live in Vietnam is free. A marriage with a foreign party (the form takes one, by passport
  // number) is not exempt: its fee is set by the provincial People's Council (Circular
  // 85/2019/TT-BTC, Art. 5) and paid at receipt, so the note says so (version 1 said the form
  // filed only Vietnamese citizens' marriages).
  fee: {
    amount: 0,
    noteVi:
      "Miễn lệ phí khi cả hai bên là công dân Việt Nam cư trú ở trong nước (Luật Hộ tịch 2014, Điều 11). Kết hôn với người nước ngoài: lệ phí theo nghị quyết của Hội đồng nhân dân tỉnh, thành phố, nộp khi Ủy ban nhân dân xã tiếp nhận hồ sơ.",
    noteEn:
      "Free when both parties are Vietnamese citizens living in Vietnam (Law on Civil Status 2014, Art. 11). A marriage with a foreign national: the fee set by the provincial People's Council, paid when the commune People's Committee receives the application.",
  },
  result: {
    kind: "marriage_certificate",
    nameVi: "Giấy chứng nhận kết hôn",
    nameEn: "Marriage certificate",
    electronic: false,
  },
  fullyOnline: false,
  // One marriage at a time (Art. 5(2)(c)); the other party, named by number, is a living adult
  // (Art. 8) of the population registry. Checked before submit and at submit (src/domain/eligibility.ts).
  eligibility: [
    { person: "applicant", unmarried: true },
    {
      person: { field: "partner.personalNumber" },
      // Nothing about the other party is told unless the number, name and date of birth match.
      identity: { fullName: "partner.fullName", birthDate: "partner.birthDate" },
      registered: true,
      living: true,
      unmarried: true,
      minAge: {
        M: 20,
        F: 18,
        basisVi: MARRIAGE_AGE("partner.sex").basisVi,
        basisEn: MARRIAGE_AGE("partner.sex").basisEn,
      },
    },
  ],
};
