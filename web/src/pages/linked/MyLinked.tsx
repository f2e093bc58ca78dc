import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../api/client";
import { formatDateTime } from "../../lib/format";
import { useL, useLoad } from "../../lib/hooks";

type Item = {
  id: string;
  group: { nameVi: string; nameEn: string };
  dueAt: string;
  state: "in_progress" | "done" | "partly_done" | "failed";
  words: { vi: string; en: string };
  steps: number;
  done: number;
};

const BADGE: Record<Item["state"], string> = {
  in_progress: "badge badge-info",
  done: "badge badge-ok",
  partly_done: "badge badge-warn",
  failed: "badge badge-bad",
};

/** My linked applications (My dossiers): each group's overall state and clock, linked to its page. */
export function MyLinked() {
  const { t, i18n } = useTranslation();
  const l = useL();
  const res = useLoad((signal) => api.get<{ items: Item[] }>("/api/me/linked-applications", { signal }), []);
  const items = res.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="my-linked" data-testid="my-linked">
      <h2 id="my-linked">{t("linked.mine")}</h2>
      <ul className="card-list">
        {items.map((g) => (
          <li key={g.id} className="card">
            <Link to={`/lien-thong/${g.id}`}>{l(g.group.nameVi, g.group.nameEn)}</Link>
            <p>
              <span className={BADGE[g.state]}>{l(g.words.vi, g.words.en)}</span>{" "}
              {t("linked.stepsDone", { done: g.done, n: g.steps })}
            </p>
            <p className="muted">{t("linked.dueGroup", { date: formatDateTime(g.dueAt, i18n.language) })}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
