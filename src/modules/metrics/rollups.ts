// The incremental KPI rollups: the sum tables (per commune and day, commune and month, province and month) and the observer that moves them with each dossier's action.
import type { Queryable } from "../../db/client.js";
import { qb, run, type UnnestColumn, unnestNames, unnestRows } from "../../db/query.js";
import { addSums, dossierFacts, factsDelta, KPI_ACTIONS, type KpiSums } from "../../domain/kpis.js";
import type { DossierChange } from "../dossiers/index.js";
import {
  type FactKey,
  inputsOf,
  kpiAgency,
  kpiInput,
  loadLogs,
  NO_COMMUNE,
  toFacts,
  writeFacts,
} from "./facts.js";

/** Sum columns of `kpi_daily`, by the name of `KpiSums`. */
export const SUM_COLUMNS = {
  received: "received",
  receivedOnline: "received_online",
  receivedReuse: "received_reuse",
  finished: "finished",
  onTime: "on_time",
  fullyOnline: "fully_online",
  digitised: "digitised",
  processingMillis: "processing_millis",
  rated: "rated",
  satisfied: "satisfied",
  complained: "complained",
  lateApologized: "late_apologized",
  feeBearing: "fee_bearing",
  paidOnline: "paid_online",
  resultsIssued: "results_issued",
  resultsElectronic: "results_electronic",
  receivedRegistriesKnown: "received_registries_known",
  receivedPopulation: "received_population",
  complaintsDue: "complaints_due",
  complaintsOnTime: "complaints_on_time",
  complaintsOpen: "complaints_open",
} as const satisfies Record<keyof KpiSums, string>;
type SumColumn = (typeof SUM_COLUMNS)[keyof KpiSums];

type SumCell = {
  provinceCode: string;
  communeCode: string;
  procedureCode: string;
  agency: string;
  day: string;
  sums: KpiSums;
};
/**
 * The tables that hold sums: per commune, procedure, agency and day; per commune, procedure, agency
 * and month; per province, procedure, agency and month.
 */
type SumTable = "kpi_daily" | "kpi_monthly" | "kpi_province_monthly";

/** The first day of a local day's month (`2026-11-17` → `2026-11-01`). */
export const monthOf = (day: string): string => `${day.slice(0, 7)}-01`;

/** Cells summed by key (a statement may not update a row twice), in key order (rows locked in one order). */
function merged(cells: readonly SumCell[], keyOf: (c: SumCell) => string): SumCell[] {
  const byKey = new Map<string, SumCell>();
  for (const c of cells) {
    const k = keyOf(c);
    const had = byKey.get(k);
    byKey.set(k, had ? { ...had, sums: addSums(had.sums, c.sums) } : c);
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c);
}

/** Adds sums to one rollup table, keyed by `keys` (its primary key), one statement. */
async function upsertSums(
  q: Queryable,
  table: SumTable,
  keys: readonly string[],
  rows: ReadonlyArray<Record<string, string | number>>,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.values(SUM_COLUMNS);
  const typeOf = (c: string) =>
    c === "day" || c === "month"
      ? "date"
      : c === "processing_millis"
        ? "bigint"
        : keys.includes(c)
          ? "text"
          : "int";
  const unnested = [...keys, ...columns].map(
    (c): UnnestColumn<Record<string, string | number>> => [c, typeOf(c), (r) => r[c]],
  );
  // The three tables share their sum columns; the builder is typed on the first.
  const t = table as "kpi_daily";
  await run(
    q,
    qb
      .insertInto(t)
      .columns(unnestNames(unnested) as never)
      .expression(unnestRows(unnested, rows))
      .onConflict((oc) =>
        oc
          .columns(keys as never)
          .doUpdateSet((eb) =>
            Object.fromEntries(
              columns.map((col) => [col, eb(eb.ref(`${t}.${col}`), "+", eb.ref(`excluded.${col}`))]),
            ),
          ),
      ),
  );
}

const sumsOf = (s: KpiSums) =>
  Object.fromEntries(
    (Object.entries(SUM_COLUMNS) as Array<[keyof KpiSums, SumColumn]>).map(([k, col]) => [col, s[k]]),
  );

/**
 * Adds each cell's sums to the rollups (negative sums subtract), three statements: `kpi_daily`
 * (commune, procedure, agency, day), `kpi_monthly` (commune, procedure, agency, month) and
 * `kpi_province_monthly` (province, procedure, agency, month), so that every grain holds the sums
 * of the finer one.
 */
