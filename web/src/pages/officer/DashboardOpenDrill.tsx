import type { OpenDossiers } from "@domain/api/kpi-leader.js";
import type { OpenPart } from "@domain/forecast.js";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { formatDateTime } from "../../lib/format";
import { useLoad, useRevealOnMount } from "../../lib/hooks";
import { DrillTable, useProcedureName } from "./DashboardDrill";

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
  agency: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const procedureName = useProcedureName();
  const pageSize = 20;
  const [offset, setOffset] = useState(0);
  const qs = new URLSearchParams({
    part: props.part,
    level: props.level,
    ...(props.code ? { code: props.code } : {}),
    ...(props.procedure ? { procedure: props.procedure } : {}),
    ...(props.agency ? { agency: props.agency } : {}),
    limit: String(pageSize),
    offset: String(offset),
  });
  const res = useLoad(
    (signal) => api.get<OpenDossiers>(`/api/leader/kpis/open-dossiers?${qs}`, { signal }),
    [qs.toString()],
  );
  const id = useId();
  const heading = useRevealOnMount<HTMLHeadingElement>();
  return (
    // Not a region itself: its table (TableWrap) is the region named by this heading; two would
    // share one name (axe landmark-unique).
    <div className="card" data-testid="drill">
      <h2 id={id} ref={heading} tabIndex={-1}>
        {t(`dashboard.openDrill.${props.part}`)}
      </h2>
      <p>
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
        heads={[t("dashboard.procedure"), t("dashboard.openDrill.due"), t("dashboard.openDrill.status")]}
        cells={(d) => [
          procedureName(d.procedureCode),
          <time key="due" dateTime={d.dueAt}>
            {formatDateTime(d.dueAt, i18n.language)}
          </time>,
          t(`status.${d.status}.short`, { defaultValue: d.status }),
        ]}
      />
    </div>
  );
}
