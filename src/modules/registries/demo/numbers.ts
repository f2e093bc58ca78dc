/**
 * Identifiers for demo persons that never collide: personal numbers partitioned by residence
 * province, and health-insurance numbers derived from them.
 */
import { OLD_PROVINCES, personalNumberPrefix, type Sex } from "../../../domain/personal-number.js";
import { hash32 } from "./random.js";

/** The 34 provinces (post-2025), in code order; a province's index is its slot. */
export const PROVINCE_CODES: readonly string[] = [
  ...new Set(Object.values(OLD_PROVINCES).map((p) => p.newProvince)),
].sort();
const OLD_PROVINCE_CODES = Object.keys(OLD_PROVINCES).sort();

/**
 * Digits 7-12 are split into 34 slots of SLOT_SIZE numbers, one slot per residence province
 * (34 × 29,411 = 999,974), so seeding two provinces, in any order or runs, never collides.
 * Inside a slot the n-th person of a prefix gets (n × MULTIPLIER + offset) mod SLOT_SIZE: a
 * bijection (SLOT_SIZE is prime) that makes the digits look random.
 */
export const SLOT_SIZE = 29_411;
const MULTIPLIER = 7_919;

export function provinceSlot(provinceCode: string): number {
  const slot = PROVINCE_CODES.indexOf(provinceCode);
  if (slot < 0) throw new RangeError(`Unknown province code ${provinceCode}`);
  return slot;
}

/** Hands out personal numbers for persons living in one province, deterministically in call order. */
export class PersonalNumberAllocator {
  private readonly counters = new Map<string, number>();
  private readonly slot: number;

  constructor(readonly residenceProvince: string) {
    this.slot = provinceSlot(residenceProvince);
  }

  next(oldProvince: string, birthYear: number, sex: Sex): string {
    const prefix = personalNumberPrefix(oldProvince, birthYear, sex);
    const n = this.counters.get(prefix) ?? 0;
    if (n >= SLOT_SIZE) {
      throw new RangeError(
        `Too many demo persons with prefix ${prefix} in province ${this.residenceProvince} (max ${SLOT_SIZE})`,
      );
    }
    this.counters.set(prefix, n + 1);
    const local = (n * MULTIPLIER + (hash32(prefix) % SLOT_SIZE)) % SLOT_SIZE;
    return prefix + String(this.slot * SLOT_SIZE + local).padStart(6, "0");
  }
}

/**
 * The 10-digit social-insurance number of a demo person: an injective encoding of the personal
 * number inside its residence slot (old province, century/sex, year, position in the slot).
 * Unique per residence province; the card number adds the province code.
 */
export function insuranceNumber(personalNumber: string, residenceProvince: string): string {
  const old = OLD_PROVINCE_CODES.indexOf(personalNumber.slice(0, 3));
  const local = Number(personalNumber.slice(6)) - provinceSlot(residenceProvince) * SLOT_SIZE;
  if (old < 0 || local < 0 || local >= SLOT_SIZE) {
    throw new RangeError(`${personalNumber} is not a demo number of province ${residenceProvince}`);
  }
  const prefix = (old * 10 + Number(personalNumber[3])) * 100 + Number(personalNumber.slice(4, 6));
  return String(prefix * SLOT_SIZE + local).padStart(10, "0");
}

/** Card number: group (2 letters), benefit level (1 digit), province (2 digits), insurance number. */
export function insuranceCardNumber(
  group: string,
  level: number,
  personalNumber: string,
  residenceProvince: string,
): string {
  return `${group}${level}${residenceProvince}${insuranceNumber(personalNumber, residenceProvince)}`;
}
