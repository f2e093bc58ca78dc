// Over 400 lines: the dossiers projection's reads and writes together (one row shape, one place for its columns); to split reads from writes next.
import type { Queryable } from "../../db/client.js";
import { all, compiledOnce, first, qb, run, sql } from "../../db/query.js";
import type { Channel, DossierAction, Status } from "../../domain/lifecycle.js";
import { foldVietnamese } from "../../domain/text.js";
import { provinceOfId } from "../../kernel/locality.js";
import {
  enqueue as enqueueMessage,
  type MessageArgs,
  messageArgs,
  type NewMessage,
  outboxInsert,
} from "../delivery/index.js";
import type { PrefilledValue } from "./prefill.js";
import { recordReusedValues } from "./reused-values.js";

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
  /** A draft's values the form refused, kept with their message (migration 352); never answers. */
  refused: Record<string, RefusedValue>;
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

/** A value the form refused, as typed, with what refused it (shown again with the draft). */
export type RefusedValue = {
  value: string | number | boolean | null;
  code?: string | undefined;
  messageVi: string;
  messageEn: string;
};

/** The projection row as `DossierRow` names it, over `dossiers as d`. */
export const DOSSIER_COLUMNS = [
  "d.id",
  "d.code",
  "d.procedure_code as procedureCode",
  "d.procedure_version as procedureVersion",
  "d.province_code as provinceCode",
  "d.commune_code as communeCode",
  "d.agency_code as agencyCode",
  "d.applicant_number as applicantNumber",
  "d.applicant_name as applicantName",
  "d.created_by_kind as createdByKind",
  "d.created_by as createdBy",
  "d.channel",
  "d.status",
  "d.form",
  "d.refused",
  "d.prefill",
  "d.components",
  "d.fields_total as fieldsTotal",
  "d.fields_prefilled as fieldsPrefilled",
  "d.fields_typed as fieldsTyped",
  "d.components_replaced as componentsReplaced",
  "d.fee_amount as feeAmount",
  "d.submitted_at as submittedAt",
  "d.received_at as receivedAt",
  "d.due_at as dueAt",
  "d.near_due_at as nearDueAt",
  "d.finished_at as finishedAt",
  "d.decided_at as decidedAt",
  "d.supplement_requests as supplementRequests",
  "d.last_seq as lastSeq",
  "d.assignee",
  "d.created_at as createdAt",
  "d.updated_at as updatedAt",
] as const;

/** The projection rows, built once (builders are immutable; this halves the cost of each lookup). */
const dossierRows = qb.selectFrom("dossiers as d").select(DOSSIER_COLUMNS);

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
  refused: Record<string, RefusedValue>;
  prefill: Record<string, unknown>;
  components: Record<string, unknown>;
  communeCode: string | null;
  agencyCode: string;
  /** The applicant's full name (its folded search form is written with it). */
  applicantName: string;
  feeAmount: number;
  fieldsTotal: number;
  fieldsPrefilled: number;
  fieldsTyped: number;
  componentsReplaced: number;
  dueAt: Date;
  nearDueAt: Date;
  assignee: string | null;
}>;

const json = (v: unknown) => (v === undefined ? undefined : JSON.stringify(v));

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
  const values: ProjectionValues = {
    status: state.status,
    submitted_at: state.submittedAt,
    received_at: state.receivedAt,
    finished_at: state.finishedAt,
    decided_at: state.decidedAt,
    supplement_requests: state.supplementRequests,
    last_seq: state.lastSeq,
    // The listed changes; one left undefined is not written.
    code: changes.code,
    form: json(changes.form),
    spouse_head_number: changes.form === undefined ? undefined : spouseHeadNumber(state.status, changes.form),
    refused: json(changes.refused),
    prefill: json(changes.prefill),
    components: json(changes.components),
    commune_code: changes.communeCode,
    agency_code: changes.agencyCode,
    applicant_name: changes.applicantName,
    applicant_search_name:
      changes.applicantName === undefined ? undefined : foldVietnamese(changes.applicantName),
    fee_amount: changes.feeAmount,
    fields_total: changes.fieldsTotal,
    fields_prefilled: changes.fieldsPrefilled,
    fields_typed: changes.fieldsTyped,
    components_replaced: changes.componentsReplaced,
    due_at: changes.dueAt,
    near_due_at: changes.nearDueAt,
    assignee: changes.assignee,
  };
  const written = (Object.keys(values) as Array<keyof ProjectionValues>).filter(
    (k) => values[k] !== undefined,
  );
  const shape = written.join(",");
  let statement = projectionStatements.get(shape);
  if (!statement) {
    statement = projectionStatement(written);
    projectionStatements.set(shape, statement);
  }
  const row = await first(q, statement({ ...values, key_province: d.provinceCode, key_id: d.id }));
  if (!row) throw new Error(`dossier ${d.id} vanished inside its transaction`);
  // An open dossier's reused registry values, indexed by person for correction alerts.
  if (state.status !== "draft" && (changes.prefill !== undefined || state.status === "submitted"))
    await recordReusedValues(q, d, changes.prefill ?? row.prefill, row.updatedAt);
  return row;
}

