import { lifeEventGroup } from "@domain/assistant.js";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { api } from "../../api/client";
import type { ProcedureListPage } from "../../api/types";
import { ErrorMessage } from "../../components/Status";
import { useDebounced, useLoad } from "../../lib/hooks";
import { LifeEventGroup } from "./LifeEventGroup";
import { ProcedureCard } from "./ProcedureCard";

export function SearchBox() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(() => params.get("q") ?? "");
  const query = useDebounced(q.trim(), 250);
  // Keep the query in the address, so "back" from a procedure returns to the same results.
  const inAddress = params.get("q") ?? "";
  useEffect(() => {
    if (query !== inAddress) setParams(query ? { q: query } : {}, { replace: true });
  }, [query, inAddress, setParams]);
  const res = useLoad<(ProcedureListPage & { query: string }) | null>(
    (signal) =>
      query
        ? api
            .get<ProcedureListPage>(`/api/procedures?limit=8&q=${encodeURIComponent(query)}`, {
              signal,
            })
            .then((page) => ({ ...page, query }))
        : Promise.resolve(null),
    [query],
  );
  const items = res.data?.items ?? [];
  // A life event ("bố mất rồi làm gì") leads to its linked group even when no single procedure matches.
  const group = query ? lifeEventGroup(query) : null;
  const count = res.data?.total ?? items.length;
  const pending = q.trim() !== query || (res.loading && query !== "");

  return (
    <search className="search" aria-labelledby="search-label">
      <h1 id="search-label">
        <label htmlFor="search-input">{t("home.searchLabel")}</label>
      </h1>
      <div className="search-field">
        <input
          id="search-input"
          data-testid="search-input"
          type="search"
          inputMode="search"
          enterKeyHint="search"
          autoComplete="off"
          spellCheck={false}
          aria-describedby="search-hint"
          aria-controls={query ? "search-results" : undefined}
          placeholder={t("home.searchPlaceholder")}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      <p id="search-hint" className="hint">
        {t("home.searchHint")}
      </p>
      <p className="sr-only" role="status" aria-live="polite" data-testid="search-status">
        {query && !pending
          ? t(group ? (count ? "home.resultCountWithGroup" : "home.groupFound") : "home.resultCount", {
              count,
            })
          : ""}
      </p>
      {res.error ? <ErrorMessage error={res.error} retry={res.reload} /> : null}
      {query !== "" && (
        <section aria-labelledby="results-title" className="results" aria-busy={pending}>
          <h2 id="results-title">{t("home.results")}</h2>
          <LifeEventGroup group={group} />
          {pending && items.length === 0 && <p className="muted">{t("common.loading")}</p>}
          {!pending && items.length === 0 && !group && !res.error && (
            <p className="empty" data-testid="search-empty">
              {t("home.noResults")}
            </p>
          )}
          <ol
            id="search-results"
            className="card-list"
            data-testid="search-results"
            data-query={res.data?.query ?? ""}
            data-pending={pending}
          >
            {items.map((p) => (
              <ProcedureCard key={p.code} p={p} testId="search-result" />
            ))}
          </ol>
        </section>
      )}
    </search>
  );
}
