import type { Queryable } from "../../db/client.js";
import { all, qb, sql } from "../../db/query.js";
import type { Status } from "../../domain/lifecycle.js";
import { onDossierKey } from "./conditions.js";

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
  /** The number of its latest result (`issue_result`), as the public verification page takes it. */
  resultNumber: string | null;
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
        (eb) =>
          eb
            .selectFrom("dossier_actions as a")
            .where(onDossierKey("a", "d", provinceCode))
            .where("a.action", "=", "issue_result")
            .select(sql<string | null>`a.payload->>'resultNumber'`.as("n"))
            .orderBy("a.seq", "desc")
            .limit(1)
            .as("resultNumber"),
      ]),
  );
}

/**
 * The registry messages each of these dossiers' results was written back with (`writeBack` of the
 * latest `issue_result` action, set by the exchange's effects: its message type or types), by
 * dossier id; dossiers without a result or a write-back are left out.
 */
/**
 * Which of these step dossiers (one province) the platform decided itself: their result issued by
 * role "system" under their group's automatic decision (issue 12 point 2). One statement.
 */
export async function decidedAutomatically(
  q: Queryable,
  provinceCode: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await q.query<{ id: string }>(
    `select dossier_id as id from dossier_actions
     where province_code = $1 and dossier_id = any($2::uuid[]) and action = 'issue_result'
       and actor_role = 'system' and payload ? 'automatic'`,
    [provinceCode, [...ids]],
  );
  return new Set(rows.map((r) => r.id));
}

export async function resultWriteBacks(
  q: Queryable,
  provinceCode: string,
  ids: readonly string[],
): Promise<Map<string, string[]>> {
  if (ids.length === 0) return new Map();
  const { rows } = await q.query<{ id: string; writeBack: { type?: string; types?: string[] } | null }>(
    `select dossier_id as id, payload->'writeBack' as "writeBack" from dossier_actions
     where province_code = $1 and dossier_id = any($2::uuid[]) and action = 'issue_result' order by seq`,
    [provinceCode, [...ids]],
  );
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const types = [...(r.writeBack?.types ?? []), ...(r.writeBack?.type ? [r.writeBack.type] : [])];
    if (types.length > 0) out.set(r.id, types);
  }
  return out;
}
