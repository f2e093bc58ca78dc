import type { OpenDossiers } from "@domain/api/kpis.js";
import type { OpenPart } from "@domain/forecast.js";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../api/client";
import { TableWrap } from "../../components/officer/TableWrap";
import { useProcedures } from "../../components/officer/useProcedures";
import { Pager } from "../../components/Pager";
import { Empty, ErrorMessage, Loading } from "../../components/Status";
import { formatDateTime } from "../../lib/format";
import { useLoad } from "../../lib/hooks";

/**
 * The open dossiers behind a count of the month-end forecast (GET /api/leader/kpis/open-dossiers):
 * expected this month, late whatever happens, or still able to be on time; a page at a time, in
 * the order of their due instants; each opens its log when the role may read it.
 */
export function OpenDrillList(props: {
  part: OpenPart;
  level: string;
  code: string | null;
  procedure: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  const procedures = useProcedures();
  const procedureName = (code: string) => {
    const p = procedures.items.find((x) => x.code === code);
    return p ? (en ? p.nameEn : p.nameVi) : code;
  };
  const pageSize = 20;
  const [offset, setOffset] = useState(0);
  const qs = new URLSearchParams({
    part: props.part,
    level: props.level,
    ...(props.code ? { code: props.code } : {}),
    ...(props.procedure ? { procedure: props.procedure } : {}),
    limit: String(pageSize),
    offset: String(offset),
  });
  const res = useLoad(
    (signal) => api.get<OpenDossiers>(`/api/leader/kpis/open-dossiers?${qs}`, { signal }),
    [qs.toString()],
  );
  const id = useId();
  return (
    <section className="card" aria-labelledby={id} data-testid="drill">
      <h2 id={id}>{t(`dashboard.openDrill.${props.part}`)}</h2>
      <p>
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
                  <th scope="col">{t("dashboard.openDrill.due")}</th>
                  <th scope="col">{t("dashboard.openDrill.status")}</th>
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
                    <td>{procedureName(d.procedureCode)}</td>
                    <td>
                      <time dateTime={d.dueAt}>{formatDateTime(d.dueAt, i18n.language)}</time>
                    </td>
                    <td>{t(`status.${d.status}.short`, { defaultValue: d.status })}</td>
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
