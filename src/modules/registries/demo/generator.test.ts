import { describe, expect, it } from "vitest";
import { checkPersonalNumber, oldProvincesOf } from "../../../domain/personal-number.js";
import { foldVietnamese } from "../../../domain/text.js";
import { ageOn, toDays, yearOf } from "./dates.js";
import {
  type DemoBatch,
  type DemoProvince,
  type GeneratorOptions,
  generateBatches,
  knownBirthDate,
  type PersonRow,
} from "./generator.js";
import { insuranceNumber, PersonalNumberAllocator, PROVINCE_CODES, SLOT_SIZE } from "./numbers.js";

const REF = "2026-03-01";

const DA_NANG: DemoProvince = {
  code: "48",
  name: "Đà Nẵng",
  fullName: "Thành phố Đà Nẵng",
  citizens: 0,
  communes: [
    { code: "20194", name: "Hải Vân", fullName: "Phường Hải Vân", unitType: "phuong" },
    { code: "20197", name: "Liên Chiểu", fullName: "Phường Liên Chiểu", unitType: "phuong" },
    { code: "20308", name: "Bà Nà", fullName: "Xã Bà Nà", unitType: "xa" },
  ],
};
const HA_NOI: DemoProvince = {
  code: "01",
  name: "Hà Nội",
  fullName: "Thành phố Hà Nội",
  citizens: 0,
  communes: [
    { code: "00004", name: "Ba Đình", fullName: "Phường Ba Đình", unitType: "phuong" },
    { code: "10009", name: "Sóc Sơn", fullName: "Xã Sóc Sơn", unitType: "xa" },
  ],
};

function options(citizens: Record<string, number>, over: Partial<GeneratorOptions> = {}): GeneratorOptions {
  return {
    provinces: [DA_NANG, HA_NOI]
      .filter((p) => citizens[p.code] !== undefined)
      .map((p) => ({ ...p, citizens: citizens[p.code] ?? 0 })),
    seed: 1,
    referenceDate: REF,
    batchPersons: 5_000,
    ...over,
  };
}

function all(opts: GeneratorOptions): DemoBatch[] {
  return [...generateBatches(opts)];
}

// One population shared by the checks below: 10,000 persons in each of two provinces.
const batches = all(options({ "48": 10_000, "01": 10_000 }));
const persons = batches.flatMap((b) => b.persons);
const byNumber = new Map(persons.map((p) => [p.personalNumber, p]));
const households = batches.flatMap((b) => b.households);
const age = (p: PersonRow) => ageOn(p.birthDate, REF);

