import { defineErrors } from "../../kernel/errors.js";

/** Errors of the open KPI figures and the history import. */
export const MetricsErrors = defineErrors({
  KPI_PERIOD_INVALID: {
    status: 400,
    vi: "Khoảng thời gian không hợp lệ: from và to là ngày YYYY-MM-DD, from không sau to, tối đa khoảng 10 năm.",
    en: "Invalid period: from and to are YYYY-MM-DD dates, from not after to, at most about ten years.",
  },
  KPI_PLACE_INVALID: {
    status: 400,
    vi: "Cấp và mã địa bàn không khớp: cấp quốc gia không có mã, cấp tỉnh mã 2 chữ số, cấp xã mã 5 chữ số.",
    en: "Level and code do not match: national takes no code, province a 2-digit code, commune a 5-digit code.",
  },
  KPI_TABLE_PLACE_INVALID: {
    status: 400,
    vi: "Bảng số liệu: cấp tỉnh liệt kê mọi tỉnh, thành phố (không có mã); cấp xã liệt kê các xã, phường của một tỉnh (mã tỉnh 2 chữ số, ví dụ code=48).",
    en: "Table: level=province lists every province (no code); level=commune lists the communes of one province (its 2-digit province code, e.g. code=48).",
  },
  KPI_PROCEDURE_UNKNOWN: {
    status: 400,
    vi: "Mã thủ tục không có trong danh mục: không có số liệu nào của nó.",
    en: "Unknown procedure code: it is not in the catalogue.",
  },
  KPI_AGENCY_UNKNOWN: {
    status: 400,
    vi: "Mã cơ quan không hợp lệ: dùng ubnd, cong-an, bhxh hoặc van-hoa-xa-hoi.",
    en: "Unknown agency: use ubnd, cong-an, bhxh or van-hoa-xa-hoi.",
  },
});
