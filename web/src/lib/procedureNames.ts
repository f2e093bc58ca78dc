import { api } from "../api/client";
import type { ProcedureListPage } from "../api/types";

let cache: Promise<Map<string, { vi: string; en: string }>> | null = null;

/** Procedure names by code, fetched once (the catalogue is small). */
export function procedureNames(): Promise<Map<string, { vi: string; en: string }>> {
  cache ??= api
    .get<ProcedureListPage>("/api/procedures?limit=200")
    .then((r) => new Map(r.items.map((p) => [p.code, { vi: p.nameVi, en: p.nameEn }])))
    .catch((e: unknown) => {
      cache = null;
      throw e;
    });
  return cache;
}
