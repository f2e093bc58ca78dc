import { handlesSector } from "@domain/agencies.js";
import { DUE_STATES } from "@domain/due.js";
import { TEXT_LIMITS } from "@domain/inputs.js";
import { CHANNELS, SUBMITTED_STATUSES } from "@domain/lifecycle.js";
import { AGGREGATE_ONLY_ROLES, ON_BEHALF_FILERS } from "@domain/principal.js";
import { type FormEvent, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate } from "react-router";
import { api } from "../../api/client";
import type { QueuePage } from "../../api/types";
import { DueBadge } from "../../components/officer/DueBadge";
import { QueueTable } from "../../components/officer/QueueTable";
import { useOfficer } from "../../components/officer/useOfficer";
import { useProcedures } from "../../components/officer/useProcedures";
import { Pager } from "../../components/Pager";
import { Empty, ErrorMessage, Loading } from "../../components/Status";
import { useDebounced, useL, useLoad, useSearchChanges, useTitle } from "../../lib/hooks";

const PAGE_SIZE = 25;
/** Filters kept in the address, so a leader's number links straight to the dossiers behind it. */
const FILTERS = ["status", "procedure", "due", "channel", "q", "assignee", "complaint"] as const;
type Filter = (typeof FILTERS)[number];
const PAGE_PARAM = "trang";

/** The query string for the API: every filter in the address (unknown ones passed through), paged. */
function apiQuery(params: URLSearchParams, offset: number, drop?: Filter): string {
  const q = new URLSearchParams();
  for (const [k, v] of params) if (k !== PAGE_PARAM && k !== drop && v !== "") q.set(k, v);
  // The counts alone (limit 0) show nobody: no applicant is read for them.
  q.set("limit", drop ? "0" : String(PAGE_SIZE));
  q.set("offset", drop ? "0" : String(offset));
  return q.toString();
}

/** The address's page parameter for the page that starts at `offset` (the first page has none). */
const pageParam = (offset: number) => ({ [PAGE_PARAM]: offset > 0 ? String(offset / PAGE_SIZE + 1) : null });

function useNames() {
  const procs = useProcedures();
  const names = useMemo(
    () => new Map(procs.items.map((p) => [p.code, { vi: p.nameVi, en: p.nameEn }])),
    [procs.items],
  );
  return { procs, names };
}

/**
 * The queue of my jurisdiction; for postal and community agents, their own filings; the national
 * viewer and the admin, who see figures only, go to the leader's view.
 */
export default function Queue() {
  const officer = useOfficer();
  if (AGGREGATE_ONLY_ROLES.has(officer.role)) return <Navigate to="/can-bo/lanh-dao" replace />;
  return ON_BEHALF_FILERS.has(officer.role) ? <AgentHome /> : <OfficerQueue />;
}

