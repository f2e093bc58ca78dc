import type { Queryable } from "../../db/client.js";
import { first, qb, sql } from "../../db/query.js";
import type { Channel, DossierAction, Status } from "../../domain/lifecycle.js";
import { claimInsert, type KeyClaim } from "./idempotency.js";
import { DOSSIER_COLUMNS, type DossierKey, type DossierRow } from "./repository.js";

/**
 * The first statement of a start and of an action, each doing in one round trip what would
 * otherwise take several: the request's `Idempotency-Key` is claimed (a CTE) with the work. All
 * the tables they write are in the dossier's colocation group, each by the dossier's province: one
 * shard on Citus (docs/scaling.md). Outbox messages are written apart, by the delivery module.
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

/**
 * Starts a dossier in one statement: claims the request's key (`claim`, idempotency.ts
 * `claimInsert`), inserts the row and appends its first action, all in its province (one shard
 * on Citus). Returns the row as stored; undefined when the key was claimed before (nothing is
 * written: the caller answers with that request's dossier).
 */
export async function insertDossier(
  q: Queryable,
  d: NewDossier,
  a: DossierAction & { actorKind: string },
  claim?: KeyClaim,
): Promise<DossierRow | undefined> {
  const starts = qb
    .with("k", () => (claim ? claimInsert(d, claim) : qb.selectNoFrom(sql<string>`'no key'`.as("key"))))
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
              sql<string>`${d.id}::uuid`.as("id"),
              sql<string>`${d.procedureCode}::text`.as("procedure_code"),
              sql<number>`${d.procedureVersion}::int`.as("procedure_version"),
              sql<string>`${d.provinceCode}::text`.as("province_code"),
              sql<string | null>`${d.communeCode}::text`.as("commune_code"),
              sql<string>`${d.agencyCode}::text`.as("agency_code"),
              sql<string>`${d.applicantNumber}::bpchar`.as("applicant_number"),
              sql<string | null>`${d.applicantName}::text`.as("applicant_name"),
              sql<string | null>`${d.applicantSearchName}::text`.as("applicant_search_name"),
              sql<string>`${d.createdByKind}::text`.as("created_by_kind"),
              sql<string>`${d.createdBy}::text`.as("created_by"),
              sql<Channel>`${d.channel}::text`.as("channel"),
              sql<Status>`${d.status}::text`.as("status"),
              sql<string>`${JSON.stringify(d.form)}::jsonb`.as("form"),
              sql<string>`${JSON.stringify(d.prefill)}::jsonb`.as("prefill"),
              sql<string>`${JSON.stringify(d.components)}::jsonb`.as("components"),
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
              sql<Date>`${a.at}::timestamptz`.as("at"),
              sql<DossierAction["type"]>`${a.type}::text`.as("action"),
              sql<string>`${a.actorKind}::text`.as("actor_kind"),
              sql<string>`${a.actorId}::text`.as("actor_id"),
              sql<DossierAction["role"]>`${a.role}::text`.as("actor_role"),
              "d.channel",
              sql<string | null>`${a.reason ?? null}::text`.as("reason"),
              sql<string>`${JSON.stringify(a.payload ?? {})}::jsonb`.as("payload"),
              "d.province_code",
            ]),
        )
        .returning("seq"),
    )
    .selectFrom("d")
    .select(DOSSIER_COLUMNS)
    .$castTo<DossierRow>();
  return first(q, starts);
}

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
    qb
      .with("k", () => claimInsert(key, claim))
      .selectFrom("dossiers as d")
      .select((eb) => [eb.exists(eb.selectFrom("k").select("key")).as("claimed"), ...DOSSIER_COLUMNS])
      .where("d.province_code", "=", key.provinceCode)
      .where("d.id", "=", key.id)
      .forUpdate("d")
      .$castTo<DossierRow & { claimed: boolean }>(),
  );
  if (!row) return { dossier: undefined, claimed: true };
  const { claimed, ...dossier } = row;
  return { dossier, claimed };
}
