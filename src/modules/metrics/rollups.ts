// Over 400 lines: the incremental KPI rollups in one place (facts, the three sum tables kept together, the observer); to split by grain next.
import type { Queryable } from "../../db/client.js";
import { all, first, qb, run, type UnnestColumn, unnestNames, unnestRows } from "../../db/query.js";
import { dossierAgency } from "../../domain/agencies.js";
import {
  addSums,
  type DossierFacts,
  type DossierKpiInput,
  dossierFacts,
  factsDelta,
  KPI_ACTIONS,
  type KpiSums,
} from "../../domain/kpis.js";
import type { ActionType, Channel, DossierAction } from "../../domain/lifecycle.js";
import type { DossierChange } from "../dossiers/index.js";

/** The commune a dossier without one (a province-level agency) is filed under in the rollups. */
export const NO_COMMUNE = "00000";

/**
 * The agency a dossier's figures go to: the id (src/domain/agencies.ts) read from its agency code
 * (`CA.20194.H48` → "cong-an"), or '' for a code of no known sector (an imported code of another
 * system's shape), counted in every figure but under no agency.
 */
export const kpiAgency = (agencyCode: string | null | undefined): string =>
  (agencyCode ? dossierAgency(agencyCode) : undefined) ?? "";

/** Where a dossier's figures go: its province, commune (of the processing agency), procedure and agency. */
export type FactKey = {
  provinceCode: string;
  dossierId: string;
  communeCode: string;
  procedureCode: string;
  agency: string;
};

type FactRow = {
  received_on: string | null;
  online: boolean;
  reuse: boolean;
  decided_on: string | null;
  on_time: boolean;
  fully_online: boolean;
  digitised: boolean;
  processing_millis: number;
  rating: number | null;
  complained: boolean;
  apologized_in_time: boolean;
};

const toFacts = (r: FactRow): DossierFacts => ({
  receivedOn: r.received_on,
  online: r.online,
  reuse: r.reuse,
  decidedOn: r.decided_on,
  onTime: r.on_time,
  fullyOnline: r.fully_online,
  digitised: r.digitised,
  processingMillis: r.processing_millis,
  rating: r.rating,
  complained: r.complained,
  apologizedInTime: r.apologized_in_time,
});

const fromFacts = (k: FactKey, f: DossierFacts) => ({
  province_code: k.provinceCode,
  dossier_id: k.dossierId,
  commune_code: k.communeCode,
  procedure_code: k.procedureCode,
  agency: k.agency,
  received_on: f.receivedOn,
  online: f.online,
  reuse: f.reuse,
  decided_on: f.decidedOn,
  on_time: f.onTime,
  fully_online: f.fullyOnline,
  digitised: f.digitised,
  processing_millis: f.processingMillis,
  rating: f.rating,
  complained: f.complained,
  apologized_in_time: f.apologizedInTime,
});

/** `kpi_facts` as `writeFacts` sends it: one array a column (`unnestRows`). */
const FACT_COLUMNS: ReadonlyArray<UnnestColumn<ReturnType<typeof fromFacts>>> = [
  ["province_code", "text", (r) => r.province_code],
  ["dossier_id", "uuid", (r) => r.dossier_id],
  ["commune_code", "text", (r) => r.commune_code],
  ["procedure_code", "text", (r) => r.procedure_code],
  ["agency", "text", (r) => r.agency],
  ["received_on", "date", (r) => r.received_on],
  ["online", "boolean", (r) => r.online],
  ["reuse", "boolean", (r) => r.reuse],
  ["decided_on", "date", (r) => r.decided_on],
  ["on_time", "boolean", (r) => r.on_time],
  ["fully_online", "boolean", (r) => r.fully_online],
  ["digitised", "boolean", (r) => r.digitised],
  ["processing_millis", "bigint", (r) => r.processing_millis],
  ["rating", "smallint", (r) => r.rating],
  ["complained", "boolean", (r) => r.complained],
  ["apologized_in_time", "boolean", (r) => r.apologized_in_time],
];

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