function OfficerQueue() {
  const { t } = useTranslation();
  const l = useL();
  const officer = useOfficer();
  useTitle(t("officer.queue.title"));
  const [params, change] = useSearchChanges();
  const { procs, names } = useNames();
  const page = Math.max(1, Number(params.get(PAGE_PARAM)) || 1);
  const offset = (page - 1) * PAGE_SIZE;
  const status = params.get("status") ?? "";
  const complaint = params.get("complaint") ?? "";
  const query = apiQuery(params, offset);
  // With a status chosen, the counts of the other statuses come from the same filters without it.
  const countsQuery = status ? apiQuery(params, 0, "status") : null;
  const res = useLoad(
    async (signal) => {
      const [list, counts] = await Promise.all([
        api.get<QueuePage>(`/api/officer/dossiers?${query}`, { signal }),
        countsQuery ? api.get<QueuePage>(`/api/officer/dossiers?${countsQuery}`, { signal }) : null,
      ]);
      return { list, byStatus: (counts ?? list).byStatus ?? {} };
    },
    [query, countsQuery],
  );

  // A filter changed shows its first page; each change is a step of the history (Back undoes it).
  const setFilter = (key: Filter, value: string, replace = false) =>
    change({ [key]: value, [PAGE_PARAM]: null }, { replace });
  const setOffset = (o: number) => change(pageParam(o), { replace: false });

  // The search box follows the address and writes back to it after a pause in typing.
  const urlQ = params.get("q") ?? "";
  const [q, setQ] = useState(urlQ);
  const debounced = useDebounced(q, 400);
  useEffect(() => setQ(urlQ), [urlQ]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: writes back only when the typed text settles
  useEffect(() => {
    if (debounced.trim() !== urlQ) setFilter("q", debounced.trim(), true);
  }, [debounced]);
  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    setFilter("q", q.trim());
  };

  const byStatus = res.data?.byStatus ?? {};
  const all = Object.values(byStatus).reduce((s, n) => s + n, 0);
  const list = res.data?.list;
  const filtered = FILTERS.some((f) => params.get(f));

  const select = (key: Filter, label: string, options: Array<{ value: string; label: string }>) => (
    <div className="field">
      <label htmlFor={`qf-${key}`}>{label}</label>
      <select
        id={`qf-${key}`}
        data-testid={`queue-filter-${key}`}
        value={params.get(key) ?? ""}
        onChange={(e) => setFilter(key, e.target.value)}
      >
        <option value="">{t("officer.filter.any")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <section className="ws-queue" aria-labelledby="queue-title">
      <h1 id="queue-title">{t("officer.queue.title")}</h1>
      <p className="muted">{t("officer.queue.intro")}</p>

      <search className="ws-search" aria-label={t("officer.queue.searchLabel")}>
        <form onSubmit={onSearch}>
          <div className="field">
            <label htmlFor="queue-q">{t("officer.queue.searchLabel")}</label>
            <div className="ws-search-row">
              <input
                id="queue-q"
                type="search"
                data-testid="queue-search"
                value={q}
                onChange={(e) => setQ(e.target.value)}
                aria-describedby="queue-q-help"
                maxLength={TEXT_LIMITS.queueSearch}
                autoComplete="off"
              />
              <button type="submit" className="btn">
                {t("officer.queue.search")}
              </button>
            </div>
            <p id="queue-q-help" className="help">
              {t("officer.queue.searchHelp")}
            </p>
          </div>
        </form>
      </search>

      <fieldset className="ws-filters">
        <legend>{t("officer.filter.legend")}</legend>
        {select(
          "status",
          t("officer.filter.status"),
          SUBMITTED_STATUSES.map((s) => ({ value: s, label: t(`status.${s}.short`) })),
        )}
        {select(
          "procedure",
          t("officer.filter.procedure"),
          // The national catalogue's code helps an officer tell procedures apart; a local one means nothing.
          // Only the procedures the officer's agency handles (all, for the one-stop desk).
          procs.items
            .filter((p) => handlesSector(officer.agency, p.agency.sector))
            .map((p) => ({
              value: p.code,
              label: p.code.startsWith("LOCAL.")
                ? l(p.nameVi, p.nameEn)
                : `${l(p.nameVi, p.nameEn)} (${p.code})`,
            })),
        )}
        {select(
          "due",
          t("officer.filter.due"),
          DUE_STATES.map((s) => ({ value: s, label: t(`officer.dueFilter.${s}`) })),
        )}
        {select(
          "channel",
          t("officer.filter.channel"),
          CHANNELS.map((c) => ({ value: c, label: t(`officer.channel.${c}`) })),
        )}
        {select("assignee", t("officer.filter.assignee"), [
          { value: "me", label: t("officer.filter.mine") },
          { value: "none", label: t("officer.filter.unassigned") },
        ])}
        {filtered && (
          <button
            type="button"
            className="btn btn-small ws-clear"
            data-testid="queue-clear"
            onClick={() => change({}, { replace: false, reset: true })}
          >
            {t("officer.filter.clear")}
          </button>
        )}
      </fieldset>

      <fieldset className="chips" data-testid="queue-counts">
        <legend className="sr-only">{t("officer.queue.byStatus")}</legend>
        <button
          type="button"
          className="chip"
          aria-pressed={!status}
          data-testid="queue-count-all"
          data-count={all}
          onClick={() => setFilter("status", "")}
        >
          {t("officer.queue.allStatuses")} <span className="chip-count">{all}</span>
        </button>
        {SUBMITTED_STATUSES.map((s) => (
          <button
            key={s}
            type="button"
            className="chip"
            aria-pressed={status === s}
            data-testid={`queue-count-${s}`}
            data-count={byStatus[s] ?? 0}
            onClick={() => setFilter("status", status === s ? "" : s)}
          >
            {t(`status.${s}.short`)} <span className="chip-count">{byStatus[s] ?? 0}</span>
          </button>
        ))}
      </fieldset>
      <p className="chips">
        {/* The dossiers whose complaint awaits an answer (under the other filters), nearest due first. */}
        <button
          type="button"
          className="chip"
          aria-pressed={complaint === "open"}
          aria-describedby="queue-complaints-help"
          data-testid="queue-complaints-open"
          data-count={list?.openComplaints ?? ""}
          onClick={() => setFilter("complaint", complaint === "open" ? "" : "open")}
        >
          {t("officer.queue.openComplaints")} <span className="chip-count">{list?.openComplaints ?? 0}</span>
        </button>
        <span id="queue-complaints-help" className="sr-only">
          {t("officer.queue.openComplaintsHelp")}
        </span>
      </p>

      <div className="ws-results" data-testid="queue" data-total={list?.total ?? ""} aria-busy={res.loading}>
        <p className="sr-only" role="status">
          {list ? t("officer.queue.found", { count: list.total }) : ""}
        </p>
        {res.loading && !list ? (
          <Loading label={t("officer.queue.loading")} />
        ) : res.error ? (
          <ErrorMessage error={res.error} retry={res.reload} />
        ) : list && list.items.length === 0 ? (
          <Empty>
            <p data-testid="queue-empty">
              {filtered ? t("officer.queue.emptyFiltered") : t("officer.queue.empty")}
            </p>
          </Empty>
        ) : list ? (
          <>
            <p className="legend-line muted">
              <DueBadge state="near_due" /> {t("officer.due.nearHelp")} <DueBadge state="overdue" />{" "}
              {t("officer.due.overHelp")}
            </p>
            <QueueTable
              items={list.items}
              names={names}
              caption={
                complaint === "open" ? t("officer.queue.complaintCaption") : t("officer.queue.caption")
              }
              role={officer.role}
            />
            <Pager
              list={list}
              offset={offset}
              pageSize={PAGE_SIZE}
              label={t("officer.queue.pages")}
              onPage={setOffset}
            />
          </>
        ) : null}
      </div>
    </section>
  );
}

/** Postal and community agents: start an assisted filing; the dossiers they filed. */
function AgentHome() {
  const { t } = useTranslation();
  useTitle(t("officer.assist.title"));
  const [params, change] = useSearchChanges();
  const { names } = useNames();
  const page = Math.max(1, Number(params.get(PAGE_PARAM)) || 1);
  const offset = (page - 1) * PAGE_SIZE;
  const res = useLoad(
    (signal) => api.get<QueuePage>(`/api/officer/dossiers?limit=${PAGE_SIZE}&offset=${offset}`, { signal }),
    [offset],
  );
  const list = res.data;
  return (
    <section aria-labelledby="agent-title">
      <h1 id="agent-title">{t("officer.assist.title")}</h1>
      <p className="banner banner-info" data-testid="assist-online-note">
        {t("officer.assist.countsOnline")}
      </p>
      <p>{t("officer.assist.intro")}</p>
      <p>
        <Link to="/can-bo/nop-ho" className="btn btn-primary" data-testid="assist-start">
          {t("officer.assist.start")}
        </Link>
      </p>
      <h2>{t("officer.assist.mine")}</h2>
      <div className="ws-results" data-testid="queue" data-total={list?.total ?? ""} aria-busy={res.loading}>
        {res.loading && !list ? (
          <Loading label={t("officer.queue.loading")} />
        ) : res.error ? (
          <ErrorMessage error={res.error} retry={res.reload} />
        ) : list && list.items.length === 0 ? (
          <Empty>
            <p data-testid="queue-empty">{t("officer.assist.mineEmpty")}</p>
          </Empty>
        ) : list ? (
          <>
            <QueueTable
              items={list.items}
              names={names}
              caption={t("officer.assist.mineCaption")}
              showAssignee={false}
            />
            <Pager
              list={list}
              offset={offset}
              pageSize={PAGE_SIZE}
              label={t("officer.queue.pages")}
              onPage={(o) => change(pageParam(o), { replace: false })}
            />
          </>
        ) : null}
      </div>
    </section>
  );
}
