import type { Queryable } from "../../db/client.js";
import { all, first, qb } from "../../db/query.js";
import {
  type MaritalStanding,
  type MarriageEndCause,
  maritalStatusOf,
  type RegisteredMarriage,
} from "../../domain/marital-status.js";

/**
 * Whether the registries record this person's death: a date of death in the population registry
 * (`persons.deceased_on`) or a death record in the civil-status register. Both reads are routed by
 * the person's number.
 */
export async function deceasedInRegistries(q: Queryable, number: string): Promise<boolean> {
  const person = await first(
    q,
    qb
      .selectFrom("persons")
      .select("personal_number")
      .where("personal_number", "=", number)
      .where("deceased_on", "is not", null),
  );
  if (person) return true;
  const record = await first(
    q,
    qb
      .selectFrom("civil_status_records")
      .select("id")
      .where("personal_number", "=", number)
      .where("subject_number", "=", number)
      .where("kind", "=", "death")
      .limit(1),
  );
  return record !== undefined;
}

/**
 * Another source of a death known outside the registries (the dossiers module: a death registration
 * whose result was issued here, not yet written back). Asked only when the registries know none.
 */
export type DeathElsewhere = (number: string) => Promise<boolean>;

/**
 * The one reader of a person's marriages in the civil-status register, and the status they make
 * (decided in src/domain/marital-status.ts): every record of kind 'marriage' filed under the person,
 * newest first, with its end as the register notes it (a divorce from a court's judgement, or the
 * spouse's death). For a marriage with no end noted and a spouse with a personal number, whether
 * the spouse died is read (registries, then `diedElsewhere`); a spouse without a personal number is
 * living for the register, so that marriage stands. Routed by the person's number (and each
 * spouse's); the caller logs the civil-status read through the exchange.
 */
export async function registeredMaritalStatus(
  q: Queryable,
  number: string,
  diedElsewhere?: DeathElsewhere,
): Promise<MaritalStanding> {
  const records = await all(
    q,
    qb
      .selectFrom("civil_status_records")
      .select([
        "registration_number as registrationNumber",
        "registered_on as registeredOn",
        "subject_number as subject",
        "spouse_number as spouse",
        "ended_on as endedOn",
        "end_cause as endCause",
        "judgement_number as judgementNumber",
      ])
      .where("personal_number", "=", number)
      .where("kind", "=", "marriage")
      .orderBy("registered_on", "desc"),
  );
  const marriages: RegisteredMarriage[] = [];
  for (const r of records) {
    const spouse = (r.subject === number ? r.spouse : r.subject)?.trim() || null;
    const end = r.endedOn
      ? {
          on: r.endedOn,
          cause: r.endCause as MarriageEndCause,
          judgementNumber: r.judgementNumber,
        }
      : null;
    const spouseDied =
      !end && spouse !== null && spouse !== number
        ? (await deceasedInRegistries(q, spouse)) || ((await diedElsewhere?.(spouse)) ?? false)
        : false;
    marriages.push({
      registrationNumber: r.registrationNumber,
      registeredOn: r.registeredOn,
      spouseNumber: spouse,
      end,
      spouseDied,
    });
    // The newest standing marriage decides: nothing older is read.
    if (!end && !spouseDied) break;
  }
  return maritalStatusOf(marriages);
}
