import type { ProcedureDefinitionInput } from "../../../domain/procedure.js";
import {
  BIRTH_DATE,
  COMMUNE_POLICE,
  ct01Applicant,
  from,
  NAME,
  pre,
  RECEIVE,
  SCAN,
  SEX_OPTIONS,
  step,
  typed,
} from "./common.js";

const head = (path: string) => from("householdHead", path);

/**
 * Đăng ký thường trú (1.004222). CT01 residence change declaration (Circular 66/2023/TT-BCA,
 * amended 53/2025): 18 fields = authority addressed 1; full name, date of birth, sex, personal
 * number, phone, e-mail 6; head of household's name, relationship to the head, head's personal
 * number 3; request 1; one row of household members changing at the same time (name, date of
 * birth, sex, personal number, relationship) 5; consent of the head of household 1; signature 1.
 * Online: the authority is the police of the household's commune; declarant and head come from
 * the population registry; 7 fields are typed (request, the 5-field member row, consent).
 * Version 3 (issue 14): "join_spouse_household", a spouse registered into the other spouse's
 * household (Law on Residence 2020, Art. 20(2)(a)): chosen when the draft starts (`household:
 * "spouse"`), the authority, head and relationship come from the spouse's household, and the
 * head's consent (Art. 21) is asked in their portal before approval (dossiers `head-consent.ts`).
 * Version 4: the consent's help says the head confirms on the Một Lần portal, told by SMS and
 * e-mail (version 3's said the VNeID app, where nothing asks them).
 */
