import { bool, date, int2, int4, int8, text, uuid } from "../columns.js";

/** The sums every KPI rollup keeps, per place, procedure and day or month (migrations 180, 290). */
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
} as const;

/** The KPI facts and their daily and monthly rollups (src/modules/metrics). */
export const METRIC_TABLES = {
  kpi_facts: {
    province_code: text(),
    dossier_id: uuid(),
    commune_code: text(),
    procedure_code: text(),
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
  },
  kpi_daily: {
    province_code: text(),
    commune_code: text(),
    procedure_code: text(),
    day: date(),
    ...ROLLUP_COUNTS,
  },
  kpi_monthly: {
    province_code: text(),
    commune_code: text(),
    procedure_code: text(),
    month: date(),
    ...ROLLUP_COUNTS,
  },
  kpi_province_monthly: {
    province_code: text(),
    procedure_code: text(),
    month: date(),
    ...ROLLUP_COUNTS,
  },
} as const;
