import { defineErrors } from "../../kernel/errors.js";

/** Errors of electronic results. */
export const ResultErrors = defineErrors({
  // 409, not 404: the dossier has its result, a paper document; what it conflicts with is a request
  // for an electronic one. Asking again changes nothing.
  RESULT_ON_PAPER: {
    status: 409,
    vi: "Kết quả của hồ sơ này là bản giấy, nhận tại Bộ phận Tiếp nhận và Trả kết quả; hồ sơ không có kết quả điện tử để tải về.",
    en: "This dossier's result is a paper document, collected at the one-stop counter; there is no electronic result to download.",
  },
});
