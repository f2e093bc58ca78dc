import type { Db } from "../db/client.js";
import { all, qb } from "../db/query.js";
import { type HistoryDossier, historyDossier } from "../domain/history.js";
import {
  historyLines,
  type SeedCommune,
  type SeedPerson,
  type SeedProcedure,
} from "../domain/history-seed.js";
import { getPublished, listPublished } from "../modules/catalog/index.js";
import { agencyCode, historyCache, importHistoryBatch } from "../modules/dossiers/index.js";
import { recordHistoryFacts } from "../modules/metrics/index.js";
import { listCommunes, listProvinces } from "../modules/units/index.js";

export type HistorySeed = {
  seed: number;
  now: Date;
  months: number;
  /** Mean dossiers a month in a commune. */
  perCommuneMonth: number;
  /** Where: the communes given, else `communesPerProvince` communes (the first by code) of every province. */
  communes?: readonly SeedCommune[];
  communesPerProvince?: number;
  /** Dossiers per transaction (default 400). */
  batch?: number;
  /** Batches written at once, while the next are generated (default 2; PGlite runs them in turn). */
  parallel?: number;
  onProgress?: (done: number) => void;
};

/** The published procedures as the generator needs them (limit, fee, fields, agency). */
async function seedProcedures(db: Db): Promise<SeedProcedure[]> {
  const { items } = await listPublished(db, { limit: 1000, offset: 0 });
  const out: SeedProcedure[] = [];
  for (const item of items) {
    const p = await getPublished(db, item.code);
    const d = p.definition;
    out.push({
      code: p.code,
      timeLimit: d.timeLimit,
      // A fee by tariff (per page, per copy) is counted as one unit of its first tier.
      fee: d.fee.amount > 0 ? d.fee.amount : (d.fee.perUnit?.tiers[0]?.amount ?? 0),
      fieldsTotal: d.form.length,
      replaceable: d.components.filter((c) => c.replacedBy !== undefined).length,
      agencyOf: (c) => agencyCode(d.agency.sector, c.provinceCode, c.code),
    });
  }
  return out;
}

/**
 * The adults living in each commune, as the population registry has them (alive, with a full or
 * partial birth date 18 years before `now`), the applicants the history picks from: a history
 * dossier then names a real person, and officers see the applicant's name. At most 500 a commune,
 * by personal number (deterministic).
 */
async function withPeople(db: Db, communes: readonly SeedCommune[], now: Date): Promise<SeedCommune[]> {
  const adultBy = `${now.getUTCFullYear() - 18}-01-01`;
  const out: SeedCommune[] = [];
  for (const c of communes) {
    const rows: SeedPerson[] = await all(
      db,
      qb
        .selectFrom("persons")
        .select(["personal_number as personalNumber", "full_name as fullName"])
        .where("province_code", "=", c.provinceCode)
        .where("permanent_commune_code", "=", c.code)
        .where("deceased_on", "is", null)
        .where("birth_date", "<", adultBy)
        .orderBy("personal_number")
        .limit(500),
    );
    out.push(rows.length > 0 ? { ...c, people: rows } : c);
  }
  return out;
}

/** The first `k` communes (by code) of every province. */
async function communesOfEveryProvince(db: Db, k: number): Promise<SeedCommune[]> {
  const out: SeedCommune[] = [];
  for (const p of await listProvinces(db)) {
    const { items } = await listCommunes(db, { provinceCode: p.code, limit: k, offset: 0 });
    out.push(...items.map((c) => ({ code: c.code, provinceCode: p.code })));
  }
  return out;
}

/**
 * Seeds a generated history (`historyLines`, KPIS.md's import format) as real dossiers with their
 * logs: each line is checked by the import's lifecycle checks (`historyDossier`), recorded with the import's rows
 * (`importHistoryBatch`) and its KPI facts and rollup sums (`recordHistoryFacts`) in one transaction
 * per batch of one province, up to `parallel` batches written while the next are generated.
 * Deterministic (seed, now); a second run skips the codes present.
 * Returns the number of dossiers recorded.
 */
export async function seedHistory(db: Db, o: HistorySeed): Promise<number> {
  const procedures = await seedProcedures(db);
  const communes = await withPeople(
    db,
    o.communes ?? (await communesOfEveryProvince(db, o.communesPerProvince ?? 2)),
    o.now,
  );
  const size = o.batch ?? 400;
  const parallel = o.parallel ?? 2;
  const pending = new Map<string, HistoryDossier[]>();
  const cache = historyCache();
  const inFlight = new Set<Promise<void>>();
  let done = 0;
  // A batch is written while the next ones are generated (`parallel` transactions at most), so
  // the generator and the database work at once: lock order is the same in every batch (rows,
  // then the rollups' cells in key order), so two batches of one province only take turns.
  const flush = (province: string) => {
    const batch = pending.get(province) ?? [];
    pending.delete(province);
    if (batch.length === 0) return;
    const write = db
      .tx(async (q) => {
        const recorded = await importHistoryBatch(q, province, batch, cache);
        await recordHistoryFacts(q, province, recorded);
        return recorded.length;
      })
      .then((n) => {
        done += n;
        o.onProgress?.(done);
      });
    const tracked: Promise<void> = write.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };
  const lines = historyLines({
    seed: o.seed,
    now: o.now,
    months: o.months,
    communes,
    procedures,
    perCommuneMonth: o.perCommuneMonth,
  });
  let generated = 0;
  for (const line of lines) {
    // The import's checks less the text round trip and the schema, which every generated line
    // passes unchanged (src/domain/history-seed.test.ts).
    const parsed = historyDossier(line, o.now);
    if (!parsed.ok) throw new Error(`generated line ${line.code} refused: ${parsed.en}`);
    const province = parsed.dossier.provinceCode;
    const batch = pending.get(province) ?? [];
    batch.push(parsed.dossier);
    pending.set(province, batch);
    if (batch.length >= size) flush(province);
    while (inFlight.size >= parallel) await Promise.race(inFlight);
    // Let the writes in flight send their next statement.
    if (++generated % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  for (const province of [...pending.keys()]) {
    flush(province);
    while (inFlight.size >= parallel) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return done;
}
