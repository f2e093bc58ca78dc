/**
 * Composition of one demo household: who lives there, their ages, sexes, names and origins.
 * Pure: all chance comes from the Random passed in, so the same stream gives the same household.
 */
import type { Sex } from "../../../domain/personal-number.js";
import { addYears, DAYS_PER_YEAR, fromDays, toDays } from "./dates.js";
import { familyName, type PersonName, personName } from "./names.js";
import type { Random } from "./random.js";

export type Relationship = "chủ hộ" | "vợ" | "chồng" | "con" | "bố" | "mẹ";

export type Member = {
  key: "head" | "spouse" | "parent" | `child${number}`;
  relationship: Relationship;
  sex: Sex;
  birthDate: string;
  name: PersonName;
  /** Born and registered outside the residence province. */
  migrant: boolean;
};

export type Composition = {
  members: Member[];
  /** The couple, if any (for the marriage record and children's parents). */
  husband: Member | undefined;
  wife: Member | undefined;
  /** Scenario: a recent unregistered birth (mother = wife) or death (the elderly parent). */
  birthNotice: boolean;
  deathNotice: boolean;
};

export const SCENARIO_RATES = { birthNotice: 1 / 60, deathNotice: 1 / 150, single: 0.12, elderlyParent: 0.1 };

/** A birth date at which the person is exactly `age` (completed years) on the reference date. */
function birthForAge(rng: Random, referenceDate: string, age: number): string {
  return fromDays(toDays(addYears(referenceDate, -age)) - rng.int(1, 363));
}

function coupleAges(
  rng: Random,
  birthNotice: boolean,
  deathNotice: boolean,
): [husband: number, wife: number] {
  if (birthNotice) {
    const wife = rng.int(20, 40);
    return [Math.max(22, wife + rng.int(0, 7)), wife];
  }
  const husband = deathNotice ? rng.int(40, 62) : rng.chance(0.8) ? rng.int(25, 62) : rng.int(22, 80);
  const wife = Math.min(80, Math.max(19, husband - rng.int(-1, 6)));
  return [husband, wife];
}

/**
 * One household of at most `cap` persons. With cap = 1 it is a single person; scenarios
 * (birth or death notice) need at least 2, and `force` imposes one (so that even a small demo
 * population has each story).
 */
export function composeHousehold(
  rng: Random,
  referenceDate: string,
  ethnicity: string,
  cap: number,
  force?: "birthNotice" | "deathNotice",
): Composition {
  const refDays = toDays(referenceDate);
  const birthNotice = cap >= 2 && (rng.chance(SCENARIO_RATES.birthNotice) || force === "birthNotice");
  const deathNotice =
    !birthNotice && cap >= 2 && (rng.chance(SCENARIO_RATES.deathNotice) || force === "deathNotice");
  const single = cap === 1 || (!birthNotice && !deathNotice && rng.chance(SCENARIO_RATES.single));
  const member = (
    key: Member["key"],
    relationship: Relationship,
    sex: Sex,
    birthDate: string,
    family: string,
  ) => ({
    key,
    relationship,
    sex,
    birthDate,
    name: personName(rng, sex, Number(birthDate.slice(0, 4)), ethnicity, family),
    migrant: false,
  });

  let head: Member;
  let spouse: Member | undefined;
  let husband: Member | undefined;
  let wife: Member | undefined;
  const children: Member[] = [];
  if (single) {
    // Young people living alone, and older people (more often widows) living alone.
    const elderly = rng.chance(0.4);
    const age = elderly ? rng.int(60, 80) : rng.chance(0.65) ? rng.int(22, 35) : rng.int(36, 59);
    const sex: Sex = rng.chance(elderly ? 0.7 : 0.45) ? "F" : "M";
    head = member("head", "chủ hộ", sex, birthForAge(rng, referenceDate, age), familyName(rng, ethnicity));
  } else {
    const [husbandAge, wifeAge] = coupleAges(rng, birthNotice, deathNotice);
    const husbandFamily = familyName(rng, ethnicity);
    const headIsWife = wifeAge >= 22 && rng.chance(0.15);
    husband = member(
      headIsWife ? "spouse" : "head",
      headIsWife ? "chồng" : "chủ hộ",
      "M",
      birthForAge(rng, referenceDate, husbandAge),
      husbandFamily,
    );
    wife = member(
      headIsWife ? "head" : "spouse",
      headIsWife ? "chủ hộ" : "vợ",
      "F",
      birthForAge(rng, referenceDate, wifeAge),
      familyName(rng, ethnicity),
    );
    head = headIsWife ? wife : husband;
    spouse = headIsWife ? husband : wife;
    // Children still at home: mother 19-44 and father at least 21 at the birth, child at most 30,
    // born at least 60 days ago (newer births are birth notices), a year ago in a birth scenario.
    const n = rng.weighted([
      [0, 12],
      [1, 28],
      [2, 42],
      [3, 18],
    ] as const);
    const lo = Math.max(
      toDays(addYears(wife.birthDate, 19)),
      toDays(addYears(husband.birthDate, 21)),
      toDays(addYears(referenceDate, -30)),
    );
    const hi = Math.min(toDays(addYears(wife.birthDate, 45)) - 1, refDays - (birthNotice ? 365 : 60));
    const births: number[] = [];
    for (let i = 0; i < n && lo <= hi; i++) births.push(rng.int(lo, hi));
    births.sort((a, b) => a - b);
    births.forEach((days, i) => {
      const sex: Sex = rng.chance(0.51) ? "M" : "F";
      children.push(member(`child${i}`, "con", sex, fromDays(days), husbandFamily));
    });
  }
  head.migrant = rng.chance(0.15);
  if (spouse) spouse.migrant = rng.chance(0.15);

  // An elderly parent of the head; always there in a death scenario (the one who died).
  const headAge = Math.floor((refDays - toDays(head.birthDate)) / DAYS_PER_YEAR);
  let parent: Member | undefined;
  if (deathNotice || (headAge >= 35 && headAge <= 62 && rng.chance(SCENARIO_RATES.elderlyParent))) {
    const gap = rng.int(Math.max(22, (deathNotice ? 70 : 57) - headAge), Math.min(38, 96 - headAge));
    const sex: Sex = rng.chance(0.65) ? "F" : "M";
    const birthDate = fromDays(toDays(addYears(head.birthDate, -gap)) - rng.int(1, 300));
    const family = sex === "M" ? head.name.family : familyName(rng, ethnicity);
    parent = member("parent", sex === "M" ? "bố" : "mẹ", sex, birthDate, family);
    parent.migrant = head.migrant;
  }

  // Trim to the cap: children first, then the parent, then the spouse (scenarios keep theirs).
  let size = 1 + (spouse ? 1 : 0) + (parent ? 1 : 0) + children.length;
  while (size > cap) {
    if (children.length > 0) children.pop();
    else if (parent && !deathNotice) parent = undefined;
    else if (spouse && !birthNotice) spouse = undefined;
    else break;
    size--;
  }
  const couple = spouse !== undefined;
  const members = [
    head,
    ...(spouse ? [spouse] : []),
    ...(parent ? [parent] : []),
    ...(couple ? children : []),
  ];
  return {
    members,
    husband: couple ? husband : undefined,
    wife: couple ? wife : undefined,
    birthNotice,
    deathNotice,
  };
}
