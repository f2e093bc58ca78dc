import type { PersonRecord, PrefillSources } from "../../src/modules/exchange/index.js";

/** What the registries hold for the prefill's unit tables (src/modules/dossiers/*.test.ts). */
export const MOTHER = "048190000001";
export const FATHER = "048088000002";

/** A person of the population registry: born 1990, Kinh, Vietnamese, of household H1; `o` says what differs. */
export const personRecord = (n: string, o: Partial<PersonRecord> = {}): PersonRecord =>
  ({
    personalNumber: n,
    fullName: `Người ${n}`,
    birthDate: "1990-01-01",
    sex: "F",
    ethnicity: "Kinh",
    nationality: "VN",
    householdId: "H1",
    relationshipToHead: null,
    fatherNumber: null,
    motherNumber: null,
    updatedAt: new Date("2026-11-01T00:00:00Z"),
    ...o,
  }) as PersonRecord;

/** The hospital's birth notice of MOTHER's daughter, born at `birthAt`; `fatherNumber` null: no father named. */
export const birthNoticeRecord = (
  birthAt: Date,
  fatherNumber: string | null = FATHER,
): NonNullable<PrefillSources["birthNotice"]>["notice"] => ({
  id: "GCS-1",
  provinceCode: "48",
  communeCode: "20194",
  motherNumber: MOTHER,
  fatherNumber,
  childSex: "F",
  birthAt,
  weightGrams: 3100,
  facility: "Bệnh viện",
});
