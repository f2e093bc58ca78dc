/**
 * Loads the demo population into the registries, resumably: each batch of whole households
 * commits in one transaction with the run's progress, so a crash leaves only whole batches and a
 * restart with the same options regenerates (without inserting) the committed ones and goes on.
 */
import type { Db, Queryable } from "../../../db/client.js";
import { toDays, todayInVietnam } from "./dates.js";
import {
  batchCount,
  type DemoBatch,
  type DemoCommune,
  type DemoProvince,
  generateBatches,
  knownBirthDate,
  type PersonRow,
} from "./generator.js";
import { PROVINCE_CODES } from "./numbers.js";

export type SeedOptions = {
  citizens: number;
  /** New (post-2025) province codes, e.g. ["48", "01"]. */
  provinces: string[];
  /** Communes per province, spread evenly over the code list; default all. */
  communesPerProvince?: number | undefined;
  seed?: number | undefined;
  /** 'YYYY-MM-DD'; default today in Vietnam. A resumed run keeps the date it started with. */
  referenceDate?: string | undefined;
  batchPersons?: number | undefined;
  onProgress?: ((personsDone: number, personsTotal: number) => void) | undefined;
};

export type SeedResult = {
  runId: string;
  persons: number;
  households: number;
  resumed: boolean;
  skipped: boolean;
};

export const DEFAULT_BATCH_PERSONS = 5_000;

type RunParams = {
  citizens: number;
  provinces: string[];
  communesPerProvince: number | null;
  seed: number;
  referenceDate: string;
  batchPersons: number;
};
type RunRow = { params: RunParams; batches_done: number; persons_done: number; finished: boolean };

function positiveInteger(value: number | undefined, name: string): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 1)) {
    throw new RangeError(`${name} must be a positive integer (got ${value})`);
  }
}

/** Stable run id from the options that shape the generated data (not the reference date). */
export function seedRunId(p: Omit<RunParams, "referenceDate">): string {
  const batch = p.batchPersons === DEFAULT_BATCH_PERSONS ? "" : `:b=${p.batchPersons}`;
  return `pop:${p.provinces.join(",")}:n=${p.citizens}:seed=${p.seed}:c=${p.communesPerProvince ?? "all"}${batch}`;
}

/** Special zones without a civilian population to seed. */
const UNINHABITED = ["Hoàng Sa"];

/** Picks `count` communes spread evenly over the code order (a mix of wards and rural communes). */
function spread<T>(items: T[], count: number | null): T[] {
  const k = Math.min(count ?? items.length, items.length);
  return Array.from({ length: k }, (_, i) => items[Math.floor((i * items.length) / k)] as T);
}

async function loadProvinces(db: Queryable, p: RunParams): Promise<DemoProvince[]> {
  const provinces = await db.query<{ code: string; name: string; full_name: string }>(
    "select code, name, full_name from provinces where code = any($1::text[]) order by code",
    [p.provinces],
  );
  const communes = await db.query<{
    code: string;
    name: string;
    full_name: string;
    unit_type: string;
    province_code: string;
  }>(
    "select code, name, full_name, unit_type, province_code from communes where province_code = any($1::text[]) order by code",
    [p.provinces],
  );
  if (provinces.rows.length !== p.provinces.length) {
    throw new Error("Administrative units are not loaded: run migrations and loadUnits first.");
  }
  const share = Math.floor(p.citizens / p.provinces.length);
  const extra = p.citizens % p.provinces.length;
  return provinces.rows.map((row, i) => ({
    code: row.code,
    name: row.name,
    fullName: row.full_name,
    citizens: share + (i < extra ? 1 : 0),
    communes: spread(
      communes.rows
        .filter((c) => c.province_code === row.code && !UNINHABITED.includes(c.name))
        .map(
          (c): DemoCommune => ({ code: c.code, name: c.name, fullName: c.full_name, unitType: c.unit_type }),
        ),
      p.communesPerProvince,
    ),
  }));
}

