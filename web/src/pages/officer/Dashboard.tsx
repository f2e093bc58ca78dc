// Over 400 lines: the dashboard's filters, the loads every card shares and their layout; the cards themselves are in Dashboard*.tsx.
import type { LeaderForecast } from "@domain/api/kpi-leader.js";
import type { OpenIndex766, OpenKpiSeries, OpenKpis, OpenKpiTable } from "@domain/api/kpis.js";
import { localDate } from "@domain/calendar/index.js";
import { OPEN_PARTS, type OpenPart } from "@domain/forecast.js";
import { drillPart } from "@domain/kpi-drill.js";
import { periodOf } from "@domain/kpi-periods.js";
import { INDEX_FIGURES, type IndexFigure, KPI_FIGURES, type KpiFigure } from "@domain/kpis.js";
import { drillsKpis } from "@domain/principal.js";
import { lazy, Suspense, useId, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../api/client";
import type { Commune } from "../../api/types";
import { AgencySelect, agencyFromSearch } from "../../components/AgencySelect";
import { TableWrap } from "../../components/officer/TableWrap";
import { useOfficer } from "../../components/officer/useOfficer";
import { useProcedures } from "../../components/officer/useProcedures";
import { PeriodFields, periodFromSearch } from "../../components/PeriodFields";
import { ErrorMessage, Loading } from "../../components/Status";
import { useLoad, useSearchChanges, useTitle } from "../../lib/hooks";
import { showFigure } from "../../lib/kpis";
import { DrillList } from "./DashboardDrill";
import { OpenDrillList } from "./DashboardOpenDrill";
import { type Drill, ForecastCard, IndexCard, type Row } from "./DashboardParts";
import { PlaceIndexCard, placeOfIndex } from "./DashboardPlaceIndex";
import { RankingTable, type RankKey } from "./DashboardRanking";

const Chart = lazy(() => import("../../components/charts/Chart"));

/** A month as Vietnamese write it, "01/2026", from its first day "2026-01-01". */
const monthLabel = (from: string) => `${from.slice(5, 7)}/${from.slice(0, 4)}`;

/** The 12 months up to the one of `day`, oldest first, as periods. */
function lastMonths(day: string): Array<{ from: string; to: string }> {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1;
  return Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 11 + i, 1)).toISOString().slice(0, 10);
    return periodOf("month", d);
  });
}

/**
 * The leaders' dashboard (`/can-bo/bang-so-lieu`): a chosen KPI on the map of the 34 provinces and
 * as rankings of provinces and of the communes of a province, its trend by month, the month-end
 * forecast, period, procedure and agency filters. Every chart has its table; every number opens the
 * dossiers behind it (leaders who may see dossiers, in their jurisdiction), each dossier its log.
 */
