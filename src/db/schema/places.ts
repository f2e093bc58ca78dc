import { text } from "../columns.js";

/** What names a province or a commune: in Vietnamese and English, short and full, its kind, its search text. */
const UNIT_NAMES = {
  name: text(),
  name_en: text(),
  full_name: text(),
  full_name_en: text(),
  unit_type: text(),
  search_text: text(),
} as const;

/** The administrative units: the 34 provinces and their communes (src/modules/units). */
export const PLACE_TABLES = {
  provinces: {
    code: text(),
    ...UNIT_NAMES,
  },
  communes: {
    code: text(),
    province_code: text(),
    ...UNIT_NAMES,
  },
} as const;
