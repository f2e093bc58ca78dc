/**
 * Working-day calendar data for Vietnamese civil servants (cán bộ, công chức, viên chức).
 *
 * Legal frame: Labour Code 2019 Art. 112 grants 11 paid holidays a year (1/1; Tết 5 days;
 * Hùng Kings 10/3 lunar; 30/4; 1/5; 2/9 plus one adjacent day). Art. 111(3): a holiday that
 * falls on a weekly rest day is compensated on the next working day. Each year the Prime
 * Minister (via a Government Office letter, VPCP) fixes the Tết days and may swap a weekday
 * ("bridge") with a Saturday worked instead ("makeup"); those swaps bind civil servants only.
 *
 * Entries marked `confirmed: false` are projections that must be checked against the yearly
 * notice before they are relied on; update them when the notice is published.
 */

export type CalendarDayKind = "holiday" | "compensatory" | "bridge" | "makeup";

export type CalendarDay = {
  /** Local calendar date (Asia/Ho_Chi_Minh), YYYY-MM-DD. */
  readonly date: string;
  readonly kind: CalendarDayKind;
  readonly nameVi: string;
  readonly nameEn: string;
  /** Short legal or notice reference. */
  readonly basis: string;
  readonly confirmed: boolean;
};

/** Years for which the data below is complete; every other year is refused. */
export const COVERED_YEARS: readonly number[] = [2025, 2026, 2027];

const LAW = "Labour Code 2019 Art. 112";
const COMP = "Labour Code 2019 Art. 111(3)";
const VPCP_2025 = "VPCP 8726/VPCP-KGVX (26/11/2024)";
const VPCP_2026_NEW_YEAR = "VPCP 12729/VPCP-KGVX (25/12/2025), as reported";
const VPCP_2026_TET = "PM-approved Tết 2026 schedule (14–22/02/2026)";
const PROJECTED = "Projection, awaiting PM notice";

const tet = (date: string, vi: string, en: string, basis: string, confirmed: boolean): CalendarDay => ({
  date,
  kind: "holiday",
  nameVi: `Tết Âm lịch (${vi})`,
  nameEn: `Lunar New Year (${en})`,
  basis,
  confirmed,
});

