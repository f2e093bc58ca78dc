import type { Queryable } from "../../db/client.js";
import { findGroup, type GroupRow, type StepRow } from "./repository.js";

/**
 * The applicant's newest group application one of whose steps is (or was filed on its own as) one
 * of `dossierIds` (the dossiers holding a life event: a death's registration, deregistration,
 * allowance), with its steps; undefined when none. Only the applicant's own groups: their page is
 * theirs to open. For the assistant (src/modules/assistant/after-death.ts).
 */
export async function ownGroupOfDossiers(
  q: Queryable,
  applicantNumber: string,
  dossierIds: readonly string[],
): Promise<{ group: GroupRow; steps: StepRow[] } | undefined> {
  if (dossierIds.length === 0) return undefined;
  const { rows } = await q.query<{ provinceCode: string; id: string }>(
    `select g.province_code as "provinceCode", g.id from linked_groups g
     join linked_group_steps s on s.province_code = g.province_code and s.group_id = g.id
     where g.applicant_number = $1 and (s.dossier_id = any($2::uuid[]) or s.alone_dossier_id = any($2::uuid[]))
     order by g.received_at desc limit 1`,
    [applicantNumber, dossierIds],
  );
  const g = rows[0];
  return g ? findGroup(q, g.provinceCode, g.id) : undefined;
}