export const permanentResidence: ProcedureDefinitionInput = {
  code: "1.004222",
  codeVerified: true,
  nameVi: "Đăng ký thường trú",
  nameEn: "Permanent residence registration",
  summaryVi:
    "Đăng ký thường trú (nhập hộ khẩu), ví dụ cho con mới sinh vào hộ gia đình của cha mẹ. Thông tin của bạn và của chủ hộ được lấy sẵn; không cần giấy tờ chỗ ở khi đăng ký vào hộ nơi chủ hộ đang ở. Thời hạn khi làm riêng: 7 ngày làm việc; khi làm liên thông cùng đăng ký khai sinh (nhóm thủ tục khai sinh): 2 ngày làm việc.",
  summaryEn:
    "Register a permanent residence, e.g. your newborn in the parents' household. Your details and the head of household's are filled in for you; no housing papers are needed when registering into the household where the head already lives. Time limit on its own: 7 working days; linked with birth registration (birth group): 2 working days.",
  keywords: [
    "đăng ký thường trú",
    "dang ky thuong tru",
    "nhập hộ khẩu",
    "nhap ho khau",
    "nhập khẩu cho con",
    "nhap khau cho con",
    "hộ khẩu",
    "ho khau",
    "thường trú",
    "thuong tru",
    "permanent residence",
  ],
  field: "residence",
  level: "commune",
  agency: COMMUNE_POLICE,
  linkedGroup: "birth",
  // Standalone legal limit (Law on Residence 2020, Art. 22): 7 working days. Inside the birth group
  // (Decree 63/2024) this step has 2 working days; the linked-group definition carries that limit.
  timeLimit: { workingDays: 7 },
  paperFieldCount: 18,
  form: [
    pre(
      "authority.commune",
      "Kính gửi (Công an xã, phường nơi đăng ký)",
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
    typed("request", "Nội dung đề nghị", "Request", "select", {
      options: [
        {
          value: "join_household",
          labelVi: "Đăng ký thường trú vào hộ gia đình, nơi chủ hộ đang thường trú",
          labelEn: "Register into the household where the head already lives",
        },
        {
          value: "child_joins_household",
          labelVi:
            "Đăng ký thường trú cho người cùng thay đổi (con) vào hộ gia đình nơi chủ hộ đang thường trú; người kê khai giữ nơi thường trú của mình",
          labelEn:
            "Register the member changing (your child) into the household where the head lives; you keep your own residence",
        },
        {
          value: "join_spouse_household",
          labelVi:
            "Đăng ký thường trú vào hộ gia đình của vợ hoặc chồng (Luật Cư trú 2020, Điều 20 khoản 2 điểm a); chủ hộ đồng ý trên Cổng Một Lần",
          labelEn:
            "Register into your spouse's household (Law on Residence 2020, Art. 20(2)(a)); the head agrees on the Một Lần portal",
        },
        {
          value: "other_residence",
          labelVi: "Đăng ký thường trú tại chỗ ở hợp pháp khác",
          labelEn: "Register at another lawful residence",
        },
      ],
    }),
    typed(
      "residence.address",
      "Địa chỉ chỗ ở hợp pháp (số nhà, đường, thôn, tổ)",
      "Address of the lawful residence (house, street, hamlet)",
      "text",
      {
        minLength: 3,
        maxLength: 200,
        required: { field: "request", equals: "other_residence" },
        visibleWhen: { field: "request", equals: "other_residence" },
        helpVi:
          "Chỗ ở thuộc xã, phường nhận hồ sơ ở trên. Sau khi đăng ký, bạn là chủ hộ của hộ mới tại địa chỉ này.",
        helpEn:
          "The residence is in the commune addressed above. Once registered, you head a new household at this address.",
      },
    ),
    typed("member.fullName", "Người cùng thay đổi: họ và tên", "Member changing: full name", "text", {
      ...NAME,
      required: false,
      maxLength: 100,
      helpVi: "Ví dụ con mới sinh. Để trống nếu không có.",
      helpEn: "E.g. your newborn. Leave empty if nobody.",
    }),
    typed("member.birthDate", "Người cùng thay đổi: ngày sinh", "Member changing: date of birth", "date", {
      ...BIRTH_DATE,
      required: { field: "member.fullName", filled: true },
      visibleWhen: { field: "member.fullName", filled: true },
    }),
    typed("member.sex", "Người cùng thay đổi: giới tính", "Member changing: sex", "select", {
      options: SEX_OPTIONS,
      required: { field: "member.fullName", filled: true },
      visibleWhen: { field: "member.fullName", filled: true },
    }),
    typed(
      "member.personalNumber",
      "Người cùng thay đổi: số định danh cá nhân",
      "Member changing: personal number",
      "personalNumber",
      {
        required: false,
        visibleWhen: { field: "member.fullName", filled: true },
        person: { birthDate: "member.birthDate", sex: "member.sex" },
      },
    ),
    typed(
      "member.relationshipToHead",
      "Người cùng thay đổi: quan hệ với chủ hộ",
      "Member changing: relationship to the head",
      "text",
      {
        required: { field: "member.fullName", filled: true },
        visibleWhen: { field: "member.fullName", filled: true },
        maxLength: 50,
      },
    ),
    typed(
      "household.headConsent",
      "Chủ hộ (hoặc chủ sở hữu chỗ ở) đồng ý cho đăng ký thường trú",
      "The head of household (or the owner) agrees to the registration",
      "checkbox",
      {
        helpVi:
          "Khi hồ sơ được nộp, chủ hộ nhận tin nhắn, thư điện tử và xác nhận đồng ý trên Cổng Một Lần (mục “Đề nghị chờ tôi đồng ý” ở trang chủ).",
        helpEn:
          "Once the dossier is submitted, the head of household is told by SMS and e-mail and confirms on the Một Lần portal (“Requests waiting for my consent” on the home page).",
      },
    ),
  ],
  components: [
    {
      key: "lawfulResidenceProof",
      nameVi: "Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp",
      nameEn: "Proof of lawful residence",
      kind: "upload",
      required: {
        not: { field: "request", in: ["join_household", "child_joins_household", "join_spouse_household"] },
      },
      ...SCAN,
      replacedBy: {
        kind: "registry",
        ref: "residence",
        when: { field: "request", in: ["join_household", "child_joins_household", "join_spouse_household"] },
        descriptionVi:
          "Không cần khi đăng ký vào hộ nơi chủ hộ đang thường trú: dùng Cơ sở dữ liệu về cư trú.",
        descriptionEn:
          "Not needed when joining the household where the head lives: the residence database is used.",
      },
    },
  ],
  steps: [
    RECEIVE({ workingHours: 4 }),
    step("verify", "specialist", { workingDays: 5 }, "Kiểm tra, xác minh", "Check and verify"),
    step(
      "approve",
      "approver",
      { workingDays: 1 },
      "Phê duyệt, cập nhật Cơ sở dữ liệu về cư trú",
      "Approve and update",
    ),
  ],
  fee: {
    amount: 20_000,
    onlineDiscountPercent: 50,
    noteVi:
      "Mức minh họa (Thông tư 75/2022/TT-BTC); miễn khi làm liên thông với đăng ký khai sinh, không phát sinh chi phí.",
    noteEn: "Illustrative amount (Circular 75/2022/TT-BTC); free when linked with birth registration.",
  },
  result: {
    kind: "residence_update",
    nameVi: "Thông báo kết quả đăng ký thường trú (cập nhật Cơ sở dữ liệu về cư trú)",
    nameEn: "Notice of permanent residence registration (residence database updated)",
    electronic: true,
  },
  fullyOnline: true,
};