/** Writes (or replaces) dossiers' facts, one statement. */
export async function writeFacts(
  q: Queryable,
  rows: ReadonlyArray<{ key: FactKey; facts: DossierFacts }>,
): Promise<void> {
  if (rows.length === 0) return;
  await run(
    q,
    qb
      .insertInto("kpi_facts")
      .columns(unnestNames(FACT_COLUMNS) as never)
      .expression(
        unnestRows(
          FACT_COLUMNS,
          rows.map((r) => fromFacts(r.key, r.facts)),
        ),
      )
      .onConflict((oc) =>
        oc
          .columns(["province_code", "dossier_id"])
          .doUpdateSet((eb) =>
            Object.fromEntries(
              (
                [
                  "commune_code",
                  "procedure_code",
                  "agency",
                  "received_on",
                  "online",
                  "reuse",
                  "decided_on",
                  "on_time",
                  "fully_online",
                  "digitised",
                  "processing_millis",
                  "rating",
                  "complained",
                  "apologized_in_time",
                ] as const
              ).map((col) => [col, eb.ref(`excluded.${col}`)]),
            ),
          ),
      ),
  );
}

/** What a dossier's facts are computed from besides its log, with the facts recorded so far. */
async function inputsOf(q: Queryable, provinceCode: string, id: string) {
  return first(
    q,
    qb
      .selectFrom("dossiers as d")
      .leftJoin("kpi_facts as f", (j) =>
        j.onRef("f.province_code", "=", "d.province_code").onRef("f.dossier_id", "=", "d.id"),
      )
      .leftJoin("ratings as r", (j) =>
        j.onRef("r.province_code", "=", "d.province_code").onRef("r.dossier_id", "=", "d.id"),
      )
      .leftJoin("dossier_imports as i", (j) =>
        j.onRef("i.province_code", "=", "d.province_code").onRef("i.dossier_id", "=", "d.id"),
      )
      .select([
        "r.score as rating",
        "i.paper_components as paper",
        "i.complaint",
        "f.dossier_id as factsOf",
        "f.received_on",
        "f.online",
        "f.reuse",
        "f.decided_on",
        "f.on_time",
        "f.fully_online",
        "f.digitised",
        "f.processing_millis",
        "f.rating as f_rating",
        "f.complained",
        "f.apologized_in_time",
        "f.commune_code as f_commune",
        "f.procedure_code as f_procedure",
        "f.agency as f_agency",
      ])
      .where("d.province_code", "=", provinceCode)
      .where("d.id", "=", id),
  );
}

/** The dossier's log as the formulas read it. */
export async function loadLogs(
  q: Queryable,
  provinceCode: string,
  ids: readonly string[],
): Promise<Map<string, Array<Pick<DossierAction, "type" | "at" | "payload">>>> {
  const logs = new Map<string, Array<Pick<DossierAction, "type" | "at" | "payload">>>();
  if (ids.length === 0) return logs;
  const rows = await all(
    q,
    qb
      .selectFrom("dossier_actions")
      .select(["dossier_id", "action", "at", "payload"])
      .where("province_code", "=", provinceCode)
      .where("dossier_id", "in", ids)
      .orderBy("dossier_id")
      .orderBy("seq"),
  );
  for (const r of rows) {
    const log = logs.get(r.dossier_id) ?? [];
    log.push({ type: r.action as ActionType, at: r.at, payload: r.payload });
    logs.set(r.dossier_id, log);
  }
  return logs;
}

/** The inputs of `dossierFacts` from a dossier row's columns. */
export function kpiInput(
  d: { channel: Channel; fieldsPrefilled: number; componentsReplaced: number },
  extra: { rating: number | null; paper: number | null; complaint: boolean | null },
  log: DossierKpiInput["log"],
): DossierKpiInput {
  return {
    channel: d.channel,
    fieldsPrefilled: d.fieldsPrefilled,
    componentsReplaced: d.componentsReplaced,
    paperComponents: extra.paper ?? 0,
    rating: extra.rating,
    complaint: extra.complaint ?? false,
    log,
  };
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
