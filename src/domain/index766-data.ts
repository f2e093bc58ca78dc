/**
 * The data types, sources and helpers of the Decision 766 index versions (./index766.ts scores them;
 * ./index766-2026.ts is version 2026.12-domain).
 */
import { APOLOGY_SOURCE } from "./apology.js";
import type { CatalogueFigure } from "./catalogue-figures.js";
import type { IndexFigure, KpiFigure } from "./kpis.js";

export type Index766Indicator = {
  id: string;
  nameVi: string;
  nameEn: string;
  /**
   * The figure that measures it (KPIS.md's, the index's own `IndexFigure`, or one of the catalogue's);
   * null when the platform cannot measure it ("chưa đo được / not measured"): it earns no score and
   * its points are left out of `measuredPoints`.
   */
  figure: KpiFigure | IndexFigure | CatalogueFigure | null;
  points: number;
  /**
   * The value at or above which the indicator earns all its points (below: in proportion); null
   * when no threshold is known (an informational figure, or one not measured).
   */
  fullAt: number | null;
  /** Shown for information only: no threshold is known, so it earns no points (`points` 0). */
  informational?: true;
  confirmed: boolean;
  source: string;
  /** The source as the card shows it in Vietnamese (`source` is the full English reading). */
  sourceVi: string;
  /**
   * What a null figure (nothing to measure in the period, e.g. no late dossier) earns. Absent: null,
   * and then neither the group nor the grade is given. `"full"`: all the indicator's points, for an
   * indicator where having nothing to measure is the best case (no late dossier, nothing to
   * apologise for). A figure not supplied at all (undefined) still earns null.
   */
  whenNone?: "full";
};
export type Index766Group = {
  id: string;
  nameVi: string;
  nameEn: string;
  points: number;
  indicators: Index766Indicator[];
};
export type Index766Version = {
  version: string;
  validFrom: string;
  source: string;
  sourceVi: string;
  groups: Index766Group[];
  /** Grade bands, highest first: a total at or above `from` earns the grade. */
  grades: Array<{
    grade: string;
    nameVi: string;
    nameEn: string;
    from: number;
    confirmed: boolean;
    source: string;
    sourceVi: string;
  }>;
  /** How points below a threshold are given (not in the decision's text). */
  scoring: { rule: "proportional"; confirmed: boolean };
  /**
   * A group's score: absent, the sum of its indicators, null while one of them has no score;
   * `"measured"`: the sum of those with a score (null when none has), out of their points, so the
   * groups add up to the total and their measured points to `measuredPoints`.
   */
  groupScore?: "measured";
};

// The thresholds below come from an operational description (shared/DOMAIN.md: "formulas from an
// operational description, not the decision's text"), except two it does not give: on time (100%,
// this platform's placeholder) and fully online (80%, the seeds' target). None is confirmed by the
// decision's text.
export const OPS = "Operational description of the index (shared/DOMAIN.md), not the decision's text";
export const OPS_VI = "Mô tả vận hành của Bộ chỉ số, không phải văn bản Quyết định 766";
export const DEC = "Decision 766/QĐ-TTg of 23 June 2022 (group maxima, grade ends)";
export const DEC_VI = "Quyết định 766/QĐ-TTg ngày 23/6/2022 (điểm tối đa của nhóm, hai đầu thang xếp loại)";
export const BANDS =
  "Bands between 50 and 90 not in shared/DOMAIN.md's reading of the decision: placeholders to correct";
export const BANDS_VI = "Các mức giữa 50 và 90 điểm không có trong văn bản: giá trị tạm, cần sửa";
export const APOLOGY = `${APOLOGY_SOURCE}. Measuring the publicity group by it (timely: sent at or before the due instant, not the 1 day before the text asks) is this platform's reading, not the decision's text`;
export const APOLOGY_VI =
  "Cách đọc của nền tảng: Nghị định 61/2018/NĐ-CP Điều 19 khoản 3 điểm c (sửa đổi bởi Nghị định 107/2021/NĐ-CP), Phiếu xin lỗi Mẫu số 05 Thông tư 01/2018/TT-VPCP; không phải văn bản Quyết định 766";
