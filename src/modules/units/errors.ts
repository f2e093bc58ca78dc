import { defineErrors } from "../../kernel/errors.js";

/**
 * Errors of the administrative units. A code that cannot be one ("abc") names no unit, as a
 * well-formed code that matches none ("99999"): the same 404 (a filter's unknown code, by
 * contrast, is the caller's mistake: 400 UNKNOWN_COMMUNE).
 */
export const UnitErrors = defineErrors({
  COMMUNE_NOT_FOUND: {
    status: 404,
    vi: "Không tìm thấy xã, phường nào có mã này.",
    en: "No commune has this code.",
  },
  PROVINCE_NOT_FOUND: {
    status: 404,
    vi: "Không tìm thấy tỉnh, thành phố nào có mã này.",
    en: "No province has this code.",
  },
});
