/**
 * Scenario data for the linked procedures: a health facility's birth notice of a child not yet
 * registered, and a death notice of a person not yet registered dead, in the household's commune.
 */
import { fromDays, toDays } from "./dates.js";
import type { DemoBatch, DemoCommune, PersonRow } from "./generator.js";
import { birthFacility, DEATH_CAUSES, deathPlace } from "./places.js";
import type { Random } from "./random.js";
import type { RecordsContext } from "./records.js";

/** A time of day, "HH:MM:00". */
function clock(rng: Random): string {
  return `${String(rng.int(0, 23)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}:00`;
}

/** A birth in the last 45 days, notified by the facility and not yet registered. */
export function birthNotice(
  ctx: RecordsContext,
  b: DemoBatch,
  commune: DemoCommune,
  mother: PersonRow,
  father: PersonRow | undefined,
): void {
  const { rng, province, referenceDate } = ctx;
  const day = fromDays(toDays(referenceDate) - rng.int(1, 45));
  b.birthNotices.push({
    id: ctx.nextId("GCS", commune.code),
    provinceCode: province.code,
    communeCode: commune.code,
    motherNumber: mother.personalNumber,
    fatherNumber: father?.personalNumber ?? null,
    childSex: rng.chance(0.51) ? "M" : "F",
    birthAt: `${day}T${clock(rng)}+07:00`,
    weightGrams: rng.int(2400, 3900),
    facility: birthFacility(rng, province.name, commune.fullName),
  });
}

/** A death in the last 30 days, notified and not yet registered (the person is still alive in the registry). */
export function deathNotice(
  ctx: RecordsContext,
  b: DemoBatch,
  commune: DemoCommune,
  person: PersonRow,
): void {
  const { rng, province, referenceDate } = ctx;
  const day = fromDays(toDays(referenceDate) - rng.int(1, 30));
  const home = `${person.permanentAddress}, ${commune.fullName}, ${province.fullName}`;
  b.deathNotices.push({
    id: ctx.nextId("GBT", commune.code),
    provinceCode: province.code,
    communeCode: commune.code,
    personNumber: person.personalNumber,
    diedAt: `${day}T${clock(rng)}+07:00`,
    place: deathPlace(rng, province.name, home),
    cause: rng.pick(DEATH_CAUSES),
  });
}
