/**
 * Names of the demo officers: a plausible Vietnamese name per account, deterministic by its unit
 * (commune or province code) and kind, so that seeds stay reproducible and officers of different
 * communes are different people ("Trần Thị Thu" was every commune's one-stop receiver). Within one
 * unit no two accounts share a given name; across units a name repeats only by chance, among
 * 30 × 14 × 48 combinations per sex (about 3% of the names of 300 communes; the test fixtures'
 * three communes and two provinces have none in common: test/signin.test.ts).
 */

const FAMILIES = [
  "Nguyễn",
  "Trần",
  "Lê",
  "Phạm",
  "Hoàng",
  "Huỳnh",
  "Phan",
  "Vũ",
  "Võ",
  "Đặng",
  "Bùi",
  "Đỗ",
  "Hồ",
  "Ngô",
  "Dương",
  "Lý",
  "Trương",
  "Đinh",
  "Lâm",
  "Mai",
  "Tạ",
  "Cao",
  "Đoàn",
  "Trịnh",
  "Lương",
  "Hà",
  "Tô",
  "Châu",
  "Quách",
  "Kiều",
];
const MIDDLES = {
  M: [
    "Văn",
    "Đức",
    "Minh",
    "Quốc",
    "Hữu",
    "Thanh",
    "Công",
    "Xuân",
    "Ngọc",
    "Anh",
    "Quang",
    "Trọng",
    "Gia",
    "Tấn",
  ],
  F: [
    "Thị",
    "Thị",
    "Ngọc",
    "Thu",
    "Thanh",
    "Minh",
    "Hồng",
    "Kim",
    "Phương",
    "Thùy",
    "Bích",
    "Mỹ",
    "Khánh",
    "Diệu",
  ],
} as const;
const GIVENS = {
  M: [
    "Hùng",
    "Bình",
    "Toàn",
    "Quân",
    "Nam",
    "Dũng",
    "Tuấn",
    "Hải",
    "Long",
    "Khánh",
    "Phong",
    "Sơn",
    "Thắng",
    "Trung",
    "Hiếu",
    "Huy",
    "Đạt",
    "Tài",
    "Vinh",
    "Lâm",
    "Cường",
    "Thành",
    "Hòa",
    "Kiên",
    "Nghĩa",
    "Phúc",
    "Quý",
    "Tâm",
    "Thịnh",
    "Tú",
    "Việt",
    "Bảo",
    "An",
    "Duy",
    "Hậu",
    "Khoa",
    "Lộc",
    "Mạnh",
    "Nhân",
    "Phát",
    "Quang",
    "Sang",
    "Tiến",
    "Trí",
    "Vũ",
    "Định",
    "Hoàng",
    "Thái",
  ],
  F: [
    "Thu",
    "Lan",
    "Mai",
    "Hạnh",
    "Thảo",
    "Hà",
    "Hương",
    "Hoa",
    "Linh",
    "Ngọc",
    "Trang",
    "Yến",
    "Nhung",
    "Dung",
    "Giang",
    "Huyền",
    "Loan",
    "Phượng",
    "Quyên",
    "Tâm",
    "Thủy",
    "Uyên",
    "Vân",
    "Xuân",
    "Anh",
    "Châu",
    "Diệp",
    "Hằng",
    "Liên",
    "My",
    "Nga",
    "Oanh",
    "Chi",
    "Đào",
    "Hiền",
    "Hòa",
    "Lệ",
    "Ly",
    "Nhàn",
    "Nhi",
    "Phương",
    "Quỳnh",
    "Sương",
    "Thoa",
    "Trâm",
    "Tuyết",
    "Vy",
    "Hậu",
  ],
} as const;

/** FNV-1a, 32 bits: a stable number from a string (no randomness, no dependence on the runtime). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (const ch of text) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // Murmur3's finaliser: every bit of the input reaches every bit of the result.
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The names of one unit's demo accounts, in the order of `kinds` (each a username prefix and a
 * sex): family, middle and given names picked from the unit's code and the kind's prefix; a given
 * name already taken in the unit moves on to the next one.
 */
export function demoOfficerNames(
  unitCode: string,
  kinds: ReadonlyArray<{ prefix: string; sex: "M" | "F" }>,
): string[] {
  const taken = new Set<string>();
  return kinds.map((k) => {
    // One number, read in mixed radix: family, then middle, then given name.
    let h = hash(`${unitCode}:${k.prefix}`);
    const pick = <T>(list: readonly T[]): T => {
      const v = list[h % list.length] as T;
      h = Math.floor(h / list.length);
      return v;
    };
    const family = pick(FAMILIES);
    const middle = pick(MIDDLES[k.sex]);
    const givens = GIVENS[k.sex];
    let i = h % givens.length;
    // Never a given name the unit has, nor the middle name again ("Phương Phương").
    while (taken.has(givens[i] as string) || givens[i] === middle) i = (i + 1) % givens.length;
    const given = givens[i] as string;
    taken.add(given);
    return `${family} ${middle} ${given}`;
  });
}
