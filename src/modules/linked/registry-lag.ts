import type { Queryable } from "../../db/client.js";
import { undeliveredOf } from "../delivery/index.js";
import { resultWriteBacks } from "../dossiers/index.js";

/**
 * Which of these step dossiers (one province) have a result whose registry write-back (a birth or
 * death registered, a residence update, a card issued) is dead or discarded in the outbox: the
 * result stands, but the registry has not taken it in, so the steps depending on it wait until an
 * administrator retries the message (GET/POST /api/admin/outbox). Two statements whatever the
 * number of steps. Read by the citizen's group page
 * and the leader's groups at risk.
 */
export async function writeBackFailures(
  q: Queryable,
  provinceCode: string,
  dossierIds: readonly string[],
): Promise<Set<string>> {
  return undeliveredOf(q, provinceCode, await resultWriteBacks(q, provinceCode, dossierIds));
}
