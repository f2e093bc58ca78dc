/**
 * The service-quality index of Decision 766/QĐ-TTg (2022), 100 points in five groups, as versioned
 * data (shared/KPIS.md "Decision 766 index", shared/DOMAIN.md): group points, indicators, their
 * thresholds for full points, their points and the grade bands, each with its source; what the
 * decision's text does not confirm is marked `confirmed: false` so it can be corrected as data.
 * Pure: KPIS.md's figures in (`./kpis.ts`), the score of each group and the total out.
 */
import { APOLOGY_SOURCE } from "./apology.js";
import {
  type CatalogueFigure,
  type CatalogueFigures,
  type CatalogueProcedure,
  catalogueMisses,
  figures,
  type IndexFigure,
  type IndexFigures,
  indexFigures,
  type KpiFigure,
  type KpiFigures,
  type KpiSums,
} from "./kpis.js";

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
const OPS = "Operational description of the index (shared/DOMAIN.md), not the decision's text";
const OPS_VI = "Mô tả vận hành của Bộ chỉ số, không phải văn bản Quyết định 766";
const DEC = "Decision 766/QĐ-TTg of 23 June 2022 (group maxima, grade ends)";
const DEC_VI = "Quyết định 766/QĐ-TTg ngày 23/6/2022 (điểm tối đa của nhóm, hai đầu thang xếp loại)";
const BANDS =
  "Bands between 50 and 90 not in shared/DOMAIN.md's reading of the decision: placeholders to correct";
const BANDS_VI = "Các mức giữa 50 và 90 điểm không có trong văn bản: giá trị tạm, cần sửa";
const APOLOGY = `${APOLOGY_SOURCE}. Measuring the publicity group by it (timely: sent at or before the due instant, not the 1 day before the text asks) is this platform's reading, not the decision's text`;
const APOLOGY_VI =
  "Cách đọc của nền tảng: Nghị định 61/2018/NĐ-CP Điều 19 khoản 3 điểm c (sửa đổi bởi Nghị định 107/2021/NĐ-CP), Phiếu xin lỗi Mẫu số 05 Thông tư 01/2018/TT-VPCP; không phải văn bản Quyết định 766";
const ON_TIME =
  "Formula from the operational description of the index (shared/DOMAIN.md), not the decision's text; the 100% threshold for full points is not given there: this platform's placeholder, to correct";
const ON_TIME_VI =
  "Công thức theo mô tả vận hành của Bộ chỉ số; ngưỡng 100% để đạt điểm tối đa không có trong mô tả đó: giá trị tạm của nền tảng, cần sửa";
const TARGET =
  "Target of above 80% of dossiers processed fully online by end-2025, stated by the Minister of Information and Communications (national conference on online public services, Đà Nẵng, 31 Aug 2024; shared/MISSION.md #7, seed 003); not in the index's operational description nor the decision's text";
const TARGET_VI =
  "Mục tiêu trên 80% hồ sơ xử lý trực tuyến toàn trình đến hết năm 2025 do Bộ trưởng Bộ TT&TT nêu (Hội nghị toàn quốc về dịch vụ công trực tuyến, Đà Nẵng, 31/8/2024); không có trong mô tả vận hành của Bộ chỉ số hay văn bản Quyết định 766";
// Version 2026.12: every indicator shared/DOMAIN.md lists, and no other but the publicity group's
// apology (DOMAIN.md names none for that group). DOMAIN.md gives no indicator's points: each
// group's are split equally among its listed indicators, a placeholder.
const EQUAL =
  "points: the group's points split equally among the indicators shared/DOMAIN.md lists for it, a placeholder (the decision's split is not known here)";
const EQUAL_VI = "điểm: chia đều điểm của nhóm cho các tiêu chí được liệt kê, giá trị tạm";
const LISTED = `Indicator and threshold from the operational description of the index (shared/DOMAIN.md), not the decision's text; ${EQUAL}`;
const LISTED_VI = `Tiêu chí và ngưỡng theo mô tả vận hành của Bộ chỉ số, không phải văn bản Quyết định 766; ${EQUAL_VI}`;
const PROCEDURES = `${LISTED}. "Offered online" read as offered fully online (the catalogue's \`fullyOnline\`, "toàn trình"): every procedure on the platform can be filed online at least in part, so the share of those would be 100% everywhere; a reading to confirm`;
const PROCEDURES_VI = `${LISTED_VI}. "Cung cấp trực tuyến" được hiểu là trực tuyến toàn trình (dữ liệu danh mục thủ tục): mọi thủ tục trên nền tảng đều nộp trực tuyến được ít nhất một phần, nên tỷ lệ đó luôn là 100%; cách đọc cần xác nhận`;
const NO_THRESHOLD = `Indicator from the operational description of the index (shared/DOMAIN.md), not the decision's text; it gives no threshold: 80%, as the group's other indicators, is this platform's placeholder, to correct; ${EQUAL}`;
const NO_THRESHOLD_VI = `Tiêu chí theo mô tả vận hành của Bộ chỉ số; mô tả không nêu ngưỡng: 80% như các tiêu chí khác của nhóm là giá trị tạm của nền tảng, cần sửa; ${EQUAL_VI}`;
const ON_TIME_2 = `${ON_TIME}; ${EQUAL}`;
const ON_TIME_2_VI = `${ON_TIME_VI}; ${EQUAL_VI}`;
const INFORMATIONAL =
  "Indicator from the operational description of the index (shared/DOMAIN.md), which gives it no threshold: shown for information, no points";
