/**
 * Registry facts around a demo household: civil-status records (birth, marriage, death),
 * health-insurance cards and social allowances, as the agencies would already hold them.
 */
import { addYears, ageOn, fromDays, toDays, yearOf } from "./dates.js";
import type { CivilStatusRow, DemoBatch, DemoCommune, DemoProvince, PersonRow } from "./generator.js";
import { insuranceCardNumber } from "./numbers.js";
import { birthFacility, primaryCareFacility } from "./places.js";
import type { Random } from "./random.js";

export type RecordsContext = {
  rng: Random;
  province: DemoProvince;
  referenceDate: string;
  nextId(kind: string, commune: string): string;
};

/**
 * Monthly social allowances (VND): base 500,000 × coefficient (Decree 20/2021 coefficients;
 * base per Decree 76/2024). Demo values: keep them in sync with the allowance module's data.
 */
export const ALLOWANCES = {
  elderly_80: 500_000,
  disability_severe: 750_000,
  disability_especially_severe: 1_000_000,
} as const;

export const CARD_SHARE = 0.9; // of persons without a free card (TE, BT): overall about 92%

function firstOfNextMonth(date: string): string {
  const y = yearOf(date);
  const m = Number(date.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

/**
 * An older person living alone is often widowed: for about half of those aged 60 or more (chosen by
 * personal number, no random draw), a marriage registered at 23 to a spouse who died long ago,
 * before personal numbers (so the register names no spouse), its end noted as the spouse's death.
 */
function widowedLongAgo(ctx: RecordsContext, b: DemoBatch, commune: DemoCommune, p: PersonRow): void {
  const serial = Number(p.personalNumber.slice(-6));
  if (p.deceasedOn || ageOn(p.birthDate, ctx.referenceDate) < 60 || serial % 2 !== 0) return;
  const registeredOn = addYears(p.birthDate, 23);
  const endedOn = minDate(fromDays(toDays(registeredOn) + 365 * (8 + (serial % 25))), ctx.referenceDate);
  b.civilStatus.push({
    kind: "marriage",
    registrationNumber: ctx.nextId("KH-CU", commune.code),
    provinceCode: ctx.province.code,
    communeCode: commune.code,
    registeredOn,
    subjectNumber: p.personalNumber,
    spouseNumber: null,
    details: { [p.sex === "F" ? "wife_name" : "husband_name"]: p.fullName },
    endedOn,
    endCause: "spouse_death",
    judgementNumber: null,
  });
}

/**
 * How a couple's marriage ended, noted in the civil-status register (Luật Hộ tịch 2014, Điều
 * 37–40), or nothing while it stands: only by a spouse's death. A couple the household lists as
 * husband and wife is married on record: a divorce is never noted on their marriage (it would
 * contradict the household, which lists the ex-spouse as "vợ" and children born since).
 */
export function marriageEnd(
  husband: PersonRow,
  wife: PersonRow,
): Pick<CivilStatusRow, "endedOn" | "endCause" | "judgementNumber"> {
  const died = [husband.deceasedOn, wife.deceasedOn].filter((d): d is string => d !== null).sort()[0];
  if (died) return { endedOn: died, endCause: "spouse_death", judgementNumber: null };
  return { endedOn: null, endCause: null, judgementNumber: null };
}

/**
 * A divorce noted in the register (a district court's decision recognising the spouses'
 * agreement) on an earlier marriage of `p` to a spouse recorded without a personal number: for
 * about one person in twenty (chosen by personal number, so that the generator's random stream
 * and every other fact stay as they were), married at 20 (a man) or 18 (a woman), divorced one to
 * a few years later, when that fits before `before` (their current marriage, with the spouse the
 * household lists; a day after the reference date for a person living alone, who stays divorced).
 * Demo data.
 */
function divorcedBefore(
  ctx: RecordsContext,
  b: DemoBatch,
  commune: DemoCommune,
  p: PersonRow,
  before: string,
) {
  const serial = Number(p.personalNumber.slice(-6));
  const registeredOn = addYears(p.birthDate, p.sex === "M" ? 20 : 18);
  const room = toDays(before) - toDays(registeredOn) - 365 - 180;
  if (serial % 20 !== 7 || p.deceasedOn || room < 365) return;
  const endedOn = fromDays(toDays(registeredOn) + 365 + (serial % room));
  b.civilStatus.push({
    kind: "marriage",
    registrationNumber: ctx.nextId("KH-CU", commune.code),
    provinceCode: ctx.province.code,
    communeCode: commune.code,
    registeredOn,
    subjectNumber: p.personalNumber,
    spouseNumber: null,
    details: { [p.sex === "F" ? "wife_name" : "husband_name"]: p.fullName },
    endedOn,
    endCause: "divorce",
    judgementNumber: `${(serial % 90) + 10}/${endedOn.slice(0, 4)}/QĐST-HNGĐ`,
  });
}

export function registryFacts(
  ctx: RecordsContext,
  b: DemoBatch,
  commune: DemoCommune,
  persons: PersonRow[],
  husband: PersonRow | undefined,
  wife: PersonRow | undefined,
): void {
  const { rng, province, referenceDate } = ctx;
  const refDays = toDays(referenceDate);
  const civil = (kind: "birth" | "marriage" | "death", prefix: string, communeCode: string) => ({
    kind,
    registrationNumber: ctx.nextId(prefix, communeCode),
    provinceCode: province.code,
    communeCode,
  });

  // Births since 1990 are in the electronic civil-status register of the commune that registered them.
  for (const p of persons) {
    if (yearOf(p.birthDate) < 1990 || !p.birthRegistrationCommune) continue;
    b.civilStatus.push({
      ...civil("birth", "KS", p.birthRegistrationCommune),
      registeredOn: minDate(fromDays(toDays(p.birthDate) + rng.int(1, 60)), referenceDate),
      subjectNumber: p.personalNumber,
      spouseNumber: null,
      details: {
        full_name: p.fullName,
        birth_date: p.birthDate,
        sex: p.sex,
        father_number: p.fatherNumber,
        mother_number: p.motherNumber,
        place: birthFacility(rng, province.name, commune.fullName),
      },
    });
  }

  if (husband && wife) {
    // Married at legal age (man 20, woman 18), before the first child.
    const lo = Math.max(toDays(addYears(husband.birthDate, 20)), toDays(addYears(wife.birthDate, 18)));
    const firstChild = persons
      .filter((p) => p.motherNumber === wife.personalNumber)
      .reduce((min, p) => Math.min(min, toDays(p.birthDate)), Number.POSITIVE_INFINITY);
    const hi = Math.min(firstChild - 200, refDays - 30);
    const registeredOn = fromDays(rng.int(lo, Math.max(lo, hi)));
    divorcedBefore(ctx, b, commune, husband, registeredOn);
    b.civilStatus.push({
      ...civil("marriage", "KH", commune.code),
      registeredOn,
      subjectNumber: husband.personalNumber,
      spouseNumber: wife.personalNumber,
      details: { husband_name: husband.fullName, wife_name: wife.fullName },
      ...marriageEnd(husband, wife),
    });
  }

  const alone = persons.length === 1 ? persons[0] : undefined;
  if (!husband && !wife && alone) {
    if (ageOn(alone.birthDate, referenceDate) >= 60) widowedLongAgo(ctx, b, commune, alone);
    else divorcedBefore(ctx, b, commune, alone, fromDays(refDays + 1));
  }

  const poor = rng.chance(0.03);
  for (const p of persons) {
    if (p.deceasedOn) {
      b.civilStatus.push({
        ...civil("death", "KT", commune.code),
        registeredOn: minDate(fromDays(toDays(p.deceasedOn) + rng.int(1, 15)), referenceDate),
        subjectNumber: p.personalNumber,
        spouseNumber: null,
        details: { full_name: p.fullName, died_on: p.deceasedOn },
      });
      continue;
    }
    const age = ageOn(p.birthDate, referenceDate);
    let allowance: keyof typeof ALLOWANCES | undefined;
    let since = "";
    if (age >= 80) {
      allowance = "elderly_80";
      since = minDate(firstOfNextMonth(addYears(p.birthDate, 80)), referenceDate);
    } else if (age >= 6 && rng.chance(0.01)) {
      allowance = rng.chance(0.7) ? "disability_severe" : "disability_especially_severe";
      since = fromDays(Math.max(toDays(addYears(p.birthDate, 6)), refDays - rng.int(30, 3650)));
    }
    if (allowance) {
      b.allowances.push({
        id: ctx.nextId("TC", commune.code),
        provinceCode: province.code,
        communeCode: commune.code,
        personalNumber: p.personalNumber,
        kind: allowance,
        monthlyAmount: ALLOWANCES[allowance],
        since,
        until: null,
      });
    }
    const [group, level] = cardGroup(
      rng,
      age,
      allowance !== undefined,
      poor,
      p.ethnicity !== "Kinh" && commune.unitType === "xa",
    );
    if (group !== "TE" && group !== "BT" && !rng.chance(CARD_SHARE)) continue;
    const year = yearOf(referenceDate);
    b.cards.push({
      cardNumber: insuranceCardNumber(group, level, p.personalNumber, province.code),
      provinceCode: province.code,
      personalNumber: p.personalNumber,
      beneficiaryGroup: group,
      benefitLevel: level,
      primaryFacility: primaryCareFacility(rng, province.name, commune.fullName),
      // A child's card runs from birth to the day before the sixth birthday.
      validFrom: group === "TE" ? p.birthDate : `${year}-01-01`,
      validTo: group === "TE" ? fromDays(toDays(addYears(p.birthDate, 6)) - 1) : `${year}-12-31`,
    });
  }
}

/**
 * Beneficiary group and benefit level (1 = 100%, 2 = 100% with a cap, 3 = 95%, 4 = 80%):
 * TE children under 6, BT social-allowance recipients, HN poor households, DT minorities in
 * rural communes, HS pupils, SV students, HT pensioners, DN/HC employees, GD household members.
 */
function cardGroup(
  rng: Random,
  age: number,
  allowance: boolean,
  poor: boolean,
  minority: boolean,
): [string, number] {
  if (age < 6) return ["TE", 1];
  if (allowance) return ["BT", 2];
  if (poor) return ["HN", 2];
  if (minority) return ["DT", 2];
  if (age < 18) return ["HS", 4];
  if (age <= 22 && rng.chance(0.5)) return ["SV", 4];
  if (age >= 60) return rng.chance(0.4) ? ["HT", 3] : ["GD", 4];
  const r = rng.next();
  return r < 0.45 ? ["DN", 4] : r < 0.55 ? ["HC", 4] : ["GD", 4];
}