export async function addToRollups(q: Queryable, cells: readonly SumCell[]): Promise<void> {
  if (cells.length === 0) return;
  const daily = merged(
    cells,
    (c) => `${c.provinceCode}|${c.communeCode}|${c.procedureCode}|${c.agency}|${c.day}`,
  );
  await upsertSums(
    q,
    "kpi_daily",
    ["province_code", "commune_code", "procedure_code", "agency", "day"],
    daily.map((c) => ({
      province_code: c.provinceCode,
      commune_code: c.communeCode,
      procedure_code: c.procedureCode,
      agency: c.agency,
      day: c.day,
      ...sumsOf(c.sums),
    })),
  );
  const monthly = merged(
    cells,
    (c) => `${c.provinceCode}|${c.communeCode}|${c.procedureCode}|${c.agency}|${monthOf(c.day)}`,
  );
  await upsertSums(
    q,
    "kpi_monthly",
    ["province_code", "commune_code", "procedure_code", "agency", "month"],
    monthly.map((c) => ({
      province_code: c.provinceCode,
      commune_code: c.communeCode,
      procedure_code: c.procedureCode,
      agency: c.agency,
      month: monthOf(c.day),
      ...sumsOf(c.sums),
    })),
  );
  const provincial = merged(
    cells,
    (c) => `${c.provinceCode}|${c.procedureCode}|${c.agency}|${monthOf(c.day)}`,
  );
  await upsertSums(
    q,
    "kpi_province_monthly",
    ["province_code", "procedure_code", "agency", "month"],
    provincial.map((c) => ({
      province_code: c.provinceCode,
      procedure_code: c.procedureCode,
      agency: c.agency,
      month: monthOf(c.day),
      ...sumsOf(c.sums),
    })),
  );
}

/**
 * The incremental rollup: recomputes the changed dossier's facts from its whole log, and moves the
 * rollups by the difference with the facts recorded before, in the change's transaction (5
 * statements; none for an action that changes no figure, e.g. a submission or a saved draft).
 */
export async function onDossierChange(q: Queryable, change: DossierChange): Promise<void> {
  if (change.event !== "rate" && !KPI_ACTIONS.has(change.event)) return;
  const d = change.dossier;
  const row = await inputsOf(q, d.provinceCode, d.id);
  if (!row) return;
  const log = change.log ?? (await loadLogs(q, d.provinceCode, [d.id])).get(d.id) ?? [];
  const key: FactKey = {
    provinceCode: d.provinceCode,
    dossierId: d.id,
    communeCode: d.communeCode ?? NO_COMMUNE,
    procedureCode: d.procedureCode,
    agency: kpiAgency(d.agencyCode),
  };
  const after = dossierFacts(kpiInput(d, row, log));
  const before =
    row.factsOf === null
      ? null
      : toFacts({
          received_on: row.received_on,
          online: row.online ?? false,
          reuse: row.reuse ?? false,
          decided_on: row.decided_on,
          on_time: row.on_time ?? false,
          fully_online: row.fully_online ?? false,
          digitised: row.digitised ?? false,
          processing_millis: row.processing_millis ?? 0,
          rating: row.f_rating,
          complained: row.complained ?? false,
          apologized_in_time: row.apologized_in_time ?? false,
          fee_bearing: row.fee_bearing ?? false,
          paid_online: row.paid_online ?? false,
          result_issued: row.result_issued ?? false,
          electronic_result: row.electronic_result ?? false,
          registries_known: row.registries_known ?? false,
          population_data: row.population_data ?? false,
          complaints: row.complaints ?? [],
        });
  // A dossier keeps its commune, procedure and agency; were they ever to change, the old cells go first.
  const moved =
    before !== null &&
    (row.f_commune !== key.communeCode ||
      row.f_procedure !== key.procedureCode ||
      row.f_agency !== key.agency);
  const cells = moved
    ? [
        ...factsDelta(before, null).map((c) => ({
          ...key,
          communeCode: row.f_commune ?? key.communeCode,
          procedureCode: row.f_procedure ?? key.procedureCode,
          agency: row.f_agency ?? key.agency,
          ...c,
        })),
        ...factsDelta(null, after).map((c) => ({ ...key, ...c })),
      ]
    : factsDelta(before, after).map((c) => ({ ...key, ...c }));
  await addToRollups(q, cells);
  await writeFacts(q, [{ key, facts: after }]);
}
