import type { CatalogueFigure } from "@domain/catalogue-figures.js";
import { type IndexFigure, KPI_COUNTS, type KpiFigure } from "@domain/kpis.js";

const COUNTS: ReadonlySet<string> = new Set(KPI_COUNTS);

/** A figure as people read it: counts whole, shares as percentages, days with two decimals. */
export function showFigure(
  k: KpiFigure | IndexFigure | CatalogueFigure,
  v: number | null,
  lang: string,
  none: string,
): string {
  if (v === null) return none;
  const locale = lang === "vi" ? "vi-VN" : "en-GB";
  if (COUNTS.has(k)) return v.toLocaleString(locale);
  if (k === "averageProcessingWorkingDays")
    return v.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return v.toLocaleString(locale, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
}