export const ON_TIME =
  "Formula from the operational description of the index (shared/DOMAIN.md), not the decision's text; the 100% threshold for full points is not given there: this platform's placeholder, to correct";
export const ON_TIME_VI =
  "Công thức theo mô tả vận hành của Bộ chỉ số; ngưỡng 100% để đạt điểm tối đa không có trong mô tả đó: giá trị tạm của nền tảng, cần sửa";
export const TARGET =
  "Target of above 80% of dossiers processed fully online by end-2025, stated by the Minister of Information and Communications (national conference on online public services, Đà Nẵng, 31 Aug 2024; shared/MISSION.md #7, seed 003); not in the index's operational description nor the decision's text";
export const TARGET_VI =
  "Mục tiêu trên 80% hồ sơ xử lý trực tuyến toàn trình đến hết năm 2025 do Bộ trưởng Bộ TT&TT nêu (Hội nghị toàn quốc về dịch vụ công trực tuyến, Đà Nẵng, 31/8/2024); không có trong mô tả vận hành của Bộ chỉ số hay văn bản Quyết định 766";
// Version 2026.12: every indicator shared/DOMAIN.md lists, and no other but the publicity group's
// apology (DOMAIN.md names none for that group). DOMAIN.md gives no indicator's points: each
// group's are split equally among its listed indicators, a placeholder.
export const EQUAL =
  "points: the group's points split equally among the indicators shared/DOMAIN.md lists for it, a placeholder (the decision's split is not known here)";
export const EQUAL_VI = "điểm: chia đều điểm của nhóm cho các tiêu chí được liệt kê, giá trị tạm";
export const LISTED = `Indicator and threshold from the operational description of the index (shared/DOMAIN.md), not the decision's text; ${EQUAL}`;
export const LISTED_VI = `Tiêu chí và ngưỡng theo mô tả vận hành của Bộ chỉ số, không phải văn bản Quyết định 766; ${EQUAL_VI}`;
export const PROCEDURES = `${LISTED}. "Offered online" read as offered fully online (the catalogue's \`fullyOnline\`, "toàn trình"): every procedure on the platform can be filed online at least in part, so the share of those would be 100% everywhere; a reading to confirm`;
export const PROCEDURES_VI = `${LISTED_VI}. "Cung cấp trực tuyến" được hiểu là trực tuyến toàn trình (dữ liệu danh mục thủ tục): mọi thủ tục trên nền tảng đều nộp trực tuyến được ít nhất một phần, nên tỷ lệ đó luôn là 100%; cách đọc cần xác nhận`;
export const NO_THRESHOLD = `Indicator from the operational description of the index (shared/DOMAIN.md), not the decision's text; it gives no threshold: 80%, as the group's other indicators, is this platform's placeholder, to correct; ${EQUAL}`;
export const NO_THRESHOLD_VI = `Tiêu chí theo mô tả vận hành của Bộ chỉ số; mô tả không nêu ngưỡng: 80% như các tiêu chí khác của nhóm là giá trị tạm của nền tảng, cần sửa; ${EQUAL_VI}`;
export const ON_TIME_2 = `${ON_TIME}; ${EQUAL}`;
export const ON_TIME_2_VI = `${ON_TIME_VI}; ${EQUAL_VI}`;
export const INFORMATIONAL =
  "Indicator from the operational description of the index (shared/DOMAIN.md), which gives it no threshold: shown for information, no points";
export const INFORMATIONAL_VI =
  "Tiêu chí theo mô tả vận hành của Bộ chỉ số, không nêu ngưỡng: chỉ để tham khảo, không tính điểm";
