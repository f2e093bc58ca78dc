// The open KPI API's schemas (figures, table, series, index), with the query fields and refinements
// the leaders' drill-downs and forecast share (src/domain/api/kpi-leader.ts).
import { z } from "zod";
import { OFFICER_AGENCY_IDS } from "../agencies.js";
import { CATALOGUE_FIGURES } from "../catalogue-figures.js";
import { INDEX_FIGURES, KPI_FIGURES } from "../kpis.js";

/**
 * A local date (UTC+7), `YYYY-MM-DD`, that exists in the calendar, from the year 1900 (no dossier
 * is older; PostgreSQL has no year 0000, which answered 500).
 */
const LocalDate = z
  .string()
  .regex(/^(19|[2-9]\d)\d{2}-\d{2}-\d{2}$/, "KPI_PERIOD_INVALID")
  .refine((s) => {
    const ms = Date.parse(`${s}T00:00:00Z`);
    return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === s;
  }, "KPI_PERIOD_INVALID");

export const KPI_LEVELS = ["national", "province", "commune"] as const;
export type KpiLevel = (typeof KPI_LEVELS)[number];

/** The longest period one request may ask for (a little over ten years). */
export const MAX_PERIOD_DAYS = 3700;

/**
 * `agency` narrows a figure to the dossiers one agency processes (src/domain/agencies.ts: at a
 * commune, that commune's office of the agency; at a province or the nation, all its offices
 * there); KPI_AGENCY_UNKNOWN otherwise.
 */