/**
 * The head whose consent a submitted request into a spouse's household waits on (its form's
 * `household.headNumber`, 1.004222 `join_spouse_household`), kept in a column of its own for the
 * head's list: null for a draft and any other form, so a saved draft leaves the indexed column
 * unchanged and its update heap-only (migration 364).
 */
function spouseHeadNumber(status: Status, form: Record<string, unknown>): string | null {
  const head = form["household.headNumber"];
  return status !== "draft" && form.request === "join_spouse_household" && typeof head === "string"
    ? head
    : null;
}

/** The columns `updateProjection` may write, as bound (JSON as text). */
type ProjectionValues = {
  status: Status;
  submitted_at: Date | null;
  received_at: Date | null;
  finished_at: Date | null;
  decided_at: Date | null;
  supplement_requests: number;
  last_seq: number;
  code?: string | null | undefined;
  form?: string | undefined;
  refused?: string | undefined;
  prefill?: string | undefined;
  components?: string | undefined;
  commune_code?: string | null | undefined;
  agency_code?: string | undefined;
  applicant_name?: string | undefined;
  applicant_search_name?: string | undefined;
  spouse_head_number?: string | null | undefined;
  fee_amount?: number | undefined;
  fields_total?: number | undefined;
  fields_prefilled?: number | undefined;
  fields_typed?: number | undefined;
  components_replaced?: number | undefined;
  due_at?: Date | undefined;
  near_due_at?: Date | undefined;
  assignee?: string | null | undefined;
};

/** The projection's update writing the columns `written`, compiled once per set of columns. */
function projectionStatement(written: Array<keyof ProjectionValues>) {
  return compiledOnce((p: ProjectionValues & { key_province: string; key_id: string }) =>
    qb
      .updateTable("dossiers as d")
      .set({
        ...Object.fromEntries(written.map((k) => [k, p[k]])),
        updated_at: sql<Date>`now()`,
      })
      .where("d.province_code", "=", p.key_province)
      .where("d.id", "=", p.key_id)
      .returning(DOSSIER_COLUMNS)
      .$castTo<DossierRow>(),
  );
}
const projectionStatements = new Map<string, ReturnType<typeof projectionStatement>>();

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
  return first(
    q,
    dossierRows
      .where("d.province_code", "=", province)
      .where("d.id", "=", id)
      .$if(forUpdate, (s) => s.forUpdate())
      .$castTo<DossierRow>(),
  );
}

/**
 * Where a dossier stands as the platform reads it, for another module's rule (a linked step filed
 * on its own: is it still a draft?): its status and code, no principal, no read logged; undefined
 * when there is no such dossier.
 */
export async function dossierStanding(
  q: Queryable,
  id: string,
): Promise<Pick<DossierRow, "id" | "status" | "code"> | undefined> {
  const d = await findDossier(q, id);
  return d ? { id: d.id, status: d.status, code: d.code } : undefined;
}

/** The province of a dossier: the one its id carries, else looked up by id (see `findDossier`). */
export async function provinceOf(q: Queryable, id: string): Promise<string | undefined> {
  const province = provinceOfId(id);
  if (province) return province;
  return (await first(q, qb.selectFrom("dossiers").select("province_code").where("id", "=", id)))
    ?.province_code;
}

