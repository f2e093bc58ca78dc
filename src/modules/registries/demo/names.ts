/**
 * Vietnamese names for the demo population: family, middle and given names with their weights,
 * and the naming styles of ethnic groups (ethnicities and religions: ethnicities.ts).
 * Weights are rough shares (per cent) from public statistics; demo data, not census data.
 */
import type { Sex } from "../../../domain/personal-number.js";
import { type Random, type Weighted, WeightedTable } from "./random.js";

function words(text: string, separator = " "): string[] {
  return text.split(separator);
}

/** Family names (họ), national shares: Nguyễn ~38%, Trần ~11%, Lê ~9.5%, ... */
export const FAMILY_NAMES: Weighted = [
  ["Nguyễn", 38.4],
  ["Trần", 11],
  ["Lê", 9.5],
  ["Phạm", 7],
  ["Hoàng", 3],
  ["Huỳnh", 2.1],
  ["Phan", 4.5],
  ["Vũ", 2],
  ["Võ", 1.9],
  ["Đặng", 2.1],
  ["Bùi", 2],
  ["Đỗ", 1.4],
  ["Hồ", 1.3],
  ["Ngô", 1.3],
  ["Dương", 1],
  ["Lý", 0.5],
  ["Đinh", 0.7],
  ["Trương", 0.6],
  ["Đoàn", 0.4],
  ["Trịnh", 0.4],
  ["Lâm", 0.4],
  ["Mai", 0.4],
  ["Đào", 0.4],
  ["Cao", 0.4],
  ["Hà", 0.4],
  ["Lương", 0.3],
  ["Lưu", 0.3],
  ["Tô", 0.2],
  ["Tạ", 0.2],
  ["Chu", 0.2],
  ["Châu", 0.2],
  ["Phùng", 0.2],
  ["Thái", 0.2],
  ["Quách", 0.1],
  ["Kiều", 0.1],
  ["Lại", 0.1],
  ["Vương", 0.1],
  ["Triệu", 0.1],
  ["Tăng", 0.1],
  ["La", 0.1],
];

/** Middle names (tên đệm) by sex, weights for people born before 1985 and from 1985 on. */
export const MIDDLE_NAMES: Record<Sex, readonly (readonly [string, number, number])[]> = {
  M: [
    ["Văn", 60, 18],
    ["Hữu", 6, 5],
    ["Đức", 7, 10],
    ["Minh", 5, 14],
    ["Quang", 5, 8],
    ["Công", 5, 5],
    ["Thành", 3, 5],
    ["Ngọc", 3, 3],
    ["Xuân", 3, 3],
    ["Quốc", 2, 6],
    ["Gia", 0.5, 6],
    ["Hoàng", 1, 5],
    ["Anh", 1, 5],
    ["Trung", 2, 3],
    ["Bảo", 0.5, 4],
    ["Tuấn", 1, 3],
  ],
  F: [
    ["Thị", 70, 25],
    ["Ngọc", 5, 12],
    ["Thu", 5, 6],
    ["Thanh", 5, 7],
    ["Minh", 1, 7],
    ["Mai", 2, 4],
    ["Hồng", 3, 4],
    ["Kim", 3, 4],
    ["Thùy", 1, 6],
    ["Phương", 1, 5],
    ["Bảo", 0.5, 5],
    ["Khánh", 0.5, 4],
    ["Diệu", 0.5, 3],
    ["Hoài", 1, 3],
    ["Ánh", 0.5, 3],
    ["Quỳnh", 0.5, 3],
  ],
};