describe("demo population generator", () => {
  it("is deterministic: same options, same first 1,000 persons; another seed differs", () => {
    const first = (opts: GeneratorOptions) =>
      all(opts)
        .flatMap((b) => b.persons)
        .slice(0, 1_000);
    const a = first(options({ "48": 3_000 }, { batchPersons: 1_000 }));
    expect(first(options({ "48": 3_000 }, { batchPersons: 1_000 }))).toEqual(a);
    expect(a).toHaveLength(1_000);
    expect(first(options({ "48": 3_000 }, { batchPersons: 1_000, seed: 2 }))).not.toEqual(a);
  });

  it("fills batches of whole households, exactly the requested number of persons per province", () => {
    expect(persons).toHaveLength(20_000);
    expect(batches.map((b) => [b.index, b.provinceCode, b.persons.length])).toEqual([
      [0, "48", 5_000],
      [1, "48", 5_000],
      [2, "01", 5_000],
      [3, "01", 5_000],
    ]);
    for (const b of batches) {
      const ids = new Set(b.households.map((h) => h.id));
      expect(b.persons.every((p) => ids.has(p.householdId))).toBe(true);
    }
  });

  it("gives every person a valid personal number for their birth year and sex, unique over 20,000", () => {
    for (const p of persons) {
      const check = checkPersonalNumber(p.personalNumber, { birthYear: yearOf(p.birthDate), sex: p.sex });
      expect(check, p.personalNumber).toMatchObject({
        ok: true,
        oldProvince: p.birthRegistrationOldProvince,
      });
    }
    expect(byNumber.size).toBe(20_000);
  });

  it("never reuses a personal number across provinces seeded separately", () => {
    const danang = all(options({ "48": 10_000 })).flatMap((b) => b.persons.map((p) => p.personalNumber));
    const hanoi = new Set(
      all(options({ "01": 10_000 })).flatMap((b) => b.persons.map((p) => p.personalNumber)),
    );
    expect(danang.filter((n) => hanoi.has(n))).toEqual([]);
  });

  it("registers most births in the residence province and some elsewhere", () => {
    const local = persons.filter((p) =>
      oldProvincesOf(p.provinceCode).includes(p.birthRegistrationOldProvince),
    );
    const share = local.length / persons.length;
    expect(share).toBeGreaterThan(0.85);
    expect(share).toBeLessThan(0.97);
    // A migrant's birth commune is unknown here; a local's is one of the chosen communes.
    for (const p of persons) {
      if (!local.includes(p)) expect(p.birthRegistrationCommune).toBeNull();
    }
  });

  it("links children to parents in the same household, the mother 18-45 years older", () => {
    let children = 0;
    for (const child of persons.filter((p) => p.motherNumber || p.fatherNumber)) {
      const mother = child.motherNumber ? byNumber.get(child.motherNumber) : undefined;
      const father = child.fatherNumber ? byNumber.get(child.fatherNumber) : undefined;
      for (const parent of [mother, father]) {
        if (parent) expect(parent.householdId).toBe(child.householdId);
      }
      if (mother) {
        expect(mother.sex).toBe("F");
        expect(ageOn(mother.birthDate, child.birthDate)).toBeGreaterThanOrEqual(18);
        expect(ageOn(mother.birthDate, child.birthDate)).toBeLessThanOrEqual(45);
      }
      if (father) expect(father.sex).toBe("M");
      if (child.relationshipToHead === "con") {
        children++;
        expect(mother && father, child.personalNumber).toBeTruthy();
        expect(child.fullName.split(" ")[0]).toBe(father?.fullName.split(" ")[0]);
      }
    }
    expect(children).toBeGreaterThan(persons.length * 0.3);
  });

  it("gives each household exactly one head aged 22-80, a spouse of the opposite sex when present", () => {
    const members = new Map<string, PersonRow[]>();
    for (const p of persons) members.set(p.householdId, [...(members.get(p.householdId) ?? []), p]);
    for (const h of households) {
      const people = members.get(h.id) ?? [];
      const heads = people.filter((p) => p.relationshipToHead === "chủ hộ");
      expect(heads.map((p) => p.personalNumber)).toEqual([h.headNumber]);
      const head = heads[0] as PersonRow;
      expect(age(head)).toBeGreaterThanOrEqual(22);
      expect(age(head)).toBeLessThanOrEqual(80);
      for (const spouse of people.filter(
        (p) => p.relationshipToHead === "vợ" || p.relationshipToHead === "chồng",
      )) {
        expect(spouse.sex).not.toBe(head.sex);
        expect(spouse.relationshipToHead).toBe(spouse.sex === "F" ? "vợ" : "chồng");
      }
      for (const parent of people.filter(
        (p) => p.relationshipToHead === "mẹ" || p.relationshipToHead === "bố",
      )) {
        expect(parent.personalNumber).toBe(parent.sex === "F" ? head.motherNumber : head.fatherNumber);
      }
      expect(
        people.every((p) => p.permanentCommuneCode === h.communeCode && p.permanentAddress === h.address),
      ).toBe(true);
    }
    const singles = households.filter((h) => (members.get(h.id) ?? []).length === 1).length;
    expect(singles / households.length).toBeGreaterThan(0.05);
    expect(persons.length / households.length).toBeGreaterThan(2.8);
    expect(persons.length / households.length).toBeLessThan(4.2);
  });

  it("writes Vietnamese names with diacritics and folds them for search", () => {
    const withDiacritics = persons.filter((p) => p.fullName !== foldVietnamese(p.fullName)).length;
    expect(withDiacritics / persons.length).toBeGreaterThan(0.95);
    for (const p of persons) {
      expect(p.searchName).toBe(foldVietnamese(p.fullName));
      expect(p.fullName.split(" ").length).toBeGreaterThanOrEqual(2);
    }
    const nguyen = persons.filter((p) => p.fullName.startsWith("Nguyễn ")).length / persons.length;
    expect(nguyen).toBeGreaterThan(0.25);
    expect(nguyen).toBeLessThan(0.5);
  });

  it("sets every required field", () => {
    for (const p of persons) {
      for (const field of [
        p.fullName,
        p.birthDate,
        p.ethnicity,
        p.birthRegistrationOldProvince,
        p.permanentCommuneCode,
        p.permanentAddress,
        p.householdId,
        p.relationshipToHead,
      ]) {
        expect(field).toBeTruthy();
      }
      expect(["M", "F"]).toContain(p.sex);
      expect(p.nationality).toBe("VN");
      expect([DA_NANG, HA_NOI].find((x) => x.code === p.provinceCode)?.communes.map((c) => c.code)).toContain(
        p.permanentCommuneCode,
      );
      if (p.phone !== null) expect(p.phone).toMatch(/^0[3789]\d{8}$/);
      if (age(p) < 15) expect(p.phone).toBeNull();
      expect((p.temporaryCommuneCode === null) === (p.temporaryAddress === null)).toBe(true);
      expect(p.temporaryCommuneCode).not.toBe(p.permanentCommuneCode);
    }
    const adults = persons.filter((p) => age(p) >= 18);
    expect(adults.filter((p) => p.phone).length / adults.length).toBeGreaterThan(0.8);
    const temporary = persons.filter((p) => p.temporaryCommuneCode).length / persons.length;
    expect(temporary).toBeGreaterThan(0.03);
    expect(temporary).toBeLessThan(0.08);
  });

  it("adds birth notices for women aged 20-40 whose newborn is not yet in the registry", () => {
    const notices = batches.flatMap((b) => b.birthNotices);
    expect(notices.length / households.length).toBeGreaterThan(1 / 90);
    expect(notices.length / households.length).toBeLessThan(1 / 40);
    for (const n of notices) {
      const mother = byNumber.get(n.motherNumber);
      expect(mother?.sex).toBe("F");
      expect(age(mother as PersonRow)).toBeGreaterThanOrEqual(20);
      expect(age(mother as PersonRow)).toBeLessThanOrEqual(40);
      expect(n.fatherNumber && byNumber.get(n.fatherNumber)?.householdId).toBe(mother?.householdId);
      expect(n.communeCode).toBe(mother?.permanentCommuneCode);
      const days = toDays(REF) - toDays(n.birthAt.slice(0, 10));
      expect(days).toBeGreaterThanOrEqual(1);
      expect(days).toBeLessThanOrEqual(45);
      const newborn = persons.find(
        (p) => p.motherNumber === n.motherNumber && toDays(REF) - toDays(p.birthDate) < 60,
      );
      expect(newborn).toBeUndefined();
    }
  });

  it("adds death notices for elderly members who are still alive in the registry", () => {
    const notices = batches.flatMap((b) => b.deathNotices);
    expect(notices.length / households.length).toBeGreaterThan(1 / 300);
    expect(notices.length / households.length).toBeLessThan(1 / 80);
    for (const n of notices) {
      const person = byNumber.get(n.personNumber);
      expect(person?.deceasedOn).toBeNull();
      expect(age(person as PersonRow)).toBeGreaterThanOrEqual(60);
      expect(person?.relationshipToHead).not.toBe("chủ hộ");
      const days = toDays(REF) - toDays(n.diedAt.slice(0, 10));
      expect(days).toBeGreaterThanOrEqual(1);
      expect(days).toBeLessThanOrEqual(30);
    }
  });

  it.each([
    [20, "48"],
    [300, "01"],
  ])("gives a small population of %i persons in %s both stories", (citizens, code) => {
    const small = all(options({ [code]: citizens }));
    expect(small.flatMap((b) => b.birthNotices)).not.toHaveLength(0);
    expect(small.flatMap((b) => b.deathNotices)).not.toHaveLength(0);
  });

  it("lists as husband and wife only a couple whose marriage stands on record; divorces are on earlier marriages", () => {
    const marriages = batches.flatMap((b) => b.civilStatus).filter((r) => r.kind === "marriage");
    const ended = marriages.filter((r) => r.endCause === "divorce");
    expect(ended.length).toBeGreaterThan(0); // the demo still holds divorced people
    // No household lists as spouse someone whose marriage is ended by a divorce.
    const divorcedPairs = new Set(
      ended.filter((r) => r.spouseNumber !== null).map((r) => `${r.subjectNumber}|${r.spouseNumber}`),
    );
    expect(divorcedPairs.size).toBe(0);
    const standing = new Set(
      marriages
        .filter((r) => !r.endedOn && r.spouseNumber)
        .map((r) => `${r.subjectNumber}|${r.spouseNumber}`),
    );
    const members = new Map<string, PersonRow[]>();
    for (const p of persons) members.set(p.householdId, [...(members.get(p.householdId) ?? []), p]);
    let couples = 0;
    for (const h of households) {
      const rows = members.get(h.id) ?? [];
      const head = byNumber.get(h.headNumber);
      for (const s of rows.filter((p) => p.relationshipToHead === "vợ" || p.relationshipToHead === "chồng")) {
        if (!head || head.deceasedOn || s.deceasedOn) continue; // a death ends it, the registry keeps both
        const [m, f] = head.sex === "M" ? [head, s] : [s, head];
        expect(standing.has(`${m.personalNumber}|${f.personalNumber}`), `${h.id}`).toBe(true);
        couples++;
      }
    }
    expect(couples).toBeGreaterThan(100);
    // A divorced person's later marriage (if any) was registered after the divorce.
    for (const d of ended) {
      const later = marriages.filter((r) => r.subjectNumber === d.subjectNumber && r !== d);
      for (const r of later) expect(r.registeredOn > (d.endedOn ?? "")).toBe(true);
    }
  });

  it("keeps registry facts consistent: records, cards and allowances", () => {
    const records = batches.flatMap((b) => b.civilStatus);
    const cards = batches.flatMap((b) => b.cards);
    const allowances = batches.flatMap((b) => b.allowances);
    expect(new Set(records.map((r) => r.registrationNumber)).size).toBe(records.length);
    expect(new Set(cards.map((c) => c.cardNumber)).size).toBe(cards.length);
    expect(new Set(allowances.map((a) => a.id)).size).toBe(allowances.length);
    const births = new Set(records.filter((r) => r.kind === "birth").map((r) => r.subjectNumber));
    for (const p of persons) {
      const registered = yearOf(p.birthDate) >= 1990 && p.birthRegistrationCommune !== null;
      expect(births.has(p.personalNumber)).toBe(registered);
    }
    // A couple's marriage names the husband, then the wife; an old one of a widowed person living
    // alone names them only (records.ts `widowedLongAgo`).
    for (const r of records.filter((x) => x.kind === "marriage" && x.spouseNumber !== null)) {
      expect(byNumber.get(r.subjectNumber)?.sex).toBe("M");
      expect(byNumber.get(r.spouseNumber ?? "")?.sex).toBe("F");
    }
    const deceased = persons.filter((p) => p.deceasedOn);
    expect(records.filter((r) => r.kind === "death").map((r) => r.subjectNumber)).toEqual(
      deceased.map((p) => p.personalNumber),
    );
    const alive = persons.filter((p) => !p.deceasedOn);
    expect(cards.length / alive.length).toBeGreaterThan(0.88);
    expect(cards.length / alive.length).toBeLessThan(0.96);
    const cardOf = new Map(cards.map((c) => [c.personalNumber, c]));
    for (const child of alive.filter((p) => age(p) < 6)) {
      expect(cardOf.get(child.personalNumber)).toMatchObject({ beneficiaryGroup: "TE", benefitLevel: 1 });
      expect(cardOf.get(child.personalNumber)?.cardNumber).toMatch(
        new RegExp(`^TE1${child.provinceCode}\\d{10}$`),
      );
    }
    const elderly = new Set(allowances.filter((a) => a.kind === "elderly_80").map((a) => a.personalNumber));
    expect([...elderly].sort()).toEqual(
      alive
        .filter((p) => age(p) >= 80)
        .map((p) => p.personalNumber)
        .sort(),
    );
    expect(allowances.filter((a) => a.kind === "elderly_80").every((a) => a.monthlyAmount === 500_000)).toBe(
      true,
    );
    for (const row of [...records, ...cards, ...allowances]) {
      expect(["48", "01"]).toContain(row.provinceCode);
    }
  });
});