/** Creates the run, resumes it, or reports it finished; refuses to seed over other data. */
async function startRun(db: Db, id: string, params: RunParams, batchesTotal: number, explicitDate: boolean) {
  return db.tx(async (q) => {
    await q.query("select pg_advisory_xact_lock(727275)");
    const { rows } = await q.query<RunRow>(
      "select params, batches_done, persons_done, finished_at is not null as finished from seed_runs where id = $1",
      [id],
    );
    const run = rows[0];
    if (run) {
      if (explicitDate && run.params.referenceDate !== params.referenceDate) {
        throw new Error(
          `Seed run ${id} started with reference date ${run.params.referenceDate}; resume it with that date or none.`,
        );
      }
      return run;
    }
    // Not a correlated subquery: Citus plans this one (persons are distributed by personal number).
    const taken = await q.query<{ code: string }>(
      `select distinct province_code as code from persons where province_code = any($1::text[]) order by code`,
      [params.provinces],
    );
    if (taken.rows.length > 0) {
      const others = await q.query<{ id: string }>(
        "select id from seed_runs where params->'provinces' ?| $1::text[] order by started_at",
        [taken.rows.map((r) => r.code)],
      );
      const runs = others.rows.map((r) => r.id).join(", ");
      throw new Error(
        `Tỉnh ${taken.rows.map((r) => r.code).join(", ")} đã có dữ liệu dân cư / Province(s) ` +
          `${taken.rows.map((r) => r.code).join(", ")} already have persons${runs ? ` (seed run ${runs})` : ""}. ` +
          "A different seed run there could reuse personal numbers: rerun with the same options to resume, " +
          "or seed other provinces or an empty database.",
      );
    }
    await q.query("insert into seed_runs (id, params, batches_total) values ($1, $2, $3)", [
      id,
      JSON.stringify(params),
      batchesTotal,
    ]);
    return undefined;
  });
}

export async function seedPopulation(db: Db, opts: SeedOptions): Promise<SeedResult> {
  positiveInteger(opts.citizens, "citizens");
  positiveInteger(opts.communesPerProvince, "communesPerProvince");
  positiveInteger(opts.batchPersons, "batchPersons");
  if (opts.seed !== undefined && (!Number.isSafeInteger(opts.seed) || opts.seed < 0)) {
    throw new RangeError(`seed must be a non-negative integer (got ${opts.seed})`);
  }
  const provinces = [...new Set(opts.provinces)].sort();
  const unknown = provinces.filter((c) => !PROVINCE_CODES.includes(c));
  if (provinces.length === 0 || unknown.length > 0) {
    throw new RangeError(`Unknown province code(s): ${unknown.join(", ") || "(none given)"}`);
  }
  if (opts.referenceDate !== undefined) toDays(opts.referenceDate);
  let params: RunParams = {
    citizens: opts.citizens,
    provinces,
    communesPerProvince: opts.communesPerProvince ?? null,
    seed: opts.seed ?? 1,
    referenceDate: opts.referenceDate ?? todayInVietnam(),
    batchPersons: opts.batchPersons ?? DEFAULT_BATCH_PERSONS,
  };
  const runId = seedRunId(params);
  const demoProvinces = await loadProvinces(db, params);
  const gen = { provinces: demoProvinces, seed: params.seed, batchPersons: params.batchPersons };
  const batchesTotal = batchCount(gen);

  const run = await startRun(db, runId, params, batchesTotal, opts.referenceDate !== undefined);
  if (run?.finished) {
    const { rows } = await db.query<{ n: number }>(
      "select count(*)::int as n from households where province_code = any($1::text[])",
      [provinces],
    );
    return { runId, persons: run.persons_done, households: rows[0]?.n ?? 0, resumed: false, skipped: true };
  }
  if (run) params = { ...params, referenceDate: run.params.referenceDate };
  let batchesDone = run?.batches_done ?? 0;
  let personsDone = run?.persons_done ?? 0;
  let households = 0;
  opts.onProgress?.(personsDone, params.citizens);
  for (const batch of generateBatches({ ...gen, referenceDate: params.referenceDate })) {
    households += batch.households.length;
    if (batch.index < batchesDone) continue; // committed before a crash: regenerated, not inserted
    await db.tx(async (q) => {
      const advanced = await q.query(
        `update seed_runs set batches_done = batches_done + 1, persons_done = persons_done + $2,
           finished_at = case when batches_done + 1 = batches_total then now() end
         where id = $1 and batches_done = $3`,
        [runId, batch.persons.length, batch.index],
      );
      if (advanced.rowCount !== 1) throw new Error(`Seed run ${runId} is being advanced by another process.`);
      await insertBatch(q, batch);
    });
    batchesDone++;
    personsDone += batch.persons.length;
    opts.onProgress?.(personsDone, params.citizens);
  }
  if (batchesDone !== batchesTotal)
    throw new Error(`Seed run ${runId}: ${batchesDone} of ${batchesTotal} batches`);
  // A bulk load leaves the planner's statistics stale: without them it hash-joins whole tables.
  await db.exec("analyze");
  return { runId, persons: personsDone, households, resumed: run !== undefined, skipped: false };
}

