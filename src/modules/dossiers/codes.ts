import type { Queryable } from "../../db/client.js";
import { SECTOR_CODES } from "../../domain/agencies.js";
import type { Sector } from "../../domain/authority.js";
import { localDate } from "../../domain/calendar/index.js";

/**
 * Dossier codes (Circular 01/2018/TT-VPCP Art. 19): `<agency code>-<YYMMDD>-<daily sequence>`, the
 * sequence written with at least 4 digits as the circular's own example shows (`…-250714-0007`).
 * The circular numbers the day's dossiers; it sets no ceiling, and a citizen must never be refused
 * because an agency is busy, so the 10,000th dossier of a day is `…-10000` (5 digits), not an error.
 * Agency codes follow the shape of the state agency code list (Circular 10/2016/TT-BTTTT) but are
 * composed locally from sector and unit codes (the official list is not available offline):
 * `UB.20194.H48` = People's Committee of commune 20194 in province 48.
 */

export function agencyCode(sector: Sector, provinceCode: string, communeCode: string | null): string {
  return `${SECTOR_CODES[sector]}.${communeCode ?? "00000"}.H${provinceCode}`;
}

/**
 * The code of the `seq`-th dossier (1-based) of `agency` on the local day `day` (`YYYY-MM-DD`).
 * Throws RangeError for a sequence that is not a positive whole number (a programming error).
 */
export function formatDossierCode(agency: string, day: string, seq: number): string {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`daily sequence ${seq} is not 1, 2, 3…`);
  return `${agency}-${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}-${String(seq).padStart(4, "0")}`;
}

/**
 * Next code for an agency (of `provinceCode`) on the local day of `at`, drawn from the agency's
 * sequence of that day (migration 095, `dossier_code_sequence`: made on the day's first draw).
 * One statement that never waits for another submission: numbers follow the order of drawing
 * and are not given back when the transaction rolls back, so a submission that fails after its
 * draw leaves a gap in the day's numbers (the circular numbers the dossiers received; it asks for
 * no unbroken run). Codes never repeat: the sequence only grows and `(province_code, code)` is
 * unique.
 */
export async function nextDossierCode(
  q: Queryable,
  provinceCode: string,
  agency: string,
  at: Date,
): Promise<string> {
  const day = localDate(at);
  const { rows } = await q.query<{ seq: number }>(
    "select nextval(dossier_code_sequence($1, $2, $3::date)) as seq",
    [provinceCode, agency, day],
  );
  const seq = rows[0]?.seq;
  if (seq === undefined) throw new Error("sequence allocation failed");
  return formatDossierCode(agency, day, seq);
}
