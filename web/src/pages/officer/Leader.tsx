import type { LeaderFigure } from "@domain/api/leader.js";
import { dueStateOf } from "@domain/due.js";
import { AGGREGATE_ONLY_ROLES, drillsKpis } from "@domain/principal.js";
import { type ReactNode, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError, api } from "../../api/client";
import type { GroupsAtRisk, LeaderOverview, LeaderTodayKey } from "../../api/types";
import { DueBadge } from "../../components/officer/DueBadge";
import { GroupSteps } from "../../components/officer/GroupContext";
import { TableWrap } from "../../components/officer/TableWrap";
import { useOfficer } from "../../components/officer/useOfficer";
import { useProcedures } from "../../components/officer/useProcedures";
import { Empty, ErrorMessage, Loading } from "../../components/Status";
import { useJurisdictionName } from "../../lib/communes";
import { formatDateTime } from "../../lib/format";
import { useL, useLoad, useTitle } from "../../lib/hooks";
import { statusTone } from "../../lib/status";

/** The order of today's numbers on the page. */
const TODAY: LeaderTodayKey[] = ["received", "submitted", "inProcessing", "supplementRequested", "finished"];

/** "Phường Hải Vân", "Thành phố Đà Nẵng" or "Toàn quốc": whose figures these are. */
function ScopeName({ scope }: { scope: LeaderOverview["scope"] }) {
  const name = useJurisdictionName(scope);
  return (
    <p className="lead" data-testid="leader-scope">
      {name}
    </p>
  );
}

/** One of today's figures: a link to the dossiers behind it, or (admin) the number alone. */
function BigNumber(props: {
  to: string | null;
  testid: string;
  value: number | undefined;
  bad?: boolean;
  children: ReactNode;
}) {
  const className = props.bad ? "big-number big-number-bad" : "big-number";
  return props.to === null ? (
    <span className={className} data-testid={props.testid} data-value={props.value}>
      {props.children}
    </span>
  ) : (
    <Link to={props.to} className={className} data-testid={props.testid} data-value={props.value}>
      {props.children}
    </Link>
  );
}

/** Only links inside the workspace are followed as links of this app. */
const inApp = (href: string | undefined) => (href?.startsWith("/can-bo") ? href : undefined);

/**
 * A commune or province leader: today's workload, what is overdue and who holds it, on-time share.
 * Every number opens the list of the dossiers it counts (the count's own predicate); the national
 * viewer gets those lists without personal data and opens no dossier; the admin sees figures only.
 */
