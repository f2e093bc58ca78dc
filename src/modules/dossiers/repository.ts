import type { Queryable } from "../../db/client.js";
import type { ActorRole, Channel, DossierAction, Status } from "../../domain/lifecycle.js";
import { provinceOfId } from "../../kernel/locality.js";
import { claimParams, claimSql, type KeyClaim } from "./idempotency.js";
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

/** A new draft's row, as `insertDossier` writes it. */
export type NewDossier = Pick<
  DossierRow,
  | "id"
  | "procedureCode"
  | "procedureVersion"
  | "provinceCode"
  | "communeCode"
  | "agencyCode"
  | "applicantNumber"
  | "createdByKind"
  | "createdBy"
  | "channel"
  | "status"
  | "form"
  | "prefill"
  | "components"
> & { applicantName: string; applicantSearchName: string };

/**
 * Starts a dossier in one statement: claims the request's key (`claim`, see idempotency.ts
 * `claimSql`), inserts the row, appends its first action and writes its outbox messages, all in
 * its province (one shard on Citus). Returns the row as stored; undefined when the key was
 * claimed before (nothing written: the caller answers with that request's dossier).
 */
export async function insertDossier(
  q: Queryable,
  d: NewDossier,
  first: { action: DossierAction & { actorKind: string }; messages: readonly OutboxMessage[] },
  claim?: KeyClaim,
): Promise<DossierRow | undefined> {
  const values = [
    d.id,
    d.procedureCode,
    d.procedureVersion,
    d.provinceCode,
    d.communeCode,
    d.agencyCode,
    d.applicantNumber,
    d.applicantName,
    d.applicantSearchName,
    d.createdByKind,
    d.createdBy,
    d.channel,
    d.status,
    JSON.stringify(d.form),
    JSON.stringify(d.prefill),
    JSON.stringify(d.components),
  ];
  const claimed = claim ? claimParams(d, claim.actorId, claim.request) : [];
  const k = claim ? `k as (${claimSql(values.length)}), ` : "";
  const inserts = actionInserts(values.length + claimed.length, d, 1, first.action, first.messages, "d");
  const { rows } = await q.query<DossierRow>(
    `with ${k}d as (insert into dossiers (id, procedure_code, procedure_version, province_code, commune_code, agency_code,
       applicant_number, applicant_name, applicant_search_name, created_by_kind, created_by, channel, status,
       form, prefill, components, last_seq)
       select $1::uuid, $2, $3::int, $4, $5, $6, $7::bpchar, $8, $9, $10, $11, $12, $13, $14::jsonb, $15::jsonb, $16::jsonb, 1
       ${claim ? "where exists (select 1 from k)" : ""} returning *),
     a as (${inserts.action})${inserts.outbox ? `, o as (${inserts.outbox})` : ""}
     select ${DOSSIER_COLUMNS} from d`,
    [...values, ...claimed, ...inserts.params],
  );
  return rows[0];
}

/**
 * Locks a dossier's row for an action (`… for update`, by its full key) and, with `claim`, claims
 * the request's key in the same statement. `claimed` is false when the key was claimed before
 * (the caller answers with that request's dossier); the dossier is undefined when there is none.
 */
export async function lockDossier(
  q: Queryable,
  key: DossierKey,
  claim: KeyClaim,
): Promise<{ dossier: DossierRow | undefined; claimed: boolean }> {
  const { rows } = await q.query<DossierRow & { claimed: boolean }>(
    `with k as (${claimSql(2)})
     select exists (select 1 from k) as claimed, ${DOSSIER_COLUMNS}
     from dossiers d where d.province_code = $1 and d.id = $2 for update of d`,
    [key.provinceCode, key.id, ...claimParams(key, claim.actorId, claim.request)],
  );
  const r = rows[0];
  if (!r) return { dossier: undefined, claimed: true };
  const { claimed, ...dossier } = r;
  return { dossier, claimed };
}

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
  const province = await provinceOf(q, id);
  if (!province) return undefined;
  const { rows } = await q.query<DossierRow>(
    `select ${DOSSIER_COLUMNS} from dossiers d where d.province_code = $1 and d.id = $2${forUpdate ? " for update" : ""}`,
    [province, id],
  );
  return rows[0];
}

async function provinceOf(q: Queryable, id: string): Promise<string | undefined> {
  const province = provinceOfId(id);
  if (province) return province;
  const { rows } = await q.query<{ province_code: string }>(
    "select province_code from dossiers where id = $1",
    [id],
  );
  return rows[0]?.province_code;
}

/** An uploaded file of a dossier, as its view lists it. */
export type FileRow = {
  componentKey: string;
  sha256: string;
  filename: string;
  mime: string;
  originalMime: string;
  sizeBytes: number;
  uploadedAt: Date;
};

/** A "this is wrong" request filed on a dossier's prefilled value. */
export type CorrectionRow = {
  fieldKey: string;
  registry: string;
  registryValue: string | null;
  claimedValue: string | null;
  note: string | null;
  createdAt: Date;
};

/** What hangs off a dossier: its action log (in order), files, correction requests and rating. */
export type DossierParts = {
  log: LoggedAction[];
  files: FileRow[];
  corrections: CorrectionRow[];
  rating: { score: number; comment: string | null } | null;
};

/** A dossier with what hangs off it: what its view shows, as one request holds it. */
export type DossierRecord = { dossier: DossierRow; parts: DossierParts };

