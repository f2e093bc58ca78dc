import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import type { ProcedureListPage } from "../../api/types";
import { Empty, ErrorMessage, Loading } from "../../components/Status";
import { useLoad } from "../../lib/hooks";
import { ProcedureCard } from "./ProcedureCard";

export function PopularList() {
  const { t } = useTranslation();
  const res = useLoad(
    (signal) => api.get<ProcedureListPage>("/api/procedures?popular=true&limit=6", { signal }),
    [],
  );
  return (
    <section aria-labelledby="popular-title" data-testid="popular">
      <h2 id="popular-title">{t("home.popular")}</h2>
      {res.loading && <Loading />}
      {res.error ? <ErrorMessage error={res.error} retry={res.reload} /> : null}
      {res.data && res.data.items.length === 0 && <Empty>{t("home.popularEmpty")}</Empty>}
      {res.data && res.data.items.length > 0 && (
        <ol className="card-list">
          {res.data.items.map((p) => (
            <ProcedureCard key={p.code} p={p} testId="popular-item" />
          ))}
        </ol>
      )}
    </section>
  );
}
