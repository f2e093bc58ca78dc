import type { Queryable } from "../../db/client.js";
import { all, qb } from "../../db/query.js";

/**
 * The in-app copies of the messages to one person (channel 'app', migrations 363 and 365), as
 * in-app notifications, newest first, at most `limit`, in each message's own words:
 * - a linked group's news (`linked.group_news`, `linked.head_reminder`: the head asked to consent,
 *   reminded; the applicant told the head refused), id `<group id>:g<notification id>`, linking the
 *   group's page for its applicant, the home page (the requests waiting for the head's consent) for
 *   the head of household;
 * - the head of a spouse's household asked to consent (`notify.head_request`), id
 *   `<dossier id>:h<notification id>`, with the spouse's dossier and its code, linking the head's
 *   home page ("Đề nghị chờ tôi đồng ý", where he consents or refuses): not the dossier's page,
 *   which is the applicant's.
 * Read by the person's number in every province (a partial index, migration 365), each row with its
 * group or dossier (colocated joins by province).
 */
export async function inAppNewsOf(q: Queryable, personalNumber: string, limit: number) {
  const rows = await all(
    q,
    qb
      .selectFrom("notifications as n")
      .leftJoin("linked_groups as g", (j) =>
        j.onRef("g.province_code", "=", "n.province_code").onRef("g.id", "=", "n.group_id"),
      )
      .leftJoin("dossiers as d", (j) =>
        j.onRef("d.province_code", "=", "n.province_code").onRef("d.id", "=", "n.dossier_id"),
      )
      .select([
        "n.id",
        "n.group_id as groupId",
        "n.dossier_id as dossierId",
        "n.created_at as at",
        "n.text_vi as textVi",
        "n.text_en as textEn",
      ])
      .select(["g.applicant_number as applicant", "d.code"])
      .where("n.personal_number", "=", personalNumber)
      .where("n.channel", "=", "app")
      .orderBy("n.created_at", "desc")
      .orderBy("n.id", "desc")
      .limit(limit),
  );
  return rows.flatMap((r) => {
    const text = { at: r.at, textVi: r.textVi, textEn: r.textEn };
    if (r.groupId !== null) {
      const groupId = r.groupId;
      return [
        {
          id: `${groupId}:g${r.id}`,
          dossierId: null,
          dossierCode: null,
          groupId,
          link: r.applicant === personalNumber ? `/lien-thong/${groupId}` : "/",
          ...text,
        },
      ];
    }
    if (r.dossierId === null) return [];
    return [
      {
        id: `${r.dossierId}:h${r.id}`,
        dossierId: r.dossierId as string | null,
        dossierCode: r.code ?? null,
        groupId: null as string | null,
        link: "/",
        ...text,
      },
    ];
  });
}
