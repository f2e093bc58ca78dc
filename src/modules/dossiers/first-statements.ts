import type { Queryable } from "../../db/client.js";
import { compiledOnce, first, qb, sql } from "../../db/query.js";
import type { Channel, DossierAction, Status } from "../../domain/lifecycle.js";
import { type MessageArgs, messageArgs, type NewMessage, outboxInsert } from "../delivery/index.js";
import { claimInsert, type IdempotentRequest, type KeyClaim } from "./idempotency.js";
import { DOSSIER_COLUMNS, type DossierKey, type DossierRow } from "./repository-reads.js";

/**
 * The first statement of a start and of an action, each doing in one round trip what would
 * otherwise take several: the request's `Idempotency-Key` is claimed (a CTE) with the work. All
 * the tables they write are in the dossier's colocation group, each by the dossier's province: one
 * shard on Citus (docs/scaling.md). A start writes its outbox message in the same statement
 * (delivery's `outboxInsert`). Each is compiled once (`compiledOnce`): a call only binds values.
 */

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
> & { applicantName: string | null; applicantSearchName: string | null };

/** A request's key claim as flat values (`compiledOnce` binds flat arguments). */
type ClaimValues = { actorId: string; key: string; hash: string; operation: IdempotentRequest["operation"] };
const claimValues = (c: KeyClaim): ClaimValues => ({
  actorId: c.actorId,
  key: c.request.key,
  hash: c.request.hash,
  operation: c.request.operation,
});
const claimOf = (p: ClaimValues): KeyClaim => ({
  actorId: p.actorId,
  request: { key: p.key, hash: p.hash, operation: p.operation },
});

/** The values `insertDossier` binds: the row's, its first action's, the key's and the message's. */
type StartValues = {
  [K in keyof NewDossier]: NewDossier[K] extends Record<string, unknown> ? string : NewDossier[K];
} & {
  at: Date;
  action: DossierAction["type"];
  actorKind: string;
  actorId: string;
  role: DossierAction["role"];
  reason: string | null;
  payload: string;
} & Partial<ClaimValues & { claimActorId: string } & MessageArgs>;

/** The start statement, compiled once for each shape (with or without a key, with or without a message). */
function startStatement(withClaim: boolean, withMessage: boolean) {
  return compiledOnce((p: StartValues) => {
    const started = qb
      .with("k", () =>
        withClaim
          ? claimInsert(
              p,
              claimOf({
                actorId: p.claimActorId as string,
                key: p.key as string,
                hash: p.hash as string,
                operation: p.operation as IdempotentRequest["operation"],
              }),
            )
          : qb.selectNoFrom(sql<string>`'no key'`.as("key")),
      )
      .with("d", (db) =>
        db
          .insertInto("dossiers")
          .columns([
            "id",
            "procedure_code",
            "procedure_version",
            "province_code",
            "commune_code",
            "agency_code",
            "applicant_number",
            "applicant_name",
            "applicant_search_name",
            "created_by_kind",
            "created_by",
            "channel",
            "status",
            "form",
            "prefill",
            "components",
            "last_seq",
          ])
          // One row when this request holds the key (or has none), else none: nothing is written.
          .expression((eb) =>
            eb
              .selectFrom("k")
              .select([
                sql<string>`${p.id}::uuid`.as("id"),
                sql<string>`${p.procedureCode}::text`.as("procedure_code"),
                sql<number>`${p.procedureVersion}::int`.as("procedure_version"),
                sql<string>`${p.provinceCode}::text`.as("province_code"),
                sql<string | null>`${p.communeCode}::text`.as("commune_code"),
                sql<string>`${p.agencyCode}::text`.as("agency_code"),
                sql<string>`${p.applicantNumber}::bpchar`.as("applicant_number"),
                sql<string | null>`${p.applicantName}::text`.as("applicant_name"),
                sql<string | null>`${p.applicantSearchName}::text`.as("applicant_search_name"),
                sql<string>`${p.createdByKind}::text`.as("created_by_kind"),
                sql<string>`${p.createdBy}::text`.as("created_by"),
                sql<Channel>`${p.channel}::text`.as("channel"),
                sql<Status>`${p.status}::text`.as("status"),
                sql<string>`${p.form}::jsonb`.as("form"),
                sql<string>`${p.prefill}::jsonb`.as("prefill"),
                sql<string>`${p.components}::jsonb`.as("components"),
                sql<number>`1`.as("last_seq"),
              ]),
          )
          .returningAll(),
      )
      .with("a", (db) =>
        db
          .insertInto("dossier_actions")
          .columns([
            "dossier_id",
            "seq",
            "at",
            "action",
            "actor_kind",
            "actor_id",
            "actor_role",
            "channel",
            "reason",
            "payload",
            "province_code",
          ])
          .expression((eb) =>
            eb
              .selectFrom("d")
              .select([
                "d.id",
                sql<number>`1`.as("seq"),
                sql<Date>`${p.at}::timestamptz`.as("at"),
                sql<DossierAction["type"]>`${p.action}::text`.as("action"),
                sql<string>`${p.actorKind}::text`.as("actor_kind"),
                sql<string>`${p.actorId}::text`.as("actor_id"),
                sql<DossierAction["role"]>`${p.role}::text`.as("actor_role"),
                "d.channel",
                sql<string | null>`${p.reason}::text`.as("reason"),
                sql<string>`${p.payload}::jsonb`.as("payload"),
                "d.province_code",
              ]),
          )
          .returning("seq"),
      );
    // The message's CTE adds nothing the final select reads: the builder's type stays the start's.
    const told = withMessage
      ? (started.with("o", () => outboxInsert(p as MessageArgs, "d")) as unknown as typeof started)
      : started;
    return told.selectFrom("d").select(DOSSIER_COLUMNS).$castTo<DossierRow>();
  });
}
const startStatements = new Map<string, ReturnType<typeof startStatement>>();

