import { formatDate } from "./vietnamese-dates.js";

/**
 * A person's marital status as the civil-status register holds it (Luật Hộ tịch 2014; Luật Hôn nhân
 * và gia đình 2014), decided once for every reader: the marriage-registration eligibility rule, the
 * confirmation of marital status, the submit-time claim of a marriage party and the citizen's own
 * view of their data. Pure: the registries module reads the records, this decides.
 */

/** How a registered marriage ended: a divorce noted from a court's judgement, or the spouse's death. */
export type MarriageEndCause = "divorce" | "spouse_death";

/** One marriage record of the person in the civil-status register. */
export type RegisteredMarriage = {
  registrationNumber: string;
  /** "YYYY-MM-DD" */
  registeredOn: string;
  /**
   * The other spouse's personal number; null when the register holds none (married before personal
   * numbers, or abroad). A marriage registered is a marriage whether or not the spouse has a number.
   */
  spouseNumber: string | null;
  /** The end noted in the register (Luật Hộ tịch 2014, Điều 37–40), null while it stands. */
  end: { on: string; cause: MarriageEndCause; judgementNumber: string | null } | null;
  /** Whether the registries record the other spouse's death (false for a spouse without a number). */
  spouseDied: boolean;
};

export type MaritalStatus = "single" | "married" | "divorced" | "widowed";

/** The status and the marriage it rests on (none for "single"). */
export type MaritalStanding = {
  status: MaritalStatus;
  marriage: {
    registrationNumber: string;
    registeredOn: string;
    /** The day it ended (divorce or death noted in the register); null when married or not noted. */
    endedOn: string | null;
    judgementNumber: string | null;
  } | null;
};

/**
 * Pure: a marriage that stands (no end noted, the spouse not known to have died: a spouse without
 * a personal number is living for the register) makes the person "married", whatever ended before;
 * else the newest registered marriage tells "divorced" (its end is a divorce) or "widowed" (its end
 * is the spouse's death, noted or known from the registries); no marriage: "single" (the register
 * holds none of theirs).
 */
export function maritalStatusOf(marriages: readonly RegisteredMarriage[]): MaritalStanding {
  const newest = [...marriages].sort((a, b) => b.registeredOn.localeCompare(a.registeredOn));
  const standing = newest.find((m) => !m.end && !m.spouseDied);
  const of = (m: RegisteredMarriage) => ({
    registrationNumber: m.registrationNumber,
    registeredOn: m.registeredOn,
    endedOn: m.end?.on ?? null,
    judgementNumber: m.end?.judgementNumber ?? null,
  });
  if (standing) return { status: "married", marriage: of(standing) };
  const last = newest[0];
  if (!last) return { status: "single", marriage: null };
  return { status: last.end?.cause === "divorce" ? "divorced" : "widowed", marriage: of(last) };
}

/** Pure: the status in plain words, Vietnamese and English, for the person themself ("my data"). */
export function maritalStatusWords(s: MaritalStanding): { vi: string; en: string } {
  const m = s.marriage;
  const reg = m && {
    vi: `đăng ký kết hôn số ${m.registrationNumber}, ngày ${formatDate(m.registeredOn)}`,
    en: `marriage registration ${m.registrationNumber} of ${formatDate(m.registeredOn)}`,
  };
  const since = m?.endedOn
    ? { vi: ` từ ngày ${formatDate(m.endedOn)}`, en: ` on ${formatDate(m.endedOn)}` }
    : { vi: "", en: "" };
  switch (s.status) {
    case "married":
      return {
        vi: `Đang có vợ hoặc chồng (${reg?.vi}).`,
        en: `Married (${reg?.en}).`,
      };
    case "divorced":
      return {
        vi: `Đã ly hôn${since.vi}: Sổ hộ tịch đã ghi việc ly hôn theo bản án, quyết định số ${m?.judgementNumber ?? ""} của Tòa án (${reg?.vi}).`,
        en: `Divorced${since.en}: the civil-status register notes the divorce by court judgement or decision ${m?.judgementNumber ?? ""} (${reg?.en}).`,
      };
    case "widowed":
      return {
        vi: `Vợ hoặc chồng đã chết; hôn nhân đã chấm dứt${since.vi} (${reg?.vi}).`,
        en: `Widowed: the marriage ended with the spouse's death${since.en} (${reg?.en}).`,
      };
    default:
      return {
        vi: "Sổ hộ tịch chưa ghi việc kết hôn nào của bạn.",
        en: "The civil-status register holds no marriage of yours.",
      };
  }
}
