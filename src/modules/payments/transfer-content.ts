/**
 * The content ("nội dung chuyển khoản") of a fee transfer, and reading a dossier code back from
 * what the bank reports. The content is the only thing that ties a citizen's transfer to their
 * dossier, so it always carries the whole dossier code: never cut.
 *
 * VietQR's purpose field (EMVCo tag 62-08) holds up to 25 characters in the banks that are
 * strictest, and some banks drop punctuation or change case. So, for a dossier code
 * `UB.20194.H48-261201-0001` (Circular 01/2018/TT-VPCP Art. 19, 24 characters; 25 and more from
 * the day's 10,000th dossier), the content is the first of these that fits in 25 characters:
 *   1. `ML UB.20194.H48-261201-0001` — the platform's prefix and the code (codes up to 22 chars);
 *   2. `UB.20194.H48-261201-0001` — the code alone (up to 25);
 *   3. `UB20194H48261201100000` — the code without its dots and dashes (compact). Every part of a
 *      code but the sequence has a fixed width (sector 2 letters, commune 5 digits, H + province
 *      2 digits, day 6 digits), so the compact form is unique and reads back to the one code.
 * A compact form longer than 25 (a billion dossiers a day at one agency) is kept whole: cutting
 * would lose the match, a longer content only risks a bank's own cut.
 */

/** The longest content every bank keeps (VietQR purpose, strictest banks). */
export const TRANSFER_CONTENT_MAX = 25;
const PREFIX = "ML ";

/** The transfer content for a dossier code (see the module comment for the three forms). */
export function transferContentOf(dossierCode: string): string {
  if (PREFIX.length + dossierCode.length <= TRANSFER_CONTENT_MAX) return `${PREFIX}${dossierCode}`;
  if (dossierCode.length <= TRANSFER_CONTENT_MAX) return dossierCode;
  return dossierCode.replace(/[.-]/g, "");
}

const COMPACT = /^(?:ML)?([A-Z]{2})(\d{5})H(\d{2})(\d{6})(\d{4,})$/;

/**
 * The dossier code a transfer content names, in any of the three forms, as a bank may report it
 * (any case, punctuation or spaces dropped or changed); undefined when it names none.
 * `"ml ub.20194.h48-261201-0001"` → `"UB.20194.H48-261201-0001"`.
 */
export function dossierCodeOfTransferContent(content: string): string | undefined {
  const m = COMPACT.exec(content.toUpperCase().replace(/[^A-Z0-9]/g, ""));
  if (!m) return undefined;
  const [, sector, commune, province, day, seq] = m;
  return `${sector}.${commune}.H${province}-${day}-${seq}`;
}

/** The province code a dossier code belongs to (`UB.20194.H48-…` → `"48"`). */
export function provinceOfDossierCode(code: string): string | undefined {
  return /^[A-Z]{2}\.\d{5}\.H(\d{2})-/.exec(code)?.[1];
}