/** Given names (tên), about sixty per sex. */
export const GIVEN_NAMES: Record<Sex, readonly string[]> = {
  M: words(
    "An Bảo Bình Chiến Công Cường Danh Duy Dũng Dương Đạt Định Đông Đức Giang Hải Hào Hậu Hiếu Hiệp Hòa Hoàng Huy Hùng Hưng Khang Khánh Khoa Khôi Kiên Kiệt Lâm Lộc Long Lợi Lực Mạnh Minh Nam Nghĩa Nhân Phát Phong Phúc Quân Quang Sơn Tài Tâm Thái Thắng Thành Thịnh Tiến Toàn Trí Trung Tuấn Tùng Việt Vinh Vũ",
  ),
  F: words(
    "An Anh Ánh Bích Châu Chi Diễm Diệp Dung Duyên Đào Giang Hà Hạnh Hằng Hiền Hoa Hồng Huệ Hương Huyền Khánh Lan Lệ Liên Linh Loan Ly Mai My Mỹ Nga Ngân Ngọc Nguyệt Nhi Nhung Oanh Phương Phượng Quyên Quỳnh Sương Tâm Thảo Thanh Thắm Thơ Thủy Thùy Thư Tiên Trang Trâm Tuyết Uyên Vân Vy Xuân Yến",
  ),
};

/**
 * Ethnic groups with their own naming: family-name pools, and for some a different order.
 * "family-first": Họ + đệm + tên (Kinh style, used by most groups);
 * "clan-last": Y (male) / H' (female) + given name + clan name (Ê Đê style).
 */
type NameStyle = {
  families: Weighted;
  order: "family-first" | "clan-last";
  middle?: Record<Sex, readonly string[]>;
  given?: Record<Sex, readonly string[]>;
};

const NAME_STYLES: Record<string, NameStyle> = {
  Tày: {
    families: [
      ["Nông", 3],
      ["Hoàng", 3],
      ["Lục", 1],
      ["Hà", 1],
      ["Bế", 1],
      ["Ma", 1],
      ["Lương", 1],
    ],
    order: "family-first",
  },
  Nùng: {
    families: [
      ["Hoàng", 3],
      ["Nông", 2],
      ["Lục", 1],
      ["Vi", 1],
      ["Lăng", 1],
      ["Chu", 1],
    ],
    order: "family-first",
  },
  Thái: {
    families: [
      ["Lò", 3],
      ["Cầm", 2],
      ["Lường", 2],
      ["Quàng", 1],
      ["Vi", 1],
      ["Hà", 1],
    ],
    order: "family-first",
  },
  Mường: {
    families: [
      ["Bùi", 4],
      ["Đinh", 3],
      ["Quách", 1],
      ["Hà", 1],
      ["Xa", 1],
    ],
    order: "family-first",
  },
  Dao: {
    families: [
      ["Triệu", 3],
      ["Bàn", 3],
      ["Đặng", 2],
      ["Lý", 1],
      ["Chảo", 1],
    ],
    order: "family-first",
  },
  Hoa: {
    families: [
      ["Lý", 2],
      ["Trần", 2],
      ["Lâm", 2],
      ["Quách", 1],
      ["Châu", 1],
      ["Hứa", 1],
      ["Diệp", 1],
      ["Mã", 1],
    ],
    order: "family-first",
  },
  Khmer: {
    families: [
      ["Thạch", 4],
      ["Danh", 3],
      ["Kim", 2],
      ["Sơn", 2],
      ["Lâm", 1],
      ["Chau", 1],
    ],
    order: "family-first",
  },
  "H'Mông": {
    families: [
      ["Giàng", 3],
      ["Vàng", 3],
      ["Sùng", 2],
      ["Thào", 2],
      ["Lầu", 1],
      ["Hờ", 1],
      ["Mùa", 1],
      ["Lý", 1],
    ],
    order: "family-first",
    middle: { M: ["A", "Seo", "Mí"], F: ["Thị", "Thị", "Mỷ"] },
    given: {
      M: ["Páo", "Chư", "Dính", "Sình", "Sử", "Pó", "Chá", "Súa", "Tủa", "Lềnh", "Vư", "Dế"],
      F: ["Mai", "Sua", "Dở", "Chở", "Pằng", "Mỷ", "Súa", "Dua", "Máy", "Chứ", "Lan", "Sinh"],
    },
  },
  "Ê Đê": {
    families: [
      ["Niê", 4],
      ["Êban", 2],
      ["Mlô", 2],
      ["Byă", 1],
      ["Ayun", 1],
      ["Adrơng", 1],
      ["Knul", 1],
    ],
    order: "clan-last",
    given: {
      M: ["Biêr", "Moan", "Khâm", "Ngông", "Kông", "Blô", "Thông", "Wai", "Sơn", "Tlang", "Jôn", "Mlin"],
      F: ["Hen", "Ly", "Năm", "Bia", "Diu", "Ngơm", "Yăm", "Juôn", "Wen", "Lê", "Nhi", "Ruôn"],
    },
  },
  "Gia Rai": {
    families: [
      ["Ksor", 4],
      ["Siu", 3],
      ["Rơ Châm", 2],
      ["Nay", 2],
      ["Rah Lan", 1],
      ["Kpă", 1],
      ["Rơ Mah", 1],
    ],
    order: "family-first",
    middle: { M: [""], F: ["H'", "H'", "Thị"] },
    given: {
      M: ["Blếch", "Phun", "Thương", "Hiếu", "Đôh", "Long", "Pếk", "Hmưi", "Nhân", "Thuyên", "Dương", "Jơn"],
      F: ["Ly", "Nhung", "Hoan", "Duin", "Blơi", "Hương", "Mai", "Ngăm", "Luyên", "Nghí", "Thu", "Yuih"],
    },
  },
  "Ba Na": {
    families: [
      ["Đinh", 4],
      ["A", 1],
    ],
    order: "family-first",
    middle: { M: ["Văn", ""], F: ["Thị"] },
  },
};

