import type { Queryable } from "../../db/client.js";
import type { AccessField } from "../../domain/access-fields.js";
import { monthlyAllowanceOn } from "../../domain/allowances.js";
import * as repo from "../registries/index.js";
import { logAccess } from "./access-log.js";
import type { ReadContext } from "./read-rights.js";

/** The order facts are listed in an eligibility check's access-log row. */
const ORDER: readonly AccessField[] = [
  "vitalStatus",
  "fullName",
  "birthDate",
  "sex",
  "civilStatus",
  "allowances",
];

/**
 * The registry facts an eligibility check may need (src/domain/eligibility.ts): date of birth,
 * sex, full name and whether the person died, for each personal number, read by its distribution
 * key; numbers not in the population registry are absent from `facts`. Nothing is logged until
 * the caller has run the rules and calls `log` with the facts they looked at (checkEligibility's
 * `used`): one row per person looked at ("eligibility-check", resource e.g.
 * `dossier:<id>/eligibility`) listing exactly those facts, so a partner whose typed name differs
 * sees "fullName" and never "civilStatus". A person none of whose facts were used gets no row.
 * The caller has checked the principal's right to the dossier; only the rules' findings leave
 * the server, never these facts.
 */
export async function readEligibilityFacts(
  q: Queryable,
  ctx: ReadContext,
  numbers: readonly string[],
  resource: string,
): Promise<{
  facts: Map<string, repo.PersonFactsRecord>;
  log: (used: ReadonlyMap<string, ReadonlySet<AccessField>>) => Promise<void>;
}> {
  const facts = new Map<string, repo.PersonFactsRecord>();
  for (const n of numbers) {
    const f = await repo.findPersonFacts(q, n);
    if (f) facts.set(n, f);
  }
  const log = (used: ReadonlyMap<string, ReadonlySet<AccessField>>) =>
    logAccess(
      q,
      ctx,
      [...facts].flatMap(([subject, f]) => {
        const fields = ORDER.filter((x) => used.get(subject)?.has(x));
        return fields.length > 0 ? [{ subject, provinceCode: f.provinceCode, fields }] : [];
      }),
      resource,
    );
  return { facts, log };
}

/**
 * Whether the allowances registry records a monthly social allowance of the person on `date`
 * (`monthlyAllowanceOn`), for a rule that checks a declared beneficiary category. Logged, like the
 * other facts, by `readEligibilityFacts`'s `log` when the rule used it ("allowances").
 */
export async function readMonthlyAllowance(
  q: Queryable,
  personalNumber: string,
  date: string,
): Promise<boolean> {
  return monthlyAllowanceOn(await repo.findAllowances(q, personalNumber), date) !== undefined;
}
