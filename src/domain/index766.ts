/**
 * The service-quality index of Decision 766/QĐ-TTg (2022), 100 points in five groups, as versioned
 * data (shared/KPIS.md "Decision 766 index", shared/DOMAIN.md): group points, indicators, their
 * thresholds for full points, their points and the grade bands, each with its source; what the
 * decision's text does not confirm is marked `confirmed: false` so it can be corrected as data.
 * Pure: KPIS.md's figures in (`./kpis.ts`), the score of each group and the total out.
 */

import {
  type CatalogueFigure,
  type CatalogueFigures,
  type CatalogueProcedure,
  catalogueMisses,
} from "./catalogue-figures.js";
import { VERSION_2026_12, VERSION_2026_12_COMPLAINTS } from "./index766-2026.js";
import {
  APOLOGY,
  APOLOGY_VI,
  DEC,
  DEC_VI,
  GRADES_2022,
  type Index766Version,
  ind,
  ON_TIME,
  ON_TIME_VI,
  TARGET,
  TARGET_VI,
} from "./index766-data.js";
import {
  figures,
  type IndexFigure,
  type IndexFigures,
  indexFigures,
  type KpiFigure,
  type KpiFigures,
  type KpiSums,
} from "./kpis.js";

export {
  INDEX_766_SOURCES,
  type Index766Group,
  type Index766Indicator,
  type Index766Version,
} from "./index766-data.js";

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
    grades: GRADES_2022,
    scoring: { rule: "proportional", confirmed: false },
  },
  VERSION_2026_12,
  VERSION_2026_12_COMPLAINTS,
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
