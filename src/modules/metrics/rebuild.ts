import type { Db, Queryable } from "../../db/client.js";
import { all, qb, run } from "../../db/query.js";
import {
  addSums,
  type DossierFacts,
  type DossierKpiInput,
  dossierFacts,
  factCells,
  type KpiSums,
  ZERO_SUMS,
} from "../../domain/kpis.js";
import type { Channel } from "../../domain/lifecycle.js";
import { type FactKey, kpiAgency, kpiInput, loadLogs, NO_COMMUNE, writeFacts } from "./facts.js";
import { addToRollups, SUM_COLUMNS } from "./rollups.js";

export type RebuildProgress = { province: string; done: number; total: number };

/**
 * Recomputes `kpi_facts` and the rollups (`kpi_daily`, `kpi_monthly`, `kpi_province_monthly`) from the dossiers' logs (`npm run metrics:rebuild`): the
 * same formulas as the incremental rollups (`dossierFacts`), so the figures come out the same.
 * One transaction per province (its rows are replaced at once: readers see the old figures or the
 * new ones), dossiers read in batches of `batch`. Dossier changes in a province wait for its
 * rebuild (its `kpi_daily` rows are locked first). Returns the number of dossiers counted.
 */
export async function rebuildKpis(
  db: Db,
  opts: { batch?: number; onProgress?: (p: RebuildProgress) => void } = {},
): Promise<number> {
  const batch = opts.batch ?? 500;
  const provinces = await all(db, qb.selectFrom("provinces").select("code").orderBy("code"));
  const totals = await all(
    db,
    qb
      .selectFrom("dossiers")
      .select((eb) => ["province_code", eb.fn.countAll<number>().as("n")])
      .where("status", "<>", "draft")
      .groupBy("province_code"),
  );
  const totalOf = new Map(totals.map((t) => [t.province_code, Number(t.n)]));
  let counted = 0;
  for (const { code: province } of provinces) {
    const total = totalOf.get(province) ?? 0;
    counted += await db.tx(async (q) => {
      await q.query(
        "lock table kpi_daily, kpi_monthly, kpi_province_monthly, kpi_facts in share row exclusive mode",
      );
      for (const table of ["kpi_daily", "kpi_monthly", "kpi_province_monthly"] as const)
        await run(q, qb.deleteFrom(table).where("province_code", "=", province));
      await run(q, qb.deleteFrom("kpi_facts").where("province_code", "=", province));
      let done = 0;
      let after = "";
      for (;;) {
        const n = await rebuildBatch(q, province, after, batch);
        if (n.count === 0) break;
        done += n.count;
        after = n.last;
        opts.onProgress?.({ province, done, total });
      }
      return done;
    });
  }
  return counted;
}

/** One batch of a province's dossiers after `after` (by id): facts written, sums added. */
async function rebuildBatch(
  q: Queryable,
  province: string,
  after: string,
  batch: number,
): Promise<{ count: number; last: string }> {
  const rows = await all(
    q,
    qb
      .selectFrom("dossiers as d")
      .leftJoin("ratings as r", (j) =>
        j.onRef("r.province_code", "=", "d.province_code").onRef("r.dossier_id", "=", "d.id"),
      )
      .leftJoin("dossier_imports as i", (j) =>
        j.onRef("i.province_code", "=", "d.province_code").onRef("i.dossier_id", "=", "d.id"),
      )
      .select([
        "d.id",
        "d.commune_code as communeCode",
        "d.procedure_code as procedureCode",
        "d.agency_code as agencyCode",
        "d.channel",
        "d.fields_prefilled as fieldsPrefilled",
        "d.prefill",
        "d.components_replaced as componentsReplaced",
        "r.score as rating",
        "i.paper_components as paper",
        "i.complaint",
      ])
      .where("d.province_code", "=", province)
      .where("d.status", "<>", "draft")
      .$if(after !== "", (s) => s.where("d.id", ">", after))
      .orderBy("d.id")
      .limit(batch),
  );
  if (rows.length === 0) return { count: 0, last: after };
  const logs = await loadLogs(
    q,
    province,
    rows.map((r) => r.id),
  );
  await recordFacts(
    q,
    province,
    rows.map((r) => ({
      id: r.id,
      communeCode: r.communeCode,
      procedureCode: r.procedureCode,
      agencyCode: r.agencyCode,
      input: kpiInput(r, r, logs.get(r.id) ?? []),
    })),
  );
  return { count: rows.length, last: rows.at(-1)?.id ?? after };
}

