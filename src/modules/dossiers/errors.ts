import { COMPLAINT_WORDS } from "../../domain/complaints.js";
import type { Status } from "../../domain/lifecycle.js";
import { STATUS_WORDS } from "../../domain/status-words.js";
import { AppError, defineErrors } from "../../kernel/errors.js";

/** Errors of the dossier lifecycle, forms and uploads. */
export const DossierErrors = defineErrors({
  NOTIFICATION_NOT_FOUND: {
    status: 404,
    vi: "Không tìm thấy thông báo này trong danh sách thông báo của bạn.",
    en: "This notification is not among your notifications.",
  },
  AMOUNT_SET_BY_LAW: {
    status: 400,
    vi: "Số tiền trợ cấp này do pháp luật quy định: không nhập số tiền khi ban hành kết quả.",
    en: "This allowance's amount is set by law: do not enter an amount when issuing the result.",
  },
  FORM_INVALID: { status: 400, vi: "Biểu mẫu còn trường chưa hợp lệ.", en: "Some form fields are invalid." },
  PREFILL_TAMPERED: {
    status: 400,
    vi: "Thông tin lấy từ cơ sở dữ liệu đã bị sửa đổi; không thể nộp hồ sơ.",
    en: "Registry-sourced values were altered; the dossier cannot be submitted.",
  },
  OTHER_AGENCY: {
    status: 403,
    vi: "Hồ sơ này thuộc cơ quan khác; cán bộ chỉ xem và xử lý hồ sơ của cơ quan mình. Với một bước của nhóm hồ sơ liên thông, cơ quan, trạng thái và thời hạn của bước này có trong phần nhóm hồ sơ của hồ sơ bạn xử lý.",
    en: "This dossier belongs to another agency; officers read and act on their own agency's dossiers only. For a step of a linked application, its agency, status and time limit are in the group section of the dossier you handle.",
  },
  APOLOGY_NOT_DUE: {
    status: 409,
    vi: "Chỉ gửi phiếu xin lỗi cho hồ sơ đã tiếp nhận, chưa giải quyết xong, khi sắp đến hạn (ngày làm việc cuối trước hạn; với thủ tục giải quyết trong ngày: một phần tư cuối của thời hạn) hoặc đã quá hạn.",
    en: "An apology is sent only for a received dossier not yet decided, once it is near due (its last working day before the due time; for a same-day procedure, the last quarter of its time limit) or late.",
  },
  APOLOGY_ALREADY_SENT: {
    status: 409,
    vi: "Hồ sơ này đã có phiếu xin lỗi và hẹn lại ngày trả kết quả; chỉ được hẹn lại một lần.",
    en: "This dossier already has an apology slip with a new date; the date may be rescheduled only once.",
  },
  COMPLAINT_TEXT_REQUIRED: {
    status: 400,
    vi: "Vui lòng nhập nội dung phản ánh, kiến nghị.",
    en: "Please write your feedback or complaint.",
  },
  COMPLAINT_TOO_LONG: { status: 400, ...COMPLAINT_WORDS.COMPLAINT_TOO_LONG },
  COMPLAINT_ANSWER_REQUIRED: {
    status: 400,
    vi: "Vui lòng nhập nội dung trả lời phản ánh, kiến nghị.",
    en: "Please write the answer to the feedback or complaint.",
  },
  COMPLAINT_ANSWER_TOO_LONG: { status: 400, ...COMPLAINT_WORDS.COMPLAINT_ANSWER_TOO_LONG },
  COMPLAINT_NOT_FOUND: {
    status: 404,
    vi: "Không tìm thấy phản ánh, kiến nghị này trong hồ sơ.",
    en: "This feedback or complaint is not on this dossier.",
  },
  COMPLAINT_ANSWERED: {
    status: 409,
    vi: "Phản ánh, kiến nghị này đã được trả lời.",
    en: "This feedback or complaint has already been answered.",
  },
  ILLEGAL_TRANSITION: {
    status: 409,
    vi: "Thao tác không hợp lệ ở trạng thái hiện tại của hồ sơ.",
    en: "This action is not allowed in the dossier's current status.",
  },
  IDEMPOTENCY_CONFLICT: {
    status: 409,
    vi: "Mã chống gửi trùng (Idempotency-Key) đã được dùng cho một yêu cầu khác.",
    en: "The Idempotency-Key was already used for a different request.",
  },
  UPLOAD_TYPE_MISMATCH: {
    status: 415,
    vi: "Nội dung tệp không khớp với loại tệp cho phép.",
    en: "The file's content does not match an accepted type.",
  },
  UPLOAD_TOO_LARGE: {
    status: 413,
    vi: "Tệp vượt quá dung lượng cho phép.",
    en: "The file exceeds the size limit.",
  },
  UPLOAD_UNREADABLE: {
    status: 422,
    vi: "Không đọc được ảnh này (HEIC/HEIF). Hãy chụp lại, hoặc gửi ảnh JPG, PNG hay tệp PDF.",
    en: "This photo (HEIC/HEIF) cannot be read. Take it again, or send a JPG or PNG photo or a PDF.",
  },
  COMPONENT_MISSING: {
    status: 400,
    vi: "Hồ sơ còn thiếu giấy tờ bắt buộc.",
    en: "A required dossier component is missing.",
  },
  DUPLICATE_LIFE_EVENT: {
    status: 409,
    vi: "Sự kiện này (khai sinh, khai tử, kết hôn) đã có hồ sơ đang giải quyết hoặc đã có kết quả; không thể nộp trùng.",
    en: "This life event (birth, death, marriage) already has a dossier in progress or finished; it cannot be filed twice.",
  },
  SPOUSE_REQUEST_OPEN: {
    status: 409,
    vi: "Bạn đã có hồ sơ đăng ký thường trú vào hộ gia đình này đang chờ giải quyết; không thể nộp trùng.",
    en: "You already have a dossier registering into this household being handled; it cannot be filed twice.",
  },
  HEAD_CONSENT_WAITING: {
    status: 409,
    vi: "Chủ hộ chưa đồng ý cho đăng ký thường trú vào hộ (Luật Cư trú 2020, Điều 21), nên chưa thể phê duyệt hồ sơ. Hồ sơ được phê duyệt sau khi chủ hộ xác nhận trên Cổng Một Lần.",
    en: "The head of household has not agreed to the registration into the household yet (Law on Residence 2020, Art. 21), so the dossier cannot be approved. It can be approved once the head confirms on the Một Lần portal.",
  },
  HEAD_CONSENT_NOT_HEAD: {
    status: 404,
    vi: "Không có hồ sơ nào đang chờ bạn đồng ý với tư cách chủ hộ.",
    en: "No dossier is waiting for your consent as head of household.",
  },
  HEAD_CONSENT_GIVEN: {
    status: 409,
    vi: "Bạn đã đồng ý cho đăng ký thường trú vào hộ; không thể từ chối sau khi đã đồng ý. Công an xã, phường đang giải quyết hồ sơ.",
    en: "You already consented to the registration into your household; it cannot be refused afterwards. The commune police are handling the dossier.",
  },
  HEAD_CONSENT_REFUSED: {
    status: 409,
    vi: "Bạn đã không đồng ý cho đăng ký thường trú vào hộ; hồ sơ đã kết thúc. Không thể đồng ý lại trên hồ sơ này: người nộp có thể nộp hồ sơ mới.",
    en: "You refused the registration into your household; the dossier has ended. It can no longer be consented to: the applicant can file a new dossier.",
  },
  ALREADY_MARRIED: {
    status: 409,
    vi: "Một bên kết hôn đang được ghi nhận là đã kết hôn trong Sổ hộ tịch; người đang có vợ, có chồng không được kết hôn với người khác (Luật Hôn nhân và gia đình 2014, Điều 5 khoản 2 điểm c; Điều 8).",
    en: "A party to this marriage is recorded as married in the civil-status register; a married person may not marry someone else (Law on Marriage and Family 2014, Art. 5(2)(c); Art. 8).",
  },
  MARRIAGE_PENDING: {
    status: 409,
    vi: "Một bên kết hôn đang có hồ sơ đăng ký kết hôn khác đang được giải quyết; hồ sơ đó phải được rút hoặc giải quyết xong trước.",
    en: "A party to this marriage is in another marriage registration still being handled; that dossier must be withdrawn or decided first.",
  },
  PERSON_BIRTH_DATE_INCOMPLETE: {
    status: 400,
    vi: "Ngày sinh của người kia chưa đủ ngày, tháng và năm.",
    en: "The other party's date of birth lacks its day or month.",
  },
  MARITAL_STATUS_CONTRADICTS: {
    status: 409,
    vi: "Tình trạng hôn nhân đã khai trái với Cơ sở dữ liệu hộ tịch điện tử; giấy xác nhận chỉ ghi đúng tình trạng mà Sổ hộ tịch đã ghi.",
    en: "The declared marital status contradicts the civil-status database; the confirmation states only the status the register holds.",
  },
  MONTHLY_ALLOWANCE_NOT_RECORDED: {
    status: 409,
    vi: "Cơ sở dữ liệu trợ cấp xã hội không ghi nhận người mất đang hưởng trợ cấp xã hội hằng tháng.",
    en: "The social-allowance database does not record the deceased as drawing a monthly social allowance.",
  },
  APPLICANT_DECEASED: {
    status: 409,
    vi: "Người nộp hồ sơ được ghi nhận là đã chết; người đã chết không thể là người yêu cầu.",
    en: "The applicant is recorded as deceased; a deceased person cannot be an applicant.",
  },
  PERSON_NOT_REGISTERED: {
    status: 409,
    vi: "Số định danh cá nhân đã nhập không có trong Cơ sở dữ liệu quốc gia về dân cư.",
    en: "The personal number typed is not in the national population database.",
  },
  PERSON_MISMATCH: {
    status: 409,
    vi: "Số định danh, họ tên và ngày sinh của người kia không khớp với Cơ sở dữ liệu quốc gia về dân cư.",
    en: "The other party's personal number, full name and date of birth do not match the national population database.",
  },
  PERSON_DECEASED: {
    status: 409,
    vi: "Người có số định danh đã nhập được ghi nhận là đã chết.",
    en: "The person with the personal number typed is recorded as deceased.",
  },
  PERSON_UNDER_AGE: {
    status: 409,
    vi: "Người có số định danh đã nhập chưa đủ tuổi theo quy định.",
    en: "The person with the personal number typed has not reached the legal age.",
  },
  OTHER_PROVINCE: {
    status: 409,
    vi: "Nơi giải quyết đã chọn thuộc tỉnh, thành phố khác với nơi hồ sơ được lập; hãy lập hồ sơ mới và chọn nơi giải quyết đó khi bắt đầu.",
    en: "The chosen place of handling is in another province than the one the dossier was started in; start a new dossier and choose that place when starting it.",
  },
  PAYMENT_REQUIRED: { status: 402, vi: "Hồ sơ chưa nộp phí, lệ phí.", en: "The fee has not been paid." },
  OTP_SEND_LIMITED: {
    status: 429,
    vi: "Đã gửi quá nhiều mã xác nhận; hãy thử lại sau 15 phút.",
    en: "Too many confirmation codes were sent; try again in 15 minutes.",
  },
  OTP_MISMATCH: {
    status: 400,
    vi: "Mã xác nhận không đúng.",
    en: "The confirmation code is not correct.",
  },
  SMS_UNAVAILABLE: {
    status: 503,
    vi: "Chưa cấu hình dịch vụ gửi tin nhắn SMS; công dân có thể tự xác nhận trong tài khoản của mình.",
    en: "No SMS service is configured; the citizen can confirm in their own account.",
  },
  CORRECTION_VALUE_INVALID: {
    status: 422,
    vi: "Giá trị đề nghị chỉnh sửa không hợp lệ cho trường này; hãy kiểm tra lại.",
    en: "The corrected value is not valid for this field; check it.",
  },
});

/**
 * ILLEGAL_TRANSITION naming the dossier's current status in plain words (`STATUS_WORDS`), never its
 * code: "Hồ sơ đang ở trạng thái “đã tiếp nhận”." (a repeated receive, an upload after the result…).
 */
export function illegalTransition(status: Status): AppError {
  const words = STATUS_WORDS[status];
  return new AppError(DossierErrors.ILLEGAL_TRANSITION, [
    {
      field: "status",
      messageVi: `Hồ sơ đang ở trạng thái “${words.vi}”.`,
      messageEn: `The dossier's status is “${words.en}”.`,
    },
  ]);
}