/** The parts of a dossier, as json aggregates of one row (one statement, every table by its key). */
const PARTS_COLUMNS = `coalesce((select json_agg(json_build_object('seq', a.seq, 'at', a.at, 'action', a.action,
    'actorKind', a.actor_kind, 'actorId', a.actor_id, 'role', a.actor_role, 'channel', a.channel,
    'reason', a.reason, 'payload', a.payload) order by a.seq)
    from dossier_actions a where a.province_code = $1 and a.dossier_id = $2), '[]') as log,
  coalesce((select json_agg(json_build_object('componentKey', f.component_key, 'sha256', f.sha256,
    'filename', f.filename, 'mime', f.mime, 'originalMime', f.original_mime, 'sizeBytes', f.size_bytes,
    'uploadedAt', f.uploaded_at) order by f.uploaded_at)
    from dossier_files f where f.province_code = $1 and f.dossier_id = $2), '[]') as files,
  coalesce((select json_agg(json_build_object('fieldKey', c.field_key, 'registry', c.registry,
    'registryValue', c.registry_value, 'claimedValue', c.claimed_value, 'note', c.note,
    'createdAt', c.created_at) order by c.id)
    from correction_requests c where c.province_code = $1 and c.dossier_id = $2), '[]') as corrections,
  (select json_build_object('score', r.score, 'comment', r.comment)
    from ratings r where r.province_code = $1 and r.dossier_id = $2) as rating`;

type RawParts = {
  log: Array<
    Omit<LoggedAction, "at" | "type" | "reason"> & {
      at: string;
      action: LoggedAction["type"];
      reason: string | null;
    }
  >;
  files: Array<Omit<FileRow, "uploadedAt"> & { uploadedAt: string }>;
  corrections: Array<Omit<CorrectionRow, "createdAt"> & { createdAt: string }>;
  rating: DossierParts["rating"];
};

function toParts(r: RawParts): DossierParts {
  return {
    log: r.log.map(({ action, at, reason, ...a }) => ({
      ...a,
      type: action,
      at: new Date(at),
      reason: reason ?? undefined,
    })),
    files: r.files.map((f) => ({ ...f, uploadedAt: new Date(f.uploadedAt) })),
    corrections: r.corrections.map((c) => ({ ...c, createdAt: new Date(c.createdAt) })),
    rating: r.rating,
  };
}

/**
 * The log, files, correction requests and rating of a dossier, in one statement. Inside a
 * command's transaction, read them after locking the row (`findDossier(q, id, true)`): the
 * statement's snapshot then holds everything committed before the lock was granted.
 */
export async function loadParts(q: Queryable, d: DossierKey): Promise<DossierParts> {
  const { rows } = await q.query<RawParts>(`select ${PARTS_COLUMNS}`, [d.provinceCode, d.id]);
  const r = rows[0];
  if (!r) throw new Error(`no parts for dossier ${d.id}`);
  return toParts(r);
}

/** A dossier and its parts in one statement (no lock: one snapshot holds both), or undefined. */
export async function findDossierRecord(q: Queryable, id: string): Promise<DossierRecord | undefined> {
  const province = await provinceOf(q, id);
  if (!province) return undefined;
  const { rows } = await q.query<DossierRow & RawParts>(
    `select ${DOSSIER_COLUMNS}, ${PARTS_COLUMNS} from dossiers d where d.province_code = $1 and d.id = $2`,
    [province, id],
  );
  const r = rows[0];
  if (!r) return undefined;
  const { log, files, corrections, rating, ...dossier } = r;
  return { dossier, parts: toParts({ log, files, corrections, rating }) };
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

/** A message for the outbox, written with the action that causes it. */
export type OutboxMessage = { topic: string; key: string; payload: Record<string, unknown> };

/**
 * The inserts of an action and its outbox messages, parameters from `$offset+1`, and their values.
 * With `after`, each inserts only when that CTE of the same statement returned a row.
 */
function actionInserts(
  offset: number,
  d: DossierKey,
  seq: number,
  a: DossierAction & { actorKind: string },
  messages: readonly OutboxMessage[],
  after?: string,
): { action: string; outbox: string | undefined; params: unknown[] } {
  const p = (i: number) => `$${offset + i}`;
  const when = after ? ` where exists (select 1 from ${after})` : "";
  const action = `insert into dossier_actions (dossier_id, seq, at, action, actor_kind, actor_id, actor_role, channel, reason, payload, province_code)
     select ${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((i) => `${p(i)}${i === 10 ? "::jsonb" : i === 3 ? "::timestamptz" : ""}`).join(", ")}${when}`;
  const rows = messages.map(
    (_, i) => `(${p(12 + 3 * i)}, ${p(13 + 3 * i)}, ${p(14 + 3 * i)}::jsonb, ${p(11)})`,
  );
  const outbox =
    messages.length === 0
      ? undefined
      : `insert into outbox (topic, key, payload, province_code)
     select * from (values ${rows.join(", ")}) as m(topic, key, payload, province_code)${when}`;
  return {
    action,
    outbox,
    params: [
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
      ...messages.flatMap((m) => [m.topic, m.key, JSON.stringify(m.payload)]),
    ],
  };
}

/**
 * Appends the action `seq` to the dossier's log and writes its outbox messages, in one statement
 * (the messages in the dossier's province, one shard on Citus).
 */
export async function appendAction(
  q: Queryable,
  d: DossierKey,
  seq: number,
  a: DossierAction & { actorKind: string },
  messages: readonly OutboxMessage[] = [],
): Promise<void> {
  const { action, outbox, params } = actionInserts(0, d, seq, a, messages);
  await q.query(outbox ? `with a as (${action}) ${outbox}` : action, params);
}

export async function enqueue(
  q: Queryable,
  topic: string,
  key: string,
  payload: Record<string, unknown>,
  provinceCode: string,
): Promise<void> {
  await q.query("insert into outbox (topic, key, payload, province_code) values ($1, $2, $3, $4)", [
    topic,
    key,
    JSON.stringify(payload),
    provinceCode,
  ]);
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
