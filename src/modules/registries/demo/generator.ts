/**
 * Deterministic demo population: households with their members and the registry facts around
 * them (civil-status records, health-insurance cards, allowances) plus scenario data for the
 * linked procedures (unregistered birth and death notices). Pure: same options, same rows.
 */

import { type DatePrecision, dateRange, parsePartialDate } from "../../../domain/partial-date.js";
import { OLD_PROVINCES, oldProvincesOf, type Sex } from "../../../domain/personal-number.js";
import { foldVietnamese } from "../../../domain/text.js";
import { ageOn, fromDays, toDays, yearOf } from "./dates.js";
import { ethnicityTable, religionTable } from "./ethnicities.js";
import { composeHousehold, type Member } from "./household.js";
import { PersonalNumberAllocator } from "./numbers.js";
import { addressLine, type Region, regionOf } from "./places.js";
import { hash32, Random } from "./random.js";
import { type RecordsContext, registryFacts } from "./records.js";
import { birthNotice, deathNotice } from "./scenarios.js";

export type DemoCommune = { code: string; name: string; fullName: string; unitType: string };
export type DemoProvince = {
  code: string;
  name: string;
  fullName: string;
  communes: DemoCommune[];
  /** Persons to generate in this province. */
  citizens: number;
};
export type GeneratorOptions = {
  provinces: DemoProvince[];
  seed: number;
  /** 'YYYY-MM-DD': ages, validity dates and notice dates are relative to it. */
  referenceDate: string;
  /** Persons per batch; a batch holds whole households of one province. */
  batchPersons: number;
};

export type PersonRow = {
  personalNumber: string;
  provinceCode: string;
  fullName: string;
  searchName: string;
  /** The day of birth the story is built on (ages, parents, records). */
  birthDate: string;
  /** How much of it the population registry knows (see birthPrecision). */
  birthDatePrecision: DatePrecision;
  sex: Sex;
  ethnicity: string;
  nationality: string;
  religion: string | null;
  birthRegistrationCommune: string | null;
  birthRegistrationOldProvince: string;
  fatherNumber: string | null;
  motherNumber: string | null;
  permanentCommuneCode: string;
  permanentAddress: string;
  temporaryCommuneCode: string | null;
  temporaryAddress: string | null;
  householdId: string;
  relationshipToHead: string;
  phone: string | null;
  email: string | null;
  deceasedOn: string | null;
};
export type HouseholdRow = {
  id: string;
  provinceCode: string;
  communeCode: string;
  address: string;
  headNumber: string;
};
export type CivilStatusRow = {
  kind: "birth" | "marriage" | "death";
  registrationNumber: string;
  registeredOn: string;
  provinceCode: string;
  communeCode: string;
  subjectNumber: string;
  spouseNumber: string | null;
  details: Record<string, string | null>;
  /** A marriage's end noted in the register (records.ts `marriageEnd`); absent or null while it stands. */
  endedOn?: string | null;
  endCause?: "divorce" | "spouse_death" | null;
  judgementNumber?: string | null;
};
export type InsuranceCardRow = {
  cardNumber: string;
  provinceCode: string;
  personalNumber: string;
  beneficiaryGroup: string;
  benefitLevel: number;
  primaryFacility: string;
  validFrom: string;
  validTo: string;
};
export type AllowanceRow = {
  id: string;
  provinceCode: string;
  communeCode: string;
  personalNumber: string;
  kind: string;
  monthlyAmount: number;
  since: string;
  until: string | null;
};
export type BirthNoticeRow = {
  id: string;
  provinceCode: string;
  communeCode: string;
  motherNumber: string;
  fatherNumber: string | null;
  childSex: Sex;
  /** ISO timestamp with the +07:00 offset. */
  birthAt: string;
  weightGrams: number;
  facility: string;
};
export type DeathNoticeRow = {
  id: string;
  provinceCode: string;
  communeCode: string;
  personNumber: string;
  diedAt: string;
  place: string;
  cause: string | null;
};

export type DemoBatch = {
  /** Position of the batch in the whole run, from 0. */
  index: number;
  provinceCode: string;
  households: HouseholdRow[];
  persons: PersonRow[];
  civilStatus: CivilStatusRow[];
  cards: InsuranceCardRow[];
  allowances: AllowanceRow[];
  birthNotices: BirthNoticeRow[];
  deathNotices: DeathNoticeRow[];
};

const MOBILE_PREFIXES =
  "090 091 093 094 096 097 098 086 088 089 032 033 034 035 036 037 038 039 070 077 079 081 083 084 085".split(
    " ",
  );
const MAIL_DOMAINS = [
  ["gmail.com", 80],
  ["yahoo.com", 10],
  ["outlook.com", 6],
  ["icloud.com", 4],
] as const;

