/**
 * Version 2026.12-domain of the Decision 766 index (src/domain/index766.ts): every indicator
 * shared/DOMAIN.md lists, in its order, each with its figure, or marked not measured (`figure:
 * null`), or informational; the publicity group keeps the apology (DOMAIN.md names none for it).
 * Version 2026.12-complaints is the same with the complaints handled on time measured.
 */
import {
  APOLOGY,
  APOLOGY_VI,
  COMPLAINTS,
  COMPLAINTS_VI,
  DEC,
  DEC_VI,
  GRADES_2022,
  INFORMATIONAL,
  INFORMATIONAL_VI,
  type Index766Version,
  ind,
  LISTED,
  LISTED_VI,
  NO_THRESHOLD,
  NO_THRESHOLD_VI,
  NOT_MEASURED,
  NOT_MEASURED_VI,
  ON_TIME_2,
  ON_TIME_2_VI,
  PROCEDURES,
  PROCEDURES_VI,
} from "./index766-data.js";

export const VERSION_2026_12: Index766Version = {
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
          "Tỷ lệ phản ánh, kiến nghị được giải quyết đúng hạn (≤ 15 ngày làm việc)",
          "Feedback and complaints handled on time (within 15 working days)",
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
  grades: GRADES_2022,
  scoring: { rule: "proportional", confirmed: false },
};

/**
 * Version 2026.12-complaints: 2026.12-domain with `satisfaction.complaintsOnTime` measured
 * (`complaintsOnTimeShare`, src/domain/kpis.ts) from the complaints the platform records from
 * 2026-12-03 (migration 361). A new version, not a change of 2026.12-domain: a period is scored by
 * the version of its end (`index766Version`), so periods ending before complaints could be filed
 * keep the indicator not measured. No complaint to count in the period: all its points
 * (`whenNone: "full"`, as the apology's), never a loss.
 */
export const VERSION_2026_12_COMPLAINTS: Index766Version = {
  ...VERSION_2026_12,
  version: "2026.12-complaints",
  validFrom: "2026-12-03",
  groups: VERSION_2026_12.groups.map((g) => ({
    ...g,
    indicators: g.indicators.map((i) =>
      i.id === "satisfaction.complaintsOnTime"
        ? ind(
            i.id,
            i.nameVi,
            i.nameEn,
            "complaintsOnTimeShare",
            i.points,
            1,
            false,
            [COMPLAINTS, COMPLAINTS_VI],
            "full",
          )
        : i,
    ),
  })),
};
