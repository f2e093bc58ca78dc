import type { Queryable } from "../../db/client.js";
import { all, qb } from "../../db/query.js";

/**
 * News of a linked group to one person (`linked.group_news` and `linked.head_reminder`: the head
 * asked to consent, reminded; the applicant told the head refused) as in-app notifications
 * (`<group id>:g<notification id>`), newest first: the in-app copy each message writes whatever
 * channels reach the person (channel 'app', migration 363), in the message's own words (they name
 * the group and the step's procedure). Each links its page: the group's page for its applicant,
 * the home page (the requests waiting for the head's consent) for the head of household.
 */
export async function groupNewsOf(q: Queryable, personalNumber: string, limit: number) {
  // The person's news in every province, each with its group (colocated by province).
  const rows = await all(
    q,
    qb
      .selectFrom("notifications as n")
      .innerJoin("linked_groups as g", (j) =>
        j.onRef("g.province_code", "=", "n.province_code").onRef("g.id", "=", "n.group_id"),
      )
      .select([
        "n.id",
        "n.group_id as groupId",
        "n.created_at as at",
        "n.text_vi as textVi",
        "n.text_en as textEn",
      ])
      .select("g.applicant_number as applicant")
      .where("n.personal_number", "=", personalNumber)
      .where("n.group_id", "is not", null)
      .where("n.channel", "=", "app")
      .orderBy("n.created_at", "desc")
      .orderBy("n.id", "desc")
      .limit(limit),
  );
  return rows.map((r) => {
    const groupId = r.groupId as string;
    return {
      id: `${groupId}:g${r.id}`,
      at: r.at,
      dossierId: null,
      dossierCode: null,
      groupId,
      link: r.applicant === personalNumber ? `/lien-thong/${groupId}` : "/",
      textVi: r.textVi,
      textEn: r.textEn,
    };
  });
}
