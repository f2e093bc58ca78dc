import { AGENCIES } from "@domain/agencies.js";
import type { OpenKpis, OpenKpiTable } from "@domain/api/kpis.js";
import { localDate } from "@domain/calendar/index.js";
import { KPI_FIGURES } from "@domain/kpis.js";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/client";
import { AgencySelect, agencyFromSearch } from "../components/AgencySelect";
import { TableWrap } from "../components/officer/TableWrap";
import { PeriodFields, periodFromSearch } from "../components/PeriodFields";
import { ErrorMessage, Loading } from "../components/Status";
import { useLoad, useSearchChanges, useTitle } from "../lib/hooks";
import { showFigure } from "../lib/kpis";

/** One table: a row per place, a column per figure of KPIS.md; a caption says whose and when. */
function FigureTable(props: {
  caption: string;
  rows: Array<OpenKpis & { name?: string }>;
  testid: string;
  csv: string;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <div className="card" data-testid={props.testid}>
      <h2 id={id}>{props.caption}</h2>
      <p>
        <a href={props.csv} download className="more-link" data-testid={`${props.testid}-csv`}>
          {t("stats.csv")}
        </a>
      </p>
      <TableWrap labelledBy={id}>
        <table className="stats-table">
          <thead>
            <tr>
              <th scope="col">{t("stats.place")}</th>
              {KPI_FIGURES.map((k) => (
                <th scope="col" key={k}>
                  {t(`stats.figures.${k}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={r.code ?? "national"} data-code={r.code ?? ""}>
                <th scope="row">{r.name ?? t("stats.national")}</th>
                {KPI_FIGURES.map((k) => (
                  <td key={k} data-figure={k}>
                    {showFigure(k, r[k], i18n.language, t("stats.none"))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </div>
  );
}

/**
 * Public statistics (`/thong-ke`): KPIS.md's figures of the nation, of every province, and of the
 * communes of a chosen province, for a day, month, quarter or year; from the open API
 * (GET /api/open/kpis, /api/open/kpis/table), each table with its CSV.
 */
export default function Stats() {
  const { t, i18n } = useTranslation();
  useTitle(t("stats.title"));
  const [search, change] = useSearchChanges();
  const { kind, day, from, to } = periodFromSearch((k) => search.get(k), localDate(new Date()));
  const province = /^\d{2}$/.test(search.get("tinh") ?? "") ? (search.get("tinh") as string) : "48";
  const agency = agencyFromSearch(search.get("coquan"));
  // The period, and the agency the figures and their CSV are narrowed to.
  const period = `from=${from}&to=${to}${agency ? `&agency=${agency}` : ""}`;
  const set = (k: string, v: string) => change({ [k]: v });
  const national = useLoad(
    (signal) => api.get<OpenKpis>(`/api/open/kpis?level=national&${period}`, { signal }),
    [period],
  );
  const provinces = useLoad(
    (signal) => api.get<OpenKpiTable>(`/api/open/kpis/table?level=province&${period}`, { signal }),
    [period],
  );
  const communes = useLoad(
    (signal) =>
      api.get<OpenKpiTable>(`/api/open/kpis/table?level=commune&code=${province}&${period}`, { signal }),
    [period, province],
  );
  const en = i18n.language === "en";
  const named = (rows: OpenKpiTable["rows"]) => rows.map((r) => ({ ...r, name: en ? r.nameEn : r.name }));
  const provinceName = provinces.data?.rows.find((r) => r.code === province);
  // A caption says when its figures are one agency's, never passing for the whole.
  const of = (caption: string) =>
    agency ? `${caption} — ${en ? AGENCIES[agency].nameEn : AGENCIES[agency].nameVi}` : caption;
  return (
    <section>
      <h1>{t("stats.title")}</h1>
      <p className="lead">{t("stats.intro")}</p>
      <form className="card" onSubmit={(e) => e.preventDefault()} data-testid="stats-filter">
        <PeriodFields
          idPrefix="stats"
          rangeTestId="stats-range"
          kind={kind}
          day={day}
          onKind={(k) => set("ky", k)}
          onDay={(d) => set("ngay", d)}
        />
        <div className="field">
          <label htmlFor="stats-province">{t("stats.province")}</label>
          <select id="stats-province" value={province} onChange={(e) => set("tinh", e.target.value)}>
            {[
              // A code in the address that names no province is shown as such (its communes' table
              // says why it is empty), never as the list's first province.
              ...(provinces.data && !provinceName
                ? [{ code: province, name: t("stats.unknownProvince", { code: province }), nameEn: "" }]
                : []),
              ...(provinces.data?.rows ?? [{ code: province, name: province, nameEn: province }]),
            ].map((p) => (
              <option key={p.code} value={p.code ?? ""}>
                {en && p.nameEn ? p.nameEn : p.name}
              </option>
            ))}
          </select>
        </div>
        <AgencySelect id="stats-agency" value={agency} onChange={(a) => set("coquan", a)} />
      </form>
      {national.loading && <Loading />}
      {national.error ? <ErrorMessage error={national.error} retry={national.reload} /> : null}
      {national.data && (
        <FigureTable
          caption={of(t("stats.national"))}
          rows={[national.data]}
          testid="stats-national"
          csv={`/api/open/kpis?level=national&${period}&format=csv`}
        />
      )}
      {provinces.error ? <ErrorMessage error={provinces.error} retry={provinces.reload} /> : null}
      {provinces.data && (
        <FigureTable
          caption={of(t("stats.provinces"))}
          rows={named(provinces.data.rows)}
          testid="stats-provinces"
          csv={`/api/open/kpis/table?level=province&${period}&format=csv`}
        />
      )}
      {communes.error ? <ErrorMessage error={communes.error} retry={communes.reload} /> : null}
      {communes.data && (
        <FigureTable
          caption={of(
            t("stats.communes", {
              name: provinceName ? (en ? provinceName.nameEn : provinceName.name) : province,
            }),
          )}
          rows={named(communes.data.rows)}
          testid="stats-communes"
          csv={`/api/open/kpis/table?level=commune&code=${province}&${period}&format=csv`}
        />
      )}
    </section>
  );
}
