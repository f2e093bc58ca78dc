/**
 * Personal identification number (số định danh cá nhân): 12 digits.
 *  1-3  code of the (pre-2025) province where the birth was registered (Circular 07/2016 App. 1)
 *  4    century and sex: 1900s M0 F1, 2000s M2 F3, 2100s M4 F5, 2200s M6 F7, 2300s M8 F9
 *  5-6  last two digits of the birth year
 *  7-12 random
 * There is no check digit: we validate the structure and its consistency with birth year and sex.
 */

/** Pre-2025 provinces (63) by 3-digit code, and the post-2025 province (34) each merged into. */
export const OLD_PROVINCES: Record<string, { name: string; newProvince: string }> = {
  "001": { name: "Hà Nội", newProvince: "01" },
  "002": { name: "Hà Giang", newProvince: "08" },
  "004": { name: "Cao Bằng", newProvince: "04" },
  "006": { name: "Bắc Kạn", newProvince: "19" },
  "008": { name: "Tuyên Quang", newProvince: "08" },
  "010": { name: "Lào Cai", newProvince: "15" },
  "011": { name: "Điện Biên", newProvince: "11" },
  "012": { name: "Lai Châu", newProvince: "12" },
  "014": { name: "Sơn La", newProvince: "14" },
  "015": { name: "Yên Bái", newProvince: "15" },
  "017": { name: "Hòa Bình", newProvince: "25" },
  "019": { name: "Thái Nguyên", newProvince: "19" },
  "020": { name: "Lạng Sơn", newProvince: "20" },
  "022": { name: "Quảng Ninh", newProvince: "22" },
  "024": { name: "Bắc Giang", newProvince: "24" },
  "025": { name: "Phú Thọ", newProvince: "25" },
  "026": { name: "Vĩnh Phúc", newProvince: "25" },
  "027": { name: "Bắc Ninh", newProvince: "24" },
  "030": { name: "Hải Dương", newProvince: "31" },
  "031": { name: "Hải Phòng", newProvince: "31" },
  "033": { name: "Hưng Yên", newProvince: "33" },
  "034": { name: "Thái Bình", newProvince: "33" },
  "035": { name: "Hà Nam", newProvince: "37" },
  "036": { name: "Nam Định", newProvince: "37" },
  "037": { name: "Ninh Bình", newProvince: "37" },
  "038": { name: "Thanh Hóa", newProvince: "38" },
  "040": { name: "Nghệ An", newProvince: "40" },
  "042": { name: "Hà Tĩnh", newProvince: "42" },
  "044": { name: "Quảng Bình", newProvince: "44" },
  "045": { name: "Quảng Trị", newProvince: "44" },
  "046": { name: "Thừa Thiên Huế", newProvince: "46" },
  "048": { name: "Đà Nẵng", newProvince: "48" },
  "049": { name: "Quảng Nam", newProvince: "48" },
  "051": { name: "Quảng Ngãi", newProvince: "51" },
  "052": { name: "Bình Định", newProvince: "52" },
  "054": { name: "Phú Yên", newProvince: "66" },
  "056": { name: "Khánh Hòa", newProvince: "56" },
  "058": { name: "Ninh Thuận", newProvince: "56" },
  "060": { name: "Bình Thuận", newProvince: "68" },
  "062": { name: "Kon Tum", newProvince: "51" },
  "064": { name: "Gia Lai", newProvince: "52" },
  "066": { name: "Đắk Lắk", newProvince: "66" },
  "067": { name: "Đắk Nông", newProvince: "68" },
  "068": { name: "Lâm Đồng", newProvince: "68" },
  "070": { name: "Bình Phước", newProvince: "75" },
  "072": { name: "Tây Ninh", newProvince: "80" },
  "074": { name: "Bình Dương", newProvince: "79" },
  "075": { name: "Đồng Nai", newProvince: "75" },
  "077": { name: "Bà Rịa–Vũng Tàu", newProvince: "79" },
  "079": { name: "TP Hồ Chí Minh", newProvince: "79" },
  "080": { name: "Long An", newProvince: "80" },
  "082": { name: "Tiền Giang", newProvince: "82" },
  "083": { name: "Bến Tre", newProvince: "86" },
  "084": { name: "Trà Vinh", newProvince: "86" },
  "086": { name: "Vĩnh Long", newProvince: "86" },
  "087": { name: "Đồng Tháp", newProvince: "82" },
  "089": { name: "An Giang", newProvince: "91" },
  "091": { name: "Kiên Giang", newProvince: "91" },
  "092": { name: "Cần Thơ", newProvince: "92" },
  "093": { name: "Hậu Giang", newProvince: "92" },
  "094": { name: "Sóc Trăng", newProvince: "92" },
  "095": { name: "Bạc Liêu", newProvince: "96" },
  "096": { name: "Cà Mau", newProvince: "96" },
};

