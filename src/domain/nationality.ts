/**
 * Nationality typed as free text ("Việt Nam", "Viet Nam", "VN", "Vietnamese", "quốc tịch Việt
 * Nam"...): folded (no marks, lower case, no spaces or punctuation) and compared with the ways
 * people write Vietnam's, so that a rule that depends on it (a Vietnamese party gives a personal
 * number, a foreign one a passport number) holds whatever the spelling. Pure.
 */
import { foldVietnamese } from "./text.js";

/** How a Vietnamese nationality is stored once recognised. */
export const VIETNAMESE_NATIONALITY = "Việt Nam";

/** Folded spellings (foldVietnamese, then without spaces) that name Vietnam's nationality. */
const VIETNAM = new Set([
  "vietnam",
  "vn",
  "vnm",
  "vietnamese",
  "vietnamien",
  "vietnamienne",
  "nguoivietnam",
  "quoctichvietnam",
  "chxhcnvietnam",
  "conghoaxahoichunghiavietnam",
  "socialistrepublicofvietnam",
]);

/** true when the text names Vietnam's nationality, e.g. "Việt Nam", "viet nam", "VN", "Vietnamese". */
export function isVietnameseNationality(text: unknown): boolean {
  if (typeof text !== "string") return false;
  return VIETNAM.has(foldVietnamese(text).replace(/\s+/gu, ""));
}

/** The stored form: Vietnam's nationality as VIETNAMESE_NATIONALITY, anything else as typed. */
export function normaliseNationality(text: string): string {
  return isVietnameseNationality(text) ? VIETNAMESE_NATIONALITY : text;
}
