/**
 * The health-insurance card of a child under 6, as social security issues it. Pure: shared by the
 * server and the browser.
 *
 * - Group and level: children under 6 are in group "TE" (the state pays), benefit level 1 (100%)
 *   (Luật Bảo hiểm y tế 2008, Điều 12 khoản 3 điểm e and Điều 22 khoản 1 điểm a, amended 2014;
 *   Nghị định 146/2018/NĐ-CP, Điều 3 khoản 3 điểm e).
 * - Number: group (2 letters), level (1 digit), province code (2 digits), the last 10 digits of the
 *   social-insurance number, which is the personal number (Quyết định 1666/QĐ-BHXH 2020, mã thẻ
 *   15 ký tự; Luật Bảo hiểm xã hội 2024 Điều 4 makes the personal number the insurance number).
 * - Valid until the child is 72 months old; when that day comes before the school year (30
 *   September of that year), until 30 September (Luật Bảo hiểm y tế 2008, Điều 16 khoản 3, amended 2014).
 */

export const CHILD_CARD_GROUP = "TE";
export const CHILD_CARD_LEVEL = 1;

/** The 15-character card number of a child's card: `TE1` + province (2 digits) + last 10 of the number. */
export function childCardNumber(provinceCode: string, personalNumber: string): string {
  return `${CHILD_CARD_GROUP}${CHILD_CARD_LEVEL}${provinceCode.padStart(2, "0").slice(-2)}${personalNumber.slice(-10)}`;
}

/**
 * The last day a child's card is valid, from the child's date of birth (`YYYY-MM-DD`): the day they
 * are 72 months old (born 29 February: 28 February), or 30 September of that year when later.
 */
export function childCardValidTo(birthDate: string): string {
  const year = Number(birthDate.slice(0, 4)) + 6;
  const md = birthDate.slice(5, 10) === "02-29" ? "02-28" : birthDate.slice(5, 10);
  const sixth = `${year}-${md}`;
  const schoolYear = `${year}-09-30`;
  return sixth < schoolYear ? schoolYear : sixth;
}

/**
 * The share of covered costs a card's benefit level pays (the digit after the group code on the
 * card, Law on Health Insurance 2008 amended 2014 Art. 22(1); BHXH Decision 1666/QĐ-BHXH on card
 * codes): 1 and 2 → 100, 3 → 95, 4 → 80, 5 → 100 (percent). Undefined for another code.
 */
export function benefitPercent(level: number): number | undefined {
  return ({ 1: 100, 2: 100, 3: 95, 4: 80, 5: 100 } as Record<number, number>)[level];
}