describe("demo identifiers", () => {
  it.each(PROVINCE_CODES.map((code) => [code]))("allocates distinct valid numbers in province %s", (code) => {
    const numbers = new PersonalNumberAllocator(code);
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const pn = numbers.next("048", 1990, i % 2 ? "F" : "M");
      expect(checkPersonalNumber(pn, { birthYear: 1990, sex: i % 2 ? "F" : "M" }).ok).toBe(true);
      seen.add(pn);
      seen.add(insuranceNumber(pn, code));
    }
    expect(seen.size).toBe(1_000);
  });

  it("throws when a province runs out of numbers for one prefix", () => {
    const numbers = new PersonalNumberAllocator("96");
    const all = new Set<string>();
    for (let i = 0; i < SLOT_SIZE; i++) all.add(numbers.next("096", 2001, "M"));
    expect(all.size).toBe(SLOT_SIZE);
    expect(Math.max(...[...all].map((n) => Number(n.slice(6))))).toBeLessThan(1_000_000);
    expect(() => numbers.next("096", 2001, "M")).toThrow(/Too many demo persons/);
  });
});

describe("dates of birth known only by year or month", () => {
  const share = (from: number, to: number, precision: string) => {
    const born = persons.filter((p) => yearOf(p.birthDate) >= from && yearOf(p.birthDate) < to);
    return born.filter((p) => p.birthDatePrecision === precision).length / born.length;
  };

  it("are given to some of the oldest (before 1960: ~20% year, ~10% month; 1960-74: ~5% each), never later", () => {
    expect(share(1900, 1960, "year")).toBeGreaterThan(0.15);
    expect(share(1900, 1960, "year")).toBeLessThan(0.25);
    expect(share(1900, 1960, "month")).toBeGreaterThan(0.06);
    expect(share(1900, 1960, "month")).toBeLessThan(0.14);
    expect(share(1960, 1975, "year")).toBeGreaterThan(0.02);
    expect(share(1960, 1975, "year")).toBeLessThan(0.08);
    expect(share(1975, 2100, "year") + share(1975, 2100, "month")).toBe(0);
  });

  it("are stored as the first day of what is known, in the same year as the personal number says", () => {
    const year = persons.find((p) => p.birthDatePrecision === "year");
    const month = persons.find((p) => p.birthDatePrecision === "month");
    const day = persons.find((p) => p.birthDatePrecision === "day");
    if (!year || !month || !day) throw new Error("a precision is missing from 20,000 persons");
    expect(knownBirthDate(year)).toBe(`${year.birthDate.slice(0, 4)}-01-01`);
    expect(knownBirthDate(month)).toBe(`${month.birthDate.slice(0, 7)}-01`);
    expect(knownBirthDate(day)).toBe(day.birthDate);
    for (const p of persons) {
      expect(checkPersonalNumber(p.personalNumber, { birthYear: yearOf(knownBirthDate(p)) }).ok).toBe(true);
    }
  });
});
