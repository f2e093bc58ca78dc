// The leaders' KPI schemas: the dossiers (or complaints) behind a figure, the month-end forecast
// and the open dossiers behind it; the query fields and refinements are the open API's
// (src/domain/api/kpis.ts).
import { z } from "zod";
import { OPEN_PARTS } from "../forecast.js";
import { INDEX_FIGURES, KPI_FIGURES } from "../kpis.js";
import { AGENCY_FIELD, KPI_LEVELS, PERIOD_FIELDS, PERIOD_IN_ORDER, PLACE_OF_LEVEL } from "./kpis.js";

/**
 * GET /api/leader/kpis/dossiers: the dossiers behind one figure (`part=hit`: its numerator, the
 * dossiers counted; `part=rest`: the rest of its denominator, e.g. the late ones behind an on-time
 * share), within the leader's jurisdiction, a page at a time.
 */
export const KpiDrillQuery = z
  .object({
    // KPIS.md's figures and the index's own (`INDEX_FIGURES`: the Decision 766 publicity indicator).
    figure: z.enum([...KPI_FIGURES, ...INDEX_FIGURES]),
    part: z.enum(["hit", "rest"]).default("hit"),
    level: z.enum(KPI_LEVELS),
    ...PERIOD_FIELDS,
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .refine(...PERIOD_IN_ORDER)
  .refine(...PLACE_OF_LEVEL);

/** A dossier behind a figure: what the figures read of it, no personal data (its page has its own rules). */
export const KpiDrillItem = z.object({
  id: z.string(),
  code: z.string().nullable(),
  procedureCode: z.string(),
  communeCode: z.string(),
  channel: z.string(),
  status: z.string(),
  receivedOn: z.string().nullable(),
  decidedOn: z.string().nullable(),
  /** The due instant (moved by closed supplement waits), what `onTime` is read against. */
  dueAt: z.date().nullable(),
  /** Working days (fractional) from the due instant to the decision: 0 on time, null undecided (`workingDaysLate`). */
  workingDaysLate: z.number().nullable(),
  onTime: z.boolean(),
  fullyOnline: z.boolean(),
  digitised: z.boolean(),
  processingWorkingDays: z.number(),
  rating: z.number().nullable(),
  complained: z.boolean(),
  /** The dossier's page; null for the roles that see no personal data (the national viewer). */
  link: z.string().nullable(),
});
/**
 * A complaint behind a complaint figure (`complaintsOnTimeShare`): when it was filed, due and
 * answered (null: not answered), and whether the answer came by its due instant (false: answered
 * late, or open past its due). No text, no personal data; `link`: its dossier's page, as above.
 */
export const KpiDrillComplaint = z.object({
  id: z.string(),
  dossierId: z.string(),
  code: z.string().nullable(),
  procedureCode: z.string(),
  communeCode: z.string(),
  filedAt: z.date(),
  dueAt: z.date(),
  answeredAt: z.date().nullable(),
  answeredOnTime: z.boolean(),
  link: z.string().nullable(),
});
/** The complaints behind a complaint figure (`KPI_DRILL`'s population "complaint"), a page at a time. */
export const KpiComplaintDrill = z
  .object({ kind: z.literal("complaints"), total: z.number().int(), items: z.array(KpiDrillComplaint) })
  .meta({ id: "KpiComplaintDrill" });
export const KpiDossierDrill = z
  .object({
    kind: z.literal("dossiers"),
    total: z.number().int(),
    items: z.array(KpiDrillItem),
    /**
     * `figure=satisfaction766`, `part=hit` only: what the figure subtracts, over all the pages:
     * the late dossiers and the complained ones (rating 1–2 or a complaint); one both late and
     * complained about counts in each. satisfaction766 = max(0, 1 − (late + complained) / finished).
     */
    deductions: z.object({ late: z.number().int(), complained: z.number().int() }).optional(),
  })
  .meta({ id: "KpiDossierDrill" });
/** What a figure's drill-down lists: its dossiers, or for a complaint figure its complaints (`kind`). */
export const KpiDrill = z
  .discriminatedUnion("kind", [KpiDossierDrill, KpiComplaintDrill])
  .meta({ id: "KpiDrill" });
export type KpiDrill = z.infer<typeof KpiDrill>;

/** GET /api/leader/kpis/forecast: the month-end forecast of a place (src/domain/forecast.ts). */
export const LeaderForecastQuery = z
  .object({
    level: z.enum(KPI_LEVELS),
    code: z.string().max(10).optional(),
    procedure: z.string().min(1).max(64).optional(),
    ...AGENCY_FIELD,
  })
  .refine(...PLACE_OF_LEVEL);
export const LeaderForecast = z
  .object({
    level: z.enum(KPI_LEVELS),
    code: z.string().nullable(),
    from: z.string(),
    to: z.string(),
    monthEnd: z.string(),
    finished: z.number(),
    onTime: z.number(),
    expected: z.number().int(),
    late: z.number().int(),
    canBeOnTime: z.number().int(),
    projectedOnTimeShare: z.number().nullable(),
    bestOnTimeShare: z.number().nullable(),
    worstOnTimeShare: z.number().nullable(),
    neededOnTime: z.number().int().nullable(),
    target: z.number(),
    projectedIndex: z
      .object({ total: z.number(), measuredPoints: z.number(), grade: z.string().nullable() })
      .nullable(),
    /**
     * The drill-down of `finished` and `onTime` (GET /api/leader/kpis/dossiers with this figure and
     * part over `from`–`to`): its total is the number. `expected`, `late` and `canBeOnTime` drill
     * through GET /api/leader/kpis/open-dossiers with `part` of the same name.
     */
    drills: z.object({
      finished: z.object({ figure: z.enum(KPI_FIGURES), part: z.enum(["hit", "rest"]) }),
      onTime: z.object({ figure: z.enum(KPI_FIGURES), part: z.enum(["hit", "rest"]) }),
    }),
  })
  .meta({ id: "LeaderForecast" });
export type LeaderForecast = z.infer<typeof LeaderForecast>;

/** GET /api/leader/kpis/open-dossiers: the open dossiers behind a count of the month-end forecast. */
export const OpenDossiersQuery = z
  .object({
    level: z.enum(KPI_LEVELS),
    code: z.string().max(10).optional(),
    procedure: z.string().min(1).max(64).optional(),
    ...AGENCY_FIELD,
    part: z.enum(OPEN_PARTS),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .refine(...PLACE_OF_LEVEL);
export const OpenDossiers = z
  .object({
    total: z.number().int(),
    items: z.array(
      z.object({
        id: z.string(),
        code: z.string().nullable(),
        procedureCode: z.string(),
        communeCode: z.string().nullable(),
        channel: z.string(),
        status: z.string(),
        dueAt: z.string(),
        supplementRequests: z.number().int(),
        /** The dossier's page, null for the national viewer (aggregates only). */
        link: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: "OpenDossiers" });
export type OpenDossiers = z.infer<typeof OpenDossiers>;
