/**
 * Who heads a household once its head leaves it (moved, or deceased and deregistered).
 *
 * Legal source: Luật Cư trú 2020, Điều 10 khoản 2 — the head is a member with full civil capacity
 * (năng lực hành vi dân sự đầy đủ) whom the members agree to nominate; when none has full
 * capacity, the member the members nominate. A change of head is an adjustment of residence
 * information (Điều 26 khoản 1 điểm a), declared by the members (Thông tư 55/2021/TT-BCA,
 * Điều 7).
 *
 * The registry cannot wait for that nomination to know whom to address, so this platform applies
 * a documented interim rule (ours, not the law's text) until the members declare their choice
 * through an adjustment: among the members still registered and living,
 * 1. the oldest adult (18 or over on `asOf`, Bộ luật Dân sự 2015 Điều 20) not recorded as lacking
 *    full civil capacity (Điều 22-24: lost, limited, or with difficulty in cognition);
 * 2. when there is none, the oldest member;
 * 3. ties (same date of birth) go to the smaller personal number, so the choice is reproducible;
 * 4. no member left: no head (the household record is emptied, not deleted).
 * Pure: shared by the server and the browser.
 */

/** A household member as the rule sees them; dates are ISO `YYYY-MM-DD`. */
export type HeadCandidate = {
  personalNumber: string;
  birthDate: string;
  deceasedOn?: string | null | undefined;
  /** False when the registry records lost or limited civil capacity; unknown counts as full. */
  fullCivilCapacity?: boolean | undefined;
};

export type HeadChoice =
  | { head: string; basis: "oldest_adult" | "oldest_member" }
  | { head: null; basis: "no_member" };

export const ADULT_AGE_YEARS = 18;

/** Whether someone born on `birthDate` is 18 or over on `asOf` (both `YYYY-MM-DD`). */
export function isAdultOn(birthDate: string, asOf: string): boolean {
  const year = Number(birthDate.slice(0, 4)) + ADULT_AGE_YEARS;
  return `${String(year).padStart(4, "0")}${birthDate.slice(4, 10)}` <= asOf.slice(0, 10);
}

const older = (a: HeadCandidate, b: HeadCandidate): number =>
  a.birthDate.localeCompare(b.birthDate) || a.personalNumber.localeCompare(b.personalNumber);

/**
 * The new head among `members` (the leaving head excluded by the caller, or named in `leaving`),
 * as of `asOf` (`YYYY-MM-DD`, the day the head's residence ended). See the module comment for the
 * rule and its legal source.
 */
export function chooseHouseholdHead(
  members: readonly HeadCandidate[],
  asOf: string,
  leaving?: string,
): HeadChoice {
  const living = members
    .filter((m) => m.personalNumber !== leaving && !(m.deceasedOn && m.deceasedOn <= asOf))
    .sort(older);
  const adult = living.find((m) => m.fullCivilCapacity !== false && isAdultOn(m.birthDate, asOf));
  if (adult) return { head: adult.personalNumber, basis: "oldest_adult" };
  const first = living[0];
  if (first) return { head: first.personalNumber, basis: "oldest_member" };
  return { head: null, basis: "no_member" };
}
