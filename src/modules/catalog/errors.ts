import { defineErrors } from "../../kernel/errors.js";

/** Errors of the procedure catalogue. */
export const CatalogErrors = defineErrors({
  PROCEDURE_INVALID: {
    status: 400,
    vi: "Định nghĩa thủ tục không hợp lệ.",
    en: "The procedure definition is invalid.",
  },
  GROUP_INVALID: {
    status: 400,
    vi: "Định nghĩa nhóm thủ tục liên thông không hợp lệ.",
    en: "The linked group definition is invalid.",
  },
  PROCEDURE_NOT_PUBLISHED: {
    status: 409,
    vi: "Thủ tục chưa được công bố hoặc đã được công bố.",
    en: "The procedure version is not in a state that allows this.",
  },
});
