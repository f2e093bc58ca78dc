import type { ComplaintCell } from "../../domain/complaints.js";
import { bool, date, int2, int4, int8, jsonb, text, uuid } from "../columns.js";

/** The sums every KPI rollup keeps, per place, procedure and day or month (migrations 180, 290, 320, 353, 355). */
const ROLLUP_COUNTS = {
  received: int4().default(),
  received_online: int4().default(),
  received_reuse: int4().default(),
  finished: int4().default(),
  on_time: int4().default(),
  fully_online: int4().default(),
  digitised: int4().default(),
  processing_millis: int8().default(),
  rated: int4().default(),
  satisfied: int4().default(),
  complained: int4().default(),
  late_apologized: int4().default(),
  // Migration 355: the Decision 766 indicators of version 2026.12 (src/domain/index766.ts).
  fee_bearing: int4().default(),
  paid_online: int4().default(),
  results_issued: int4().default(),
  results_electronic: int4().default(),
  received_registries_known: int4().default(),
  received_population: int4().default(),
  // Migration 362: the platform's complaints by the day their outcome is known (src/domain/complaints.ts).
  complaints_due: int4().default(),
  complaints_on_time: int4().default(),
  complaints_open: int4().default(),
} as const;

/** The KPI facts and their daily and monthly rollups (src/modules/metrics). */
export const METRIC_TABLES = {
  kpi_facts: {
    province_code: text(),
    dossier_id: uuid(),
    commune_code: text(),
    procedure_code: text(),
    /** The processing agency's id (src/domain/agencies.ts), '' for a code of no known sector (migration 353). */
    agency: text(),
    received_on: date().null(),
    online: bool(),
    reuse: bool(),
    decided_on: date().null(),
    on_time: bool(),
    fully_online: bool(),
    digitised: bool(),
    processing_millis: int8(),
    rating: int2().null(),
    complained: bool(),
    apologized_in_time: bool().default(),
    // Migration 355 (src/domain/kpis.ts DossierFacts).
    fee_bearing: bool().default(),
    paid_online: bool().default(),
    result_issued: bool().default(),
    electronic_result: bool().default(),
    registries_known: bool().default(),
    population_data: bool().default(),
    // Migration 362: the dossier's complaints as the measure counts them.
    complaints: jsonb<ComplaintCell[]>().default(),
  },
  kpi_daily: {
    province_code: text(),
    commune_code: text(),
    procedure_code: text(),
    agency: text(),
    day: date(),
    ...ROLLUP_COUNTS,
  },
  kpi_monthly: {
    province_code: text(),
    commune_code: text(),
    procedure_code: text(),
    agency: text(),
    month: date(),
    ...ROLLUP_COUNTS,
  },
  kpi_province_monthly: {
    province_code: text(),
    procedure_code: text(),
    agency: text(),
    month: date(),
    ...ROLLUP_COUNTS,
  },
} as const;
