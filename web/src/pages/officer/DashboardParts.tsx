import type { KpiDrill, LeaderForecast, OpenIndex766, OpenKpis, OpenKpiTable } from "@domain/api/kpis.js";
import { INDEX_766_VERSIONS } from "@domain/index766.js";
import { type IndexFigure, KPI_COUNTS, type KpiFigure } from "@domain/kpis.js";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../api/client";
import { TableWrap } from "../../components/officer/TableWrap";
import { Pager } from "../../components/Pager";
import { Empty, ErrorMessage, Loading } from "../../components/Status";
import { useLoad } from "../../lib/hooks";
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
};

const isCount = (k: KpiFigure) => (KPI_COUNTS as readonly string[]).includes(k);

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
            {ranked.map((r, i) => (
              <tr key={r.code ?? "national"} data-code={r.code ?? ""}>
                <td>{r[props.figure] === null ? "–" : i + 1}</td>
                <th scope="row">{r.name}</th>
                <td data-figure={props.figure}>{cell(r, props.figure)}</td>
                {!isCount(props.figure) && <td>{cell(r, RECEIVED)}</td>}
                {!isCount(props.figure) && <td>{cell(r, "finished")}</td>}
                <td>{r.finished > 0 ? r.index766Total.toFixed(1) : none}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </div>
  );
}

/** The dossiers behind a number (GET /api/leader/kpis/dossiers), a page at a time; each opens its log. */
export function DrillList(props: {
  drill: Drill;
  period: { from: string; to: string };
  procedure: string;
  onClose: () => void;
  onPart: (part: "hit" | "rest") => void;
}) {
  const { t } = useTranslation();
  const { drill, period } = props;
  const pageSize = 20;
  const [offset, setOffset] = useState(0);
  const qs = new URLSearchParams({
    figure: drill.figure,
    part: drill.part,
    level: drill.level,
    ...(drill.code ? { code: drill.code } : {}),
    from: period.from,
    to: period.to,
    ...(props.procedure ? { procedure: props.procedure } : {}),
    limit: String(pageSize),
    offset: String(offset),
  });
  const res = useLoad(
    (signal) => api.get<KpiDrill>(`/api/leader/kpis/dossiers?${qs}`, { signal }),
    [qs.toString()],
  );
  const id = useId();
  return (
    <section className="card" aria-labelledby={id} data-testid="drill">
      <h2 id={id}>
        {t("dashboard.drillTitle", {
          figure: t(`stats.figures.${drill.figure}`),
          from: period.from,
          to: period.to,
        })}
      </h2>
      <p>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => props.onPart(drill.part === "hit" ? "rest" : "hit")}
        >
          {drill.part === "hit" ? t("dashboard.showRest") : t("dashboard.showHit")}
        </button>{" "}
        <button type="button" className="btn btn-small" onClick={props.onClose}>
          {t("dashboard.close")}
        </button>
      </p>
      {res.loading && <Loading />}
      {res.error ? <ErrorMessage error={res.error} retry={res.reload} /> : null}
      {res.data && res.data.items.length === 0 && <Empty>{t("dashboard.noDossiers")}</Empty>}
      {res.data && res.data.items.length > 0 && (
        <>
          <p data-testid="drill-total">{t("dashboard.drillTotal", { count: res.data.total })}</p>
          <TableWrap labelledBy={id}>
            <table className="stats-table">
              <thead>
                <tr>
                  <th scope="col">{t("dashboard.code")}</th>
                  <th scope="col">{t("dashboard.procedure")}</th>
                  <th scope="col">{t("dashboard.received")}</th>
                  <th scope="col">{t("dashboard.decided")}</th>
                  <th scope="col">{t("dashboard.onTime")}</th>
                  <th scope="col">{t("dashboard.workingDays")}</th>
                </tr>
              </thead>
              <tbody>
                {res.data.items.map((d) => (
                  <tr key={d.id}>
                    <th scope="row">
                      <Link to={`/can-bo/ho-so/${d.id}`} data-testid="drill-dossier">
                        {d.code}
                      </Link>
                    </th>
                    <td>{d.procedureCode}</td>
                    <td>{d.receivedOn ?? "–"}</td>
                    <td>{d.decidedOn ?? "–"}</td>
                    <td>{d.decidedOn ? (d.onTime ? t("dashboard.yes") : t("dashboard.no")) : "–"}</td>
                    <td>{d.processingWorkingDays.toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <Pager list={res.data} offset={offset} pageSize={pageSize} onPage={setOffset} />
        </>
      )}
    </section>
  );
}

/** The month-end forecast card (GET /api/leader/kpis/forecast). */
export function ForecastCard({ f }: { f: LeaderForecast }) {
  const { t, i18n } = useTranslation();
  const pct = (v: number | null) => showFigure("onTimeShare", v, i18n.language, t("stats.none"));
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
      <p>{t("dashboard.forecastOpen", { expected: f.expected, late: f.late, can: f.canBeOnTime })}</p>
      <p data-testid="forecast-needed">
        {f.neededOnTime === null
          ? t("dashboard.forecastOutOfReach", { target: pct(f.target) })
          : t("dashboard.forecastNeeded", { count: f.neededOnTime, target: pct(f.target) })}
      </p>
      {f.projectedIndex && (
        <p>
          {t("dashboard.forecastIndex", {
            total: f.projectedIndex.total.toFixed(1),
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
          total: props.index.total.toFixed(1),
          of: props.index.measuredPoints,
          grade: props.index.grade ?? t("dashboard.noGrade"),
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
                  <td>{share(r.value)}</td>
                  <td>{share(r.fullAt)}</td>
                  <td>
                    {r.score === null ? none : r.score.toFixed(1)} / {r.points}
                  </td>
                  <td>
                    {r.lost === null || r.lost === 0 ? (
                      (r.lost?.toFixed(1) ?? none)
                    ) : drill && figure && props.index.level !== "national" ? (
                      <button
                        type="button"
                        className="btn-link"
                        data-testid={`lost-${r.id}`}
                        onClick={() =>
                          drill({ figure, level: props.index.level, code: props.index.code, part: "rest" })
                        }
                      >
                        {t("dashboard.lostDossiers", { lost: r.lost.toFixed(1) })}
                      </button>
                    ) : (
                      r.lost.toFixed(1)
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
