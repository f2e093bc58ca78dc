import type { ProcedureDefinitionInput } from "../../../domain/procedure.js";
import {
  COMMUNE_POLICE,
  ct01Applicant,
  IDENTITY_FROM_DATA,
  NAME,
  RECEIVE,
  SCAN,
  step,
  typed,
} from "./common.js";

/**
 * Đăng ký tạm trú. No verified national code: local code. Paper: the CT01 declaration, 18 fields
 * (see permanent-residence.ts). Online: the authority follows from the commune typed; the request
 * becomes the place (commune and address) and the end date; the declarant comes from the
 * population registry; the member row asks only for name, personal number and relationship (date of
 * birth and sex are read through the personal number). Typed: 10.
 */
export const temporaryResidence: ProcedureDefinitionInput = {
  code: "LOCAL.DK-TAM-TRU",
  codeVerified: false,
  nameVi: "Đăng ký tạm trú",
  nameEn: "Temporary residence registration",
  summaryVi:
    "Đăng ký tạm trú khi bạn đến ở nơi khác nơi thường trú từ 30 ngày trở lên (thuê nhà, ở nhờ...). Thông tin của bạn được lấy sẵn; bạn nhập nơi tạm trú, thông tin chủ hộ hoặc chủ nhà và tải lên giấy tờ chỗ ở hợp pháp. Thời hạn: 3 ngày làm việc.",
  summaryEn:
    "Register a temporary residence when you live away from your permanent residence for 30 days or more (renting, staying with someone). Your details are filled in; you type the address and the host's details and upload proof of lawful residence. Time limit: 3 working days.",
  keywords: [
    "đăng ký tạm trú",
    "dang ky tam tru",
    "tạm trú",
    "tam tru",
    "khai báo tạm trú",
    "khai bao tam tru",
    "thuê nhà",
    "thue nha",
    "ở trọ",
    "o tro",
    "nhà trọ",
    "nha tro",
    "temporary residence",
  ],
  field: "residence",
  level: "commune",
  agency: COMMUNE_POLICE,
  timeLimit: { workingDays: 3 },
  competentCommuneField: "stay.commune",
  paperFieldCount: 18,
  form: [
    typed("stay.commune", "Xã, phường nơi tạm trú", "Commune of temporary residence", "commune", {
      helpVi: "Hồ sơ được gửi tới Công an xã, phường này.",
      helpEn: "The dossier goes to this commune's police.",
    }),
    typed(
      "stay.address",
      "Địa chỉ nơi tạm trú (số nhà, đường, thôn, tổ)",
      "Address (house, street, hamlet)",
      "text",
      {
        minLength: 3,
        maxLength: 200,
      },
    ),
    typed("stay.until", "Tạm trú đến ngày", "Staying until", "date", {
      plausible: {
        when: "future",
        maxYearsAhead: {
          years: 2,
          basisVi: "thời hạn tạm trú tối đa 02 năm, có thể gia hạn: Luật Cư trú 2020, Điều 27",
          basisEn:
            "a temporary stay is registered for at most 2 years, renewable: Law on Residence 2020, Art. 27",
        },
      },
      helpVi: "Tối đa 2 năm, có thể gia hạn.",
      helpEn: "At most 2 years, can be extended.",
    }),
    ...ct01Applicant(),
    typed("host.fullName", "Họ và tên chủ hộ hoặc chủ nhà", "Head of household or owner: full name", "text", {
      ...NAME,
      required: false,
      maxLength: 100,
      helpVi: "Để trống nếu bạn tự đứng tên chủ hộ tại nơi tạm trú.",
      helpEn: "Leave empty if you are the head of household there.",
    }),
    typed(
      "host.personalNumber",
      "Số định danh cá nhân của chủ hộ",
      "Head's personal number",
      "personalNumber",
      {
        required: { field: "host.fullName", filled: true },
        visibleWhen: { field: "host.fullName", filled: true },
      },
    ),
    typed("host.relationship", "Quan hệ với chủ hộ", "Your relationship to the head", "text", {
      required: { field: "host.fullName", filled: true },
      visibleWhen: { field: "host.fullName", filled: true },
      maxLength: 50,
      helpVi: "Ví dụ: người thuê nhà, ở nhờ, con.",
      helpEn: "E.g. tenant, guest, child.",
    }),
    typed("member.fullName", "Người cùng đăng ký: họ và tên", "Member registering too: full name", "text", {
      ...NAME,
      required: false,
      maxLength: 100,
    }),
    typed(
      "member.personalNumber",
      "Người cùng đăng ký: số định danh",
      "Member: personal number",
      "personalNumber",
      {
        required: { field: "member.fullName", filled: true },
        visibleWhen: { field: "member.fullName", filled: true },
      },
    ),
    typed(
      "member.relationship",
      "Người cùng đăng ký: quan hệ với bạn",
      "Member: relationship to you",
      "text",
      {
        required: { field: "member.fullName", filled: true },
        visibleWhen: { field: "member.fullName", filled: true },
        maxLength: 50,
      },
    ),
    typed(
      "host.consent",
      "Chủ hộ hoặc chủ sở hữu chỗ ở đồng ý cho tôi đăng ký tạm trú",
      "The head of household or the owner agrees to my registration",
      "checkbox",
      {
        helpVi: "Chủ nhà sẽ được đề nghị xác nhận trên ứng dụng VNeID.",
        helpEn: "The owner is asked to confirm in the VNeID app.",
      },
    ),
  ],
  components: [
    {
      key: "lawfulResidenceProof",
      nameVi: "Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp (hợp đồng thuê, cho ở nhờ...)",
      nameEn: "Proof of lawful residence (tenancy or lodging agreement...)",
      kind: "upload",
      required: true,
      ...SCAN,
    },
    IDENTITY_FROM_DATA,
  ],
  steps: [
    RECEIVE({ workingHours: 4 }),
    step("verify", "specialist", { workingDays: 2 }, "Kiểm tra, xác minh chỗ ở", "Check the residence"),
    step(
      "approve",
      "approver",
      { workingHours: 4 },
      "Phê duyệt, cập nhật Cơ sở dữ liệu về cư trú",
      "Approve and update",
    ),
  ],
  fee: {
    amount: 10_000,
    onlineDiscountPercent: 50,
    noteVi:
      "Mức minh họa, giảm 50% khi nộp trực tuyến; mức thu thực tế theo quy định về lệ phí đăng ký cư trú.",
    noteEn:
      "Illustrative amount, 50% off online; the real amount follows the residence registration fee rules.",
  },
  result: {
    kind: "residence_update",
    nameVi: "Thông báo kết quả đăng ký tạm trú (cập nhật Cơ sở dữ liệu về cư trú)",
    nameEn: "Notice of temporary residence registration (residence database updated)",
    electronic: true,
  },
  fullyOnline: true,
};
