/** Periods the figures are reported by (KPIS.md: local dates, both ends inclusive). */
export const PERIOD_KINDS = ["day", "month", "quarter", "year"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** The period of `kind` containing the local date `day` (`YYYY-MM-DD`): its first and last days. */
export function periodOf(kind: PeriodKind, day: string): { from: string; to: string } {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const iso = (yy: number, mm: number, dd: number) =>
    `${String(yy).padStart(4, "0")}-${String(mm).padStart(2, "0")}-${String(dd).padStart(2, "0")}`;
  const lastDay = (yy: number, mm: number) => new Date(Date.UTC(yy, mm, 0)).getUTCDate();
  switch (kind) {
    case "day":
      return { from: day, to: day };
    case "month":
      return { from: iso(y, m, 1), to: iso(y, m, lastDay(y, m)) };
    case "quarter": {
      const first = m - ((m - 1) % 3);
      return { from: iso(y, first, 1), to: iso(y, first + 2, lastDay(y, first + 2)) };
    }
    case "year":
      return { from: iso(y, 1, 1), to: iso(y, 12, 31) };
  }
}
