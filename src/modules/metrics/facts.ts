// The KPI facts of each dossier (`kpi_facts`): where its figures go, what they are computed from, how they are written.
import type { Queryable } from "../../db/client.js";
import { all, first, qb, run, type UnnestColumn, unnestNames, unnestRows } from "../../db/query.js";
import { dossierAgency } from "../../domain/agencies.js";
import type { ComplaintCell } from "../../domain/complaints.js";
import type { DossierFacts, DossierKpiInput } from "../../domain/kpis.js";
import type { ActionType, Channel, DossierAction } from "../../domain/lifecycle.js";

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

export type FactRow = {
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
  fee_bearing: boolean;
  paid_online: boolean;
  result_issued: boolean;
  electronic_result: boolean;
  registries_known: boolean;
  population_data: boolean;
  complaints: ComplaintCell[];
};

export const toFacts = (r: FactRow): DossierFacts => ({
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
  feeBearing: r.fee_bearing,
  paidOnline: r.paid_online,
  resultIssued: r.result_issued,
  electronicResult: r.electronic_result,
  registriesKnown: r.registries_known,
  populationData: r.population_data,
  complaints: r.complaints,
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
  fee_bearing: f.feeBearing,
  paid_online: f.paidOnline,
  result_issued: f.resultIssued,
  electronic_result: f.electronicResult,
  registries_known: f.registriesKnown,
  population_data: f.populationData,
  complaints: f.complaints,
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
  ["fee_bearing", "boolean", (r) => r.fee_bearing],
  ["paid_online", "boolean", (r) => r.paid_online],
  ["result_issued", "boolean", (r) => r.result_issued],
  ["electronic_result", "boolean", (r) => r.electronic_result],
  ["registries_known", "boolean", (r) => r.registries_known],
  ["population_data", "boolean", (r) => r.population_data],
  ["complaints", "text", (r) => JSON.stringify(r.complaints), "jsonb"],
];

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
                  "fee_bearing",
                  "paid_online",
                  "result_issued",
                  "electronic_result",
                  "registries_known",
                  "population_data",
                  "complaints",
                ] as const
              ).map((col) => [col, eb.ref(`excluded.${col}`)]),
            ),
          ),
      ),
  );
}

/** What a dossier's facts are computed from besides its log, with the facts recorded so far. */
export async function inputsOf(q: Queryable, provinceCode: string, id: string) {
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
        "f.fee_bearing",
        "f.paid_online",
        "f.result_issued",
        "f.electronic_result",
        "f.registries_known",
        "f.population_data",
        "f.complaints",
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

/**
 * The registries a dossier's prefilled fields came from (each value's `provenance.registry` in its
 * `prefill`; the same provenance `dossier_reused_values` files by person, which lies in the
 * person's shard, not the dossier's).
 */
export function prefillRegistries(prefill: unknown): string[] {
  if (typeof prefill !== "object" || prefill === null) return [];
  const out = new Set<string>();
  for (const v of Object.values(prefill as Record<string, unknown>)) {
    const registry = (v as { provenance?: { registry?: unknown } } | null)?.provenance?.registry;
    if (typeof registry === "string") out.add(registry);
  }
  return [...out].sort();
}

/**
 * The inputs of `dossierFacts` from a dossier row's columns. An imported dossier (`paper` not null:
 * it has a `dossier_imports` row) has no known prefill registries.
 */
export function kpiInput(
  d: { channel: Channel; fieldsPrefilled: number; componentsReplaced: number; prefill?: unknown },
  extra: { rating: number | null; paper: number | null; complaint: boolean | null },
  log: DossierKpiInput["log"],
): DossierKpiInput {
  return {
    registries: extra.paper === null ? prefillRegistries(d.prefill) : null,
    channel: d.channel,
    fieldsPrefilled: d.fieldsPrefilled,
    componentsReplaced: d.componentsReplaced,
    paperComponents: extra.paper ?? 0,
    rating: extra.rating,
    complaint: extra.complaint ?? false,
    log,
  };
}