export type PersonName = { family: string; middle: string; given: string; fullName: string };

const KINH_FAMILIES = new WeightedTable(FAMILY_NAMES);
const STYLE_FAMILIES = new Map(
  Object.entries(NAME_STYLES).map(([k, s]) => [k, new WeightedTable(s.families)]),
);
const MIDDLE_TABLES = {
  old: {
    M: new WeightedTable(MIDDLE_NAMES.M.map(([n, w]) => [n, w] as const)),
    F: new WeightedTable(MIDDLE_NAMES.F.map(([n, w]) => [n, w] as const)),
  },
  young: {
    M: new WeightedTable(MIDDLE_NAMES.M.map(([n, , w]) => [n, w] as const)),
    F: new WeightedTable(MIDDLE_NAMES.F.map(([n, , w]) => [n, w] as const)),
  },
};

/** A family name for a person of this ethnicity (the clan name for clan-last styles). */
export function familyName(rng: Random, ethnicity: string): string {
  const table = STYLE_FAMILIES.get(ethnicity);
  // Many people of most groups carry the common Kinh family names too.
  if (table && (NAME_STYLES[ethnicity]?.order === "clan-last" || rng.chance(0.75))) return table.pick(rng);
  return KINH_FAMILIES.pick(rng);
}

/** A full name; `family` comes from the father for children (the Kinh convention). */
export function personName(
  rng: Random,
  sex: Sex,
  birthYear: number,
  ethnicity: string,
  family: string,
): PersonName {
  const style = NAME_STYLES[ethnicity];
  const given = rng.pick(style?.given?.[sex] ?? GIVEN_NAMES[sex]);
  if (style?.order === "clan-last") {
    const prefix = sex === "M" ? "Y " : "H'";
    return { family, middle: "", given, fullName: `${prefix}${given} ${family}` };
  }
  let middle = style?.middle
    ? rng.pick(style.middle[sex])
    : MIDDLE_TABLES[birthYear < 1985 ? "old" : "young"][sex].pick(rng);
  if (middle === given) middle = sex === "M" ? "Văn" : "Thị"; // no "Hồng Hồng"
  const fullName = middle.endsWith("'")
    ? `${family} ${middle}${given}`
    : [family, middle, given].filter(Boolean).join(" ");
  return { family, middle, given, fullName };
}
