/**
 * Ethnicity and religion of demo households, by province: regional mixes where minorities are
 * many, else the lowlands' mix. Weights are rough shares (per cent) from public statistics (2019
 * census, rounded); demo data, not census data.
 */
import { type Weighted, WeightedTable } from "./random.js";

/** Ethnic composition: national shares (2019 census, rounded), for reference and tests. */
export const NATIONAL_ETHNICITIES: Weighted = [
  ["Kinh", 85.3],
  ["Tày", 1.9],
  ["Thái", 1.9],
  ["Mường", 1.5],
  ["H'Mông", 1.5],
  ["Khmer", 1.4],
  ["Nùng", 1.1],
  ["Dao", 0.9],
  ["Hoa", 0.8],
  ["Gia Rai", 0.5],
  ["Ê Đê", 0.4],
  ["Ba Na", 0.3],
];
const NORTHERN_UPLANDS: Weighted = [
  ["Kinh", 45],
  ["Tày", 15],
  ["Nùng", 10],
  ["H'Mông", 12],
  ["Dao", 8],
  ["Thái", 8],
  ["Mường", 2],
];
const NORTHWEST: Weighted = [
  ["Kinh", 30],
  ["Thái", 35],
  ["H'Mông", 20],
  ["Dao", 5],
  ["Mường", 5],
  ["Tày", 5],
];
const HIGHLANDS: Weighted = [
  ["Kinh", 70],
  ["Gia Rai", 10],
  ["Ê Đê", 8],
  ["Ba Na", 4],
  ["Tày", 3],
  ["Nùng", 3],
  ["Mường", 2],
];
const KHMER_DELTA: Weighted = [
  ["Kinh", 87],
  ["Khmer", 10],
  ["Hoa", 3],
];
/** Households' ethnicity by province: regional mixes where minorities are many, else lowlands. */
const LOWLANDS: Weighted = [
  ["Kinh", 96],
  ["Mường", 1],
  ["Tày", 1],
  ["Hoa", 1],
  ["Thái", 0.5],
  ["Nùng", 0.5],
];
const ETHNICITIES_BY_PROVINCE: Record<string, Weighted> = {
  "04": NORTHERN_UPLANDS,
  "08": NORTHERN_UPLANDS,
  "15": NORTHERN_UPLANDS,
  "19": NORTHERN_UPLANDS,
  "20": NORTHERN_UPLANDS,
  "11": NORTHWEST,
  "12": NORTHWEST,
  "14": NORTHWEST,
  "25": [
    ["Kinh", 85],
    ["Mường", 12],
    ["Dao", 2],
    ["Tày", 1],
  ],
  "38": [
    ["Kinh", 84],
    ["Mường", 9],
    ["Thái", 6],
    ["H'Mông", 1],
  ],
  "40": [
    ["Kinh", 88],
    ["Thái", 9],
    ["H'Mông", 2],
    ["Mường", 1],
  ],
  "52": HIGHLANDS,
  "66": HIGHLANDS,
  "68": HIGHLANDS,
  "79": [
    ["Kinh", 93],
    ["Hoa", 5],
    ["Khmer", 1],
    ["Tày", 0.5],
    ["Nùng", 0.5],
  ],
  "91": KHMER_DELTA,
  "92": KHMER_DELTA,
  "96": KHMER_DELTA,
  "86": KHMER_DELTA,
};
const ETHNICITY_TABLES = new Map<string, WeightedTable<string>>();

export function ethnicityTable(provinceCode: string): WeightedTable<string> {
  let table = ETHNICITY_TABLES.get(provinceCode);
  if (!table) {
    table = new WeightedTable(ETHNICITIES_BY_PROVINCE[provinceCode] ?? LOWLANDS);
    ETHNICITY_TABLES.set(provinceCode, table);
  }
  return table;
}

/** Religion of a household: most Vietnamese declare none (null). */
export function religionTable(provinceCode: string, ethnicity: string): WeightedTable<string | null> {
  if (ethnicity === "Khmer") return KHMER_RELIGION;
  if (["79", "82", "86", "91", "92", "96", "80", "75"].includes(provinceCode)) return SOUTH_RELIGION;
  return DEFAULT_RELIGION;
}
const DEFAULT_RELIGION = new WeightedTable<string | null>([
  [null, 84],
  ["Phật giáo", 8],
  ["Công giáo", 7],
  ["Tin lành", 1],
]);
const SOUTH_RELIGION = new WeightedTable<string | null>([
  [null, 72],
  ["Phật giáo", 12],
  ["Công giáo", 8],
  ["Cao Đài", 4],
  ["Phật giáo Hòa Hảo", 3],
  ["Tin lành", 1],
]);
const KHMER_RELIGION = new WeightedTable<string | null>([
  ["Phật giáo", 90],
  [null, 10],
]);
