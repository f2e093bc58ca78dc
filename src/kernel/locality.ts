import { randomUUID } from "node:crypto";
import { PROVINCE_CODE_PATTERN } from "../domain/inputs.js";

/**
 * Addresses of locality rows (docs/scaling.md). Locality tables are distributed by
 * `province_code`, so every statement names the province: a dossier or a payment carries it in
 * its id, a dossier code and a result number carry it in the agency code (`…H48-…`).
 */

/** The declared sentinel province of rows that belong to no province (national audit rows). */
export const NATIONAL_PROVINCE = "00";

/**
 * A new id for a row of `provinceCode` (two digits): a UUID of version 8 (RFC 9562, custom)
 * whose first two hex digits are the province code, e.g. `48c1f0a2-…-8…-…`; 112 random bits.
 * Throws RangeError for a province code that is not two digits (a programming error).
 */
export function localityId(provinceCode: string): string {
  if (!PROVINCE_CODE_PATTERN.test(provinceCode))
    throw new RangeError(`province code ${provinceCode} is not 2 digits`);
  const u = randomUUID();
  return `${provinceCode}${u.slice(2, 14)}8${u.slice(15)}`;
}

/** The province a `localityId` carries; undefined for any other UUID (rows created before migration 090). */
export function provinceOfId(id: string): string | undefined {
  return /^[0-9]{2}[0-9a-f]{6}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(id)
    ? id.slice(0, 2)
    : undefined;
}

/**
 * The province in a dossier code (`UB.20194.H48-250714-0007`) or a result number
 * (`KQ-UB.20194.H48-250714-0007`); undefined when there is none.
 */
export function provinceOfCode(code: string): string | undefined {
  return /\.H([0-9]{2})-/.exec(code)?.[1];
}
