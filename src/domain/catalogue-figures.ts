/**
 * The Decision 766 indicators the catalogue of procedures measures (src/domain/index766-2026.ts),
 * not the dossiers. Pure: the published procedures' facts in, the shares out.
 */

const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);

/**
 * Figures the index reads from the catalogue of procedures, not from dossiers (the same for every
 * place: every commune and province offers the whole catalogue on the platform), so they open no
 * dossier: `proceduresFullyOnlineShare`, the published procedures offered fully online
 * (`fullyOnline`); `feeProceduresPayOnlineShare`, the published fee-bearing procedures whose fee
 * can be paid online.
 */
export const CATALOGUE_FIGURES = ["proceduresFullyOnlineShare", "feeProceduresPayOnlineShare"] as const;
export type CatalogueFigure = (typeof CATALOGUE_FIGURES)[number];
export type CatalogueFigures = Record<CatalogueFigure, number | null>;

/** What the catalogue figures are counted from: each published procedure's relevant facts. */
export type CatalogueProcedure = {
  code: string;
  nameVi: string;
  nameEn: string;
  fullyOnline: boolean;
  feeBearing: boolean;
  payOnline: boolean;
};

/** The catalogue figures from the published procedures. */
export function catalogueFigures(ps: readonly CatalogueProcedure[]): CatalogueFigures {
  const fee = ps.filter((p) => p.feeBearing);
  return {
    proceduresFullyOnlineShare: ratio(ps.filter((p) => p.fullyOnline).length, ps.length),
    feeProceduresPayOnlineShare: ratio(fee.filter((p) => p.payOnline).length, fee.length),
  };
}

/** The procedures that cost a catalogue figure its points (those not counted in its numerator). */
export function catalogueMisses(
  figure: CatalogueFigure,
  ps: readonly CatalogueProcedure[],
): CatalogueProcedure[] {
  return figure === "proceduresFullyOnlineShare"
    ? ps.filter((p) => !p.fullyOnline)
    : ps.filter((p) => p.feeBearing && !p.payOnline);
}
