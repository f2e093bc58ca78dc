import type { Queryable } from "../../db/client.js";
import { all, qb, run } from "../../db/query.js";
import type { DossierRow } from "./repository-reads.js";

/**
 * Results already issued to this person, by procedure code (the latest dossier code of each): they
 * replace copies in later dossiers. Read from `applicant_results`, filed under the person (one
 * shard on Citus), not from every province's dossiers.
 */
export async function priorResults(q: Queryable, applicantNumber: string): Promise<Map<string, string>> {
  const rows = await all(
    q,
    qb
      .selectFrom("applicant_results")
      .distinctOn("procedure_code")
      .select(["procedure_code", "dossier_code as code"])
      .where("applicant_number", "=", applicantNumber)
      .orderBy("procedure_code")
      .orderBy("issued_at", "desc"),
  );
  return new Map(rows.map((r) => [r.procedure_code, r.code]));
}

/** Files an issued result under its applicant (`priorResults` reads it), in the issuing transaction. */
export async function recordApplicantResult(q: Queryable, d: DossierRow, at: Date): Promise<void> {
  if (d.code === null) throw new Error(`dossier ${d.id} has no code: it was never submitted`);
  await run(
    q,
    qb
      .insertInto("applicant_results")
      .values({
        applicant_number: d.applicantNumber,
        procedure_code: d.procedureCode,
        dossier_code: d.code,
        province_code: d.provinceCode,
        dossier_id: d.id,
        issued_at: at,
      })
      .onConflict((c) => c.columns(["applicant_number", "province_code", "dossier_id"]).doNothing()),
  );
}
