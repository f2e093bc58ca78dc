import type { LeaderForecast } from "@domain/api/kpi-leader.js";
import type { OpenIndex766, OpenKpis, OpenKpiTable } from "@domain/api/kpis.js";
import { OPEN_PARTS, type OpenPart } from "@domain/forecast.js";
import { isCatalogueFigure } from "@domain/index766.js";
import { drillPart } from "@domain/kpi-drill.js";
import type { IndexFigure, KpiFigure } from "@domain/kpis.js";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../lib/format";
import { useRevealOnMount } from "../../lib/hooks";
import { showFigure } from "../../lib/kpis";

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

/** Points with one decimal, the language's decimal sign (Vietnamese: a comma, 59,8). */
export const decimal = (v: number, lang: string) =>
  v.toLocaleString(lang === "en" ? "en-GB" : "vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A maximum of points: whole as it is (100, 18), a half with one decimal (85,5). */
const maxPoints = (v: number, lang: string) => (Number.isInteger(v) ? String(v) : decimal(v, lang));

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

/** The month a forecast is of, as a heading says it: `2026-12-31` → "12/2026". */
const forecastMonth = (monthEnd: string) => `${monthEnd.slice(5, 7)}/${monthEnd.slice(0, 4)}`;

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
        <h2>{t("dashboard.forecastTitle", { month: forecastMonth(f.monthEnd) })}</h2>
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
      <h2>{t("dashboard.forecastTitle", { month: forecastMonth(f.monthEnd) })}</h2>
      <p data-testid="forecast-projected">
        {t(
          f.projectedOnTimeShare === null && f.bestOnTimeShare !== null
            ? "dashboard.forecastNoRate"
            : "dashboard.forecastProjected",
          {
            share: pct(f.projectedOnTimeShare),
            best: pct(f.bestOnTimeShare),
            worst: pct(f.worstOnTimeShare),
          },
        )}
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
            of: maxPoints(f.projectedIndex.measuredPoints, i18n.language),
          })}
        </p>
      )}
    </div>
  );
}

/** "chưa được văn bản xác nhận" beside a value the decision's text does not confirm, else "theo văn bản". */
function Confirmed(props: { confirmed: boolean }) {
  const { t } = useTranslation();
  return props.confirmed ? (
    <span className="index-confirmed">{t("dashboard.confirmed")}</span>
  ) : (
    <span className="index-unconfirmed" data-testid="unconfirmed">
      {t("dashboard.unconfirmed")}
    </span>
  );
}

/**
 * The Decision 766 index of a place (GET /api/open/index766), one block per indicator (it fits a
 * phone): its group, value, threshold for full points, points and points lost, its legal source
 * and whether the decision's text confirms it; then the grade bands used. Every number opens the
 * dossiers behind it: the value and the points its figure's dossiers, the points lost the dossiers
 * that cost them (`lostDrill`: late, not online…). A place with no dossier in the period has no score.
 * A place's card opened from a ranking (`place`) names it, opens where the user looks and closes.
 */