export const CALENDAR_DAYS: readonly CalendarDay[] = [
  // ---- 2025 ----
  {
    date: "2025-01-01",
    kind: "holiday",
    nameVi: "Tết Dương lịch",
    nameEn: "New Year's Day",
    basis: LAW,
    confirmed: true,
  },
  // Lunar month 12 of Giáp Thìn has 29 days, so 28 Jan is its last day. The five Tết days are
  // 28 Chạp – mùng 3 (Mon 27 – Fri 31 Jan); with both weekends: 9 days off, no swap needed.
  tet("2025-01-27", "28 tháng Chạp", "28th day of month 12", VPCP_2025, true),
  tet("2025-01-28", "29 tháng Chạp", "last day of the year", VPCP_2025, true),
  tet("2025-01-29", "mùng 1", "day 1", VPCP_2025, true),
  tet("2025-01-30", "mùng 2", "day 2", VPCP_2025, true),
  tet("2025-01-31", "mùng 3", "day 3", VPCP_2025, true),
  {
    date: "2025-04-07",
    kind: "holiday",
    nameVi: "Giỗ Tổ Hùng Vương (10/3 âm lịch)",
    nameEn: "Hùng Kings' Commemoration (10th day of 3rd lunar month)",
    basis: LAW,
    confirmed: true,
  },
  {
    date: "2025-04-26",
    kind: "makeup",
    nameVi: "Làm bù cho thứ Sáu 02/05/2025",
    nameEn: "Make-up working Saturday for Fri 2 May 2025",
    basis: VPCP_2025,
    confirmed: true,
  },
  {
    date: "2025-04-30",
    kind: "holiday",
    nameVi: "Ngày Chiến thắng",
    nameEn: "Reunification Day",
    basis: LAW,
    confirmed: true,
  },
  {
    date: "2025-05-01",
    kind: "holiday",
    nameVi: "Ngày Quốc tế lao động",
    nameEn: "International Labour Day",
    basis: LAW,
    confirmed: true,
  },
  {
    date: "2025-05-02",
    kind: "bridge",
    nameVi: "Nghỉ hoán đổi (làm bù thứ Bảy 26/04/2025)",
    nameEn: "Swapped day off (worked on Sat 26 Apr 2025)",
    basis: VPCP_2025,
    confirmed: true,
  },
  {
    date: "2025-09-01",
    kind: "holiday",
    nameVi: "Quốc khánh (ngày liền kề)",
    nameEn: "National Day (adjacent day)",
    basis: VPCP_2025,
    confirmed: true,
  },
  {
    date: "2025-09-02",
    kind: "holiday",
    nameVi: "Quốc khánh",
    nameEn: "National Day",
    basis: LAW,
    confirmed: true,
  },

  // ---- 2026 ----
  {
    date: "2026-01-01",
    kind: "holiday",
    nameVi: "Tết Dương lịch",
    nameEn: "New Year's Day",
    basis: LAW,
    confirmed: true,
  },
  {
    date: "2026-01-02",
    kind: "bridge",
    nameVi: "Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)",
    nameEn: "Swapped day off (worked on Sat 10 Jan 2026)",
    basis: VPCP_2026_NEW_YEAR,
    confirmed: false,
  },
  {
    date: "2026-01-10",
    kind: "makeup",
    nameVi: "Làm bù cho thứ Sáu 02/01/2026",
    nameEn: "Make-up working Saturday for Fri 2 Jan 2026",
    basis: VPCP_2026_NEW_YEAR,
    confirmed: false,
  },
  // Lunar new year is Tue 17 Feb 2026; the five Tết days are 29 Chạp – mùng 4 (Mon 16 – Fri 20).
  tet("2026-02-16", "29 tháng Chạp", "last day of the year", VPCP_2026_TET, true),
  tet("2026-02-17", "mùng 1", "day 1", VPCP_2026_TET, true),
  tet("2026-02-18", "mùng 2", "day 2", VPCP_2026_TET, true),
  tet("2026-02-19", "mùng 3", "day 3", VPCP_2026_TET, true),
  tet("2026-02-20", "mùng 4", "day 4", VPCP_2026_TET, true),
  {
    date: "2026-04-26",
    kind: "holiday",
    nameVi: "Giỗ Tổ Hùng Vương (10/3 âm lịch)",
    nameEn: "Hùng Kings' Commemoration (10th day of 3rd lunar month)",
    basis: LAW,
    confirmed: true,
  },
  {
    date: "2026-04-27",
    kind: "compensatory",
    nameVi: "Nghỉ bù Giỗ Tổ Hùng Vương (trùng Chủ nhật)",
    nameEn: "Compensatory day for Hùng Kings' Commemoration (fell on Sunday)",
    basis: COMP,
    confirmed: true,
  },
  {
    date: "2026-04-30",
    kind: "holiday",
    nameVi: "Ngày Chiến thắng",
    nameEn: "Reunification Day",
    basis: LAW,
    confirmed: true,
  },
  {
    date: "2026-05-01",
    kind: "holiday",
    nameVi: "Ngày Quốc tế lao động",
    nameEn: "International Labour Day",
    basis: LAW,
    confirmed: true,
  },
  {
    date: "2026-09-01",
    kind: "holiday",
    nameVi: "Quốc khánh (ngày liền kề)",
    nameEn: "National Day (adjacent day)",
    basis: PROJECTED,
    confirmed: false,
  },
  {
    date: "2026-09-02",
    kind: "holiday",
    nameVi: "Quốc khánh",
    nameEn: "National Day",
    basis: LAW,
    confirmed: true,
  },

  // ---- 2027 ----
  {
    date: "2027-01-01",
    kind: "holiday",
    nameVi: "Tết Dương lịch",
    nameEn: "New Year's Day",
    basis: LAW,
    confirmed: true,
  },
  // Lunar new year is Sat 6 Feb 2027 (month 12 of Bính Ngọ has 29 days, 5 Feb is its last day).
  tet("2027-02-05", "29 tháng Chạp", "last day of the year", PROJECTED, false),
  tet("2027-02-06", "mùng 1", "day 1", PROJECTED, false),
  tet("2027-02-07", "mùng 2", "day 2", PROJECTED, false),
  tet("2027-02-08", "mùng 3", "day 3", PROJECTED, false),
  tet("2027-02-09", "mùng 4", "day 4", PROJECTED, false),
  {
    date: "2027-02-10",
    kind: "compensatory",
    nameVi: "Nghỉ bù Tết (mùng 1 trùng thứ Bảy)",
    nameEn: "Compensatory day for Tết (day 1 fell on Saturday)",
    basis: `${COMP}; ${PROJECTED}`,
    confirmed: false,
  },
  {
    date: "2027-02-11",
    kind: "compensatory",
    nameVi: "Nghỉ bù Tết (mùng 2 trùng Chủ nhật)",
    nameEn: "Compensatory day for Tết (day 2 fell on Sunday)",
    basis: `${COMP}; ${PROJECTED}`,
    confirmed: false,
  },
  {
    date: "2027-04-16",
    kind: "holiday",
    nameVi: "Giỗ Tổ Hùng Vương (10/3 âm lịch)",
    nameEn: "Hùng Kings' Commemoration (10th day of 3rd lunar month)",
    basis: `${LAW}; ${PROJECTED}`,
    confirmed: false,
  },
  {
    date: "2027-04-30",
    kind: "holiday",
    nameVi: "Ngày Chiến thắng",
    nameEn: "Reunification Day",
    basis: LAW,
    confirmed: true,
  },
  {
    date: "2027-05-01",
    kind: "holiday",
    nameVi: "Ngày Quốc tế lao động",
    nameEn: "International Labour Day",
    basis: LAW,
    confirmed: true,
  },
  {
    date: "2027-05-03",
    kind: "compensatory",
    nameVi: "Nghỉ bù Ngày Quốc tế lao động (trùng thứ Bảy)",
    nameEn: "Compensatory day for Labour Day (fell on Saturday)",
    basis: `${COMP}; ${PROJECTED}`,
    confirmed: false,
  },
  {
    date: "2027-09-02",
    kind: "holiday",
    nameVi: "Quốc khánh",
    nameEn: "National Day",
    basis: LAW,
    confirmed: true,
  },
  {
    date: "2027-09-03",
    kind: "holiday",
    nameVi: "Quốc khánh (ngày liền kề)",
    nameEn: "National Day (adjacent day)",
    basis: PROJECTED,
    confirmed: false,
  },
];

/** IANA zone of all local times below; Vietnam has used a fixed UTC+07:00 with no DST since 1975. */
export const TIME_ZONE = "Asia/Ho_Chi_Minh";
export const UTC_OFFSET_MINUTES = 7 * 60;

export type WorkingPeriod = { readonly start: string; readonly end: string };

/** Office hours of a working day, local time HH:MM: 8 working hours with a lunch break. */
export const WORKING_PERIODS: readonly WorkingPeriod[] = [
  { start: "07:30", end: "11:30" },
  { start: "13:00", end: "17:00" },
];

/** End of the working day: a "working day" deadline expires at this local time. */
export const END_OF_DAY = "17:00";

/** Dossiers received at or after this local time count from the next working day (Decree 63/2024). */
export const INTAKE_CUTOFF = "15:00";
