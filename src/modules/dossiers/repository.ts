import type { Queryable } from "../../db/client.js";
import type { ActorRole, Channel, DossierAction, Status } from "../../domain/lifecycle.js";
import { provinceOfId } from "../../kernel/locality.js";
import { enqueue as enqueueMessage } from "../delivery/index.js";
import type { PrefilledValue } from "./prefill.js";

/** SQL for dossiers: the projection row, the append-only log and the outbox. */
export type DossierRow = {
  id: string;
  code: string | null;
  procedureCode: string;
  procedureVersion: number;
  provinceCode: string;
  communeCode: string | null;
  agencyCode: string;
  applicantNumber: string;
  /** As the population registry had it when the dossier was filed. */
  applicantName: string | null;
  createdByKind: string;
  createdBy: string;
  channel: Channel;
  status: Status;
  form: Record<string, string | number | boolean | null>;
  prefill: Record<string, PrefilledValue>;
  components: Record<string, unknown>;
  fieldsTotal: number;
  fieldsPrefilled: number;
  fieldsTyped: number;
  componentsReplaced: number;
  feeAmount: number;
  submittedAt: Date | null;
  receivedAt: Date | null;
  /** The due instant (moved by closed supplement waits) and the near-due instant: src/domain/due.ts. */
  dueAt: Date | null;
  nearDueAt: Date | null;
  finishedAt: Date | null;
  decidedAt: Date | null;
  supplementRequests: number;
  lastSeq: number;
  assignee: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export const DOSSIER_COLUMNS = `d.id, d.code, d.procedure_code as "procedureCode", d.procedure_version as "procedureVersion",
  d.province_code as "provinceCode", d.commune_code as "communeCode", d.agency_code as "agencyCode",
  d.applicant_number as "applicantNumber", d.applicant_name as "applicantName", d.created_by_kind as "createdByKind", d.created_by as "createdBy",
  d.channel, d.status, d.form, d.prefill, d.components, d.fields_total as "fieldsTotal",
  d.fields_prefilled as "fieldsPrefilled", d.fields_typed as "fieldsTyped", d.components_replaced as "componentsReplaced",
  d.fee_amount as "feeAmount", d.submitted_at as "submittedAt", d.received_at as "receivedAt", d.due_at as "dueAt",
  d.near_due_at as "nearDueAt", d.finished_at as "finishedAt", d.decided_at as "decidedAt", d.supplement_requests as "supplementRequests", d.last_seq as "lastSeq",
  d.assignee, d.created_at as "createdAt", d.updated_at as "updatedAt"`;

/**
 * How a dossier is addressed: its province (the distribution key, docs/scaling.md) and its id.
 * Every statement on a dossier and its rows names both.
 */
export type DossierKey = Pick<DossierRow, "id" | "provinceCode">;

/**
 * Projection columns a transition may set (an explicit list: nothing else is written by an
 * action). Never `province_code`: a dossier does not change province by an UPDATE.
 */
export type ProjectionChanges = Partial<{
  code: string;
  form: Record<string, unknown>;
  prefill: Record<string, unknown>;
  components: Record<string, unknown>;
  communeCode: string | null;
  agencyCode: string;
  feeAmount: number;
  fieldsTotal: number;
  fieldsPrefilled: number;
  fieldsTyped: number;
  componentsReplaced: number;
  dueAt: Date;
  nearDueAt: Date;
  assignee: string | null;
}>;

const PROJECTION_COLUMNS: Record<keyof ProjectionChanges, string> = {
  code: "code",
  form: "form",
  prefill: "prefill",
  components: "components",
  communeCode: "commune_code",
  agencyCode: "agency_code",
  feeAmount: "fee_amount",
  fieldsTotal: "fields_total",
  fieldsPrefilled: "fields_prefilled",
  fieldsTyped: "fields_typed",
  componentsReplaced: "components_replaced",
  dueAt: "due_at",
  nearDueAt: "near_due_at",
  assignee: "assignee",
};

const JSON_COLUMNS = new Set(["form", "prefill", "components"]);

/**
 * Writes the projection after an action: the state the reducer derived, plus the listed changes.
 * Returns the new row (one statement; nobody re-reads what the transaction already holds).
 */
export async function updateProjection(
  q: Queryable,
  d: DossierKey,
  state: {
    status: Status;
    submittedAt: Date | null;
    receivedAt: Date | null;
    finishedAt: Date | null;
    decidedAt: Date | null;
    supplementRequests: number;
    lastSeq: number;
  },
  changes: ProjectionChanges,
): Promise<DossierRow> {
  const sets: Array<[string, unknown]> = [
    ["status", state.status],
    ["submitted_at", state.submittedAt],
    ["received_at", state.receivedAt],
    ["finished_at", state.finishedAt],
    ["decided_at", state.decidedAt],
    ["supplement_requests", state.supplementRequests],
    ["last_seq", state.lastSeq],
  ];
  for (const [key, value] of Object.entries(changes) as Array<[keyof ProjectionChanges, unknown]>) {
    if (value === undefined) continue;
    const column = PROJECTION_COLUMNS[key];
    sets.push([column, JSON_COLUMNS.has(column) ? JSON.stringify(value) : value]);
  }
  const { rows } = await q.query<DossierRow>(
    `update dossiers d set ${sets.map(([c], i) => `${c} = $${i + 3}`).join(", ")}, updated_at = now()
     where d.province_code = $1 and d.id = $2 returning ${DOSSIER_COLUMNS}`,
    [d.provinceCode, d.id, ...sets.map(([, v]) => v)],
  );
  const row = rows[0];
  if (!row) throw new Error(`dossier ${d.id} vanished inside its transaction`);
  return row;
}

/**
 * The dossier with this id, by its full key: the province its id carries (src/kernel/locality.ts).
 * `forUpdate` locks the row (`… where province_code = $1 and id = $2 for update`, one shard).
 * An id of a dossier created before migration 090 carries no province: its province is looked up
 * first, by id alone (every shard on Citus; such dossiers only exist on databases that started
 * unsharded).
 */
export async function findDossier(
  q: Queryable,
  id: string,
  forUpdate = false,
): Promise<DossierRow | undefined> {
  let province = provinceOfId(id);
  if (!province) {
    const { rows } = await q.query<{ province_code: string }>(
      "select province_code from dossiers where id = $1",
      [id],
    );
    province = rows[0]?.province_code;
    if (!province) return undefined;
  }
  const { rows } = await q.query<DossierRow>(
    `select ${DOSSIER_COLUMNS} from dossiers d where d.province_code = $1 and d.id = $2${forUpdate ? " for update" : ""}`,
    [province, id],
  );
  return rows[0];
}

export type LoggedAction = DossierAction & { seq: number; actorKind: string };

export async function loadLog(q: Queryable, d: DossierKey): Promise<LoggedAction[]> {
  const { rows } = await q.query<{
    seq: number;
    at: Date;
    action: DossierAction["type"];
    actor_kind: string;
    actor_id: string;
    actor_role: ActorRole;
    channel: Channel;
    reason: string | null;
    payload: Record<string, unknown>;
  }>(
    `select seq, at, action, actor_kind, actor_id, actor_role, channel, reason, payload from dossier_actions
     where province_code = $1 and dossier_id = $2 order by seq`,
    [d.provinceCode, d.id],
  );
  return rows.map((r) => ({
    seq: r.seq,
    type: r.action,
    at: r.at,
    actorKind: r.actor_kind,
    actorId: r.actor_id,
    role: r.actor_role,
    channel: r.channel,
    reason: r.reason ?? undefined,
    payload: r.payload,
  }));
}

export async function appendAction(
  q: Queryable,
  d: DossierKey,
  seq: number,
  a: DossierAction & { actorKind: string },
): Promise<void> {
  await q.query(
    `insert into dossier_actions (dossier_id, seq, at, action, actor_kind, actor_id, actor_role, channel, reason, payload, province_code)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      d.id,
      seq,
      a.at,
      a.type,
      a.actorKind,
      a.actorId,
      a.role,
      a.channel,
      a.reason ?? null,
      JSON.stringify(a.payload ?? {}),
      d.provinceCode,
    ],
  );
}

/**
 * Writes an outbox message in the dossier change's transaction (the delivery module's `enqueue`):
 * `at` is the change's instant, `dossierCode` what the administrator's page shows.
 */
export async function enqueue(
  q: Queryable,
  topic: string,
  key: string,
  payload: Record<string, unknown>,
  provinceCode: string,
  extra: { at?: Date; dossierCode?: string | null } = {},
): Promise<void> {
  await enqueueMessage(q, { topic, key, payload, provinceCode, ...extra });
}

/**
 * Results already issued to this person, by procedure code (the latest dossier code of each): they
 * replace copies in later dossiers. Read from `applicant_results`, filed under the person (one
 * shard on Citus), not from every province's dossiers.
 */
export async function priorResults(q: Queryable, applicantNumber: string): Promise<Map<string, string>> {
  const { rows } = await q.query<{ procedure_code: string; code: string }>(
    `select distinct on (procedure_code) procedure_code, dossier_code as code from applicant_results
     where applicant_number = $1 order by procedure_code, issued_at desc`,
    [applicantNumber],
  );
  return new Map(rows.map((r) => [r.procedure_code, r.code]));
}

/** Files an issued result under its applicant (`priorResults` reads it), in the issuing transaction. */
export async function recordApplicantResult(q: Queryable, d: DossierRow, at: Date): Promise<void> {
  await q.query(
    `insert into applicant_results (applicant_number, procedure_code, dossier_code, province_code, dossier_id, issued_at)
     values ($1, $2, $3, $4, $5, $6) on conflict (applicant_number, province_code, dossier_id) do nothing`,
    [d.applicantNumber, d.procedureCode, d.code, d.provinceCode, d.id, at],
  );
}
