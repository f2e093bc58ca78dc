import type { lifeEventGroup } from "@domain/assistant.js";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** A life event typed in search ("vừa sinh con") leads to its linked group's combined form first. */
export function LifeEventGroup({ group }: { group: ReturnType<typeof lifeEventGroup> }) {
  const { t } = useTranslation();
  if (!group) return null;
  return (
    <div className="card highlight" data-testid="life-event-group" data-group={group}>
      <p>{t(`linked.lifeEvent.${group}`)}</p>
      <Link className="btn btn-primary" data-testid="life-event-go" to={`/lien-thong/nop/${group}`}>
        {t("linked.applyGroup")}
      </Link>
    </div>
  );
}