export default function Leader() {
  const { t, i18n } = useTranslation();
  const role = useOfficer().role;
  const figuresOnly = AGGREGATE_ONLY_ROLES.has(role);
  const l = useL();
  useTitle(t("officer.leader.title"));
  const res = useLoad((signal) => api.get<LeaderOverview>("/api/leader/overview", { signal }), []);
  const groups = useLoad((signal) => api.get<GroupsAtRisk>("/api/leader/linked-groups", { signal }), []);
  const procs = useProcedures();
  const names = useMemo(
    () => new Map(procs.items.map((p) => [p.code, l(p.nameVi, p.nameEn)])),
    [procs.items, l],
  );
  const o = res.data;
  // Each number links to the list of the dossiers behind it (the server says where).
  const to = (k: LeaderFigure) => (drillsKpis(role) ? (inApp(o?.links[k]) ?? null) : null);
  const now = new Date();
  const share = o?.onTimeShareThisMonth;
  // From the counts, so it reads the same whether the API gives the share as 0–1 or as a percentage.
  const percent = share && share.finished > 0 ? Math.round((share.onTime / share.finished) * 100) : null;

  return (
    <section aria-labelledby="leader-title" className="ws-leader">
      <h1 id="leader-title">{t("officer.leader.title")}</h1>
      {res.loading && !o ? (
        <Loading />
      ) : res.error instanceof ApiError && res.error.status === 404 ? (
        <Empty>
          <p data-testid="leader-unavailable">{t("officer.leader.unavailable")}</p>
        </Empty>
      ) : res.error ? (
        <ErrorMessage error={res.error} retry={res.reload} />
      ) : o ? (
        <>
          <ScopeName scope={o.scope} />
          <section aria-labelledby="leader-today-title">
            <h2 id="leader-today-title">{t("officer.leader.today")}</h2>
            <ul className="big-numbers">
              {TODAY.map((k) => (
                <li key={k}>
                  <BigNumber to={to(k)} testid={`leader-today-${k}`} value={o.today[k]}>
                    <strong>{o.today[k] ?? 0}</strong>
                    <span>{t(`officer.leader.k.${k}`)}</span>
                  </BigNumber>
                </li>
              ))}
              <li>
                <BigNumber to={to("overdue")} testid="leader-today-overdue" value={o.overdueTotal} bad>
                  <strong>{o.overdueTotal}</strong>
                  <span>{t("officer.leader.k.overdue")}</span>
                </BigNumber>
              </li>
            </ul>
          </section>

          <section aria-labelledby="leader-share-title" className="card">
            <h2 id="leader-share-title">{t("officer.leader.shareTitle")}</h2>
            <p data-testid="leader-on-time-share" data-share={percent ?? ""}>
              {percent === null || !share ? (
                t("officer.leader.shareNone")
              ) : (
                <>
                  <strong className="share">{percent}%</strong>{" "}
                  {t("officer.leader.shareDetail", { onTime: share.onTime, finished: share.finished })}
                </>
              )}
            </p>
            {share && share.finished > 0 && (
              <ul className="share-links">
                {(
                  [
                    ["onTimeThisMonth", "seeOnTime", share.onTime],
                    ["finishedThisMonth", "seeFinished", share.finished],
                  ] as const
                ).map(([k, label, count]) => {
                  const href = to(k);
                  return href && count > 0 ? (
                    <li key={k}>
                      <Link to={href} className="btn btn-small" data-testid={`leader-share-${k}`}>
                        {t(`officer.leader.${label}`, { count })}
                      </Link>
                    </li>
                  ) : null;
                })}
              </ul>
            )}
          </section>

          <section aria-labelledby="leader-overdue-title">
            <h2 id="leader-overdue-title">{t("officer.leader.overdueTitle")}</h2>
            {o.overdue.length === 0 ? (
              <Empty>
                <p>{t("officer.leader.overdueNone")}</p>
              </Empty>
            ) : (
              <TableWrap labelledBy="leader-overdue-title">
                <table className="ws-table" data-testid="leader-overdue">
                  <thead>
                    <tr>
                      <th scope="col">{t("officer.col.code")}</th>
                      <th scope="col">{t("officer.col.procedure")}</th>
                      <th scope="col">{t("officer.col.due")}</th>
                      <th scope="col">{t("officer.col.status")}</th>
                      <th scope="col">{t("officer.leader.holder")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {o.overdue.map((d) => (
                      <tr key={d.id} data-testid="leader-overdue-row" data-id={d.id} className="row-overdue">
                        <th scope="row">
                          {figuresOnly ? (
                            <span className="mono-code">{d.code ?? d.id}</span>
                          ) : (
                            <Link to={`/can-bo/ho-so/${d.id}`} className="mono-code">
                              {d.code ?? d.id}
                            </Link>
                          )}
                        </th>
                        <td>{names.get(d.procedureCode) ?? d.procedureCode}</td>
                        <td>
                          <time dateTime={d.dueAt}>{formatDateTime(d.dueAt, i18n.language)}</time>{" "}
                          <DueBadge state={dueStateOf(d, now)} />
                        </td>
                        <td>
                          <span className={`badge badge-${statusTone(d.status)}`}>
                            {t(`status.${d.status}.short`, { defaultValue: d.status })}
                          </span>
                        </td>
                        <td data-testid="leader-holder">
                          {d.holder ?? <span className="muted">{t("officer.assign.nobody")}</span>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            )}
          </section>

          <section aria-labelledby="leader-groups-title">
            <h2 id="leader-groups-title">{t("officer.leader.groupsTitle")}</h2>
            {groups.data && groups.data.items.length === 0 ? (
              <Empty>
                <p data-testid="leader-groups-none">{t("officer.leader.groupsNone")}</p>
              </Empty>
            ) : (
              <ul className="cards" data-testid="leader-groups">
                {groups.data?.items.map((g) => (
                  <li key={g.groupId} className="card">
                    <h3>{l(g.nameVi, g.nameEn)}</h3>
                    <ul data-testid="leader-group-reasons">
                      {g.reasons.map((r) => (
                        <li key={r.code + r.vi} data-code={r.code}>
                          {l(r.vi, r.en)}
                        </li>
                      ))}
                    </ul>
                    <GroupSteps group={g} testid="leader-group" />
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      ) : null}
    </section>
  );
}
