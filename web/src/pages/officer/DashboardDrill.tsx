import type { KpiDrill } from "@domain/api/kpi-leader.js";
import type { Received } from "@domain/api/wire.js";
import { KPI_DRILL } from "@domain/kpi-drill.js";
import { type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../api/client";
import { TableWrap } from "../../components/officer/TableWrap";
import { useProcedures } from "../../components/officer/useProcedures";
import { Pager } from "../../components/Pager";
import { Empty, ErrorMessage, Loading } from "../../components/Status";
import { formatDate, formatDateTime } from "../../lib/format";
import { type Loaded, useLoad, useRevealOnMount } from "../../lib/hooks";
import type { Drill } from "./DashboardParts";

type Answer = Received<typeof KpiDrill>;

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
    (signal) => api.get<Answer>(`/api/leader/kpis/dossiers?${qs}`, { signal }),
    [qs.toString()],
  );
  const id = useId();
  const heading = useRevealOnMount<HTMLHeadingElement>();
  const day = (d: string | null) => (d ? formatDate(d, i18n.language) : "–");
  const days = (n: number) =>
    n.toLocaleString(en ? "en-GB" : "vi-VN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  // A complaint figure lists its complaints (`kind` "complaints"), with words of complaints.
  const complaints = KPI_DRILL[drill.figure].population === "complaint";
  const words = complaints ? `dashboard.complaintDrill.${drill.part}` : null;
  const data = res.data;
  const deductions = data?.kind === "dossiers" ? data.deductions : undefined;
  // The page's one answer, as each table reads it.
  const part = <K extends Answer["kind"]>(kind: K) => ({
    loading: res.loading,
    error: res.error,
    reload: res.reload,
    data: data?.kind === kind ? (data as Extract<Answer, { kind: K }>) : undefined,
  });
  const dossierRes = part("dossiers");
  const paging = { labelledBy: id, offset, pageSize, onPage: setOffset };
  const complaintRes = part("complaints");
  const title = { figure: t(`stats.figures.${drill.figure}`), from: day(period.from), to: day(period.to) };
  return (
    // Not a region itself: its table (TableWrap) is the region named by this heading; two would
    // share one name (axe landmark-unique).
    <div className="card" data-testid="drill" data-kind={complaints ? "complaints" : "dossiers"}>
      <h2 id={id} ref={heading} tabIndex={-1}>
        {words ? t(`${words}.title`, title) : t("dashboard.drillTitle", title)}
      </h2>
      <p>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => props.onPart(drill.part === "hit" ? "rest" : "hit")}
        >
          {words
            ? t(`${words}.other`)
            : drill.part === "hit"
              ? t("dashboard.showRest")
              : t("dashboard.showHit")}
        </button>{" "}
        <button type="button" className="btn btn-small" onClick={props.onClose}>
          {t("dashboard.close")}
        </button>
      </p>
      {complaints ? (
        <DrillTable
          res={complaintRes}
          {...paging}
          empty={t("dashboard.complaintDrill.none")}
          total={(count) => t("dashboard.complaintDrill.total", { count })}
          heads={[
            t("dashboard.procedure"),
            t("dashboard.complaintDrill.filed"),
            t("dashboard.complaintDrill.due"),
            t("dashboard.complaintDrill.answered"),
            t("dashboard.complaintDrill.onTime"),
          ]}
          cells={(c) => [
            <span key="p" data-testid="drill-procedure">
              {procedureName(c.procedureCode)}
            </span>,
            formatDateTime(c.filedAt, i18n.language),
            formatDateTime(c.dueAt, i18n.language),
            <span key="a" data-testid="drill-complaint-answered">
              {c.answeredAt
                ? formatDateTime(c.answeredAt, i18n.language)
                : t("dashboard.complaintDrill.notAnswered")}
            </span>,
            <span key="o" data-testid="drill-complaint-on-time">
              {c.answeredOnTime ? t("dashboard.yes") : t("dashboard.no")}
            </span>,
          ]}
        />
      ) : (
        <DrillTable
          res={dossierRes}
          {...paging}
          heads={[
            t("dashboard.procedure"),
            t("dashboard.received"),
            t("dashboard.decided"),
            t("dashboard.dueAt"),
            t("dashboard.onTime"),
            t("dashboard.daysLate"),
            t("dashboard.workingDays"),
          ]}
          cells={(d) => [
            <span key="p" data-testid="drill-procedure">
              {procedureName(d.procedureCode)}
            </span>,
            day(d.receivedOn),
            day(d.decidedOn),
            d.dueAt ? formatDateTime(d.dueAt, i18n.language) : "–",
            d.decidedOn ? (d.onTime ? t("dashboard.yes") : t("dashboard.no")) : "–",
            <span key="l" data-testid="drill-days-late">
              {d.workingDaysLate === null ? "–" : days(d.workingDaysLate)}
            </span>,
            days(d.processingWorkingDays),
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
      )}
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
  res: Omit<Loaded<{ total: number; items: T[] }>, "setData">;
  labelledBy: string;
  offset: number;
  pageSize: number;
  onPage: (offset: number) => void;
  heads: string[];
  cells: (item: T) => ReactNode[];
  children?: ReactNode;
  /** What the list holds when not dossiers (a complaint figure's complaints): its "none" and total words. */
  empty?: string;
  total?: (count: number) => string;
}) {
  const { t } = useTranslation();
  const { res } = props;
  return (
    <>
      {res.loading && <Loading />}
      {res.error ? <ErrorMessage error={res.error} retry={res.reload} /> : null}
      {res.data && res.data.items.length === 0 && <Empty>{props.empty ?? t("dashboard.noDossiers")}</Empty>}
      {res.data && res.data.items.length > 0 && (
        <>
          <p data-testid="drill-total">
            {props.total ? props.total(res.data.total) : t("dashboard.drillTotal", { count: res.data.total })}
          </p>
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