export function batchCount(opts: Pick<GeneratorOptions, "provinces" | "batchPersons">): number {
  return opts.provinces.reduce((sum, p) => sum + Math.ceil(p.citizens / opts.batchPersons), 0);
}

/** The demo population as batches of whole households, province after province. */
export function* generateBatches(opts: GeneratorOptions): Generator<DemoBatch> {
  toDays(opts.referenceDate); // validates
  if (!Number.isInteger(opts.batchPersons) || opts.batchPersons < 1) {
    throw new RangeError("batchPersons must be a positive integer");
  }
  let index = 0;
  for (const province of opts.provinces) {
    if (province.citizens > 0 && province.communes.length === 0) {
      throw new RangeError(`Province ${province.code} has no communes to seed`);
    }
    const others = opts.provinces
      .filter((p) => p !== province)
      .flatMap((p) => p.communes.map((c) => ({ c, p })));
    const gen = new ProvinceGenerator(province, opts.seed, opts.referenceDate, others);
    for (let done = 0; done < province.citizens; index++) {
      const size = Math.min(opts.batchPersons, province.citizens - done);
      yield gen.batch(index, size);
      done += size;
    }
  }
}

class ProvinceGenerator {
  private readonly rng: Random;
  private readonly numbers: PersonalNumberAllocator;
  private readonly region: Region;
  private readonly localOld: string[];
  private readonly foreignOld: string[];
  private readonly sequences = new Map<string, number>();
  /** Stories every province gets at least once, in its first households. */
  private readonly stories: ("birthNotice" | "deathNotice")[] = ["birthNotice", "deathNotice"];
  private readonly ctx: RecordsContext;

  constructor(
    private readonly province: DemoProvince,
    seed: number,
    private readonly referenceDate: string,
    private readonly otherProvinceCommunes: { c: DemoCommune; p: DemoProvince }[],
  ) {
    this.rng = new Random(seed, `province:${province.code}`);
    this.numbers = new PersonalNumberAllocator(province.code);
    this.region = regionOf(province.code);
    this.localOld = oldProvincesOf(province.code);
    this.foreignOld = Object.keys(OLD_PROVINCES).filter((c) => !this.localOld.includes(c));
    this.ctx = {
      rng: this.rng,
      province,
      referenceDate,
      nextId: (kind, commune) => this.nextId(kind, commune),
    };
  }

  /** `<kind>-<commune>-<sequence>`: commune codes are unique nationwide, so ids are too. */
  private nextId(kind: string, commune: string): string {
    const key = `${kind}-${commune}`;
    const n = (this.sequences.get(key) ?? 0) + 1;
    this.sequences.set(key, n);
    return `${key}-${String(n).padStart(6, "0")}`;
  }

  batch(index: number, size: number): DemoBatch {
    const b: DemoBatch = {
      index,
      provinceCode: this.province.code,
      households: [],
      persons: [],
      civilStatus: [],
      cards: [],
      allowances: [],
      birthNotices: [],
      deathNotices: [],
    };
    while (b.persons.length < size) this.household(b, size - b.persons.length);
    return b;
  }

