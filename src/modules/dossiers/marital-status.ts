import type { Queryable } from "../../db/client.js";
import { all, qb } from "../../db/query.js";
import { spouseDied } from "./life-event.js";

/** A person's marital status as the civil-status registry holds it, with the registration it rests on. */
export type RegisteredMaritalStatus = { status: "married" | "widowed"; registrationNumber: string };

/**
 * What the civil-status registry says of a person's marital status (undefined: it holds no marriage
 * of theirs, so it says nothing, and the person declares). "married": a registered marriage whose
 * other spouse is not known to have died (a spouse without a personal number counts as living);
 * "widowed": every registered marriage ended by the spouse's death (Law 52/2014/QH13, Art. 65),
 * named by the newest. The register holds no divorces: a divorce must be recorded there first.
 * Reads are routed by the person's number (and each spouse's); the caller logs the civil-status
 * read through the exchange. Basis: Decree 123/2015/NĐ-CP, Art. 21-22 (the confirmation states
 * the status the register holds).
 */
export async function registeredMaritalStatus(
  q: Queryable,
  number: string,
): Promise<RegisteredMaritalStatus | undefined> {
  const records = await all(
    q,
    qb
      .selectFrom("civil_status_records")
      .select([
        "registration_number as registrationNumber",
        "subject_number as subject",
        "spouse_number as spouse",
      ])
      .where("personal_number", "=", number)
      .where("kind", "=", "marriage")
      .orderBy("registered_on", "desc"),
  );
  for (const r of records) {
    const spouse = r.subject === number ? r.spouse : r.subject;
    if (!spouse || !(await spouseDied(q, `marriage:${number}:${spouse}`, number)))
      return { status: "married", registrationNumber: r.registrationNumber };
  }
  const newest = records[0];
  return newest && { status: "widowed", registrationNumber: newest.registrationNumber };
}
