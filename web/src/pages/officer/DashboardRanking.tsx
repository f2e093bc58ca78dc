import { drillPart } from "@domain/kpi-drill.js";
import { KPI_COUNTS, type KpiFigure } from "@domain/kpis.js";
import { betterWhen, rankBy } from "@domain/ranking.js";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { TableWrap } from "../../components/officer/TableWrap";
import { showFigure } from "../../lib/kpis";
import { type Drill, decimal, type Row } from "./DashboardParts";

/** Shown beside a share: the dossiers received (the first count of `KPI_COUNTS`). */
const RECEIVED = KPI_COUNTS[0];
const isCount = (k: KpiFigure) => (KPI_COUNTS as readonly string[]).includes(k);

/** What a ranking orders its places by: the chosen figure, or the Decision 766 points. */
export type RankKey = "figure" | "index766";

/**
 * A ranking: a row per place, best first by the chosen figure or by the Decision 766 points
 * (`by`, a choice above the table), ties sharing a rank and places without data last (`rankBy`,
 * the open table's `index766Rank` rule), with the counts behind the figure and the points. Each
 * number opens the dossiers behind it when `drill` is given; each place's points open its index
 * card (`openIndex`).
 */
export function RankingTable(props: {
  caption: string;
  rows: Row[];
  figure: KpiFigure;
  by: RankKey;
  onBy: (by: RankKey) => void;
  testid: string;
  drill: ((d: Drill) => void) | null;
  /** Whether the leader may open a list (their jurisdiction); every list when absent. */
  inside?: ((d: Drill) => boolean) | undefined;
  openIndex: (r: Row) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const none = t("stats.none");
  const byIndex = props.by === "index766";
  const better = byIndex ? "higher" : betterWhen(props.figure);
  const ranked = rankBy(props.rows, (r) => (byIndex ? r.index766Total : r[props.figure]), better);
  const sorted = better === "higher" ? "descending" : "ascending";
  const cell = (r: Row, k: KpiFigure) => {
    const text = showFigure(k, r[k], i18n.language, none);
    // A share of 0 opens the dossiers that made it 0; a count of 0 has nothing behind it; a place
    // outside the leader's jurisdiction opens nothing, so it is no button.
    const part = drillPart(k, r[k]);
    const to: Drill | null = part && { figure: k, level: r.level, code: r.code, part };
    if (!props.drill || !to || (props.inside && !props.inside(to))) return text;
    const drill = props.drill;
    return (
      <button
        type="button"
        className="btn-link"
        data-testid={`drill-${k}-${r.code ?? "national"}`}
        data-part={part}
        onClick={() => drill(to)}
      >
        {text}
      </button>
    );
  };
  // The column a ranking is ordered by comes right after the place (on a phone the others scroll).
  const indexHead = (
    <th scope="col" aria-sort={byIndex ? sorted : undefined}>
      {t("dashboard.index766")}
    </th>
  );
  const indexCell = (r: Row) => (
    <td data-testid="index766-total">
      {r.index766Total === null ? (
        t("dashboard.noData")
      ) : (
        <button
          type="button"
          className="btn-link"
          data-testid={`index766-open-${r.code}`}
          aria-label={t("dashboard.openIndex", {
            total: decimal(r.index766Total, i18n.language),
            name: r.name,
          })}
          onClick={() => props.openIndex(r)}
        >
          {decimal(r.index766Total, i18n.language)}
        </button>
      )}
    </td>
  );
  const choice = (by: RankKey, label: string) => (
    <button
      type="button"
      className="chip"
      aria-pressed={props.by === by}
      data-testid={`rank-by-${by}`}
      onClick={() => props.onBy(by)}
    >
      {label}
    </button>
  );
  return (
    <div className="card" data-testid={props.testid}>
      <h2 id={id}>{props.caption}</h2>
      <fieldset className="chips rank-by">
        <legend>{t("dashboard.rankBy")}</legend>
        {choice("figure", t(`stats.figures.${props.figure}`))}
        {choice("index766", t("dashboard.rankByIndex"))}
      </fieldset>
      <TableWrap labelledBy={id}>
        <table className="stats-table">
          <thead>
            <tr>
              <th scope="col">{t("dashboard.rank")}</th>
              <th scope="col">{t("stats.place")}</th>
              {byIndex && indexHead}
              <th scope="col" aria-sort={byIndex ? undefined : sorted}>
                {t(`stats.figures.${props.figure}`)}
              </th>
              {!isCount(props.figure) && <th scope="col">{t("stats.figures.received")}</th>}
              {!isCount(props.figure) && <th scope="col">{t("stats.figures.finished")}</th>}
              {!byIndex && indexHead}
            </tr>
          </thead>
          <tbody>
            {ranked.map(({ item: r, rank }) => (
              <tr key={r.code ?? "national"} data-code={r.code ?? ""}>
                <td data-testid="rank">{rank ?? "–"}</td>
                <th scope="row">{r.name}</th>
                {byIndex && indexCell(r)}
                <td data-figure={props.figure}>{cell(r, props.figure)}</td>
                {!isCount(props.figure) && <td>{cell(r, RECEIVED)}</td>}
                {!isCount(props.figure) && <td>{cell(r, "finished")}</td>}
                {!byIndex && indexCell(r)}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </div>
  );
}
