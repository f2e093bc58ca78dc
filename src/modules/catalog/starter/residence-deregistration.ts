import type { ProcedureDefinitionInput } from "../../../domain/procedure.js";
import {
  COMMUNE_POLICE,
  ct01Applicant,
  DECEASED_BIRTH_DATE,
  from,
  NAME,
  personOf,
  pre,
  RECEIVE,
  SEX_OPTIONS,
  step,
} from "./common.js";
import { DEATH_EXTRACT } from "./death-registration.js";

const head = (path: string) => from("householdHead", path);
const dn = (path: string) => from("deathNotice", path);

/**
 * Xóa đăng ký thường trú (for a person who has died). No verified national code: local code.
 * Paper: the CT01 declaration, 18 fields (see permanent-residence.ts). Online: declarant and head of
 * household from the population registry; the person removed (the "member changing" row) from the
 * death notice; the request is implied by the procedure and the head's consent is not needed for a
 * deregistration. The deceased's relationship to the head comes from the household (the residence
 * registry); typed only when the record holds none.
 */
export const residenceDeregistration: ProcedureDefinitionInput = {
  code: "LOCAL.XOA-DKTT",
  codeVerified: false,
  nameVi: "Xóa đăng ký thường trú",
  nameEn: "Permanent residence deregistration",
  summaryVi:
    "Xóa đăng ký thường trú (xóa hộ khẩu) cho người thân đã mất. Thông tin của bạn, của chủ hộ và của người mất được lấy sẵn; trích lục khai tử điện tử được dùng thay giấy tờ. Thời hạn: 1 ngày làm việc (chưa được xác nhận khi làm liên thông).",
  summaryEn:
    "Remove a deceased relative's permanent residence registration. Your details, the head of household's and the deceased's are filled in; the electronic death extract replaces paper. Time limit: 1 working day (unconfirmed within the linked group).",
  keywords: [
    "xóa đăng ký thường trú",
    "xoa dang ky thuong tru",
    "xóa hộ khẩu",
    "xoa ho khau",
    "cắt khẩu",
    "cat khau",
    "cắt hộ khẩu người mất",
    "cat ho khau nguoi mat",
    "remove residence registration",
  ],
  field: "residence",
  level: "commune",
  agency: COMMUNE_POLICE,
  linkedGroup: "death",
  // Unconfirmed: make it data (Law on Residence 2020, Art. 24 as we read it: 1 working day).
  timeLimit: { workingDays: 1 },
  paperFieldCount: 18,
  form: [
    pre(
      "authority.commune",
      "Kính gửi (Công an xã, phường nơi thường trú)",
      "Addressed to (commune police)",
      "commune",
      head("permanentCommuneCode"),
    ),
    ...ct01Applicant(),
    pre(
      "household.headName",
      "Họ, chữ đệm và tên chủ hộ",
      "Head of household's full name",
      "text",
      head("fullName"),
      NAME,
    ),
    pre(
      "household.relationshipToHead",
      "Mối quan hệ với chủ hộ",
      "Your relationship to the head of household",
      "text",
      from("applicant", "relationshipToHead"),
    ),
    pre(
      "household.headNumber",
      "Số định danh cá nhân của chủ hộ",
      "Head of household's personal number",
      "personalNumber",
      head("personalNumber"),
    ),
    pre(
      "deceased.fullName",
      "Người được xóa đăng ký: họ và tên",
      "Person removed: full name",
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
    // The household registry knows it (the notice's deceased is of the applicant's household):
    // typed only when the record holds no relationship.
    pre(
      "deceased.relationshipToHead",
      "Quan hệ của người mất với chủ hộ",
      "Deceased's relationship to the head",
      "text",
      dn("deceasedRelationshipToHead"),
      {
        maxLength: 50,
        helpVi: "Ví dụ: chủ hộ, vợ, con, cha, mẹ.",
        helpEn: "E.g. head, wife, child, father, mother.",
      },
    ),
  ],
  components: [DEATH_EXTRACT],
  steps: [
    RECEIVE({ workingHours: 2 }),
    step(
      "update",
      "specialist",
      { workingHours: 4 },
      "Kiểm tra, xóa đăng ký thường trú",
      "Check and deregister",
    ),
  ],
  fee: {
    amount: 0,
    noteVi: "Không thu lệ phí.",
    noteEn: "No fee.",
  },
  result: {
    kind: "residence_update",
    nameVi: "Thông báo kết quả xóa đăng ký thường trú (cập nhật Cơ sở dữ liệu về cư trú)",
    nameEn: "Notice of deregistration (residence database updated)",
    electronic: true,
  },
  fullyOnline: true,
};