export default function Dashboard() {
  const { t, i18n } = useTranslation();
  useTitle(t("dashboard.title"));
  const officer = useOfficer();
  const [search, set] = useSearchChanges();
  const en = i18n.language === "en";
  const j = officer.jurisdiction;
  const commune = useLoad(
    (signal) =>
      j.level === "commune"
        ? api.get<Commune>(`/api/units/communes/${j.code}`, { signal })
        : Promise.resolve(null),
    [j.level, j.code],
  );
  const get = (k: string) => search.get(k) ?? "";
  const figure = (KPI_FIGURES as readonly string[]).includes(get("chiso"))
    ? (get("chiso") as KpiFigure)
    : "onTimeShare";
  const { kind, day, from, to } = periodFromSearch((k) => search.get(k), localDate(new Date()));
  const procedure = get("thutuc");
  const agency = agencyFromSearch(get("coquan"));
  // The procedure and agency every figure, list and trend is narrowed to.
  const narrow = `${procedure ? `&procedure=${encodeURIComponent(procedure)}` : ""}${agency ? `&agency=${agency}` : ""}`;
  const home =
    j.level === "province" ? j.code : j.level === "commune" ? (commune.data?.provinceCode ?? "") : "";
  const province = /^\d{2}$/.test(get("tinh")) ? get("tinh") : home;
  const q = `from=${from}&to=${to}${narrow}`;
  const own: { level: OpenKpis["level"]; code: string | null } =
    j.level === "country" ? { level: "national", code: null } : { level: j.level, code: j.code ?? null };
  const ownQs = `level=${own.level}${own.code ? `&code=${own.code}` : ""}`;
  const forecast = useLoad(
    (signal) => api.get<LeaderForecast>(`/api/leader/kpis/forecast?${ownQs}${narrow}`, { signal }),
    [ownQs, narrow],
  );
  const index = useLoad(
    (signal) => api.get<OpenIndex766>(`/api/open/index766?${ownQs}&${q}`, { signal }),
    [ownQs, q],
  );
  const provinces = useLoad(
    (signal) => api.get<OpenKpiTable>(`/api/open/kpis/table?level=province&${q}`, { signal }),
    [q],
  );
  const communes = useLoad(
    (signal) =>
      province
        ? api.get<OpenKpiTable>(`/api/open/kpis/table?level=commune&code=${province}&${q}`, { signal })
        : Promise.resolve(null),
    [q, province],
  );
  const months = useMemo(() => lastMonths(day), [day]);
  // The 12 months in one request (the open API's rate limit is per address, shared by every card).
  const trend = useLoad(
    (signal) =>
      api
        .get<OpenKpiSeries>(
          `/api/open/kpis/months?${ownQs}&from=${months[0]?.from}&to=${months[months.length - 1]?.to}${narrow}`,
          { signal },
        )
        .then((s) => s.months),
    [ownQs, narrow, months],
  );
  const named = (rows: Row[]): Row[] => rows.map((r) => ({ ...r, name: en ? r.nameEn : r.name }));
  // Every leader drills, the national viewer included (a list without personal data, no link to
  // the dossier's page); the administrator is no leader of figures.
  const mayDrill = drillsKpis(officer.role);
  const inside = (d: Drill) =>
    j.level === "country" ||
    (j.level === "province" && d.level !== "national" && (d.code ?? "").length >= 2 && province === j.code) ||
    (j.level === "commune" && d.level === "commune" && d.code === j.code);
  const drillTo = (d: Drill) =>
    set({
      mo: null,
      so: d.figure,
      cap: d.level,
      ma: d.code,
      phan: d.part,
      dtu: d.period?.from ?? null,
      dden: d.period?.to ?? null,
    });
  const ownPeriod = /^\d{4}-\d{2}-\d{2}$/.test(get("dtu")) && /^\d{4}-\d{2}-\d{2}$/.test(get("dden"));
  // KPIS.md's figures and the index's own (the publicity group's points lost open its late dossiers).
  const drill: Drill | null =
    get("so") && ([...KPI_FIGURES, ...INDEX_FIGURES] as readonly string[]).includes(get("so"))
      ? {
          figure: get("so") as KpiFigure | IndexFigure,
          level: (get("cap") || "national") as OpenKpis["level"],
          code: get("ma") || null,
          part: get("phan") === "rest" ? "rest" : "hit",
          period: ownPeriod ? { from: get("dtu"), to: get("dden") } : undefined,
        }
      : null;
  // The open dossiers behind a count of the forecast (`mo`: its part), of the leader's own place.
  const openPart = (OPEN_PARTS as readonly string[]).includes(get("mo")) ? (get("mo") as OpenPart) : null;
  const openDrillTo = (part: OpenPart) =>
    set({ mo: part, so: null, cap: null, ma: null, phan: null, dtu: null, dden: null });
  // Each ranking's order (`hangtinh`, `hangxa`: "766" for the index's points, else the figure) and
  // the place whose index card a ranking opened (`cs766`: its code).
  const rankKey = (k: string): RankKey => (get(k) === "766" ? "index766" : "figure");
  const rankTo = (k: string) => (by: RankKey) => set({ [k]: by === "index766" ? "766" : null });
  const indexPlace = placeOfIndex(get("cs766"));
  const indexPlaceName = (() => {
    const rows = indexPlace?.level === "province" ? provinces.data?.rows : communes.data?.rows;
    const r = rows?.find((x) => x.code === indexPlace?.code);
    return r ? (en ? r.nameEn : r.name) : (indexPlace?.code ?? "");
  })();
  const openIndex = (r: Row) => set({ cs766: r.code });
  // Its numbers open dossiers within the leader's jurisdiction only: the nation, their province and
  // its communes (listed in the ranking of their province), their commune.
  const mayDrillPlace =
    mayDrill &&
    indexPlace !== null &&
    (j.level === "country" ||
      (j.level === "province" &&
        (indexPlace.level === "province"
          ? indexPlace.code === j.code
          : province === j.code && (communes.data?.rows ?? []).some((r) => r.code === indexPlace.code))) ||
      (j.level === "commune" && indexPlace.level === "commune" && indexPlace.code === j.code));
  const procedures = useProcedures();
  // A procedure of the address the catalogue does not know (KPI_PROCEDURE_UNKNOWN from the API):
  // the select shows its code, not "all procedures", and one message offers to clear it.
  const procedureUnknown = (e: unknown): e is ApiError =>
    e instanceof ApiError && e.code === "KPI_PROCEDURE_UNKNOWN";
  const unknownProcedure = [index.error, provinces.error, trend.error, forecast.error].find(procedureUnknown);
  const listed = !procedure || procedures.items.some((p) => p.code === procedure);
  const fig = (v: number | null) => showFigure(figure, v, i18n.language, t("stats.none"));
  const mapOption = useMemo(() => {
    const rows = provinces.data?.rows ?? [];
    const values = rows.map((r) => r[figure]).filter((v): v is number => v !== null);
    return {
      tooltip: { trigger: "item" },
      visualMap: {
        min: Math.min(0, ...values),
        max: Math.max(1, ...values),
        calculable: true,
        formatter: (v: number) => showFigure(figure, v, i18n.language, ""),
        left: "left",
        bottom: 0,
        inRange: { color: ["#fde0dd", "#c51b8a"] },
      },
      series: [
        {
          type: "map",
          map: "vn",
          nameProperty: "code",
          roam: false,
          selectedMode: false,
          data: rows.map((r) => ({ name: r.code, value: r[figure] })),
        },
      ],
    };
  }, [provinces.data, figure, i18n.language]);
  const trendOption = useMemo(() => {
    // Axis and tooltip read like the table under the chart (70,0 %, not 0.7).
    const shown = (v: number | null) => showFigure(figure, v, i18n.language, t("stats.none"));
    return {
      tooltip: { trigger: "axis", valueFormatter: shown },
      grid: { left: 56, right: 16, top: 16, bottom: 32 },
      xAxis: { type: "category", data: months.map((m) => monthLabel(m.from)) },
      yAxis: { type: "value", axisLabel: { formatter: shown } },
      series: [{ type: "line", data: (trend.data ?? []).map((k) => k[figure]) }],
    };
  }, [trend.data, figure, months, i18n.language, t]);
  const trendId = useId();
  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t("dashboard.title")}</h1>
      <form className="card" onSubmit={(e) => e.preventDefault()} data-testid="dashboard-filter">
        <div className="field">
          <label htmlFor="db-figure">{t("dashboard.figure")}</label>
          <select id="db-figure" value={figure} onChange={(e) => set({ chiso: e.target.value })}>
            {KPI_FIGURES.map((k) => (
              <option key={k} value={k}>
                {t(`stats.figures.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <PeriodFields
          idPrefix="db"
          rangeTestId="dashboard-range"
          kind={kind}
          day={day}
          onKind={(k) => set({ ky: k })}
          onDay={(d) => set({ ngay: d })}
        />
        <div className="field">
          <label htmlFor="db-procedure">{t("dashboard.procedure")}</label>
          <select
            id="db-procedure"
            value={procedure}
            onChange={(e) => set({ thutuc: e.target.value || null })}
          >
            <option value="">{t("dashboard.allProcedures")}</option>
            {!listed && <option value={procedure}>{procedure}</option>}
            {procedures.items.map((p) => (
              <option key={p.code} value={p.code}>
                {en ? p.nameEn : p.nameVi}
              </option>
            ))}
          </select>
        </div>
        <AgencySelect id="db-agency" value={agency} onChange={(a) => set({ coquan: a || null })} />
      </form>
      {unknownProcedure && (
        <div className="alert alert-error" role="alert" data-testid="procedure-unknown">
          <p>{en ? unknownProcedure.messageEn : unknownProcedure.messageVi}</p>
          <p>
            <button type="button" className="btn" onClick={() => set({ thutuc: null })}>
              {t("dashboard.allProceduresReset")}
            </button>
          </p>
        </div>
      )}
      {drill && (
        <DrillList
          key={`${drill.figure}-${drill.level}-${drill.code}-${drill.part}-${q}-${drill.period?.from}`}
          drill={drill}
          period={{ from, to }}
          procedure={procedure}
          agency={agency}
          onClose={() => set({ so: null, cap: null, ma: null, phan: null, dtu: null, dden: null })}
          onPart={(part) => set({ phan: part })}
        />
      )}
      {openPart && (
        <OpenDrillList
          key={`${openPart}-${ownQs}-${narrow}`}
          part={openPart}
          level={own.level}
          code={own.code}
          procedure={procedure}
          agency={agency}
          onClose={() => set({ mo: null })}
        />
      )}
      {indexPlace && (
        <PlaceIndexCard
          key={indexPlace.code}
          place={indexPlace}
          name={indexPlaceName}
          query={q}
          drill={mayDrillPlace ? drillTo : null}
          onClose={() => set({ cs766: null })}
        />
      )}
      {forecast.data && (
        <ForecastCard
          f={forecast.data}
          drill={mayDrill ? drillTo : undefined}
          openDrill={mayDrill ? openDrillTo : undefined}
        />
      )}
      {forecast.error && !procedureUnknown(forecast.error) ? (
        <ErrorMessage error={forecast.error} retry={forecast.reload} />
      ) : null}
      {index.data && <IndexCard index={index.data} drill={mayDrill ? drillTo : null} />}
      <div className="card" data-testid="dashboard-map">
        <h2>{t("dashboard.mapTitle", { figure: t(`stats.figures.${figure}`) })}</h2>
        <p className="hint">{t("dashboard.mapHint")}</p>
        <Suspense fallback={<Loading />}>
          {provinces.data && (
            <Chart
              option={mapOption}
              map
              height={420}
              testid="map-chart"
              onPick={(code) => set({ tinh: code })}
            />
          )}
        </Suspense>
        {provinces.data && (
          <div className="field">
            <label htmlFor="db-province">{t("dashboard.provincePicker")}</label>
            <select
              id="db-province"
              data-testid="province-picker"
              value={province}
              onChange={(e) => set({ tinh: e.target.value || null })}
            >
              <option value="">{t("dashboard.provinceNone")}</option>
              {provinces.data.rows.map((r) => (
                <option key={r.code ?? ""} value={r.code ?? ""}>
                  {en ? r.nameEn : r.name}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {provinces.error && !procedureUnknown(provinces.error) ? (
        <ErrorMessage error={provinces.error} retry={provinces.reload} />
      ) : null}
      {provinces.data && (
        <RankingTable
          caption={t("dashboard.provincesRanking")}
          rows={named(provinces.data.rows)}
          figure={figure}
          by={rankKey("hangtinh")}
          onBy={rankTo("hangtinh")}
          openIndex={openIndex}
          testid="dashboard-provinces"
          drill={mayDrill && j.level === "country" ? drillTo : null}
        />
      )}
      {communes.data && (
        <RankingTable
          caption={t("dashboard.communesRanking", {
            name: (() => {
              const p = provinces.data?.rows.find((r) => r.code === province);
              return p ? (en ? p.nameEn : p.name) : province;
            })(),
          })}
          rows={named(communes.data.rows)}
          figure={figure}
          by={rankKey("hangxa")}
          onBy={rankTo("hangxa")}
          openIndex={openIndex}
          testid="dashboard-communes"
          drill={mayDrill ? drillTo : null}
          inside={inside}
        />
      )}
      {communes.error && !procedureUnknown(communes.error) ? (
        <ErrorMessage error={communes.error} retry={communes.reload} />
      ) : null}
      <div className="card" data-testid="dashboard-trend">
        <h2 id={trendId}>{t("dashboard.trendTitle", { figure: t(`stats.figures.${figure}`) })}</h2>
        <Suspense fallback={<Loading />}>
          {trend.data && <Chart option={trendOption} height={240} testid="trend-chart" />}
        </Suspense>
        {trend.data && (
          <TableWrap labelledBy={trendId}>
            <table className="stats-table">
              <thead>
                <tr>
                  <th scope="col">{t("dashboard.month")}</th>
                  <th scope="col">{t(`stats.figures.${figure}`)}</th>
                </tr>
              </thead>
              <tbody>
                {trend.data.map((k) => {
                  // A month's share of 0 opens the dossiers that made it 0 (`drillPart`).
                  const part = drillPart(figure, k[figure]);
                  return (
                    <tr key={k.from}>
                      <th scope="row">{monthLabel(k.from)}</th>
                      <td>
                        {mayDrill && part ? (
                          <button
                            type="button"
                            className="btn-link"
                            data-testid={`trend-${k.from.slice(0, 7)}`}
                            data-part={part}
                            onClick={() =>
                              drillTo({ figure, ...own, part, period: { from: k.from, to: k.to } })
                            }
                          >
                            {fig(k[figure])}
                          </button>
                        ) : (
                          fig(k[figure])
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
        )}
        {trend.error && !procedureUnknown(trend.error) ? (
          <ErrorMessage error={trend.error} retry={trend.reload} />
        ) : null}
      </div>
    </section>
  );
}
