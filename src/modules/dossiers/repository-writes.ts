import type { Queryable } from "../../db/client.js";
import { compiledOnce, first, qb, run, sql } from "../../db/query.js";
import type { Channel, DossierAction, Status } from "../../domain/lifecycle.js";
import { foldVietnamese } from "../../domain/text.js";
import {
  enqueue as enqueueMessage,
  type MessageArgs,
  messageArgs,
  type NewMessage,
  outboxInsert,
} from "../delivery/index.js";
import { DOSSIER_COLUMNS, type DossierKey, type DossierRow, type RefusedValue } from "./repository-reads.js";
import { recordReusedValues } from "./reused-values.js";

// SQL writing dossiers: the projection's update, the append-only log and the outbox (reads: repository-reads.ts).

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