/**
 * Starts a dossier in one statement: claims the request's key (`claim`, idempotency.ts
 * `claimInsert`), inserts the row, appends its first action and writes the outbox message that
 * tells of it (`message`), all in its province (one shard on Citus). Returns the row as stored;
 * undefined when the key was claimed before (nothing is written: the caller answers with that
 * request's dossier).
 */
export async function insertDossier(
  q: Queryable,
  d: NewDossier,
  a: DossierAction & { actorKind: string },
  claim?: KeyClaim,
  message?: NewMessage,
): Promise<DossierRow | undefined> {
  const shape = `${claim !== undefined}:${message !== undefined}`;
  let statement = startStatements.get(shape);
  if (!statement) {
    statement = startStatement(claim !== undefined, message !== undefined);
    startStatements.set(shape, statement);
  }
  const c = claim && claimValues(claim);
  return first(
    q,
    statement({
      ...d,
      form: JSON.stringify(d.form),
      prefill: JSON.stringify(d.prefill),
      components: JSON.stringify(d.components),
      at: a.at,
      action: a.type,
      actorKind: a.actorKind,
      actorId: a.actorId,
      role: a.role,
      reason: a.reason ?? null,
      payload: JSON.stringify(a.payload ?? {}),
      ...(c ? { claimActorId: c.actorId, key: c.key, hash: c.hash, operation: c.operation } : {}),
      ...(message ? messageArgs(message) : {}),
    }),
  );
}

/** The lock statement: the key claimed, the row locked by its full key. */
const lockStatement = compiledOnce((p: { provinceCode: string; id: string } & ClaimValues) =>
  qb
    .with("k", () => claimInsert(p, claimOf(p)))
    .selectFrom("dossiers as d")
    .select((eb) => [eb.exists(eb.selectFrom("k").select("key")).as("claimed"), ...DOSSIER_COLUMNS])
    .where("d.province_code", "=", p.provinceCode)
    .where("d.id", "=", p.id)
    .forUpdate("d")
    .$castTo<DossierRow & { claimed: boolean }>(),
);

/**
 * Locks a dossier's row for an action (`… for update`, by its full key) and claims the request's
 * key in the same statement. `claimed` is false when the key was claimed before (the caller
 * answers with that request's dossier); the dossier is undefined when there is none.
 */
export async function lockDossier(
  q: Queryable,
  key: DossierKey,
  claim: KeyClaim,
): Promise<{ dossier: DossierRow | undefined; claimed: boolean }> {
  const row = await first(
    q,
    lockStatement({ provinceCode: key.provinceCode, id: key.id, ...claimValues(claim) }),
  );
  if (!row) return { dossier: undefined, claimed: true };
  const { claimed, ...dossier } = row;
  return { dossier, claimed };
}