/** A personal number has 12 digits (Decree 137/2015/NĐ-CP Art. 13). */
export const PERSONAL_NUMBER_LENGTH = 12;
/** The format alone (12 ASCII digits); `checkPersonalNumber` also checks the structure. */
export const PERSONAL_NUMBER_PATTERN = new RegExp(`^[0-9]{${PERSONAL_NUMBER_LENGTH}}$`);

export type Sex = "M" | "F";

export type PersonalNumberProblem =
  | "format"
  | "province"
  | "century"
  | "birth_year_mismatch"
  | "sex_mismatch";

export type PersonalNumberCheck =
  | { ok: true; oldProvince: string; sex: Sex; birthYear2: number; centuryStart: number }
  | { ok: false; problem: PersonalNumberProblem };

/** Structural check; with birth year and sex, also their consistency with digits 4-6. */
export function checkPersonalNumber(
  value: string,
  person?: { birthYear?: number | undefined; sex?: Sex | undefined },
): PersonalNumberCheck {
  if (!PERSONAL_NUMBER_PATTERN.test(value)) return { ok: false, problem: "format" };
  const oldProvince = value.slice(0, 3);
  if (!OLD_PROVINCES[oldProvince]) return { ok: false, problem: "province" };
  const digit4 = Number(value[3]);
  const centuryStart = 1900 + Math.floor(digit4 / 2) * 100;
  const sex: Sex = digit4 % 2 === 0 ? "M" : "F";
  const birthYear2 = Number(value.slice(4, 6));
  if (person?.birthYear !== undefined) {
    if (person.birthYear < centuryStart || person.birthYear >= centuryStart + 100) {
      return { ok: false, problem: "century" };
    }
    if (person.birthYear % 100 !== birthYear2) return { ok: false, problem: "birth_year_mismatch" };
  }
  if (person?.sex !== undefined && person.sex !== sex) return { ok: false, problem: "sex_mismatch" };
  return { ok: true, oldProvince, sex, birthYear2, centuryStart };
}

/** Digits 1-6 for a person: old province code, century/sex digit, two-digit year. */
export function personalNumberPrefix(oldProvince: string, birthYear: number, sex: Sex): string {
  if (!OLD_PROVINCES[oldProvince]) throw new RangeError(`Unknown old province code ${oldProvince}`);
  const century = Math.floor((birthYear - 1900) / 100);
  if (century < 0 || century > 4) throw new RangeError(`Birth year ${birthYear} outside 1900-2399`);
  const digit4 = century * 2 + (sex === "F" ? 1 : 0);
  return `${oldProvince}${digit4}${String(birthYear % 100).padStart(2, "0")}`;
}

/** Old (pre-2025) province codes that merged into a new province. */
export function oldProvincesOf(newProvince: string): string[] {
  return Object.entries(OLD_PROVINCES)
    .filter(([, p]) => p.newProvince === newProvince)
    .map(([code]) => code);
}