/** A column: its name, the SQL type its values are sent as, and optionally how the sent value becomes the column's. */
type Column<T> = readonly [
  name: string,
  type: string,
  value: (row: T) => unknown,
  convert?: (v: string) => string,
];

/** One `insert ... select ... from unnest(...)` statement for all rows of a table in a batch. */
async function insertRows<T>(
  q: Queryable,
  table: string,
  columns: readonly Column<T>[],
  rows: T[],
): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map(([name]) => name).join(", ");
  const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ");
  const values = columns.map(([, , , convert], i) => (convert ? convert(`c${i}`) : `c${i}`)).join(", ");
  await q.query(
    `insert into ${table} (${names}) select ${values} from unnest(${arrays}) as t(${columns.map((_, i) => `c${i}`).join(", ")})`,
    columns.map(([, , value]) => rows.map(value)),
  );
}

/**
 * The member numbers each household record lists: head first, then by date of birth (the order
 * `findHouseholdMembers` reads them in).
 */
function membersByHousehold(persons: readonly PersonRow[]): Map<string, string[]> {
  const sorted = [...persons].sort(
    (a, b) =>
      Number(b.relationshipToHead === "chủ hộ") - Number(a.relationshipToHead === "chủ hộ") ||
      knownBirthDate(a).localeCompare(knownBirthDate(b)) ||
      a.personalNumber.localeCompare(b.personalNumber),
  );
  const out = new Map<string, string[]>();
  for (const p of sorted) out.set(p.householdId, [...(out.get(p.householdId) ?? []), p.personalNumber]);
  return out;
}

/** A fact about several persons is filed under each (migration 090): one row per person named. */
function filedUnder<T>(rows: readonly T[], persons: (row: T) => Array<string | null>) {
  return rows.flatMap((row) =>
    [...new Set(persons(row).filter((n): n is string => n !== null))].map((personalNumber) => ({
      row,
      personalNumber,
    })),
  );
}

const PERSON_COLUMNS: readonly Column<PersonRow>[] = [
  ["personal_number", "text", (p) => p.personalNumber],
  ["province_code", "text", (p) => p.provinceCode],
  ["full_name", "text", (p) => p.fullName],
  ["search_name", "text", (p) => p.searchName],
  // The first day of what the registry knows (migration 030).
  ["birth_date", "date", (p) => knownBirthDate(p)],
  ["birth_date_precision", "text", (p) => p.birthDatePrecision],
  ["sex", "text", (p) => p.sex],
  ["ethnicity", "text", (p) => p.ethnicity],
  ["nationality", "text", (p) => p.nationality],
  ["religion", "text", (p) => p.religion],
  ["birth_registration_commune", "text", (p) => p.birthRegistrationCommune],
  ["birth_registration_old_province", "text", (p) => p.birthRegistrationOldProvince],
  ["father_number", "text", (p) => p.fatherNumber],
  ["mother_number", "text", (p) => p.motherNumber],
  ["permanent_commune_code", "text", (p) => p.permanentCommuneCode],
  ["permanent_address", "text", (p) => p.permanentAddress],
  ["temporary_commune_code", "text", (p) => p.temporaryCommuneCode],
  ["temporary_address", "text", (p) => p.temporaryAddress],
  ["household_id", "text", (p) => p.householdId],
  ["relationship_to_head", "text", (p) => p.relationshipToHead],
  ["phone", "text", (p) => p.phone],
  ["email", "text", (p) => p.email],
  ["deceased_on", "date", (p) => p.deceasedOn],
];

