import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import type { Page, ProcedureListItem } from "../../api/types";
import { ErrorMessage } from "../../components/Status";
import { useDebounced, useLoad } from "../../lib/hooks";
import { ProcedureCard } from "./ProcedureCard";

export function SearchBox() {
  const { t } = useTranslation();
  const [q, setQ] = useState(() => new URLSearchParams(location.search).get("q") ?? "");
  const query = useDebounced(q.trim(), 250);
  const res = useLoad(
    (signal) =>
      query
        ? api.get<Page<ProcedureListItem>>(`/api/procedures?limit=8&q=${encodeURIComponent(query)}`, { signal })
        : Promise.resolve(null),
    [query],
  );
  const items = res.data?.items ?? [];
  const pending = q.trim() !== query || (res.loading && query !== "");

  return (
    <div className="search" role="search" aria-labelledby="search-label">
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
          aria-controls="search-results"
          placeholder={t("home.searchPlaceholder")}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      <p id="search-hint" className="hint">
        {t("home.searchHint")}
      </p>
      <p className="sr-only" role="status" aria-live="polite" data-testid="search-status">
        {query && !pending ? t("home.resultCount", { count: res.data?.total ?? items.length }) : ""}
      </p>
      {res.error ? <ErrorMessage error={res.error} retry={res.reload} /> : null}
      {query !== "" && (
        <section aria-labelledby="results-title" className="results" aria-busy={pending}>
          <h2 id="results-title">{t("home.results")}</h2>
          {pending && items.length === 0 && <p className="muted">{t("common.loading")}</p>}
          {!pending && items.length === 0 && !res.error && (
            <p className="empty" data-testid="search-empty">
              {t("home.noResults")}
            </p>
          )}
          <ol id="search-results" className="card-list" data-testid="search-results">
            {items.map((p) => (
              <ProcedureCard key={p.code} p={p} testId="search-result" />
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
