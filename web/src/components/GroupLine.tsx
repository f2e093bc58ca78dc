import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../api/client";
import type { GroupContext } from "../api/types";
import { useL, useLoad } from "../lib/hooks";

/**
 * A linked step's own dossier page says which group it belongs to: "Thuộc nhóm hồ sơ liên thông
 * “…” — xem cả nhóm". The applicant's link opens the group's page; an officer's (`anchor`) the
 * group's steps further down the workspace page (the group's page is the applicant's own).
 * Nothing when the dossier is not a step of a group. Reads `/api/dossiers/:id/linked-group` again
 * when `refresh` changes; a page that already holds the group shows `GroupLink` instead.
 */
export function GroupLine({
  dossierId,
  anchor,
  refresh = 0,
}: {
  dossierId: string;
  anchor?: string;
  refresh?: number;
}) {
  const res = useLoad(
    (signal) => api.get<GroupContext | null>(`/api/dossiers/${dossierId}/linked-group`, { signal }),
    [dossierId, refresh],
  );
  return <GroupLink group={res.data} anchor={anchor} />;
}

/** `GroupLine` of a group already read (undefined while loading, null outside a group: nothing). */
export function GroupLink({ group: g, anchor }: { group: GroupContext | null | undefined; anchor?: string }) {
  const { t } = useTranslation();
  const l = useL();
  if (!g) return null;
  return (
    <p data-testid="dossier-group" data-group={g.groupId}>
      {t("linked.partOf", { name: l(g.nameVi, g.nameEn) })} —{" "}
      {anchor ? (
        <a className="more-link" href={`#${anchor}`}>
          {t("linked.seeGroup")}
        </a>
      ) : (
        <Link className="more-link" to={`/lien-thong/${g.groupId}`}>
          {t("linked.seeGroup")}
        </Link>
      )}
    </p>
  );
}