  private household(b: DemoBatch, cap: number): void {
    const { rng, province, referenceDate } = this;
    const commune = rng.pick(province.communes);
    const id = this.nextId("HH", commune.code);
    // Addresses hold the street or village part; the commune and province are in their codes.
    const address = addressLine(rng, this.region, commune.unitType);
    const ethnicity = ethnicityTable(province.code).pick(rng);
    const religion = religionTable(province.code, ethnicity).pick(rng);
    const localOld = rng.pick(this.localOld);
    const comp = composeHousehold(rng, referenceDate, ethnicity, cap, cap >= 2 ? this.stories[0] : undefined);
    if (comp.birthNotice && this.stories[0] === "birthNotice") this.stories.shift();
    else if (comp.deathNotice && this.stories[0] === "deathNotice") this.stories.shift();

    const rows = new Map<Member["key"], PersonRow>();
    const foreignOld = rng.pick(this.foreignOld);
    for (const m of comp.members) {
      const old = m.migrant ? (m.key === "spouse" ? rng.pick(this.foreignOld) : foreignOld) : localOld;
      const age = ageOn(m.birthDate, referenceDate);
      const temporary =
        age >= 18 && age <= 45 && rng.chance(0.12) ? this.temporaryResidence(commune) : undefined;
      const personalNumber = this.numbers.next(old, yearOf(m.birthDate), m.sex);
      const row: PersonRow = {
        personalNumber,
        provinceCode: province.code,
        fullName: m.name.fullName,
        searchName: foldVietnamese(m.name.fullName),
        birthDate: m.birthDate,
        birthDatePrecision: birthPrecision(personalNumber, yearOf(m.birthDate)),
        sex: m.sex,
        ethnicity,
        nationality: "VN",
        religion,
        birthRegistrationCommune: m.migrant
          ? null
          : m.key.startsWith("child") || rng.chance(0.75)
            ? commune.code
            : rng.pick(province.communes).code,
        birthRegistrationOldProvince: old,
        fatherNumber: null,
        motherNumber: null,
        permanentCommuneCode: commune.code,
        permanentAddress: address,
        temporaryCommuneCode: temporary?.code ?? null,
        temporaryAddress: temporary?.address ?? null,
        householdId: id,
        relationshipToHead: m.relationship,
        phone: this.phone(age),
        email: age >= 18 && age <= 55 && rng.chance(0.25) ? this.email(m) : null,
        deceasedOn: null,
      };
      rows.set(m.key, row);
    }
    const head = rows.get("head");
    const husband = comp.husband && rows.get(comp.husband.key);
    const wife = comp.wife && rows.get(comp.wife.key);
    const parent = rows.get("parent");
    if (!head) throw new Error("a household without a head");
    for (const [key, row] of rows) {
      if (key.startsWith("child")) {
        row.fatherNumber = husband?.personalNumber ?? null;
        row.motherNumber = wife?.personalNumber ?? null;
      }
    }
    if (parent) {
      if (parent.sex === "M") head.fatherNumber = parent.personalNumber;
      else head.motherNumber = parent.personalNumber;
    }

    b.households.push({
      id,
      provinceCode: province.code,
      communeCode: commune.code,
      address,
      headNumber: head.personalNumber,
    });
    const persons = [...rows.values()];
    b.persons.push(...persons);

    if (comp.birthNotice && wife) birthNotice(this.ctx, b, commune, wife, husband);
    if (comp.deathNotice && parent) deathNotice(this.ctx, b, commune, parent);
    else if (parent && rng.chance(0.06)) {
      // Died some years ago and already registered; stays in the registry, marked deceased.
      parent.deceasedOn = fromDays(toDays(referenceDate) - rng.int(200, 2500));
    }
    registryFacts(this.ctx, b, commune, persons, husband, wife);
  }

  private temporaryResidence(home: DemoCommune): { code: string; address: string } | undefined {
    const same = this.province.communes.filter((c) => c.code !== home.code);
    if (same.length > 0) {
      const c = this.rng.pick(same);
      return {
        code: c.code,
        address: addressLine(this.rng, this.region, c.unitType),
      };
    }
    if (this.otherProvinceCommunes.length === 0) return undefined;
    const { c, p } = this.rng.pick(this.otherProvinceCommunes);
    return {
      code: c.code,
      address: addressLine(this.rng, regionOf(p.code), c.unitType),
    };
  }

  private phone(age: number): string | null {
    const p = age >= 18 ? (age >= 75 ? 0.5 : 0.92) : age >= 15 ? 0.5 : 0;
    if (!this.rng.chance(p)) return null;
    return this.rng.pick(MOBILE_PREFIXES) + String(this.rng.int(0, 9_999_999)).padStart(7, "0");
  }

  private email(m: Member): string {
    const local = foldVietnamese(`${m.name.given} ${m.name.family}`).replace(/ /g, "");
    return `${local}${this.rng.int(1, 999)}@${this.rng.weighted(MAIL_DOMAINS)}`;
  }
}

/**
 * How much of a demo person's date of birth the registry knows: people born before 1960 are
 * often recorded by year only (20%) or month and year (10%), those born 1960-1974 less often
 * (5% each); later births by the day. Drawn from a hash of the personal number, so the main
 * random sequence (and so the rest of the population) is the same as without it.
 */
export function birthPrecision(personalNumber: string, birthYear: number): DatePrecision {
  const draw = hash32(`precision:${personalNumber}`) % 100;
  const [yearOnly, monthOnly] = birthYear < 1960 ? [20, 10] : birthYear < 1975 ? [5, 5] : [0, 0];
  return draw < yearOnly ? "year" : draw < yearOnly + monthOnly ? "month" : "day";
}

/** The date of birth as the registry stores it: the first day of what it knows ('YYYY-MM-DD'). */
export function knownBirthDate(p: Pick<PersonRow, "birthDate" | "birthDatePrecision">): string {
  const cut = { year: 4, month: 7, day: 10 }[p.birthDatePrecision];
  const known = parsePartialDate(p.birthDate.slice(0, cut));
  if (!known) throw new RangeError(`Not a date of birth: ${p.birthDate}`);
  return dateRange(known).first;
}
