import { defineErrors } from "../../kernel/errors.js";

/** Errors of the exchange between agencies. */
export const ExchangeErrors = defineErrors({
  APPLICANT_NOT_FOUND: {
    status: 404,
    vi: "Không tìm thấy công dân có số định danh này trong Cơ sở dữ liệu quốc gia về dân cư. Hãy kiểm tra lại số trên thẻ căn cước.",
    en: "No citizen with this personal number is in the national population database. Check the number on the ID card.",
  },
  COUNTER_OTHER_PROVINCE: {
    status: 403,
    vi: "Công dân này cư trú ở tỉnh, thành phố khác; bộ phận một cửa chỉ tiếp nhận hồ sơ của người cư trú trong tỉnh, thành phố của mình. Hãy hướng dẫn công dân nộp trực tuyến hoặc tại bộ phận một cửa nơi cư trú.",
    en: "This citizen lives in another province; a one-stop counter takes in dossiers only from residents of its own province. Direct the citizen to file online or at the counter where they live.",
  },
  DECEASED_NOT_IN_HOUSEHOLD: {
    status: 422,
    vi: "Người được chọn không phải là thành viên còn sống trong hộ của bạn theo Cơ sở dữ liệu về cư trú. Hãy chọn người đã mất trong danh sách thành viên hộ.",
    en: "The person chosen is not a living member of your household in the residence database. Choose the deceased from your household's members.",
  },
  SPOUSE_NOT_MARRIED: {
    status: 422,
    vi: "Sổ hộ tịch không ghi nhận bạn đang có vợ hoặc chồng (còn sống, có số định danh cá nhân), nên không thể đăng ký thường trú vào hộ của vợ, chồng. Nếu bạn đã đăng ký kết hôn ở nơi khác hoặc trước khi có sổ điện tử, hãy đề nghị cập nhật dữ liệu hộ tịch; hoặc chọn đăng ký vào hộ mà chủ hộ đồng ý. Chưa có hồ sơ nào được tạo.",
    en: "The civil-status register records no living spouse with a personal number for you, so you cannot register into your spouse's household. If you married elsewhere or before the electronic register, ask for your civil-status data to be updated; or register into a household whose head agrees. Nothing was created.",
  },
  SPOUSE_NO_HOUSEHOLD: {
    status: 422,
    vi: "Vợ hoặc chồng của bạn chưa có hộ gia đình đăng ký thường trú trong Cơ sở dữ liệu về cư trú, nên không có hộ để đăng ký vào. Bạn có thể đăng ký thường trú tại chỗ ở hợp pháp khác. Chưa có hồ sơ nào được tạo.",
    en: "Your spouse has no household with a permanent residence in the residence database, so there is no household to register into. You may register at another lawful residence instead. Nothing was created.",
  },
  SPOUSE_HOUSEHOLD_ALREADY: {
    status: 409,
    vi: "Bạn đã thường trú trong hộ gia đình của vợ hoặc chồng mình; không cần đăng ký lại.",
    en: "You already have your permanent residence in your spouse's household; there is nothing to register.",
  },
  AGENCY_NOT_HOSTED: {
    status: 409,
    vi: "Kết quả này phải do cơ quan sở hữu cơ sở dữ liệu ký, nhưng cơ quan đó vận hành hệ thống riêng (kết nối qua AGENCY_ENDPOINTS) và không giữ khóa ký tại Một Lần. Hãy cấp kết quả trên hệ thống của cơ quan đó.",
    en: "This result must be signed by the agency that owns the registry, but that agency runs its own system (connected through AGENCY_ENDPOINTS) and keeps no signing key on Một Lần. Issue the result in that agency's system.",
  },
});
