import type { KpiDrill } from "@domain/api/kpis.js";
import { type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../api/client";
import { TableWrap } from "../../components/officer/TableWrap";
import { useProcedures } from "../../components/officer/useProcedures";
import { Pager } from "../../components/Pager";
import { Empty, ErrorMessage, Loading } from "../../components/Status";
import { formatDate } from "../../lib/format";
import { type Loaded, useLoad, useRevealOnMount } from "../../lib/hooks";
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
  agency: string;
  onClose: () => void;
  onPart: (part: "hit" | "rest") => void;
}) {
  const { t, i18n } = useTranslation();
  const { drill } = props;
  const period = drill.period ?? props.period;
  const en = i18n.language === "en";
  const procedureName = useProcedureName();
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
    ...(props.agency ? { agency: props.agency } : {}),
    limit: String(pageSize),
    offset: String(offset),
  });
  const res = useLoad(
    (signal) => api.get<KpiDrill>(`/api/leader/kpis/dossiers?${qs}`, { signal }),
    [qs.toString()],
  );
  const id = useId();
  const heading = useRevealOnMount<HTMLHeadingElement>();
  const day = (d: string | null) => (d ? formatDate(d, i18n.language) : "–");
  const deductions = res.data?.deductions;
  return (
    // Not a region itself: its table (TableWrap) is the region named by this heading; two would
    // share one name (axe landmark-unique).
    <div className="card" data-testid="drill">
      <h2 id={id} ref={heading} tabIndex={-1}>
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
      <DrillTable
        res={res}
        labelledBy={id}
        offset={offset}
        pageSize={pageSize}
        onPage={setOffset}
        heads={[
          t("dashboard.procedure"),
          t("dashboard.received"),
          t("dashboard.decided"),
          t("dashboard.onTime"),
          t("dashboard.workingDays"),
        ]}
        cells={(d) => [
          <span key="p" data-testid="drill-procedure">
            {procedureName(d.procedureCode)}
          </span>,
          day(d.receivedOn),
          day(d.decidedOn),
          d.decidedOn ? (d.onTime ? t("dashboard.yes") : t("dashboard.no")) : "–",
          d.processingWorkingDays.toLocaleString(en ? "en-GB" : "vi-VN", {
            minimumFractionDigits: 2,
            maximumFractionDigits: 2,
          }),
        ]}
      >
        {deductions && (
          <p data-testid="drill-deductions">
            {t("dashboard.drillDeductions", {
              late: deductions.late,
              complained: deductions.complained,
              count: deductions.late + deductions.complained,
            })}
          </p>
        )}
      </DrillTable>
    </div>
  );
}

/** A procedure's name in the page's language, from its code. */
export function useProcedureName(): (code: string) => string {
  const { i18n } = useTranslation();
  const procedures = useProcedures();
  return (code: string) => {
    const p = procedures.items.find((x) => x.code === code);
    return p ? (i18n.language === "en" ? p.nameEn : p.nameVi) : code;
  };
}

type DrillRow = { id: string; code: string | null; link: string | null };

/**
 * A page of dossiers behind a number: loading, error, "none", the total, the table (each dossier's
 * code opens its log when `link` is given) and the pager. `children` go between the total and the table.
 */
export function DrillTable<T extends DrillRow>(props: {
  res: Loaded<{ total: number; items: T[] }>;
  labelledBy: string;
  offset: number;
  pageSize: number;
  onPage: (offset: number) => void;
  heads: string[];
  cells: (item: T) => ReactNode[];
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { res } = props;
  return (
    <>
      {res.loading && <Loading />}
      {res.error ? <ErrorMessage error={res.error} retry={res.reload} /> : null}
      {res.data && res.data.items.length === 0 && <Empty>{t("dashboard.noDossiers")}</Empty>}
      {res.data && res.data.items.length > 0 && (
        <>
          <p data-testid="drill-total">{t("dashboard.drillTotal", { count: res.data.total })}</p>
          {props.children}
          <TableWrap labelledBy={props.labelledBy}>
            <table className="stats-table">
              <thead>
                <tr>
                  <th scope="col">{t("dashboard.code")}</th>
                  {props.heads.map((h) => (
                    <th scope="col" key={h}>
                      {h}
                    </th>
                  ))}
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
                    {props.cells(d).map((c, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed
                      <td key={i}>{c}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <Pager list={res.data} offset={props.offset} pageSize={props.pageSize} onPage={props.onPage} />
        </>
      )}
    </>
  );
}
