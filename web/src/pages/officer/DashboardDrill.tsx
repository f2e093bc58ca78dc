import type { KpiDrill } from "@domain/api/kpis.js";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../api/client";
import { TableWrap } from "../../components/officer/TableWrap";
import { useProcedures } from "../../components/officer/useProcedures";
import { Pager } from "../../components/Pager";
import { Empty, ErrorMessage, Loading } from "../../components/Status";
import { formatDate } from "../../lib/format";
import { useLoad } from "../../lib/hooks";
import type { Drill } from "./DashboardParts";

/**
 * The dossiers behind a number (GET /api/leader/kpis/dossiers), a page at a time, over the
 * drill's own period when it has one (a month of the trend) else the dashboard's; each dossier
 * opens its log when the role may read it (the national viewer sees the list, no link). Procedure
 * names and dd/mm/yyyy dates; the Decision 766 satisfaction shows what its figure subtracts.
 */
export function DrillList(props: {
  drill: Drill;
  period: { from: string; to: string };
  procedure: string;
  onClose: () => void;
  onPart: (part: "hit" | "rest") => void;
}) {
  const { t, i18n } = useTranslation();
  const { drill } = props;
  const period = drill.period ?? props.period;
  const en = i18n.language === "en";
  const procedures = useProcedures();
  const procedureName = (code: string) => {
    const p = procedures.items.find((x) => x.code === code);
    return p ? (en ? p.nameEn : p.nameVi) : code;
  };
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
  const day = (d: string | null) => (d ? formatDate(d, i18n.language) : "–");
  const deductions = res.data?.deductions;
  return (
    <section className="card" aria-labelledby={id} data-testid="drill">
      <h2 id={id}>
        {t("dashboard.drillTitle", {
          figure: t(`stats.figures.${drill.figure}`),
          from: day(period.from),
          to: day(period.to),
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
          {deductions && (
            <p data-testid="drill-deductions">
              {t("dashboard.drillDeductions", {
                late: deductions.late,
                complained: deductions.complained,
                count: deductions.late + deductions.complained,
              })}
            </p>
          )}
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
                      {d.link ? (
                        <Link to={d.link} data-testid="drill-dossier">
                          {d.code}
                        </Link>
                      ) : (
                        <span data-testid="drill-dossier-code">{d.code}</span>
                      )}
                    </th>
                    <td data-testid="drill-procedure">{procedureName(d.procedureCode)}</td>
                    <td>{day(d.receivedOn)}</td>
                    <td>{day(d.decidedOn)}</td>
                    <td>{d.decidedOn ? (d.onTime ? t("dashboard.yes") : t("dashboard.no")) : "–"}</td>
                    <td>
                      {d.processingWorkingDays.toLocaleString(en ? "en-GB" : "vi-VN", {
                        minimumFractionDigits: 2,
                        maximumFractionDigits: 2,
                      })}
                    </td>
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
