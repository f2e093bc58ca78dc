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
  AGENCY_NOT_HOSTED: {
    status: 409,
    vi: "Kết quả này phải do cơ quan sở hữu cơ sở dữ liệu ký, nhưng cơ quan đó vận hành hệ thống riêng (kết nối qua AGENCY_ENDPOINTS) và không giữ khóa ký tại Một Lần. Hãy cấp kết quả trên hệ thống của cơ quan đó.",
    en: "This result must be signed by the agency that owns the registry, but that agency runs its own system (connected through AGENCY_ENDPOINTS) and keeps no signing key on Một Lần. Issue the result in that agency's system.",
  },
});