export const NOT_MEASURED = `Indicator from the operational description of the index (shared/DOMAIN.md), handled within 15 working days; not measured: the platform records no complaint's filing nor its closing (an imported dossier only says whether a complaint was made), so its points are left out of the measured points; ${EQUAL}`;
export const NOT_MEASURED_VI = `Tiêu chí theo mô tả vận hành của Bộ chỉ số (giải quyết trong 15 ngày làm việc); chưa đo được: nền tảng không ghi thời điểm tiếp nhận và giải quyết phản ánh, kiến nghị, nên điểm của tiêu chí không tính vào phần đo được; ${EQUAL_VI}`;
// Version 2026.12-complaints: the complaints handled on time, measured from the complaints filed on
// the platform (src/domain/complaints.ts).
export const COMPLAINTS = `Indicator from the operational description of the index (shared/DOMAIN.md): complaints handled within 15 working days (src/domain/complaints.ts, COMPLAINT_DUE; Decree 20/2008/NĐ-CP on feedback and petitions and the Law on Complaints 2011 not read for this limit). Measured from the complaints filed on the platform: those answered by their due instant / those counted in the period (answered, or past their due instant unanswered); imported history's complaints carry no dates and are left out. No complaint to count: full points, as for the apology. It gives no threshold: 100% is this platform's placeholder, to correct; ${EQUAL}`;
export const COMPLAINTS_VI = `Tiêu chí theo mô tả vận hành của Bộ chỉ số (giải quyết trong 15 ngày làm việc; chưa đối chiếu Nghị định 20/2008/NĐ-CP và Luật Khiếu nại 2011). Đo từ phản ánh, kiến nghị gửi trên nền tảng: số được trả lời đúng hạn / số đến hạn trong kỳ (đã trả lời, hoặc quá hạn chưa trả lời); phản ánh, kiến nghị của hồ sơ nhập từ hệ thống cũ không có ngày nên không tính. Không có phản ánh, kiến nghị nào đến hạn: đạt điểm tối đa. Ngưỡng 100% là giá trị tạm của nền tảng, cần sửa; ${EQUAL_VI}`;

/** The sources an indicator cites (English, Vietnamese), by what they are. */
export const INDEX_766_SOURCES = {
  operational: [OPS, OPS_VI],
  onTime: [ON_TIME, ON_TIME_VI],
  fullyOnlineTarget: [TARGET, TARGET_VI],
  apology: [APOLOGY, APOLOGY_VI],
  listed: [LISTED, LISTED_VI],
  listedProcedures: [PROCEDURES, PROCEDURES_VI],
  listedNoThreshold: [NO_THRESHOLD, NO_THRESHOLD_VI],
  listedOnTime: [ON_TIME_2, ON_TIME_2_VI],
  informational: [INFORMATIONAL, INFORMATIONAL_VI],
  notMeasured: [NOT_MEASURED, NOT_MEASURED_VI],
  complaints: [COMPLAINTS, COMPLAINTS_VI],
} as const satisfies Record<string, readonly [string, string]>;

/** An indicator of a version (`confirmed` false and the operational description unless said). */
export const ind = (
  id: string,
  nameVi: string,
  nameEn: string,
  figure: KpiFigure | IndexFigure | CatalogueFigure | null,
  points: number,
  fullAt: number | null,
  confirmed = false,
  [source, sourceVi] = [OPS, OPS_VI],
  whenNone?: "full",
): Index766Indicator => ({
  id,
  nameVi,
  nameEn,
  figure,
  points,
  fullAt,
  confirmed,
  source,
  sourceVi,
  ...(whenNone ? { whenNone } : {}),
});

export const confirmedBy = (source: string, sourceVi: string) => ({ confirmed: true, source, sourceVi });
export const placeholder = (source: string, sourceVi: string) => ({ confirmed: false, source, sourceVi });

/** The grade bands of the decision's reading: 90 and below 50 its own, the bands between placeholders. */
export const GRADES_2022: Index766Version["grades"] = [
  { grade: "excellent", nameVi: "Xuất sắc", nameEn: "Excellent", from: 90, ...confirmedBy(DEC, DEC_VI) },
  { grade: "good", nameVi: "Tốt", nameEn: "Good", from: 70, ...placeholder(BANDS, BANDS_VI) },
  { grade: "fair", nameVi: "Khá", nameEn: "Fair", from: 50, ...placeholder(BANDS, BANDS_VI) },
  { grade: "weak", nameVi: "Yếu", nameEn: "Weak", from: 0, ...confirmedBy(DEC, DEC_VI) },
];
