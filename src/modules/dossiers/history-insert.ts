/**
 * The set-based insert of imported history dossiers (src/modules/dossiers/history.ts): the rows
 * one dossier becomes, and the four `insert … select … from unnest(…)` statements of a batch.
 */
import type { Insertable } from "kysely";
import type { Queryable } from "../../db/client.js";
import { qb, run, type UnnestColumn, unnestNames, unnestRows } from "../../db/query.js";
import type { Database } from "../../db/schema.js";
import type { LoggedAction } from "./repository-reads.js";

/** What one history dossier becomes: its rows, ready to insert (the same for one line or a batch). */
export type HistoryRows = {
  dossier: Insertable<Database["dossiers"]>;
  actions: Array<Insertable<Database["dossier_actions"]>>;
  rating: Insertable<Database["ratings"]> | null;
  imported: Insertable<Database["dossier_imports"]>;
  logged: LoggedAction[];
};

type Row<T extends keyof Database> = Insertable<Database[T]>;
const instant = (d: unknown) => (d instanceof Date ? d.toISOString() : (d ?? null));

/** The columns a history dossier fills (the others keep their defaults). */
const DOSSIER_COLUMNS: ReadonlyArray<UnnestColumn<Row<"dossiers">>> = [
  ["id", "uuid", (r) => r.id],
  ["code", "text", (r) => r.code],
  ["procedure_code", "text", (r) => r.procedure_code],
  ["procedure_version", "int", (r) => r.procedure_version],
  ["province_code", "text", (r) => r.province_code],
  ["commune_code", "text", (r) => r.commune_code],
  ["agency_code", "text", (r) => r.agency_code],
  ["applicant_number", "text", (r) => r.applicant_number],
  ["applicant_name", "text", (r) => r.applicant_name],
  ["applicant_search_name", "text", (r) => r.applicant_search_name],
  ["created_by_kind", "text", (r) => r.created_by_kind],
  ["created_by", "text", (r) => r.created_by],
  ["channel", "text", (r) => r.channel],
  ["status", "text", (r) => r.status],
  ["fields_total", "int", (r) => r.fields_total],
  ["fields_prefilled", "int", (r) => r.fields_prefilled],
  ["components_replaced", "int", (r) => r.components_replaced],
  ["fee_amount", "int", (r) => r.fee_amount],
  ["submitted_at", "timestamptz", (r) => instant(r.submitted_at)],
  ["received_at", "timestamptz", (r) => instant(r.received_at)],
  ["due_at", "timestamptz", (r) => instant(r.due_at)],
  ["near_due_at", "timestamptz", (r) => instant(r.near_due_at)],
  ["finished_at", "timestamptz", (r) => instant(r.finished_at)],
  ["decided_at", "timestamptz", (r) => instant(r.decided_at)],
  ["supplement_requests", "int", (r) => r.supplement_requests],
  ["last_seq", "int", (r) => r.last_seq],
];
const ACTION_COLUMNS: ReadonlyArray<UnnestColumn<Row<"dossier_actions">>> = [
  ["dossier_id", "uuid", (r) => r.dossier_id],
  ["seq", "int", (r) => r.seq],
  ["at", "timestamptz", (r) => instant(r.at)],
  ["action", "text", (r) => r.action],
  ["actor_kind", "text", (r) => r.actor_kind],
  ["actor_id", "text", (r) => r.actor_id],
  ["actor_role", "text", (r) => r.actor_role],
  ["channel", "text", (r) => r.channel],
  ["reason", "text", (r) => r.reason],
  ["payload", "text", (r) => r.payload, "jsonb"],
  ["province_code", "text", (r) => r.province_code],
];
const RATING_COLUMNS: ReadonlyArray<UnnestColumn<Row<"ratings">>> = [
  ["dossier_id", "uuid", (r) => r.dossier_id],
  ["score", "smallint", (r) => r.score],
  ["comment", "text", (r) => r.comment],
  ["province_code", "text", (r) => r.province_code],
];
const IMPORT_COLUMNS: ReadonlyArray<UnnestColumn<Row<"dossier_imports">>> = [
  ["province_code", "text", (r) => r.province_code],
  ["dossier_id", "uuid", (r) => r.dossier_id],
  ["code", "text", (r) => r.code],
  ["paper_components", "int", (r) => r.paper_components],
  ["complaint", "boolean", (r) => r.complaint],
  ["content_hash", "text", (r) => r.content_hash],
];

/**
 * Inserts the rows of several dossiers, four statements, each `insert … select … from unnest(…)`
 * (`unnestRows`): the same text whatever the batch, so PostgreSQL parses and plans each once.
 */
export async function insertRows(q: Queryable, rows: readonly HistoryRows[]): Promise<void> {
  if (rows.length === 0) return;
  const into = <T extends "dossiers" | "dossier_actions" | "ratings" | "dossier_imports">(
    table: T,
    columns: ReadonlyArray<UnnestColumn<Row<T>>>,
    values: ReadonlyArray<Row<T>>,
  ) =>
    run(
      q,
      qb
        .insertInto(table as "ratings")
        .columns(unnestNames(columns) as never)
        .expression(unnestRows(columns, values)),
    );
  await into(
    "dossiers",
    DOSSIER_COLUMNS,
    rows.map((r) => r.dossier),
  );
  await into(
    "dossier_actions",
    ACTION_COLUMNS,
    rows.flatMap((r) => r.actions),
  );
  const ratings = rows.flatMap((r) => (r.rating ? [r.rating] : []));
  if (ratings.length > 0) await into("ratings", RATING_COLUMNS, ratings);
  await into(
    "dossier_imports",
    IMPORT_COLUMNS,
    rows.map((r) => r.imported),
  );
}
