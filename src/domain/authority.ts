/**
 * The name of the authority that issues a document, as Vietnamese administrative documents write
 * it (Decree 30/2020/NĐ-CP, Appendix I, II.3 and II.5):
 * - top left, in capitals, the authority's proper name, the superior authority above it where
 *   there is one ("CÔNG AN THÀNH PHỐ ĐÀ NẴNG" over "CÔNG AN PHƯỜNG HẢI VÂN"); a people's committee
 *   has none and is written on two lines, "ỦY BAN NHÂN DÂN" / "PHƯỜNG HẢI VÂN";
 * - in running text, its proper name with the unit type in lower case: "Ủy ban nhân dân phường
 *   Hải Vân" (never the generic "Ủy ban nhân dân cấp xã");
 * - the place of the place-and-date line: the proper name of the unit where it sits ("Hải Vân";
 *   a unit named by a number keeps its type, "Phường 15").
 * Pure: the caller passes the commune and province as the units registry names them.
 */
export type Sector = "peoples_committee" | "police" | "social_security" | "labour_social";

/** An administrative unit as data/vn-admin names it: name "Hải Vân", full name "Phường Hải Vân". */
export type UnitName = { name: string; fullName: string };

export type Authority = {
  /** The superior authority's line (regular capitals), when the format has one. */
  superior?: string;
  /** The authority's lines (bold capitals). */
  lines: string[];
  /** The proper name in running text: "Ủy ban nhân dân phường Hải Vân". */
  properName: string;
  /** The place of the place-and-date line: "Hải Vân". */
  place: string;
};

const upper = (s: string) => s.toLocaleUpperCase("vi");

/** "Phường Hải Vân" → "phường Hải Vân"; "Thành phố Đà Nẵng" → "thành phố Đà Nẵng". */
export function inRunningText(unit: UnitName): string {
  const { name, fullName } = unit;
  if (!fullName.endsWith(name) || fullName === name) return fullName;
  const type = fullName.slice(0, fullName.length - name.length).trim();
  return `${type.toLocaleLowerCase("vi")} ${name}`;
}

function placeOf(unit: UnitName): string {
  return /^\d+$/.test(unit.name) ? unit.fullName : unit.name;
}

/**
 * The issuing authority of a procedure's sector at a commune (or, without one, at the province).
 * Social security: the provincial office's name under "Bảo hiểm xã hội Việt Nam" (the 2025
 * reorganisation of its local offices is not modelled; the province stands for the office).
 */
export function issuingAuthority(
  sector: Sector,
  commune: UnitName | undefined,
  province: UnitName,
): Authority {
  const local = commune ?? province;
  switch (sector) {
    case "police":
      return {
        superior: `CÔNG AN ${upper(province.fullName)}`,
        lines: commune ? [`CÔNG AN ${upper(commune.fullName)}`] : [`CÔNG AN ${upper(province.fullName)}`],
        properName: `Công an ${inRunningText(local)}`,
        place: placeOf(local),
      };
    case "social_security":
      return {
        superior: "BẢO HIỂM XÃ HỘI VIỆT NAM",
        lines: [`BẢO HIỂM XÃ HỘI ${upper(province.fullName)}`],
        properName: `Bảo hiểm xã hội ${inRunningText(province)}`,
        place: placeOf(province),
      };
    default:
      return {
        lines: ["ỦY BAN NHÂN DÂN", upper(local.fullName)],
        properName: `Ủy ban nhân dân ${inRunningText(local)}`,
        place: placeOf(local),
      };
  }
}
