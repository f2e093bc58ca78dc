import { refuseLateSupplement } from "../dossiers/index.js";
import { listProvinces } from "../units/index.js";
import type { LinkedEnv } from "./steps.js";
import { SYSTEM_ACTOR } from "./steps.js";

/** How often the dispatcher looks for unanswered supplement requests (its clock, `now`). */
export const LATE_SUPPLEMENT_EVERY_MS = 60_000;

/**
 * Refuses every started step's dossier whose supplement request went unanswered past the group's
 * `supplementWithin` at `at` (Decree 63/2024: the file is refused): timed work of the dispatcher
 * (`registerTimed`), so the clock is the injected one. Each refusal is the dossiers module's
 * `refuseLateSupplement` (locked, checked again, idempotent); its `dossier.refuse` message then
 * fails the step and cancels its dependants as an officer's refusal does (`onDossierEvent`).
 * The candidates are read province by province (the provinces from the units' reference table),
 * each a join of steps and dossiers on the province key: one shard per statement on Citus, never
 * a look over every shard each minute in every dispatcher. Returns how many were refused.
 */
export async function refuseLateSupplements(env: Pick<LinkedEnv, "db">, at: Date): Promise<number> {
  let refused = 0;
  for (const province of await listProvinces(env.db)) {
    const { rows } = await env.db.query<{ dossierId: string }>(
      `select s.dossier_id as "dossierId" from linked_group_steps s
       join dossiers d on d.province_code = s.province_code and d.id = s.dossier_id
       where s.province_code = $1 and s.state = 'started' and d.status = 'supplement_requested'
       order by s.dossier_id`,
      [province.code],
    );
    for (const r of rows)
      if (await refuseLateSupplement(env.db, r.dossierId, { actorId: SYSTEM_ACTOR, at })) refused += 1;
  }
  return refused;
}
