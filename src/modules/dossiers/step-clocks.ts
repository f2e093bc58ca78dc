import type { Queryable } from "../../db/client.js";
import { all, qb } from "../../db/query.js";
import type { Status } from "../../domain/lifecycle.js";

/** What another agency may read of a group's step: where it stands, no personal data. */
export type StepClockRow = {
  id: string;
  code: string | null;
  procedureCode: string;
  procedureVersion: number;
  agencyCode: string;
  communeCode: string | null;
  status: Status;
  dueAt: Date | null;
  nearDueAt: Date | null;
};

/** The statuses and clocks of dossiers of one province (a linked group's steps), by id. */
export async function stepClocks(
  q: Queryable,
  provinceCode: string,
  ids: readonly string[],
): Promise<StepClockRow[]> {
  if (ids.length === 0) return [];
  return all(
    q,
    qb
      .selectFrom("dossiers as d")
      .where("d.province_code", "=", provinceCode)
      .where("d.id", "in", [...ids])
      .select([
        "d.id",
        "d.code",
        "d.procedure_code as procedureCode",
        "d.procedure_version as procedureVersion",
        "d.agency_code as agencyCode",
        "d.commune_code as communeCode",
        "d.status",
        "d.due_at as dueAt",
        "d.near_due_at as nearDueAt",
      ]),
  );
}