export const AGENCY_FIELD = {
  agency: z.enum(OFFICER_AGENCY_IDS, { message: "KPI_AGENCY_UNKNOWN" }).optional().meta({
    description:
      "Only the dossiers of one agency: ubnd (commune People's Committee), cong-an (police), bhxh (social security), van-hoa-xa-hoi (culture and social affairs)",
  }),
};
/** The place, period, procedure and agency every KPI query over a period takes. */
export const PERIOD_FIELDS = {
  code: z.string().max(10).optional(),
  from: LocalDate,
  to: LocalDate,
  procedure: z.string().min(1).max(64).optional(),
  ...AGENCY_FIELD,
};
/** The open KPI queries answer in JSON or CSV. */
const FORMAT_FIELD = { format: z.enum(["json", "csv"]).optional() };
type Period = { from: string; to: string };
/** `from` ≤ `to` (KPI_PERIOD_INVALID on `to`). */
export const PERIOD_IN_ORDER: [(q: Period) => boolean, { message: string; path: string[] }] = [
  (q) => q.from <= q.to,
  { message: "KPI_PERIOD_INVALID", path: ["to"] },
];
/** Shorter than MAX_PERIOD_DAYS (KPI_PERIOD_INVALID on `from`). */
const PERIOD_NOT_TOO_LONG: [(q: Period) => boolean, { message: string; path: string[] }] = [
  (q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < MAX_PERIOD_DAYS,
  { message: "KPI_PERIOD_INVALID", path: ["from"] },
];
type Place = { level: KpiLevel; code?: string | undefined };
/**
 * No code for the nation (an empty `code=` is accepted and ignored: a form or a link builder sends
 * the field empty), a province's 2 digits, a commune's 5 (KPI_PLACE_INVALID on `code`).
 */
export const PLACE_OF_LEVEL: [(q: Place) => boolean, { message: string; path: string[] }] = [
  (q) =>
    q.level === "national"
      ? !q.code
      : new RegExp(q.level === "province" ? "^\\d{2}$" : "^\\d{5}$").test(q.code ?? ""),
  { message: "KPI_PLACE_INVALID", path: ["code"] },
];

/**
 * GET /api/open/kpis's query. `code` is a province (2 digits) or commune (5 digits) code, absent
 * for the nation; `from` ≤ `to`, both inclusive; `procedure` narrows to one procedure code,
 * `agency` to one agency's dossiers. An unknown parameter (a typo such as `agncy`) is refused
 * (VALIDATION_FAILED), never answered with the un-narrowed figures.
 * Refusals name their stable code (KPI_PERIOD_INVALID, KPI_PLACE_INVALID) for the error handler.
 */
export const OpenKpiQuery = z
  .strictObject({ level: z.enum(KPI_LEVELS), ...PERIOD_FIELDS, ...FORMAT_FIELD })
  .refine(...PERIOD_IN_ORDER)
  .refine(...PERIOD_NOT_TOO_LONG)
  .refine(...PLACE_OF_LEVEL);

const Share = z.number().min(0).max(1).nullable();

/** The open figures: exactly KPIS.md's JSON names, with the place and the period asked for. */
export const OpenKpis = z
  .object({
    level: z.enum(KPI_LEVELS),
    code: z.string().nullable(),
    from: z.string(),
    to: z.string(),
    received: z.number().int(),
    onlineShare: Share,
    finished: z.number().int(),
    onTime: z.number().int(),
    onTimeShare: Share,
    fullyOnline: z.number().int(),
    fullyOnlineShare: Share,
    averageProcessingWorkingDays: z.number().min(0).nullable(),
    reuseShare: Share,
    digitisedShare: Share,
    rated: z.number().int(),
    satisfiedShare: Share,
    complaintRate: Share,
    satisfaction766: Share,
  })
  .meta({ id: "OpenKpis" });
export type OpenKpis = z.infer<typeof OpenKpis>;

/**
 * GET /api/open/kpis/table's query: every province of the nation (`level=province`, no code) or
 * every commune of a province (`level=commune&code=<province>`), over a period; another pairing
 * of level and code is refused with KPI_TABLE_PLACE_INVALID.
 */
export const OpenKpiTableQuery = z
  .strictObject({ level: z.enum(["province", "commune"]), ...PERIOD_FIELDS, ...FORMAT_FIELD })
  .refine(...PERIOD_IN_ORDER)
  .refine(...PERIOD_NOT_TOO_LONG)
  .refine((q) => (q.level === "province" ? q.code === undefined : /^\d{2}$/.test(q.code ?? "")), {
    message: "KPI_TABLE_PLACE_INVALID",
    path: ["code"],
  });

/**
 * The figures of each place of a level, with its name (Vietnamese, English) and its Decision 766
 * points and grade for the rankings (`index766Total`: the same total as `/api/open/index766` for
 * the place and period, null when it had no dossier received or finished; `index766Grade`: null
 * while an indicator is not measured; `index766Rank`: its rank by those points among the places of
 * the table, ties sharing a rank, null without points: `rankBy` of ../ranking.ts).
 */
export const OpenKpiTable = z
  .object({
    level: z.enum(["province", "commune"]),
    code: z.string().nullable(),
    from: z.string(),
    to: z.string(),
    rows: z.array(
      OpenKpis.extend({
        name: z.string(),
        nameEn: z.string(),
        index766Total: z.number().nullable(),
        index766Grade: z.string().nullable(),
        index766Rank: z.number().int().nullable(),
      }),
    ),
  })
  .meta({ id: "OpenKpiTable" });
export type OpenKpiTable = z.infer<typeof OpenKpiTable>;

/** The most months one series may hold (`GET /api/open/kpis/months`). */
export const MAX_SERIES_MONTHS = 36;

/**
 * GET /api/open/kpis/months's query: the same place, period, procedure and agency as
 * /api/open/kpis; the period is cut at month boundaries, at most MAX_SERIES_MONTHS months
 * (KPI_PERIOD_INVALID on `from`).
 */
export const OpenKpiSeriesQuery = z
  .strictObject({ level: z.enum(KPI_LEVELS), ...PERIOD_FIELDS })
  .refine(...PERIOD_IN_ORDER)
  .refine(
    (q) =>
      (Number(q.to.slice(0, 4)) - Number(q.from.slice(0, 4))) * 12 +
        Number(q.to.slice(5, 7)) -
        Number(q.from.slice(5, 7)) <
      MAX_SERIES_MONTHS,
    { message: "KPI_PERIOD_INVALID", path: ["from"] },
  )
  .refine(...PLACE_OF_LEVEL);

/** A place's figures month by month: each month's exactly what /api/open/kpis answers for it. */
export const OpenKpiSeries = z
  .object({
    level: z.enum(KPI_LEVELS),
    code: z.string().nullable(),
    from: z.string(),
    to: z.string(),
    months: z.array(OpenKpis),
  })
  .meta({ id: "OpenKpiSeries" });
export type OpenKpiSeries = z.infer<typeof OpenKpiSeries>;

/** The CSV columns of the open figures, in order (a header line, then one line). */
export const OPEN_KPI_COLUMNS = ["level", "code", "from", "to", ...KPI_FIGURES] as const;

/** Where a value of the index comes from, and whether the decision's text confirms it. */
const Sourced = {
  source: z.string().meta({ description: "The legal text (or the reading) the value comes from" }),
  sourceVi: z.string().meta({ description: "The same source, shortly, in Vietnamese" }),
  confirmed: z.boolean().meta({
    description: "false: not confirmed by the decision's text (a placeholder to correct as data)",
  }),
};

/**
 * GET /api/open/index766: the Decision 766 index of a place over a period (src/domain/index766.ts),
 * with the versioned data it is scored by: each indicator's legal source and whether its threshold
 * is confirmed, and the grade bands used.
 */
export const OpenIndex766 = z
  .object({
    level: z.enum(KPI_LEVELS),
    code: z.string().nullable(),
    from: z.string(),
    to: z.string(),
    version: z.string(),
    /** The version's own source (the decision), in English and shortly in Vietnamese. */
    source: z.string(),
    sourceVi: z.string(),
    total: z.number().nullable().meta({
      description: "Points of the measured indicators; null: no dossier received or finished in the period",
    }),
    measuredPoints: z.number(),
    grade: z.string().nullable(),
    groups: z.array(
      z.object({
        id: z.string(),
        nameVi: z.string(),
        nameEn: z.string(),
        points: z.number(),
        measuredPoints: z.number().meta({
          description: "The group's points less those of its indicators not measured",
        }),
        score: z.number().nullable().meta({
          description:
            "The sum of its measured indicators' points (null while one has nothing to measure in the period)",
        }),
        indicators: z.array(
          z.object({
            id: z.string(),
            nameVi: z.string(),
            nameEn: z.string(),
            /** The figure that measures it (its drill-down: `part=rest` lists the dossiers that cost points). */
            figure: z.enum([...KPI_FIGURES, ...INDEX_FIGURES, ...CATALOGUE_FIGURES]).nullable(),
            value: z.number().nullable(),
            fullAt: z.number().nullable().meta({
              description:
                "The threshold for full points; null when none is known (informational, not measured)",
            }),
            points: z.number(),
            score: z.number().nullable(),
            lost: z.number().nullable(),
            measured: z.boolean().meta({
              description:
                "false: the platform cannot measure it (chưa đo được / not measured): value, score and lost null, its points left out of measuredPoints",
            }),
            informational: z.boolean().meta({
              description: "true: shown for information only, without points (no threshold is known)",
            }),
            /** A catalogue indicator's points lost: the procedures not counted in its numerator. */
            lostProcedures: z.array(z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() })),
            /** The drill-down (GET /api/leader/kpis/dossiers) listing the dossiers that cost the points lost. */
            lostDrill: z
              .object({ figure: z.enum([...KPI_FIGURES, ...INDEX_FIGURES]), part: z.enum(["hit", "rest"]) })
              .nullable(),
            ...Sourced,
          }),
        ),
      }),
    ),
    /** The grade bands, highest first: a total at or above `from` earns the grade. */
    grades: z.array(
      z.object({ grade: z.string(), nameVi: z.string(), nameEn: z.string(), from: z.number(), ...Sourced }),
    ),
    /** How points below a threshold are given (proportionally; not in the decision's text). */
    scoring: z.object({ rule: z.literal("proportional"), confirmed: z.boolean() }),
  })
  .meta({ id: "OpenIndex766" });
export type OpenIndex766 = z.infer<typeof OpenIndex766>;