export function IndexCard(props: {
  index: OpenIndex766;
  drill: ((d: Drill) => void) | null;
  place?: { name: string; onClose: () => void };
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const heading = useRevealOnMount<HTMLHeadingElement>();
  const of = props.place;
  const en = i18n.language === "en";
  const { index, drill } = props;
  // A place without dossiers in the period: every value says so, not a bare dash.
  const none = index.total === null ? t("dashboard.noData") : t("stats.none");
  const grade = index.grades.find((g) => g.grade === index.grade);
  const notMeasured = index.groups.some((g) => g.indicators.some((i) => !i.measured));
  const day = (d: string) => formatDate(d, i18n.language);
  const name = (x: { nameVi: string; nameEn: string }) => (en ? x.nameEn : x.nameVi);
  const source = (x: { sourceVi: string; source: string }) => (en ? x.source : x.sourceVi);
  const place = { level: index.level, code: index.code };
  /** A number that opens a drill list when the leader may drill and there are dossiers behind it. */
  const opens = (text: string, testid: string, to: Pick<Drill, "figure" | "part"> | null) =>
    drill && to ? (
      <button
        type="button"
        className="btn-link"
        data-testid={testid}
        onClick={() => drill({ ...to, ...place })}
      >
        {text}
      </button>
    ) : (
      <span data-testid={testid}>{text}</span>
    );
  return (
    <div className="card" data-testid={of ? "place-index766" : "index766"}>
      <h2 id={id} ref={of ? heading : undefined} tabIndex={of ? -1 : undefined}>
        {index.total === null
          ? t(of ? "dashboard.indexNoDataOf" : "dashboard.indexNoData", { name: of?.name })
          : t(of ? "dashboard.indexTitleOf" : "dashboard.indexTitle", {
              name: of?.name,
              total: decimal(index.total, i18n.language),
              of: maxPoints(index.measuredPoints, i18n.language),
              // A grade from a placeholder band says so.
              grade: grade
                ? `${name(grade)}${grade.confirmed ? "" : ` ${t("dashboard.unconfirmed")}`}`
                : t(notMeasured ? "dashboard.noGradeNotMeasured" : "dashboard.noGrade"),
            })}
      </h2>
      {of && (
        <p>
          <button
            type="button"
            className="btn btn-small"
            data-testid="place-index766-close"
            onClick={of.onClose}
          >
            {t("dashboard.close")}
          </button>
        </p>
      )}
      <p data-testid="index766-period">
        {t("dashboard.indexPeriod", { from: day(index.from), to: day(index.to) })}
      </p>
      <p className="hint">{t("dashboard.indexVersion", { version: index.version })}</p>
      <p className="hint" data-testid="index766-basis">
        {t("dashboard.indexBasis", { source: en ? index.source : index.sourceVi })}{" "}
        {t("dashboard.indexScoring")} <Confirmed confirmed={index.scoring.confirmed} />
      </p>
      <ul className="index-groups">
        {index.groups.map((g) => (
          <li key={g.id} className="index-group" data-group={g.id}>
            {/* The group's score out of its points (Decision 766: five groups, 100 in all). */}
            <h3 data-testid={`group-score-${g.id}`}>
              {t(g.measuredPoints < g.points ? "dashboard.groupScoreMeasured" : "dashboard.groupScore", {
                name: name(g),
                score: g.score === null ? none : decimal(g.score, i18n.language),
                points: maxPoints(g.points, i18n.language),
                measured: maxPoints(g.measuredPoints, i18n.language),
              })}
            </h3>
            <ul className="index-list">
              {g.indicators.map((i) => {
                const share = (x: number | null) =>
                  i.figure ? showFigure(i.figure, x, i18n.language, none) : none;
                // A value of 0 opens the dossiers that made it 0 (`drillPart`); the catalogue's open none.
                const dossiers = i.figure && !isCatalogueFigure(i.figure) ? i.figure : null;
                const part = dossiers ? drillPart(dossiers, i.value) : null;
                const hit = dossiers && part ? { figure: dossiers, part } : null;
                // Not measured (greyed, "chưa đo được") or informational: no threshold, no points.
                if (!i.measured || i.informational) {
                  const notMeasured = !i.measured;
                  return (
                    <li
                      key={i.id}
                      className={notMeasured ? "index-item index-not-measured" : "index-item"}
                      data-indicator={i.id}
                      data-measured={notMeasured ? "false" : undefined}
                      data-informational={i.informational ? "true" : undefined}
                    >
                      <h4>{name(i)}</h4>
                      <dl className="index-facts">
                        <div className="index-fact">
                          <dt>{t("dashboard.value")}</dt>
                          {notMeasured ? (
                            <dd data-testid={`value-${i.id}`}>{t("dashboard.notMeasured")}</dd>
                          ) : (
                            <dd>{opens(share(i.value), `value-${i.id}`, hit)}</dd>
                          )}
                        </div>
                        <div className="index-fact">
                          <dt>{t("dashboard.points")}</dt>
                          <dd data-testid={`points-${i.id}`}>
                            {notMeasured
                              ? `${t("dashboard.notMeasured")} (${maxPoints(i.points, i18n.language)})`
                              : t("dashboard.informational")}
                          </dd>
                        </div>
                        <div className="index-fact">
                          <dt>{t("dashboard.source")}</dt>
                          <dd className="index-source">
                            {notMeasured ? `${t("dashboard.notMeasuredWhy")} ` : ""}
                            {source(i)}
                          </dd>
                        </div>
                      </dl>
                    </li>
                  );
                }
                return (
                  <li key={i.id} className="index-item" data-indicator={i.id}>
                    <h4>{name(i)}</h4>
                    <dl className="index-facts">
                      <div className="index-fact">
                        <dt>{t("dashboard.value")}</dt>
                        <dd>{opens(share(i.value), `value-${i.id}`, hit)}</dd>
                      </div>
                      <div className="index-fact">
                        <dt>{t("dashboard.threshold")}</dt>
                        <dd>
                          {share(i.fullAt)} <Confirmed confirmed={i.confirmed} />
                        </dd>
                      </div>
                      <div className="index-fact">
                        <dt>{t("dashboard.points")}</dt>
                        <dd>
                          {opens(
                            `${i.score === null ? none : decimal(i.score, i18n.language)} / ${maxPoints(i.points, i18n.language)}`,
                            `points-${i.id}`,
                            i.score ? hit : null,
                          )}
                        </dd>
                      </div>
                      <div className="index-fact">
                        <dt>{t("dashboard.lost")}</dt>
                        <dd>
                          {i.lost === null
                            ? none
                            : opens(
                                i.lost === 0
                                  ? decimal(0, i18n.language)
                                  : i.lostDrill
                                    ? t("dashboard.lostDossiers", { lost: decimal(i.lost, i18n.language) })
                                    : `−${decimal(i.lost, i18n.language)}`,
                                `lost-${i.id}`,
                                i.lost > 0 ? i.lostDrill : null,
                              )}
                          {i.lostProcedures.length > 0 && (
                            <span data-testid={`lost-procedures-${i.id}`}>
                              {" "}
                              {t("dashboard.lostProcedures")}{" "}
                              {i.lostProcedures.map((p) => `${name(p)} (${p.code})`).join("; ")}
                            </span>
                          )}
                        </dd>
                      </div>
                      <div className="index-fact">
                        <dt>{t("dashboard.source")}</dt>
                        <dd className="index-source">{source(i)}</dd>
                      </div>
                    </dl>
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
      <h3>{t("dashboard.grades")}</h3>
      <ul className="index-grades" data-testid="index766-grades">
        {index.grades.map((b) => (
          <li key={b.grade} className="index-grade" data-grade={b.grade}>
            {t("dashboard.gradeBand", { name: name(b), from: b.from })} <Confirmed confirmed={b.confirmed} />
            <span className="index-source"> {source(b)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
