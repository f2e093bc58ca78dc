import { useEffect, useState } from "react";
import { api } from "../../api/client";
import type { ProcedureListItem, ProcedureListPage } from "../../api/types";

let cache: Promise<ProcedureListItem[]> | null = null;

function load(): Promise<ProcedureListItem[]> {
  cache ??= api
    .get<ProcedureListPage>("/api/procedures?limit=100")
    .then((r) => r.items)
    .catch((e: unknown) => {
      cache = null;
      throw e;
    });
  return cache;
}

/** The procedure catalogue for filters and the filing pages, fetched once. */
export function useProcedures(): { items: ProcedureListItem[]; error: unknown; loading: boolean } {
  const [state, setState] = useState<{ items: ProcedureListItem[]; error: unknown; loading: boolean }>({
    items: [],
    error: null,
    loading: true,
  });
  useEffect(() => {
    let live = true;
    load().then(
      (items) => live && setState({ items, error: null, loading: false }),
      (error: unknown) => live && setState({ items: [], error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