/**
 * Writes the facts of dossiers of one province whose facts were never recorded and adds their sums
 * to the rollups (four statements): the rebuild's batches and the generated history
 * (`recordHistoryFacts`) go through it, with the same formulas as the incremental rollups.
 */
export async function recordFacts(
  q: Queryable,
  province: string,
  items: ReadonlyArray<{
    id: string;
    communeCode: string | null;
    procedureCode: string;
    /** The dossier's agency code (`CA.20194.H48`): its figures' agency (`kpiAgency`). */
    agencyCode: string;
    input: DossierKpiInput;
  }>,
): Promise<void> {
  const facts: Array<{ key: FactKey; facts: DossierFacts }> = [];
  const cells = new Map<
    string,
    { communeCode: string; procedureCode: string; agency: string; day: string; sums: KpiSums }
  >();
  for (const r of items) {
    const key: FactKey = {
      provinceCode: province,
      dossierId: r.id,
      communeCode: r.communeCode ?? NO_COMMUNE,
      procedureCode: r.procedureCode,
      agency: kpiAgency(r.agencyCode),
    };
    const f = dossierFacts(r.input);
    facts.push({ key, facts: f });
    for (const c of factCells(f)) {
      const k = `${key.communeCode}|${key.procedureCode}|${key.agency}|${c.day}`;
      const cell = cells.get(k) ?? {
        communeCode: key.communeCode,
        procedureCode: key.procedureCode,
        agency: key.agency,
        day: c.day,
        sums: ZERO_SUMS,
      };
      cells.set(k, { ...cell, sums: addSums(cell.sums, c.sums) });
    }
  }
  await writeFacts(q, facts);
  await addToRollups(
    q,
    [...cells.values()].map((c) => ({ ...c, provinceCode: province })),
  );
}

/** The KPI facts of history dossiers just recorded by `importHistoryBatch`, in its transaction. */
export async function recordHistoryFacts(
  q: Queryable,
  province: string,
  recorded: ReadonlyArray<{
    id: string;
    communeCode: string;
    procedureCode: string;
    agencyCode: string;
    channel: Channel;
    fieldsPrefilled: number;
    componentsReplaced: number;
    rating: number | null;
    paper: number;
    complaint: boolean;
    log: DossierKpiInput["log"];
  }>,
): Promise<void> {
  await recordFacts(
    q,
    province,
    recorded.map((r) => ({
      id: r.id,
      communeCode: r.communeCode,
      procedureCode: r.procedureCode,
      agencyCode: r.agencyCode,
      input: kpiInput(r, r, r.log),
    })),
  );
}

/**
 * Every row of `kpi_daily` that counts something, in key order: what a test compares before and
 * after a rebuild (the incremental path may leave rows whose sums went back to zero).
 */
export async function dailySnapshot(q: Queryable) {
  const rows = await all(
    q,
    qb
      .selectFrom("kpi_daily")
      .selectAll()
      .orderBy("province_code")
      .orderBy("commune_code")
      .orderBy("procedure_code")
      .orderBy("agency")
      .orderBy("day"),
  );
  return rows.filter((r) => Object.values(SUM_COLUMNS).some((c) => r[c] !== 0));
}

/**
 * Every row of the month rollups that counts something, in key order (`kpi_monthly`, then
 * `kpi_province_monthly`): what a test compares with the day rows and across a rebuild.
 */
export async function monthlySnapshot(q: Queryable) {
  const counts = (r: Record<string, unknown>) => Object.values(SUM_COLUMNS).some((c) => Number(r[c]) !== 0);
  const communes = await all(
    q,
    qb
      .selectFrom("kpi_monthly")
      .selectAll()
      .orderBy("province_code")
      .orderBy("commune_code")
      .orderBy("procedure_code")
      .orderBy("agency")
      .orderBy("month"),
  );
  const provinces = await all(
    q,
    qb
      .selectFrom("kpi_province_monthly")
      .selectAll()
      .orderBy("province_code")
      .orderBy("procedure_code")
      .orderBy("agency")
      .orderBy("month"),
  );
  return { communes: communes.filter(counts), provinces: provinces.filter(counts) };
}