const INFORMATIONAL_VI =
  "Tiêu chí theo mô tả vận hành của Bộ chỉ số, không nêu ngưỡng: chỉ để tham khảo, không tính điểm";
const NOT_MEASURED = `Indicator from the operational description of the index (shared/DOMAIN.md), handled within 15 working days; not measured: the platform records no complaint's filing nor its closing (an imported dossier only says whether a complaint was made), so its points are left out of the measured points; ${EQUAL}`;
const NOT_MEASURED_VI = `Tiêu chí theo mô tả vận hành của Bộ chỉ số (giải quyết trong 15 ngày làm việc); chưa đo được: nền tảng không ghi thời điểm tiếp nhận và giải quyết khiếu nại, nên điểm của tiêu chí không tính vào phần đo được; ${EQUAL_VI}`;

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
} as const satisfies Record<string, readonly [string, string]>;

const ind = (
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

const confirmedBy = (source: string, sourceVi: string) => ({ confirmed: true, source, sourceVi });
const placeholder = (source: string, sourceVi: string) => ({ confirmed: false, source, sourceVi });

/** Every version, oldest first; the last one whose `validFrom` is not after a period's end applies. */
export const INDEX_766_VERSIONS: readonly Index766Version[] = [
  {
    version: "2022.1-draft",
    validFrom: "2022-06-23",
    source: DEC,
    sourceVi: DEC_VI,
    groups: [
      {
        id: "publicity",
        nameVi: "Công khai, minh bạch",
        nameEn: "Publicity and transparency",
        points: 18,
        indicators: [
          ind(
            "publicity.apology",
            "Tỷ lệ hồ sơ trễ hạn có phiếu xin lỗi gửi trước hạn",
            "Share of late dossiers whose apology was sent before their due date",
            "timelyApologyShare",
            18,
            1,
            false,
            [APOLOGY, APOLOGY_VI],
            // No late dossier: nothing to apologise for, the best case.
            "full",
          ),
        ],
      },
      {
        id: "progress",
        nameVi: "Tiến độ, kết quả giải quyết",
        nameEn: "Progress and results of processing",
        points: 20,
        indicators: [
          ind("progress.onTime", "Tỷ lệ giải quyết đúng hạn", "On-time share", "onTimeShare", 20, 1, false, [
            ON_TIME,
            ON_TIME_VI,
          ]),
        ],
      },
      {
        id: "online",
        nameVi: "Cung cấp dịch vụ trực tuyến",
        nameEn: "Online service provision",
        points: 22,
        indicators: [
          ind(
            "online.submitted",
            "Tỷ lệ hồ sơ nộp trực tuyến",
            "Share of dossiers submitted online",
            "onlineShare",
            11,
            0.5,
          ),
          ind(
            "online.fullyOnline",
            "Tỷ lệ hồ sơ trực tuyến toàn trình",
            "Fully-online share",
            "fullyOnlineShare",
            11,
            0.8,
            false,
            [TARGET, TARGET_VI],
          ),
        ],
      },
      {
        id: "digitisation",
        nameVi: "Số hóa hồ sơ, kết quả",
        nameEn: "Digitisation of dossiers and results",
        points: 22,
        indicators: [
          ind(
            "digitisation.digitised",
            "Tỷ lệ số hóa hồ sơ, kết quả",
            "Digitised share",
            "digitisedShare",
            11,
            0.8,
          ),
          ind("digitisation.reuse", "Tỷ lệ tái sử dụng dữ liệu", "Data reuse share", "reuseShare", 11, 0.8),
        ],
      },
      {
        id: "satisfaction",
        nameVi: "Mức độ hài lòng",
        nameEn: "Satisfaction",
        points: 18,
        indicators: [ind("satisfaction.766", "Mức độ hài lòng", "Satisfaction", "satisfaction766", 18, 0.9)],
      },
    ],
    grades: [
      { grade: "excellent", nameVi: "Xuất sắc", nameEn: "Excellent", from: 90, ...confirmedBy(DEC, DEC_VI) },
      { grade: "good", nameVi: "Tốt", nameEn: "Good", from: 70, ...placeholder(BANDS, BANDS_VI) },
      { grade: "fair", nameVi: "Khá", nameEn: "Fair", from: 50, ...placeholder(BANDS, BANDS_VI) },
      { grade: "weak", nameVi: "Yếu", nameEn: "Weak", from: 0, ...confirmedBy(DEC, DEC_VI) },
    ],
    scoring: { rule: "proportional", confirmed: false },
  },
  {
    // Every indicator shared/DOMAIN.md lists (review of issue 13), each with its figure, or marked
    // not measured (`figure: null`), or informational; periods ending before it keep 2022.1-draft.
    version: "2026.12-domain",
    validFrom: "2026-12-02",
    groupScore: "measured",
    source: DEC,
    sourceVi: DEC_VI,
    groups: [
      {
        id: "publicity",
        nameVi: "Công khai, minh bạch",
        nameEn: "Publicity and transparency",
        points: 18,
        indicators: [
          ind(
            "publicity.apology",
            "Tỷ lệ hồ sơ trễ hạn có phiếu xin lỗi gửi trước hạn",
            "Share of late dossiers whose apology was sent before their due date",
            "timelyApologyShare",
            18,
            1,
            false,
            [APOLOGY, APOLOGY_VI],
            "full",
          ),
        ],
      },
      {
        id: "progress",
        nameVi: "Tiến độ, kết quả giải quyết",
        nameEn: "Progress and results of processing",
        points: 20,
        indicators: [
          ind("progress.onTime", "Tỷ lệ giải quyết đúng hạn", "On-time share", "onTimeShare", 20, 1, false, [
            ON_TIME_2,
            ON_TIME_2_VI,
          ]),
          {
            ...ind(
              "progress.averageTime",
              "Thời gian giải quyết trung bình (ngày làm việc)",
              "Average processing time (working days)",
              "averageProcessingWorkingDays",
              0,
              null,
              false,
              [INFORMATIONAL, INFORMATIONAL_VI],
            ),
            informational: true,
          },
        ],
      },
      {
        id: "online",
        nameVi: "Cung cấp dịch vụ trực tuyến",
        nameEn: "Online service provision",
        points: 22,
        indicators: [
          ind(
            "online.procedures",
            "Tỷ lệ thủ tục cung cấp dịch vụ công trực tuyến toàn trình",
            "Share of procedures offered fully online",
            "proceduresFullyOnlineShare",
            5.5,
            0.8,
            false,
            [PROCEDURES, PROCEDURES_VI],
          ),
          ind(
            "online.submitted",
            "Tỷ lệ hồ sơ nộp trực tuyến",
            "Share of dossiers submitted online",
            "onlineShare",
            5.5,
            0.5,
            false,
            [LISTED, LISTED_VI],
          ),
          ind(
            "online.feeProcedures",
            "Tỷ lệ thủ tục có phí, lệ phí được thanh toán trực tuyến",
            "Fee-bearing procedures with online payment",
            "feeProceduresPayOnlineShare",
            5.5,
            0.8,
            false,
            [LISTED, LISTED_VI],
          ),
          ind(
            "online.paidOnline",
            "Tỷ lệ hồ sơ thanh toán trực tuyến",
            "Share of dossiers paid online",
            "paidOnlineShare",
            5.5,
            0.8,
            false,
            [NO_THRESHOLD, NO_THRESHOLD_VI],
          ),
        ],
      },
      {
        id: "digitisation",
        nameVi: "Số hóa hồ sơ, kết quả",
        nameEn: "Digitisation of dossiers and results",
        points: 22,
        indicators: [
          ind(
            "digitisation.electronicResult",
            "Tỷ lệ hồ sơ có kết quả điện tử",
            "Share of dossiers with an electronic result",
            "electronicResultShare",
            5.5,
            0.8,
            false,
            [NO_THRESHOLD, NO_THRESHOLD_VI],
          ),
          ind(
            "digitisation.digitised",
            "Tỷ lệ số hóa hồ sơ, kết quả",
            "Digitised share",
            "digitisedShare",
            5.5,
            0.8,
            false,
            [LISTED, LISTED_VI],
          ),
          ind(
            "digitisation.reuse",
            "Tỷ lệ tái sử dụng dữ liệu",
            "Data reuse share",
            "reuseShare",
            5.5,
            0.8,
            false,
            [LISTED, LISTED_VI],
          ),
          ind(
            "digitisation.population",
            "Tỷ lệ hồ sơ khai thác dữ liệu dân cư",
            "Share of dossiers using population data",
            "populationDataShare",
            5.5,
            0.8,
            false,
            [NO_THRESHOLD, NO_THRESHOLD_VI],
          ),
        ],
      },
      {
        id: "satisfaction",
        nameVi: "Mức độ hài lòng",
        nameEn: "Satisfaction",
        points: 18,
        indicators: [
          ind(
            "satisfaction.complaintsOnTime",
            "Tỷ lệ phản ánh, khiếu nại được giải quyết đúng hạn (≤ 15 ngày làm việc)",
            "Complaints handled on time (within 15 working days)",
            null,
            9,
            null,
            false,
            [NOT_MEASURED, NOT_MEASURED_VI],
          ),
          ind("satisfaction.766", "Mức độ hài lòng", "Satisfaction", "satisfaction766", 9, 0.9, false, [
            LISTED,
            LISTED_VI,
          ]),
        ],
      },
    ],
    grades: [
      { grade: "excellent", nameVi: "Xuất sắc", nameEn: "Excellent", from: 90, ...confirmedBy(DEC, DEC_VI) },
      { grade: "good", nameVi: "Tốt", nameEn: "Good", from: 70, ...placeholder(BANDS, BANDS_VI) },
      { grade: "fair", nameVi: "Khá", nameEn: "Fair", from: 50, ...placeholder(BANDS, BANDS_VI) },
      { grade: "weak", nameVi: "Yếu", nameEn: "Weak", from: 0, ...confirmedBy(DEC, DEC_VI) },
    ],
    scoring: { rule: "proportional", confirmed: false },
  },
];

/** The version that applies to a period ending on `to` (a local date). */
export function index766Version(to: string): Index766Version {
  const v = [...INDEX_766_VERSIONS].reverse().find((x) => x.validFrom <= to) ?? INDEX_766_VERSIONS[0];
  if (!v) throw new Error("no Decision 766 version");
  return v;
}

export type Index766Score = {
  version: string;
  /**
   * Points of the measured indicators; `measuredPoints` is the most they could earn. Null when
   * nothing is measured: a place with no dossier received or finished in the period has no score
   * (not the publicity group's points for having nothing late), and ranks after the scored ones.
   */
  total: number | null;
  measuredPoints: number;
  /** The grade of the total, or null while an indicator is not measured (the total is partial). */
  grade: string | null;
  groups: Array<{
    id: string;
    points: number;
    /** The group's points less those of its indicators not measured. */
    measuredPoints: number;
    /** The sum of its measured indicators' scores (null while one of them has nothing to measure). */
    score: number | null;
    indicators: Array<{
      id: string;
      value: number | null;
      fullAt: number | null;
      points: number;
      score: number | null;
      lost: number | null;
      /** false: the platform cannot measure it ("chưa đo được / not measured"). */
      measured: boolean;
      /** true: shown for information, without points. */
      informational: boolean;
    }>;
  }>;
};

/**
 * The index from a place's figures over a period. An indicator earns points × min(1, value ÷ its
 * threshold) (`scoring`); one whose figure is null (nothing to measure) earns all its points when
 * it says `whenNone: "full"` and some dossier was finished in the period (nothing late among
 * them), else, like one not measured, null, and then neither its group nor the grade is given.
 * Nothing measured at all (no dossier received or finished): total null.
 */
export function index766(
  f: KpiFigures & Partial<IndexFigures & CatalogueFigures>,
  v: Index766Version,
): Index766Score {
  const anyFinished = f.finished > 0;
  let total = 0;
  let measuredPoints = 0;
  let complete = true;
  const groups = v.groups.map((g) => {
    const indicators = g.indicators.map((i) => {
      const given = i.figure === null ? undefined : f[i.figure];
      const value = given ?? null;
      const measured = i.figure !== null;
      const informational = i.informational === true;
      const fullAt = i.fullAt ?? 0;
      const score =
        informational || !measured
          ? null
          : value !== null
            ? i.points * Math.min(1, fullAt > 0 ? value / fullAt : 1)
            : given === null && i.whenNone === "full" && anyFinished
              ? i.points
              : null;
      // An informational figure earns nothing and blocks nothing; one not measured blocks the grade.
      if (!informational) {
        if (score === null) complete = false;
        else {
          total += score;
          measuredPoints += i.points;
        }
      }
      return {
        id: i.id,
        value,
        fullAt: i.fullAt,
        points: i.points,
        score,
        lost: score === null ? null : i.points - score,
        measured,
        informational,
      };
    });
    const counted = indicators.filter((i) => i.measured && !i.informational);
    const scored = counted.filter((i) => i.score !== null);
    const sum = scored.reduce<number>((a, i) => a + (i.score ?? 0), 0);
    const byMeasured = v.groupScore === "measured";
    const score = byMeasured
      ? scored.length > 0
        ? sum
        : null
      : scored.length === counted.length
        ? sum
        : null;
    const groupMeasured = byMeasured
      ? scored.reduce((a, i) => a + i.points, 0)
      : g.points - indicators.filter((i) => !i.measured).reduce((a, i) => a + i.points, 0);
    return { id: g.id, points: g.points, measuredPoints: groupMeasured, score, indicators };
  });
  const grade = complete ? (v.grades.find((b) => total >= b.from)?.grade ?? null) : null;
  // No dossier received or finished: no score, though the catalogue's indicators have values.
  const anyDossier = f.received > 0 || anyFinished;
  return {
    version: v.version,
    total: anyDossier && measuredPoints > 0 ? total : null,
    measuredPoints,
    grade,
    groups,
  };
}

/**
 * The index of a place over a period ending on `to` (a local date, YYYY-MM-DD) from its rollup
 * sums: KPIS.md's figures and the index's own (`indexFigures`: the publicity group's
 * `timelyApologyShare`), scored by the version that applies on `to`. The one definition behind the
 * index card (`GET /api/open/index766`) and the rankings (`GET /api/open/kpis/table`'s
 * `index766Total`), so a place's points are the same in both for the same period.
 */
export function index766OfSums(s: KpiSums, to: string, catalogue?: CatalogueFigures): Index766Score {
  return index766({ ...figures(s), ...indexFigures(s), ...catalogue }, index766Version(to));
}

/**
 * The drill-down part (`KPI_DRILL`) that lists the dossiers costing an indicator its points: the
 * rest of its figure's denominator (the late ones, those not online…), except the Decision 766
 * satisfaction, whose hits are the dossiers it subtracts (late or complained about).
 */
export const lostPart = (figure: KpiFigure | IndexFigure): "hit" | "rest" =>
  figure === "satisfaction766" ? "hit" : "rest";

/** Whether a figure is the catalogue's (it opens procedures, not dossiers). */
export const isCatalogueFigure = (f: string | null): f is CatalogueFigure =>
  f === "proceduresFullyOnlineShare" || f === "feeProceduresPayOnlineShare";

/**
 * A score with the versioned data behind it, for the index card (`GET /api/open/index766`): each
 * group's and indicator's names, each indicator's legal source and whether its threshold and
 * points are confirmed by the decision's text, the grade bands used (the ones between 50 and 90
 * are placeholders, `confirmed: false`) and how points below a threshold are given.
 */
export function explainIndex766(score: Index766Score, catalogue: readonly CatalogueProcedure[] = []) {
  const v = INDEX_766_VERSIONS.find((x) => x.version === score.version);
  if (!v) throw new Error(`no Decision 766 version ${score.version}`);
  const groups = score.groups.map((g) => {
    const def = v.groups.find((x) => x.id === g.id);
    return {
      ...g,
      nameVi: def?.nameVi ?? g.id,
      nameEn: def?.nameEn ?? g.id,
      indicators: g.indicators.map((i) => {
        const d = def?.indicators.find((x) => x.id === i.id);
        return {
          ...i,
          nameVi: d?.nameVi ?? i.id,
          nameEn: d?.nameEn ?? i.id,
          figure: d?.figure ?? null,
          lostDrill:
            d?.figure && !isCatalogueFigure(d.figure) ? { figure: d.figure, part: lostPart(d.figure) } : null,
          // A catalogue figure's points are lost by procedures: those not counted in its numerator.
          lostProcedures:
            d?.figure && isCatalogueFigure(d.figure) && (i.lost ?? 0) > 0
              ? catalogueMisses(d.figure, catalogue).map((p) => ({
                  code: p.code,
                  nameVi: p.nameVi,
                  nameEn: p.nameEn,
                }))
              : [],
          source: d?.source ?? v.source,
          sourceVi: d?.sourceVi ?? v.sourceVi,
          confirmed: d?.confirmed ?? false,
        };
      }),
    };
  });
  return { ...score, source: v.source, sourceVi: v.sourceVi, groups, grades: v.grades, scoring: v.scoring };
}
