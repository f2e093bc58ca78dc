import type { Queryable } from "../../db/client.js";
import * as repo from "../registries/index.js";
import { logAccess } from "./access-log.js";
import type { ReadContext } from "./exchange.js";

/**
 * The registry facts an eligibility check needs (src/domain/eligibility.ts): date of birth, sex
 * and whether the person died, for each personal number, read by its distribution key; numbers
 * not in the population registry are absent from the map. Each person found is logged
 * ("eligibility-check", resource e.g. `dossier:<id>/eligibility`) with the fields the rules use:
 * `vitalStatus` (living or not) always, `birthDate` and `sex` for an age rule (`withAge`),
 * `fullName` and `birthDate` for an identity match (`withIdentity`: so a person sees who checked
 * a number as theirs, whether or not the typed name and date matched),
 * `civilStatus` when the caller reads their marriage (`withCivilStatus`). The caller has
 * checked the principal's right to the dossier; only the rules' findings leave the server, never
 * these facts.
 */
export async function readEligibilityFacts(
  q: Queryable,
  ctx: ReadContext,
  numbers: readonly string[],
  resource: string,
  uses: {
    withAge: ReadonlySet<string>;
    withCivilStatus: ReadonlySet<string>;
    /** Persons whose name and date of birth are matched against what the form typed. */
    withIdentity?: ReadonlySet<string> | undefined;
  },
): Promise<Map<string, repo.PersonFactsRecord>> {
  const out = new Map<string, repo.PersonFactsRecord>();
  for (const n of numbers) {
    const f = await repo.findPersonFacts(q, n);
    if (f) out.set(n, f);
  }
  await logAccess(
    q,
    ctx,
    [...out].map(([subject, f]) => ({
      subject,
      provinceCode: f.provinceCode,
      fields: [
        "vitalStatus" as const,
        ...(uses.withIdentity?.has(subject) ? (["fullName", "birthDate"] as const) : []),
        ...(uses.withAge.has(subject) && !uses.withIdentity?.has(subject) ? (["birthDate"] as const) : []),
        ...(uses.withAge.has(subject) ? (["sex"] as const) : []),
        ...(uses.withCivilStatus.has(subject) ? (["civilStatus"] as const) : []),
      ],
    })),
    resource,
  );
  return out;
}
