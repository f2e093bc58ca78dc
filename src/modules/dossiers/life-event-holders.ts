import type { Queryable } from "../../db/client.js";
import { all, qb } from "../../db/query.js";
import { LIFE_EVENT_RELEASED } from "../../domain/life-event.js";

/**
 * The open or finished dossiers holding a life event (`death:<number>`: the deceased's death
 * registration, deregistration, funeral allowance, each once), by procedure, with their status:
 * what was already filed after a death, for the assistant (src/modules/assistant). National by
 * nature, like the submit's check of the event (`holderOf`); no principal, nothing logged here
 * (the caller logs what it tells).
 */
export async function lifeEventHolders(
  q: Queryable,
  key: string,
): Promise<Array<{ procedureCode: string; status: string; id: string }>> {
  return all(
    q,
    qb
      .selectFrom("dossiers")
      .select(["procedure_code as procedureCode", "status", "id"])
      .where("life_event_key", "=", key)
      .where("status", "not in", [...LIFE_EVENT_RELEASED])
      .orderBy("submitted_at"),
  );
}
