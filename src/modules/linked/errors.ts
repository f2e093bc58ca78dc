import { defineErrors } from "../../kernel/errors.js";

/** Errors of linked group applications. */
export const LinkedErrors = defineErrors({
  OFFER_CLOSED: {
    status: 409,
    vi: "Lời mời nộp hồ sơ này đã hết hạn, đã bị từ chối hoặc đã được dùng.",
    en: "This offer has expired, was declined or was already used.",
  },
  OFFER_NOT_FOUND: {
    status: 404,
    vi: "Không tìm thấy lời mời nộp hồ sơ này trong các lời mời gửi cho bạn.",
    en: "No such offer was made to you.",
  },
  OFFER_ALREADY_FILED: {
    status: 409,
    vi: "Hồ sơ từ giấy tờ của lời mời này đã được nộp (có thể do người thân nộp), nên lời mời đã đóng. Không cần nộp lại.",
    en: "An application was already filed from this offer's notice (perhaps by a relative), so the offer is closed. There is nothing to file again.",
  },
  CHILD_HOME_NOT_PARENTS: {
    status: 422,
    vi: "Hộ gia đình đã chọn không phải hộ của mẹ hoặc của cha của trẻ theo giấy chứng sinh và Cơ sở dữ liệu quốc gia về dân cư. Chưa có hồ sơ nào được nộp.",
    en: "The household chosen is not the mother's or the father's household, as the birth notice and the national population database give them. Nothing was filed.",
  },
  CHILD_HOME_OTHER_PROVINCE: {
    status: 422,
    vi: "Hộ gia đình đã chọn ở tỉnh, thành phố khác nơi nộp hồ sơ liên thông. Hãy chọn hộ khác, hoặc bỏ chọn đăng ký thường trú và nộp riêng thủ tục này tại Công an xã, phường nơi hộ đó thường trú. Chưa có hồ sơ nào được nộp.",
    en: "The household chosen is in another province than the linked application. Choose another household, or untick the residence registration and file it on its own with the police of that household's commune. Nothing was filed.",
  },
  CHILD_HOME_NOT_HEAD: {
    status: 404,
    vi: "Không có đề nghị nào đang chờ bạn đồng ý với tư cách chủ hộ.",
    en: "No request is waiting for your consent as head of household.",
  },
  CHILD_HOME_REFUSED: {
    status: 409,
    vi: "Bạn đã không đồng ý cho trẻ vào hộ; bước đăng ký thường trú đã được hủy. Không thể đồng ý lại trên đề nghị này.",
    en: "You refused the child joining your household; the residence step was cancelled. This request can no longer be consented to.",
  },
  CHILD_HOME_CONSENTED: {
    status: 409,
    vi: "Bạn đã đồng ý cho trẻ vào hộ; không thể từ chối sau khi đã đồng ý.",
    en: "You already consented to the child joining your household; it cannot be refused afterwards.",
  },
  HEAD_REMINDER_TOO_SOON: {
    status: 409,
    vi: "Bạn đã nhắc chủ hộ trong 24 giờ qua. Mỗi đề nghị chỉ được nhắc một lần trong 24 giờ.",
    en: "You reminded the head of household within the last 24 hours. A request may be reminded once every 24 hours.",
  },
  HEAD_NOT_WAITING: {
    status: 409,
    vi: "Không có đề nghị nào của nhóm hồ sơ này đang chờ chủ hộ đồng ý (chủ hộ đã trả lời, hoặc bước đăng ký thường trú không còn chờ). Không cần nhắc.",
    en: "Nothing of this group application is waiting for the head of household's consent (the head answered, or the residence step no longer waits). There is nothing to remind.",
  },
  HEAD_UNREACHABLE: {
    status: 409,
    vi: "Không thể nhắc chủ hộ qua tin nhắn hoặc thư điện tử: chủ hộ chưa có số điện thoại, hoặc địa chỉ thư điện tử mà Một Lần gửi được. Hãy báo trực tiếp cho chủ hộ, hoặc nhờ chủ hộ đăng nhập Một Lần (mục “Đề nghị chờ tôi đồng ý” trên trang chủ) để trả lời. Chưa có lời nhắc nào được ghi nhận.",
    en: 'The head of household cannot be reminded by SMS or e-mail: there is no phone number, or e-mail address Một Lần can send to, on file. Tell them in person, or ask them to sign in to Một Lần ("Requests waiting for my consent" on the home page) to answer. No reminder was recorded.',
  },
  STEP_NOT_ENDED: {
    status: 409,
    vi: "Bước này vẫn đang được giải quyết trong nhóm hồ sơ liên thông; chỉ nộp riêng được khi bước đã bị từ chối hoặc bị hủy.",
    en: "This step is still being handled within the linked application; it can be filed on its own only once it was refused or cancelled.",
  },
  STEP_ALREADY_DONE: {
    status: 409,
    vi: "Bước này đã có kết quả trong nhóm hồ sơ liên thông, nên không cần nộp riêng. Xem và tải kết quả từ hồ sơ của bước này. Chưa có hồ sơ nào được tạo.",
    en: "This step already has its result within the linked application, so there is nothing to file on its own. See and download the result from this step's dossier. Nothing was created.",
  },
  EARLIER_STEP_NO_RESULT: {
    status: 409,
    vi: "Chưa thể nộp riêng bước này: bước trước đó trong nhóm không có kết quả (bị từ chối hoặc bị hủy), nên chưa có thông tin bước này cần (như số định danh cá nhân của trẻ). Khi bước trước đã có kết quả, bạn có thể nộp thủ tục này như bình thường. Chưa có hồ sơ nào được tạo.",
    en: "This step cannot be filed on its own yet: the earlier step in the group has no result (it was refused or cancelled), so what this step needs (such as the child's personal number) is not there. Once the earlier step has its result, you can file this procedure as usual. Nothing was created.",
  },
  EARLIER_STEP_PENDING: {
    status: 409,
    vi: "Chưa thể nộp riêng bước này: bước trước đó trong nhóm chưa có kết quả (chưa được đăng ký), nên chưa có thông tin bước này cần (như số định danh cá nhân của trẻ). Khi bước trước đã có kết quả, bạn có thể nộp riêng thủ tục này. Chưa có hồ sơ nào được tạo.",
    en: "This step cannot be filed on its own yet: the earlier step in the group has no result yet (not registered yet), so what this step needs (such as the child's personal number) is not there. Once the earlier step has its result, you can file this procedure on its own. Nothing was created.",
  },
  STEP_FILED_ALONE: {
    status: 409,
    vi: "Người nộp đã nộp riêng thủ tục đăng ký thường trú cho trẻ, nên không cần chủ hộ đồng ý trong nhóm hồ sơ liên thông này nữa. Chưa có gì được ghi nhận.",
    en: "The applicant filed the permanent residence registration separately, so the head of household's consent in this linked application is no longer needed. Nothing was recorded.",
  },
  LINKED_ANSWERS_MISSING: {
    status: 422,
    vi: "Còn câu hỏi của các thủ tục liên thông chưa được trả lời.",
    en: "Some questions of the linked procedures are not answered yet.",
  },
  VERIFICATION_NOT_GROUP_STEP: {
    status: 409,
    vi: "Chỉ ghi nhận “cần xác minh” được cho bước đầu tiên (đăng ký khai sinh) của một nhóm hồ sơ liên thông có thời hạn riêng khi cần xác minh. Hồ sơ này không phải bước đó; chưa có gì thay đổi.",
    en: "“Verification needed” can be marked only on the first step (birth registration) of a linked application whose group has its own limit when verification is needed. This dossier is not such a step; nothing was changed.",
  },
  VERIFICATION_ALREADY_MARKED: {
    status: 409,
    vi: "Nhóm hồ sơ liên thông này đã được ghi nhận cần xác minh; thời hạn của nhóm đã được tính lại. Không cần ghi nhận lại.",
    en: "This linked application is already marked as needing verification; the group's limit was recomputed. There is nothing to mark again.",
  },
});