export type LoggedAction = DossierAction & { seq: number; actorKind: string };

export async function loadLog(q: Queryable, d: DossierKey): Promise<LoggedAction[]> {
  const rows = await all(
    q,
    qb
      .selectFrom("dossier_actions")
      .select(["seq", "at", "action", "actor_kind", "actor_id", "actor_role", "channel", "reason", "payload"])
      .where("province_code", "=", d.provinceCode)
      .where("dossier_id", "=", d.id)
      .orderBy("seq"),
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

/** The values `appendAction` binds: the action's row, and its message's (`message_` names). */
type ActionValues = Partial<MessageArgs> & {
  dossierId: string;
  seq: number;
  at: Date;
  action: DossierAction["type"];
  actorKind: string;
  actorId: string;
  role: DossierAction["role"];
  channel: Channel;
  reason: string | null;
  payload: string;
  provinceCode: string;
};
const actionInsert = (p: ActionValues) =>
  qb.insertInto("dossier_actions").values({
    dossier_id: p.dossierId,
    seq: p.seq,
    at: p.at,
    action: p.action,
    actor_kind: p.actorKind,
    actor_id: p.actorId,
    actor_role: p.role,
    channel: p.channel,
    reason: p.reason,
    payload: p.payload,
    province_code: p.provinceCode,
  });
const appendStatement = compiledOnce((p: ActionValues) => actionInsert(p));
/** The action and its message in one statement: the message is written once the action is. */
const appendToldStatement = compiledOnce((p: ActionValues) =>
  qb
    .with("a", () => actionInsert(p).returning("seq"))
    .with("o", () => outboxInsert(p as MessageArgs, "a"))
    .selectFrom("a")
    .select("a.seq"),
);
/** A second message's values, named apart from the first's (`notice_…` for `message_…`). */
type NoticeArgs = {
  [K in keyof MessageArgs as K extends `message_${infer R}` ? `notice_${R}` : never]: MessageArgs[K];
};
const asNotice = (m: MessageArgs): NoticeArgs =>
  Object.fromEntries(Object.entries(m).map(([k, v]) => [k.replace(/^message_/, "notice_"), v])) as NoticeArgs;
/** The action and two messages (what happened, and the citizen's notice of it) in one statement. */
const appendToldTwiceStatement = compiledOnce((p: ActionValues & MessageArgs & NoticeArgs) =>
  qb
    .with("a", () => actionInsert(p).returning("seq"))
    .with("o", () => outboxInsert(p, "a"))
    .with("n", () =>
      outboxInsert(
        {
          message_topic: p.notice_topic,
          message_key: p.notice_key,
          message_payload: p.notice_payload,
          message_provinceCode: p.notice_provinceCode,
          message_at: p.notice_at,
          message_dossierCode: p.notice_dossierCode,
          message_redactedPayload: p.notice_redactedPayload,
        },
        "o",
      ),
    )
    .selectFrom("a")
    .select("a.seq"),
);

/**
 * Appends the action `seq` to the dossier's log, with the outbox messages that tell of it
 * (`messages`, delivery's `outboxInsert`: what happened, then the citizen's notice of it) in the
 * same statement: one statement whatever their number (0, 1 or 2), written in that order.
 */
export async function appendAction(
  q: Queryable,
  d: DossierKey,
  seq: number,
  a: DossierAction & { actorKind: string },
  messages: readonly NewMessage[] = [],
): Promise<void> {
  const values = {
    dossierId: d.id,
    seq,
    at: a.at,
    action: a.type,
    actorKind: a.actorKind,
    actorId: a.actorId,
    role: a.role,
    channel: a.channel,
    reason: a.reason ?? null,
    payload: JSON.stringify(a.payload ?? {}),
    provinceCode: d.provinceCode,
  };
  const [first, second, ...more] = messages;
  if (more.length > 0) throw new Error("appendAction: at most two messages");
  if (first && second)
    await run(
      q,
      appendToldTwiceStatement({ ...values, ...messageArgs(first), ...asNotice(messageArgs(second)) }),
    );
  else if (first) await run(q, appendToldStatement({ ...values, ...messageArgs(first) }));
  else await run(q, appendStatement(values));
}

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
