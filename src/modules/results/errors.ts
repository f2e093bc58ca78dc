import { defineErrors } from "../../kernel/errors.js";

/** Errors of electronic results. */
export const ResultErrors = defineErrors({
  RESULT_ON_PAPER: {
    status: 404,
    vi: "Kết quả của hồ sơ này đã được trả bằng bản giấy; hồ sơ không có kết quả điện tử để tải về.",
    en: "This dossier's result was returned on paper; there is no electronic result to download.",
  },
});
