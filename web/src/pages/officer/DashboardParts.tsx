import type { LeaderForecast, OpenIndex766, OpenKpis, OpenKpiTable } from "@domain/api/kpis.js";
import { OPEN_PARTS, type OpenPart } from "@domain/forecast.js";
import { INDEX_766_VERSIONS } from "@domain/index766.js";
import { type IndexFigure, KPI_COUNTS, type KpiFigure } from "@domain/kpis.js";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { TableWrap } from "../../components/officer/TableWrap";
import { showFigure } from "../../lib/kpis";

/** Shown beside a share: the dossiers received (the first count of `KPI_COUNTS`). */
const RECEIVED = KPI_COUNTS[0];

/** A ranking's row: a place's figures and Decision 766 points (`index766Total`, scored by the server like the index card). */
export type Row = OpenKpiTable["rows"][number];
export type Drill = {
  figure: KpiFigure | IndexFigure;
  level: OpenKpis["level"];
  code: string | null;
  part: "hit" | "rest";
  /** A period of its own (a month of the trend); else the dashboard's. */
  period?: { from: string; to: string } | undefined;
};

const isCount = (k: KpiFigure) => (KPI_COUNTS as readonly string[]).includes(k);

/** Points with one decimal, the language's decimal sign (Vietnamese: a comma, 59,8). */
export const decimal = (v: number, lang: string) =>
  v.toLocaleString(lang === "en" ? "en-GB" : "vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * A ranking: a row per place, best first by the chosen figure (nulls last), with the counts behind
 * it and the Decision 766 points. Each number opens the dossiers behind it when `drill` is given.
 */
export function RankingTable(props: {
  caption: string;
  rows: Row[];
  figure: KpiFigure;
  testid: string;
  drill: ((d: Drill) => void) | null;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const none = t("stats.none");
  const lowerIsBetter = props.figure === "averageProcessingWorkingDays" || props.figure === "complaintRate";
  const ranked = [...props.rows].sort((a, b) => {
    const x = a[props.figure];
    const y = b[props.figure];
    if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
    return lowerIsBetter ? x - y : y - x;
  });
  // Ties share a rank (1, 2, 2, 4): a place's rank is 1 + the places strictly better.
  const rankOf = (r: Row) => {
    const x = r[props.figure];
    if (x === null) return null;
    return (
      1 +
      ranked.filter(
        (o) =>
          o[props.figure] !== null &&
          (lowerIsBetter ? (o[props.figure] as number) < x : (o[props.figure] as number) > x),
      ).length
    );
  };
  const cell = (r: Row, k: KpiFigure) => {
    const text = showFigure(k, r[k], i18n.language, none);
    if (!props.drill || r[k] === null || r[k] === 0) return text;
    const drill = props.drill;
    return (
      <button
        type="button"
        className="btn-link"
        data-testid={`drill-${k}-${r.code ?? "national"}`}
        onClick={() => drill({ figure: k, level: r.level, code: r.code, part: "hit" })}
      >
        {text}
      </button>
    );
  };
  return (
    <div className="card" data-testid={props.testid}>
      <h2 id={id}>{props.caption}</h2>
      <TableWrap labelledBy={id}>
        <table className="stats-table">
          <thead>
            <tr>
              <th scope="col">{t("dashboard.rank")}</th>
              <th scope="col">{t("stats.place")}</th>
              <th scope="col">{t(`stats.figures.${props.figure}`)}</th>
              {!isCount(props.figure) && <th scope="col">{t("stats.figures.received")}</th>}
              {!isCount(props.figure) && <th scope="col">{t("stats.figures.finished")}</th>}
              <th scope="col">{t("dashboard.index766")}</th>
            </tr>
          </thead>
          <tbody>
            {ranked.map((r) => (
              <tr key={r.code ?? "national"} data-code={r.code ?? ""}>
                <td data-testid="rank">{rankOf(r) ?? "–"}</td>
                <th scope="row">{r.name}</th>
                <td data-figure={props.figure}>{cell(r, props.figure)}</td>
                {!isCount(props.figure) && <td>{cell(r, RECEIVED)}</td>}
                {!isCount(props.figure) && <td>{cell(r, "finished")}</td>}
                <td>{r.finished > 0 ? decimal(r.index766Total, i18n.language) : none}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </div>
  );
}

/** A count of the forecast: a button opening its dossiers when it may drill and is not zero, else the words. */
function ForecastCount(props: {
  text: string;
  count: number;
  testid: string;
  open: (() => void) | undefined;
}) {
  return props.open && props.count > 0 ? (
    <button type="button" className="btn-link" data-testid={props.testid} onClick={props.open}>
      {props.text}
    </button>
  ) : (
    <span data-testid={props.testid}>{props.text}</span>
  );
}

/**
 * The month-end forecast card (GET /api/leader/kpis/forecast). Each count opens the dossiers it
 * counts: the month's finished and on-time ones through the figure the server names
 * (`f.drills`), the open ones through their part (`openDrill`).
 */
export function ForecastCard(props: {
  f: LeaderForecast;
  drill?: ((d: Drill) => void) | undefined;
  openDrill?: ((part: OpenPart) => void) | undefined;
}) {
  const { f, drill, openDrill } = props;
  const { t, i18n } = useTranslation();
  const pct = (v: number | null) => showFigure("onTimeShare", v, i18n.language, t("stats.none"));
  // Nothing decided this month and nothing open due in it: nothing to forecast, and nothing out of reach.
  if (f.finished === 0 && f.expected === 0)
    return (
      <div className="card" data-testid="forecast">
        <h2>{t("dashboard.forecastTitle")}</h2>
        <p data-testid="forecast-needed">{t("dashboard.forecastNothing")}</p>
      </div>
    );
  const month = (k: "finished" | "onTime") =>
    drill
      ? () =>
          drill({
            figure: f.drills[k].figure,
            level: f.level,
            code: f.code,
            part: f.drills[k].part,
            period: { from: f.from, to: f.to },
          })
      : undefined;
  const open = (part: OpenPart) => (openDrill ? () => openDrill(part) : undefined);
  return (
    <div className="card" data-testid="forecast">
      <h2>{t("dashboard.forecastTitle")}</h2>
      <p data-testid="forecast-projected">
        {t("dashboard.forecastProjected", {
          share: pct(f.projectedOnTimeShare),
          best: pct(f.bestOnTimeShare),
          worst: pct(f.worstOnTimeShare),
        })}
      </p>
      <ul className="forecast-counts">
        {(["finished", "onTime"] as const).map((k) => (
          <li key={k}>
            <ForecastCount
              text={t(`dashboard.forecastMonthCount.${k}`, { count: f[k] })}
              count={f[k]}
              testid={k === "finished" ? "forecast-drill" : "forecast-drill-onTime"}
              open={month(k)}
            />
          </li>
        ))}
        {OPEN_PARTS.map((part) => (
          <li key={part}>
            <ForecastCount
              text={t(`dashboard.forecastOpenCount.${part}`, { count: f[part] })}
              count={f[part]}
              testid={`forecast-open-${part}`}
              open={open(part)}
            />
          </li>
        ))}
      </ul>
      <p data-testid="forecast-needed">
        {f.neededOnTime === null
          ? t("dashboard.forecastOutOfReach", { target: pct(f.target) })
          : t("dashboard.forecastNeeded", { count: f.neededOnTime, target: pct(f.target) })}
      </p>
      {f.projectedIndex && (
        <p>
          {t("dashboard.forecastIndex", {
            total: decimal(f.projectedIndex.total, i18n.language),
            of: f.projectedIndex.measuredPoints,
          })}
        </p>
      )}
    </div>
  );
}

/**
 * The Decision 766 index of a place (GET /api/open/index766): each group's score, and for every
 * point lost the indicator, its value, its threshold and the dossiers that cost it (the rest of
 * the figure's denominator: late, not fully online, not digitised…).
 */
export function IndexCard(props: { index: OpenIndex766; drill: ((d: Drill) => void) | null }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const en = i18n.language === "en";
  const v = INDEX_766_VERSIONS.find((x) => x.version === props.index.version);
  const none = t("stats.none");
  const grade = v?.grades.find((g) => g.grade === props.index.grade);
  const rows = props.index.groups.flatMap((g) =>
    g.indicators.map((i) => ({
      group: v?.groups.find((x) => x.id === g.id),
      def: v?.groups.flatMap((x) => x.indicators).find((x) => x.id === i.id),
      ...i,
    })),
  );
  const { drill } = props;
  return (
    <div className="card" data-testid="index766">
      <h2 id={id}>
        {t("dashboard.indexTitle", {
          total: decimal(props.index.total, i18n.language),
          of: props.index.measuredPoints,
          grade: grade ? (en ? grade.nameEn : grade.nameVi) : (props.index.grade ?? t("dashboard.noGrade")),
        })}
      </h2>
      <TableWrap labelledBy={id}>
        <table className="stats-table">
          <thead>
            <tr>
              <th scope="col">{t("dashboard.indicator")}</th>
              <th scope="col">{t("dashboard.value")}</th>
              <th scope="col">{t("dashboard.threshold")}</th>
              <th scope="col">{t("dashboard.points")}</th>
              <th scope="col">{t("dashboard.lost")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const figure = r.def?.figure ?? null;
              const share = (x: number | null) =>
                figure ? showFigure(figure, x, i18n.language, none) : none;
              return (
                <tr key={r.id} data-indicator={r.id}>
                  <th scope="row">{r.def ? (en ? r.def.nameEn : r.def.nameVi) : r.id}</th>
                  <td>
                    {drill && figure && r.value !== null ? (
                      <button
                        type="button"
                        className="btn-link"
                        data-testid={`value-${r.id}`}
                        onClick={() =>
                          drill({ figure, level: props.index.level, code: props.index.code, part: "hit" })
                        }
                      >
                        {share(r.value)}
                      </button>
                    ) : (
                      share(r.value)
                    )}
                  </td>
                  <td>{share(r.fullAt)}</td>
                  <td>
                    {r.score === null ? none : decimal(r.score, i18n.language)} / {r.points}
                  </td>
                  <td>
                    {r.lost === null || r.lost === 0 ? (
                      r.lost === null ? (
                        none
                      ) : (
                        decimal(r.lost, i18n.language)
                      )
                    ) : drill && figure ? (
                      <button
                        type="button"
                        className="btn-link"
                        data-testid={`lost-${r.id}`}
                        onClick={() =>
                          drill({ figure, level: props.index.level, code: props.index.code, part: "rest" })
                        }
                      >
                        {t("dashboard.lostDossiers", { lost: decimal(r.lost, i18n.language) })}
                      </button>
                    ) : (
                      decimal(r.lost, i18n.language)
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
    </div>
  );
}