async function insertBatch(q: Queryable, b: DemoBatch): Promise<void> {
  const members = membersByHousehold(b.persons);
  const householdOf = new Map(b.persons.map((p) => [p.personalNumber, p.householdId]));
  await insertRows(
    q,
    "households",
    [
      ["id", "text", (h) => h.id],
      ["province_code", "text", (h) => h.provinceCode],
      ["commune_code", "text", (h) => h.communeCode],
      ["address", "text", (h) => h.address],
      ["head_number", "text", (h) => h.headNumber],
      [
        "member_numbers",
        "text",
        (h) => (members.get(h.id) ?? []).join(","),
        (v) => `string_to_array(${v}, ',')::bpchar[]`,
      ],
    ],
    b.households,
  );
  await insertRows(q, "persons", PERSON_COLUMNS, b.persons);
  await insertRows(
    q,
    "civil_status_records",
    [
      ["personal_number", "text", (f) => f.personalNumber],
      ["kind", "text", ({ row: r }) => r.kind],
      ["registration_number", "text", ({ row: r }) => r.registrationNumber],
      ["registered_on", "date", ({ row: r }) => r.registeredOn],
      ["province_code", "text", ({ row: r }) => r.provinceCode],
      ["commune_code", "text", ({ row: r }) => r.communeCode],
      ["subject_number", "text", ({ row: r }) => r.subjectNumber],
      ["spouse_number", "text", ({ row: r }) => r.spouseNumber],
      ["details", "jsonb", ({ row: r }) => JSON.stringify(r.details)],
      ["ended_on", "date", ({ row: r }) => r.endedOn ?? null],
      ["end_cause", "text", ({ row: r }) => r.endCause ?? null],
      ["judgement_number", "text", ({ row: r }) => r.judgementNumber ?? null],
    ],
    filedUnder(b.civilStatus, (r) => [r.subjectNumber, r.spouseNumber]),
  );
  await insertRows(
    q,
    "health_insurance_cards",
    [
      ["card_number", "text", (c) => c.cardNumber],
      ["province_code", "text", (c) => c.provinceCode],
      ["personal_number", "text", (c) => c.personalNumber],
      ["beneficiary_group", "text", (c) => c.beneficiaryGroup],
      ["benefit_level", "int2", (c) => c.benefitLevel],
      ["primary_facility", "text", (c) => c.primaryFacility],
      ["valid_from", "date", (c) => c.validFrom],
      ["valid_to", "date", (c) => c.validTo],
    ],
    b.cards,
  );
  await insertRows(
    q,
    "allowances",
    [
      ["id", "text", (a) => a.id],
      ["province_code", "text", (a) => a.provinceCode],
      ["commune_code", "text", (a) => a.communeCode],
      ["personal_number", "text", (a) => a.personalNumber],
      ["kind", "text", (a) => a.kind],
      ["monthly_amount", "int4", (a) => a.monthlyAmount],
      ["since", "date", (a) => a.since],
      ["until", "date", (a) => a.until],
    ],
    b.allowances,
  );
  await insertRows(
    q,
    "birth_notices",
    [
      ["personal_number", "text", (f) => f.personalNumber],
      ["id", "text", ({ row: n }) => n.id],
      ["province_code", "text", ({ row: n }) => n.provinceCode],
      ["commune_code", "text", ({ row: n }) => n.communeCode],
      ["mother_number", "text", ({ row: n }) => n.motherNumber],
      ["father_number", "text", ({ row: n }) => n.fatherNumber],
      ["child_sex", "text", ({ row: n }) => n.childSex],
      ["birth_at", "timestamptz", ({ row: n }) => n.birthAt],
      ["weight_grams", "int4", ({ row: n }) => n.weightGrams],
      ["facility", "text", ({ row: n }) => n.facility],
    ],
    filedUnder(b.birthNotices, (n) => [n.motherNumber, n.fatherNumber]),
  );
  await insertRows(
    q,
    "death_notices",
    [
      // Filed under the household of the deceased (migration 090).
      ["household_id", "text", (n) => householdOf.get(n.personNumber) ?? `none:${n.personNumber}`],
      ["id", "text", (n) => n.id],
      ["province_code", "text", (n) => n.provinceCode],
      ["commune_code", "text", (n) => n.communeCode],
      ["person_number", "text", (n) => n.personNumber],
      ["died_at", "timestamptz", (n) => n.diedAt],
      ["place", "text", (n) => n.place],
      ["cause", "text", (n) => n.cause],
    ],
    b.deathNotices,
  );
}

export { type DemoAccount, findDemoAccounts } from "./accounts.js";
