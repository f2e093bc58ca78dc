import { LEADER_FIGURES, type LeaderFigure } from "@domain/api/leader.js";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { api } from "../../api/client";
import type { LeaderDossiers as LeaderDossiersList } from "../../api/types";
import { Empty } from "../../components/Status";
import { formatDateTime } from "../../lib/format";
import { useLoad, useTitle } from "../../lib/hooks";
import { DrillTable, useProcedureName } from "./DashboardDrill";

/** An instant of the list, or a dash. */
function When({ at }: { at: string | null }) {
  const { i18n } = useTranslation();
  return at ? <time dateTime={at}>{formatDateTime(at, i18n.language)}</time> : <>—</>;
}

/**
 * The dossiers behind one number of the leader's overview (`?so=received`, …; GET
 * /api/leader/overview/dossiers, the count's own predicate), a page at a time; each opens its log
 * when the role may read it (the national viewer sees the list without personal data, unlinked).
 */
export default function LeaderDossiers() {
  const { t } = useTranslation();
  useTitle(t("officer.leader.title"));
  const [params] = useSearchParams();
  const so = params.get("so");
  const figure = LEADER_FIGURES.find((f) => f === so);
  return figure ? (
    <FigureList figure={figure} />
  ) : (
    <Empty>
      <Link to="/can-bo/lanh-dao">{t("officer.leader.back")}</Link>
    </Empty>
  );
}

function FigureList({ figure }: { figure: LeaderFigure }) {
  const { t } = useTranslation();
  const title = t(`officer.leader.drillTitle.${figure}`);
  useTitle(title);
  const procedureName = useProcedureName();
  const pageSize = 20;
  const [offset, setOffset] = useState(0);
  const qs = new URLSearchParams({ figure, limit: String(pageSize), offset: String(offset) });
  const res = useLoad(
    (signal) => api.get<LeaderDossiersList>(`/api/leader/overview/dossiers?${qs}`, { signal }),
    [qs.toString()],
  );
  const id = useId();
  return (
    <section aria-labelledby={id} data-testid="leader-drill" data-figure={figure}>
      <p>
        <Link to="/can-bo/lanh-dao" className="btn btn-small">
          {t("officer.leader.back")}
        </Link>
      </p>
      <h1 id={id}>{title}</h1>
      <DrillTable
        res={res}
        labelledBy={id}
        offset={offset}
        pageSize={pageSize}
        onPage={setOffset}
        heads={[
          t("dashboard.procedure"),
          t("dashboard.openDrill.status"),
          t("officer.leader.received"),
          t("officer.leader.decided"),
          t("officer.leader.due"),
        ]}
        cells={(d) => [
          procedureName(d.procedureCode),
          t(`status.${d.status}.short`, { defaultValue: d.status }),
          <When key="r" at={d.receivedAt} />,
          <When key="d" at={d.decidedAt} />,
          <When key="u" at={d.dueAt} />,
        ]}
      />
    </section>
  );
}
