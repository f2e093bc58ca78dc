/**
 * Rankings of places (communes of a province, provinces of the nation) by a KPI figure or by the
 * Decision 766 index: the one rule behind the dashboard's tables and the open table's
 * `index766Rank` (GET /api/open/kpis/table), so a place has the same rank in both.
 */
import type { KpiFigure } from "./kpis.js";

/** Which way is better: fewer working days and fewer complaints rank first, else more. */
export const betterWhen = (figure: KpiFigure): "higher" | "lower" =>
  figure === "averageProcessingWorkingDays" || figure === "complaintRate" ? "lower" : "higher";

/**
 * The items best first by `value`, each with its rank. Ties share a rank (1, 2, 2, 4: a rank is
 * 1 + the number of items strictly better); items without a value (null: no dossier in the period)
 * come last with rank null. Equal values keep their given order.
 */
export function rankBy<T>(
  items: readonly T[],
  value: (item: T) => number | null,
  better: "higher" | "lower" = "higher",
): Array<{ item: T; rank: number | null }> {
  const sign = better === "higher" ? -1 : 1;
  const valued = items.map((item) => ({ item, v: value(item) }));
  const scored = valued
    .filter((x): x is { item: T; v: number } => x.v !== null)
    .sort((a, b) => sign * (a.v - b.v));
  const ranked = scored.map((x, i) => ({ item: x.item, rank: i + 1, v: x.v }));
  for (let i = 1; i < ranked.length; i++) {
    const [prev, cur] = [ranked[i - 1], ranked[i]];
    if (prev && cur && cur.v === prev.v) cur.rank = prev.rank;
  }
  return [
    ...ranked.map(({ item, rank }) => ({ item, rank })),
    ...valued.filter((x) => x.v === null).map((x) => ({ item: x.item, rank: null })),
  ];
}
